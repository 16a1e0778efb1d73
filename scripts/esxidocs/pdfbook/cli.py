"""Command line: write the PDF book of every language into a built site."""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from esxidocs import cliargs
from esxidocs.pdfbook.book import PAGE_SIZES, assemble
from esxidocs.pdfbook.cache import BookCache
from esxidocs.pdfbook.glyphs import describe, missing_glyphs
from esxidocs.pdfbook.provenance import Provenance, read_provenance
from esxidocs.pdfbook.render import render_pdf
from esxidocs.pdfbook.settings import BookSettings, load_settings


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


def _write_book(
    site: Path,
    settings: BookSettings,
    provenance: Provenance,
    page_size: str,
    keep_html: bool,
    cache: BookCache,
) -> tuple[int, str]:
    """One language's book: (exit status, the line to print)."""
    start = time.perf_counter()
    book = assemble(site, settings, provenance, page_size)
    missing = missing_glyphs(book.text)
    if missing:
        return 1, f"{settings.lang}: no glyph for {describe(missing)}"
    target = site / settings.pdf_path
    cached = cache.fetch(book.html, site, target)
    if not cached:
        cache.store(book.html, target, render_pdf(book.html, site, target))
    if keep_html:
        target.with_suffix(".html").write_text(book.html, encoding="utf-8")
    elapsed = time.perf_counter() - start
    size = target.stat().st_size / 1024
    how = "unchanged, from the build cache" if cached else f"{elapsed:.1f} s"
    return 0, f"wrote {target} ({size:.0f} KiB, {how})"


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.page_size not in PAGE_SIZES:
        parser.error(f"PDF_PAGE_SIZE must be one of {', '.join(sorted(PAGE_SIZES))}")
    site: Path = args.site_dir
    if not (site / "index.html").is_file():
        parser.error(f"{site} is not a built site (no index.html)")
    provenance = read_provenance(args.config.resolve().parent)
    books = [s for s in load_settings(args.config) if not args.lang or s.lang in args.lang]
    cache = BookCache.for_config(args.config)
    jobs = [(site, settings, provenance, args.page_size, args.html, cache) for settings in books]
    # The books are independent, and WeasyPrint holds Python's lock: one process each, on
    # as many cores as there are (the real site's two books: 13 s one after the other,
    # 8 side by side on two cores). Forked, not spawned: this process has no threads
    # yet, and a child then needs neither a fresh interpreter nor WeasyPrint imported again.
    workers = min(len(jobs), len(os.sched_getaffinity(0)))
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            results = list(pool.map(_write_book, *zip(*jobs, strict=True)))
    else:
        results = [_write_book(*job) for job in jobs]
    for _, line in results:
        cliargs.say("pdf", line)
    return max((status for status, _ in results), default=0)
