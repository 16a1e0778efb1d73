#!/usr/bin/env python3
"""Validate the documentation sources and, optionally, the built site.

    python scripts/validate.py [--config mkdocs.yml] [--site DIR] [--external]
                               [--format text|json|github]

See `--help` for every option and the list of problem codes (scripts/validator/codes.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Run as a script: make the sibling `validator` package and shared modules importable.
sys.path.insert(0, str(Path(__file__).resolve().parent))

from validator.cli import main

if __name__ == "__main__":
    sys.exit(main())
