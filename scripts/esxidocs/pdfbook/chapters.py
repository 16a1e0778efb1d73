"""Turn one built page into a chapter: its article, without the site's chrome."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup, Tag
from bs4.element import AttributeValueList

# Site chrome inside the article that means nothing on paper.
CHROME = (
    "a.headerlink",  # permalink ¶
    ".md-content__button",  # edit / download actions
    ".md-source-file",
    ".md-tags",
    ".md-feedback",
    "script",
    "form",
    ".screen-only",  # e.g. the linking page's ready-to-paste wiki snippets
)
# Markup that loads or embeds other files (the validator refuses it in pages, README "Raw
# HTML policy"): a `<link rel="attachment">` would put a file inside the PDF.
EMBEDDING = ("link", "base", "meta", "iframe", "frame", "object", "embed")


@dataclass
class Chapter:
    name: str  # nav file name, e.g. "scratch.md"
    url: str  # site-relative URL, e.g. "en/scratch/"
    anchor: str  # id of the chapter in the book, e.g. "ch-scratch"
    title: str  # the page title, as in the site's <title>
    body: Tag  # the cleaned <article>
    ids: dict[str, str] = field(default_factory=dict)  # page id -> book id
    sections: list[tuple[str, str]] = field(default_factory=list)  # (book id, h2 text)
    reference: bool = False  # h2s are entries (glossary terms), not sections


def set_as_reference(chapter: Chapter) -> None:
    """Group the entries (first h2 to the end) so print CSS can set them in columns."""
    chapter.reference = True
    first = chapter.body.find("h2")
    if not isinstance(first, Tag):
        return
    entries = [first, *first.find_next_siblings()]
    wrapper = BeautifulSoup("", "html.parser").new_tag("div", attrs={"class": "entries"})
    first.wrap(wrapper)
    for element in entries[1:]:
        wrapper.append(element.extract())


def add_class(tag: Tag, name: str) -> None:
    classes = [str(value) for value in tag.get_attribute_list("class") if value]
    tag["class"] = AttributeValueList([*classes, name])


def page_file(site: Path, url: str) -> Path:
    return site / url / "index.html"


def _page_title(soup: BeautifulSoup, site_name: str) -> str:
    # Material writes "<page title> - <site name>"; the page title is MkDocs' own
    # (front matter `title`, else the first heading), the same one the nav shows.
    title_tag = soup.find("title")
    title = title_tag.get_text().strip() if title_tag else ""
    suffix = f" - {site_name}"
    if title.endswith(suffix):
        return title.removesuffix(suffix)
    heading = soup.select_one("article h1")
    return heading.get_text().strip() if heading else title


def _paper_details(body: Tag, soup: BeautifulSoup) -> None:
    """Collapsible blocks print open, styled as the admonitions they are on the site."""
    for details in body.find_all("details"):
        details.name = "div"
        add_class(details, "admonition")
        details.attrs.pop("open", None)
        summary = details.find("summary", recursive=False)
        if isinstance(summary, Tag):
            summary.name = "p"
            summary["class"] = AttributeValueList(["admonition-title"])


def drop_embedding(body: Tag) -> None:
    """Remove what could pull a file into the PDF; `rel=attachment` links become plain."""
    for element in body.find_all(EMBEDDING):
        element.decompose()
    for element in body.find_all(rel=True):
        rel = [str(token) for token in element.get_attribute_list("rel") if token]
        kept = [token for token in rel if token.lower() != "attachment"]
        if len(kept) != len(rel):
            if kept:
                element["rel"] = AttributeValueList(kept)
            else:
                del element["rel"]


def load_chapter(site: Path, name: str, url: str, site_name: str) -> Chapter:
    """Read the built page at `url` and keep only what belongs on paper."""
    path = page_file(site, url)
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    body = soup.select_one("article.md-content__inner")
    if body is None:
        raise ValueError(f"{path}: no <article class='md-content__inner'>")
    for selector in CHROME:
        for element in body.select(selector):
            element.decompose()
    drop_embedding(body)
    for abbr in body.find_all("abbr"):
        abbr.unwrap()  # a tooltip has no paper form; the glossary chapter defines the terms
    _paper_details(body, soup)
    for br in body.select("figure > br"):
        br.decompose()  # md_in_html leaves a <br> between a diagram and its caption
    title = _page_title(soup, site_name)
    heading = body.find("h1")
    if isinstance(heading, Tag):
        heading["class"] = AttributeValueList(["chapter-title"])
        heading["data-title"] = title  # outline entry and running header: the page title
    stem = name.removesuffix(".md").replace("/", "-")
    return Chapter(name=name, url=url, anchor=f"ch-{stem}", title=title, body=body)
