"""Ids and links inside the book.

Every page keeps its own ids on the site, so two chapters may share one (`#overview`).
In the book each id gets its chapter's prefix, and links between pages
(`../scratch/#persistence`) become links inside the PDF (`#ch-scratch--persistence`).
Other relative links (assets, the other language) become absolute site URLs.
"""

from __future__ import annotations

import sys
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, NavigableString, Tag

from esxidocs.pdfbook.breaks import breakable_url
from esxidocs.pdfbook.chapters import Chapter

# Base that turns site-relative URLs into absolute ones that urljoin can resolve.
_ROOT = "http://site.invalid/"


def prefix_ids(chapter: Chapter) -> None:
    """Make the chapter's ids unique in the book; record them for link rewriting."""
    for element in chapter.body.find_all(id=True):
        if element.find_parent("svg") is not None or element.name == "svg":
            continue  # an inline SVG is rendered on its own: its ids stay local to it
        old = str(element["id"])
        new = f"{chapter.anchor}--{old}"
        element["id"] = new
        chapter.ids[old] = new
    for heading in chapter.body.find_all("h2"):
        if heading.get("id"):
            chapter.sections.append((str(heading["id"]), " ".join(heading.get_text().split())))


def _page_path(url: str) -> str:
    """Site-relative page path of a resolved URL: "en/scratch/" for ".../index.html" too."""
    path = urlsplit(url).path.removeprefix("/")
    return path.removesuffix("index.html")


def _target(href: str, chapter: Chapter, by_url: dict[str, Chapter], site_url: str) -> str:
    if href.startswith("#"):
        return _anchor(chapter, href[1:])
    absolute = urljoin(_ROOT + chapter.url, href)
    if not absolute.startswith(_ROOT):
        return href  # external (https:, mailto:)
    target = by_url.get(_page_path(absolute))
    if target is None:
        return site_url + absolute.removeprefix(_ROOT)
    return _anchor(target, urlsplit(absolute).fragment)


def _anchor(chapter: Chapter, fragment: str) -> str:
    if not fragment:
        return f"#{chapter.anchor}"
    if fragment not in chapter.ids:
        print(
            f"pdf: {chapter.url}#{fragment} does not exist; linking to the chapter", file=sys.stderr
        )
        return f"#{chapter.anchor}"
    return f"#{chapter.ids[fragment]}"


def show_address(link: Tag, url: str, soup: BeautifulSoup) -> None:
    """On paper the reader needs the address itself: print it, breakable, after the text.

    A link whose text is already its address gets the same break opportunities instead.
    """
    if link.get_text(strip=True) == url:
        link.string = breakable_url(url)
        return
    shown = soup.new_tag("span", attrs={"class": "href"})
    shown.string = f"({breakable_url(url)})"
    link.extend([NavigableString(" "), shown])


def rewrite_links(chapter: Chapter, by_url: dict[str, Chapter], site_url: str) -> None:
    """Point every link of the chapter inside the book, or at an absolute URL."""
    soup = BeautifulSoup("", "html.parser")
    for link in chapter.body.find_all("a", href=True):
        if link.find_parent("svg") is not None:
            continue
        href = str(link["href"])
        new = _target(href, chapter, by_url, site_url)
        link["href"] = new
        if not new.startswith("#"):
            show_address(link, new, soup)
