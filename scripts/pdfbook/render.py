"""Render an HTML book to a tagged, reproducible PDF with WeasyPrint."""

from __future__ import annotations

import hashlib
from pathlib import Path

from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]

# PDF/UA-1 gives a tagged PDF (structure tree, MarkInfo, /Lang, DisplayDocTitle) that
# screen readers follow.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(html: str, base: Path, target: Path) -> None:
    """Write `html` as a PDF; identical input gives identical bytes."""
    # Only local files: a book built offline must not depend on, or leak to, the network.
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    document = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The file identifier is derived from the HTML, not random, so rebuilds match.
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document.write_pdf(target, pdf_variant=PDF_VARIANT, pdf_identifier=identifier)
