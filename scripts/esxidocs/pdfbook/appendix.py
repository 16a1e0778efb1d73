"""The linking page on paper: one page with the site's addresses and how to link to them.

On the site, "Enlazar a esta guía" / "Linking to this guide" lists every stable address
with ready-to-paste wiki links (`esxidocs/stages/linking.py` fills it from
`docs/_data/permalinks.yml`); printed, that was five pages of URL tables nobody can click
or copy from paper. The book keeps the page's title and sets in its place a short
appendix in the book's language (its words: `pdf.appendix` in docs/_data/site.yml): where
the guide is online, where this PDF and the full list of addresses are, and how a section
is linked, with a real example.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from esxidocs.pdfbook.chapters import Chapter
from esxidocs.pdfbook.jinja import environment
from esxidocs.pdfbook.settings import BookSettings

# What `esxidocs/stages/linking.py` wraps the permalink tables in.
PERMALINKS = "div.permalinks"


def is_linking_page(chapter: Chapter) -> bool:
    return chapter.body.select_one(PERMALINKS) is not None


def _example(chapters: list[Chapter], home: str) -> tuple[Chapter, str, str] | None:
    """The first section of the first page after the home page: (page, id, title)."""
    for chapter in chapters:
        if chapter.url == home or is_linking_page(chapter):
            continue
        for heading in chapter.body.find_all("h2", id=True):
            return chapter, str(heading["id"]), " ".join(heading.get_text().split())
    return None


def set_appendix(chapter: Chapter, chapters: list[Chapter], settings: BookSettings) -> None:
    """Replace the chapter's body after its title by the appendix. Call before prefix_ids."""
    root = settings.site_url.removesuffix(settings.prefix)
    text = settings.strings.appendix
    rows = (
        (text.online, settings.site_url),
        (text.pdf, root + settings.pdf_path),
        (text.every_address, root + chapter.url),
    )
    example = _example(chapters, settings.prefix)
    found = None
    if example is not None:
        page, anchor, section = example
        found = {"section": section, "page": page.title, "url": f"{root}{page.url}#{anchor}"}
    html = (
        environment()
        .get_template("appendix.html.j2")
        .render(text=text, title=chapter.title, rows=rows, example=found)
    )
    title = chapter.body.find("h1")
    body = BeautifulSoup("", "html.parser").new_tag("div", attrs={"class": "appendix"})
    body.extend(list(BeautifulSoup(html, "html.parser").contents))
    chapter.body.clear()
    if isinstance(title, Tag):
        chapter.body.append(title)
    chapter.body.append(body)
