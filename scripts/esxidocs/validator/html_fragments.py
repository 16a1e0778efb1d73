"""Links and ids in raw HTML written inside Markdown (`<a href>`, `<img src>`, `id=`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

# (tag, attribute) pairs whose value is a URL the browser follows or loads.
URL_ATTRS = frozenset(
    {
        ("a", "href"),
        ("area", "href"),
        ("link", "href"),
        ("img", "src"),
        ("img", "srcset"),
        ("source", "src"),
        ("source", "srcset"),
        ("video", "src"),
        ("video", "poster"),
        ("audio", "src"),
        ("iframe", "src"),
        ("embed", "src"),
        ("object", "data"),
        ("script", "src"),
        ("track", "src"),
        ("input", "src"),
    }
)


# <link rel> values that point at another document rather than load something.
NAVIGATION_RELS = frozenset(
    {
        "canonical",
        "alternate",
        "prev",
        "next",
        "author",
        "license",
        "help",
        "bookmark",
        "external",
        "me",
        "nofollow",
        "noopener",
        "noreferrer",
        "search",
        "tag",
        "sitemap",
    }
)
RESOURCE_ATTRS = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "embed": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "object": ("data",),
    "input": ("src",),
}


def loads(tag: str, name: str, rel: str = "") -> bool:
    """True when the browser fetches attribute `name` of `tag` by itself, as the page
    loads (an image, a stylesheet), not when the reader follows it (a link)."""
    if tag == "link":
        rels = set(rel.lower().split())
        return name == "href" and not (rels and rels <= NAVIGATION_RELS)
    return name in RESOURCE_ATTRS.get(tag, ())


def is_remote(url: str) -> bool:
    r"""True for a URL with a host: `https://…`, `http://…`, and `//…`, which takes the
    page's scheme (browsers read `\` as `//` and ignore spaces and tabs in them)."""
    text = re.sub(r"[\s\x00-\x1f]", "", url).replace("\\", "/").lower()
    return text.startswith(("http://", "https://", "//"))


@dataclass(frozen=True)
class HtmlItem:
    kind: str  # "url" or "id"
    value: str
    tag: str
    line: int  # 0-based within the fragment
    col: int  # 0-based within that line


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset: comma-separated `url [descriptor]` candidates."""
    return [part.split()[0] for part in value.split(",") if part.split()]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[HtmlItem] = []
        self.markdown_blocks = 0  # start tags with md_in_html's `markdown` attribute

    def _where(self, needle: str) -> tuple[int, int]:
        line, offset = self.getpos()
        text = self.get_starttag_text() or ""
        index = max(text.find(needle), 0)
        before = text[:index]
        newlines = before.count("\n")
        if newlines:
            return line - 1 + newlines, index - before.rfind("\n") - 1
        return line - 1, offset + index

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "markdown":
                self.markdown_blocks += 1
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.items.append(HtmlItem("id", value, tag, *self._where(value)))
            elif (tag, name) in URL_ATTRS:
                urls = srcset_urls(value) if name == "srcset" else [value.strip()]
                for url in urls:
                    self.items.append(HtmlItem("url", url, tag, *self._where(url)))


def scan_html(fragment: str) -> tuple[list[HtmlItem], bool]:
    """Items of an HTML fragment, and whether it opens an md_in_html `markdown` block."""
    collector = _Collector()
    try:
        collector.feed(fragment)
        collector.close()
    except (AssertionError, ValueError):  # html.parser gives up on some malformed markup
        pass
    return collector.items, collector.markdown_blocks > 0
