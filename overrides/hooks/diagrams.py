"""Placeholder: the diagram hook (issue 3) inlines generated SVG diagrams into pages."""
