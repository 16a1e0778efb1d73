"""Command line: write the PDF book of every language into a built site."""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from esxidocs import cliargs
from esxidocs.pdfbook.book import PAGE_SIZES, assemble
from esxidocs.pdfbook.glyphs import describe, missing_glyphs
from esxidocs.pdfbook.provenance import read_provenance
from esxidocs.pdfbook.render import render_pdf
from esxidocs.pdfbook.settings import load_settings


def _parser() -> argparse.ArgumentParser:
    parser = cliargs.parser(
        "pdf",
        "Write one PDF book per language into a built site, at the path that "
        "`artefacts.pdf` in docs/_data/site.yml gives.",
    )
    cliargs.add_site_dir(parser)
    cliargs.add_config(parser)
    parser.add_argument(
        "--page-size",
        choices=sorted(PAGE_SIZES),
        default=os.environ.get("PDF_PAGE_SIZE", "a4").lower(),
        help="paper size (default: $PDF_PAGE_SIZE or a4)",
    )
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--html", action="store_true", help="also keep the HTML of each book")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.page_size not in PAGE_SIZES:
        parser.error(f"PDF_PAGE_SIZE must be one of {', '.join(sorted(PAGE_SIZES))}")
    site: Path = args.site_dir
    if not (site / "index.html").is_file():
        parser.error(f"{site} is not a built site (no index.html)")
    provenance = read_provenance(args.config.resolve().parent)
    for settings in load_settings(args.config):
        if args.lang and settings.lang not in args.lang:
            continue
        start = time.perf_counter()
        book = assemble(site, settings, provenance, args.page_size)
        missing = missing_glyphs(book.text)
        if missing:
            cliargs.say("pdf", f"{settings.lang}: no glyph for {describe(missing)}")
            return 1
        target = site / settings.pdf_path
        render_pdf(book.html, site, target)
        if args.html:
            target.with_suffix(".html").write_text(book.html, encoding="utf-8")
        elapsed = time.perf_counter() - start
        size = target.stat().st_size / 1024
        cliargs.say("pdf", f"wrote {target} ({size:.0f} KiB, {elapsed:.1f} s)")
    return 0
