"""Assemble one language's HTML book: cover, contents, then every page in nav order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from esxidocs.pdfbook.appendix import is_linking_page, set_appendix
from esxidocs.pdfbook.breaks import set_breaks
from esxidocs.pdfbook.chapters import Chapter, load_chapter, page_file, set_as_reference
from esxidocs.pdfbook.jinja import TEMPLATES, environment
from esxidocs.pdfbook.links import prefix_ids, rewrite_links
from esxidocs.pdfbook.provenance import Provenance
from esxidocs.pdfbook.settings import BookSettings
from esxidocs.pdfbook.svg import vector_diagrams

PAGE_SIZES = {"a4": "A4", "letter": "letter"}
# Pages whose h2s are entries (glossary terms), not sections: the contents list only the
# page, and the entries are set in two columns.
REFERENCE_PAGES = ("glossary.md",)


@dataclass(frozen=True)
class Book:
    settings: BookSettings
    chapters: list[Chapter]
    html: str

    @property
    def text(self) -> str:
        """Every character the book prints, diagrams included."""
        body = BeautifulSoup(self.html, "html.parser").body
        return body.get_text() if body else ""


def load_chapters(site: Path, settings: BookSettings) -> list[Chapter]:
    """Every page of the language in nav order, with ids and links made book-wide."""
    chapters = []
    for name in settings.nav:
        url = settings.page_url(name)
        chapter = load_chapter(site, name, url, settings.site_name)
        if name in REFERENCE_PAGES:
            set_as_reference(chapter)
        vector_diagrams(chapter.body, page_file(site, url).parent, site)
        chapters.append(chapter)
    # The linking page's URL tables stay on the site; it needs the other pages' own ids.
    for chapter in chapters:
        if is_linking_page(chapter):
            set_appendix(chapter, chapters, settings)
    by_url = {chapter.url: chapter for chapter in chapters}
    site_root = settings.site_url.removesuffix(settings.prefix)
    for chapter in chapters:
        prefix_ids(chapter)
    for chapter in chapters:
        rewrite_links(chapter, by_url, site_root)
        set_breaks(chapter.body)
    return chapters


def assemble(site: Path, settings: BookSettings, provenance: Provenance, page_size: str) -> Book:
    chapters = load_chapters(site, settings)
    strings = settings.strings
    html = (
        environment()
        .get_template("book.html.j2")
        .render(
            book=settings,
            strings=strings,
            provenance=provenance,
            date=strings.format_date(provenance.date),
            chapters=chapters,
            page_size=PAGE_SIZES[page_size],
            print_css=(TEMPLATES / "print.css").read_text(encoding="utf-8"),
        )
    )
    return Book(settings, chapters, html)
