"""Where given elements are in a page's HTML, and edits spliced into the text at those places.

The build changes a few elements of each page (tables get Material's wrapper, diagram images
become inline SVG). Parsing the page into a tree and serialising it again cost about as much
as rendering the page, and rewrote every other byte (`<br />`, entities, attribute quotes).
Instead one pass of the standard library's HTML tokenizer (the parser the validator uses)
finds the start and end tags of the wanted elements, by offset, and the stages' edits are
spliced into the text as it is: markup in comments, attribute values or `<script>` is not a
tag to the tokenizer either, and the rest of the page keeps its bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

Attrs = dict[str, str | None]


@dataclass(frozen=True)
class Element:
    """An element found in the page: its start tag's span and its end tag's (if any)."""

    name: str
    attrs: Attrs
    start: int  # offset of "<name ..."
    start_end: int  # offset just after the start tag's ">"
    end: int | None = None  # offset of "</name>", None when never closed
    end_end: int | None = None  # offset just after it


@dataclass(frozen=True)
class Edit:
    """Replace `html[start:end]` by `text` (an insertion when start == end)."""

    start: int
    end: int
    text: str


class _Finder(HTMLParser):
    def __init__(self, html: str, names: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.names = names
        self.found: list[Element] = []
        self._open: list[Element] = []  # wanted elements not closed yet, innermost last
        self._line_starts: list[int] | None = None

    def _offset(self) -> int:
        line, col = self.getpos()
        if self._line_starts is None:  # only for pages that have a wanted element
            self._line_starts = [0, *(m.end() for m in re.finditer("\n", self.html))]
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.names:
            start = self._offset()
            text = self.get_starttag_text() or ""
            self._open.append(Element(tag, dict(attrs), start, start + len(text)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.names:  # `<img ... />`: its own end
            start = self._offset()
            end = start + len(self.get_starttag_text() or "")
            self.found.append(Element(tag, dict(attrs), start, end, end, end))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.names:
            return
        for index in range(len(self._open) - 1, -1, -1):  # the innermost open one closes
            if self._open[index].name == tag:
                element = self._open.pop(index)
                start = self._offset()
                end = self.html.find(">", start) + 1  # html.parser ends a end tag there too
                self.found.append(
                    Element(
                        element.name, element.attrs, element.start, element.start_end, start, end
                    )
                )
                return

    def close(self) -> None:
        super().close()
        self.found.extend(self._open)  # never closed: the browser closes them at the end
        self._open = []
        self.found.sort(key=lambda element: element.start)


def find_elements(html: str, names: Collection[str]) -> list[Element]:
    """Every element named in `names` (lower case) in document order, nested ones included."""
    finder = _Finder(html, names)
    finder.feed(html)
    finder.close()
    return finder.found


def apply_edits(html: str, edits: Iterable[Edit]) -> str:
    """`html` with the edits made; insertions at one place keep the order they were given."""
    ordered = sorted(edits, key=lambda edit: (edit.start, edit.end))
    if not ordered:
        return html
    parts, done = [], 0
    for edit in ordered:
        if edit.start < done:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        parts += [html[done : edit.start], edit.text]
        done = edit.end
    parts.append(html[done:])
    return "".join(parts)


@dataclass(frozen=True)
class ElementStage:
    """A build stage that changes elements: what it looks for, and its edits.

    The plugin scans a page once for the tags of all such stages whose `needle` the page
    contains, and splices their edits in together.
    """

    needle: str  # a page without this text has nothing for the stage
    tags: frozenset[str]
    # (elements found, the page's HTML, page, config) -> edits
    edits: Callable[[list[Element], str, Any, Any], list[Edit]]


def run_element_stages(html: str, stages: Iterable[ElementStage], page: Any, config: Any) -> str:
    """`html` with the edits of every stage that has something on the page (one scan)."""
    wanted = [stage for stage in stages if stage.needle in html]
    if not wanted:
        return html  # most pages of most sites: no scan at all
    elements = find_elements(html, frozenset().union(*(stage.tags for stage in wanted)))
    return apply_edits(
        html, [e for stage in wanted for e in stage.edits(elements, html, page, config)]
    )
