"""Measure the PDF book: time and size per language, and what each option costs.

Usage: esxidocs bench-pdf --site-dir /tmp/pdf-site [--config mkdocs.yml] (a built site).
Renders each language's book with the chosen options (PDF/UA-1, subset fonts) and with
alternatives, into a temporary folder; the site itself is not touched.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]

from esxidocs import cliargs
from esxidocs.pdfbook.book import assemble
from esxidocs.pdfbook.provenance import read_provenance
from esxidocs.pdfbook.settings import load_settings

VARIANTS: dict[str, dict[str, Any]] = {
    "chosen: pdf/ua-1, subset fonts": {"pdf_variant": "pdf/ua-1"},
    "tags only (pdf_tags)": {"pdf_tags": True},
    "untagged": {},
    "pdf/ua-1, full fonts": {"pdf_variant": "pdf/ua-1", "full_fonts": True},
}


def main(argv: list[str] | None = None) -> int:
    parser = cliargs.parser("bench-pdf", __doc__.splitlines()[0])
    cliargs.add_site_dir(parser)
    cliargs.add_config(parser)
    parser.add_argument("--runs", type=int, default=2, help="renders per measure (best kept)")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir} is not a built site (no index.html)")
    provenance = read_provenance(args.config.resolve().parent)
    print(f"{'lang':5} {'variant':34} {'assemble s':>10} {'render s':>9} {'KiB':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for settings in load_settings(args.config):
            start = time.perf_counter()
            book = assemble(args.site_dir, settings, provenance, "a4")
            assembled = time.perf_counter() - start
            for name, options in VARIANTS.items():
                target = Path(tmp) / f"{settings.lang}.pdf"
                best = float("inf")
                for _ in range(args.runs):
                    start = time.perf_counter()
                    fetcher = URLFetcher(allowed_protocols=("file", "data"))
                    base = args.site_dir.resolve().as_uri() + "/"
                    HTML(string=book.html, base_url=base, url_fetcher=fetcher).write_pdf(
                        target, **options
                    )
                    best = min(best, time.perf_counter() - start)
                size = target.stat().st_size / 1024
                print(f"{settings.lang:5} {name:34} {assembled:10.2f} {best:9.2f} {size:7.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
