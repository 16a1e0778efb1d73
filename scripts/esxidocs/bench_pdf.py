"""Measure the PDF book: time and size per language, and what each option costs.

Usage: .venv/bin/python esxidocs/bench_pdf.py --site-dir /tmp/pdf-site (a built site).
Renders each language's book with the chosen options (PDF/UA-1, subset fonts) and with
alternatives, into a temporary folder; the site itself is not touched.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]

from esxidocs.pdfbook.book import assemble
from esxidocs.pdfbook.provenance import read_provenance
from esxidocs.pdfbook.settings import load_settings

ROOT = Path(__file__).resolve().parents[2]  # the project: scripts/esxidocs/..

VARIANTS: dict[str, dict[str, Any]] = {
    "chosen: pdf/ua-1, subset fonts": {"pdf_variant": "pdf/ua-1"},
    "tags only (pdf_tags)": {"pdf_tags": True},
    "untagged": {},
    "pdf/ua-1, full fonts": {"pdf_variant": "pdf/ua-1", "full_fonts": True},
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site"))
    parser.add_argument("--runs", type=int, default=2, help="renders per measure (best kept)")
    args = parser.parse_args(argv)
    provenance = read_provenance(ROOT)
    print(f"{'lang':5} {'variant':34} {'assemble s':>10} {'render s':>9} {'KiB':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for settings in load_settings(ROOT / "mkdocs.yml"):
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
