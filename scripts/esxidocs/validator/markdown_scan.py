"""Links, headings and ids of one page's Markdown, with their lines and columns.

pyromark (pulldown-cmark) parses the Markdown: a real CommonMark parser, so code spans
and code blocks never yield links, and fast enough for 10,000 pages in seconds. Its
events carry source ranges. Python-Markdown syntaxes it lacks are bridged:

- admonitions and details (`!!! note`, `??? note`): `containers.unwrap` dedents their
  bodies first, as Python-Markdown does, so the body is parsed as Markdown;
- attribute lists (`{#id}`): matched on the source with Python-Markdown's own patterns;
- md_in_html (`<div markdown>`): the Markdown inside such a block is parsed again.

Heading ids follow Python-Markdown's `toc`: an explicit `{#id}` wins, otherwise the
configured slugify of the heading text, made unique like `toc` does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import pyromark
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder
from markdown.extensions.toc import unique

from .containers import unwrap
from .html_fragments import scan_html

_HEADER_RE = AttrListTreeprocessor.HEADER_RE
_BLOCK_RE = AttrListTreeprocessor.BLOCK_RE
# attr_list's INLINE_RE without its `^`, which would not match at a `pos` inside the text.
_INLINE_RE = re.compile(AttrListTreeprocessor.BASE_RE.encode())
# A line that is only an attr list: how a tight list item's text ends with one (BLOCK_RE).
_LINE_RE = re.compile(rf"^[ ]*{AttrListTreeprocessor.BASE_RE}[ ]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_OPTIONS = (
    pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_DEFINITION_LIST
)
# Inline elements whose tail may carry `{#id}` (attr_list's inline form).
_ATTR_TARGETS = frozenset({"Link", "Image", "Emphasis", "Strong"})
# Events that never matter here, skipped with one set lookup (they are most events).
_QUIET_STARTS = frozenset(
    {
        "Paragraph",
        "Item",
        "Emphasis",
        "Strong",
        "TableHead",
        "TableRow",
        "TableCell",
        "DefinitionList",
        "DefinitionListTitle",
        "DefinitionListDefinition",
        "Strikethrough",
    }
)
_QUIET_ENDS = frozenset(
    {
        "Item",
        "List",
        "BlockQuote",
        "CodeBlock",
        "HtmlBlock",
        "FootnoteDefinition",
        "DefinitionList",
        "DefinitionListTitle",
        "DefinitionListDefinition",
        "Table",
        "TableHead",
        "TableRow",
        "TableCell",
        "Strikethrough",
    }
)
# Reference links to an undefined label render as literal text: a silently broken link.
# Shortcut references (`[sic]`) are left alone: brackets in prose are common.
_REFERENCE_TYPES = frozenset({"Reference", "Collapsed"})


@dataclass(frozen=True, slots=True)
class Link:
    target: str
    line: int  # 1-based, in the file
    col: int
    kind: str  # "link", "image", "html" (raw HTML: relative to the page's URL) or "ref"


class Heading(NamedTuple):  # a tuple: thousands cross process boundaries
    level: int
    anchor: str
    line: int
    explicit: bool


@dataclass
class MarkdownScan:
    headings: list[Heading] = field(default_factory=list)
    ids: list[tuple[str, int, int]] = field(default_factory=list)  # written ids: (id, line, col)
    footnotes: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)


def _attr_id(attrs_string: str) -> str | None:
    attrs, remainder = get_attrs_and_remainder(attrs_string)
    if remainder:
        return None  # attr_list leaves such text alone
    found = None
    for key, value in attrs:
        if key in ("#", "id") and value:
            found = value
    return found


class _Positions:
    """UTF-8 byte offsets of the parsed text -> 1-based (line, col) in the file."""

    def __init__(self, data: bytes, first_line: int, shifts: Sequence[int]) -> None:
        self.data = data
        self.first_line = first_line
        self.shifts = shifts  # characters removed from the start of each line (unwrap)
        self.starts = [0, *(m.end() for m in re.finditer(b"\n", data))]

    def line_index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def at(self, offset: int) -> tuple[int, int]:
        index = self.line_index(offset)
        col = len(self.data[self.starts[index] : offset].decode("utf-8", "replace"))
        return self.first_line + index, col + self.shifts[index] + 1


class _Walker:
    def __init__(self, text: str, first_line: int, shifts: Sequence[int]) -> None:
        self.text = text
        self.data = text.encode("utf-8")
        self.pos = _Positions(self.data, first_line, shifts)
        self.result = MarkdownScan()
        self.headings: list[tuple[int, int, str | None, str]] = []  # level, line, id, text
        # Walk state: the open heading (level, span) and its text so far; image nesting;
        # the end of an element that may take an inline `{#id}` right after it.
        self._heading: tuple[int, dict[str, int]] | None = None
        self._heading_parts: list[str] | None = None
        self._in_image = 0
        self._tail: int | None = None

    def _slice(self, span: dict[str, int]) -> str:
        return self.data[span["start"] : span["end"]].decode("utf-8", "replace")

    def _link_position(self, span: dict[str, int], dest: str, link_type: str) -> tuple[int, int]:
        start, end = span["start"], span["end"]
        if link_type not in ("Inline", "Autolink", "Email") or not dest:
            return self.pos.at(start)
        found = self.data.find(dest.encode("utf-8"), start, end)
        if found < 0:
            found = self.data.find(b"](", start, end)
            found = found + 2 if found >= 0 else start
        return self.pos.at(found)

    def _tail_id(self, start: int, end: int) -> None:
        """attr_list's inline form: `{#id}` at the start of an element's tail text
        (Python-Markdown's `tail`: the text between `start` and the next element)."""
        match = _INLINE_RE.match(self.data, start, end)
        anchor = _attr_id(match.group(1).decode("utf-8", "replace")) if match else None
        if anchor:
            self.result.ids.append((anchor, *self.pos.at(start)))

    def html(self, content: str, offset: int, skip: bool) -> None:
        items, is_markdown_block = scan_html(content)
        if not skip:
            base_index = self.pos.line_index(offset)
            base_line, base_col = self.pos.at(offset)
            for item in items:
                if item.line == 0:
                    line, col = base_line, base_col + item.col
                else:
                    index = base_index + item.line
                    shift = self.pos.shifts[index] if index < len(self.pos.shifts) else 0
                    line, col = base_line + item.line, item.col + shift + 1
                if item.kind == "id":
                    self.result.ids.append((item.value, line, col))
                else:
                    self.result.links.append(Link(item.value, line, col, "html"))
        if is_markdown_block:
            self._markdown_in_html(content, offset)

    def _markdown_in_html(self, content: str, offset: int) -> None:
        # md_in_html: the text inside `<div markdown>` is Markdown. Its tags were scanned
        # already, so the nested pass skips raw HTML.
        index = self.pos.line_index(offset)
        inner = content.split("\n")[1:]
        if not inner:
            return
        nested = _Walker(
            "\n".join(inner), self.pos.first_line + index + 1, self.pos.shifts[index + 1 :]
        )
        nested.walk(skip_html=True)
        self.headings += nested.headings
        self.result.ids += nested.result.ids
        self.result.links += nested.result.links
        self.result.footnotes |= nested.result.footnotes

    def _heading_done(self, level: int, span: dict[str, int], parts: list[str]) -> None:
        source_lines = self._slice(span).split("\n")
        if len(source_lines) > 1 and _SETEXT_UNDERLINE.match(source_lines[-1]):
            source_lines = source_lines[:-1]
        source = " ".join(line.strip() for line in source_lines).rstrip("#").rstrip()
        match = _HEADER_RE.search(source)
        anchor = _attr_id(match.group(1)) if match else None
        text = "".join(parts)
        if match:
            text = _HEADER_RE.sub("", text)
        self.headings.append((level, self.pos.at(span["start"])[0], anchor, " ".join(text.split())))

    def walk(self, skip_html: bool = False) -> None:
        broken: list[dict[str, Any]] = []

        def on_broken(link: Any) -> None:
            if link["link_type"] in _REFERENCE_TYPES:
                broken.append(link)

        # Events are dicts typed per variant; the walk dispatches on keys, so treat as Any.
        events: Iterator[tuple[Any, Any]] = pyromark.events_with_range(
            self.text, options=_OPTIONS, merge_text=True, broken_link_callback=on_broken
        )
        for event, span in events:
            if type(event) is str:  # SoftBreak, HardBreak, Rule
                if self._heading_parts is not None and event != "Rule":
                    self._heading_parts.append(" ")
                continue
            text = event.get("Text")
            if text is not None:  # most events: keep this path short
                if self._tail is not None and span["start"] == self._tail:
                    self._tail_id(self._tail, span["end"])
                self._tail = None
                if self._heading_parts is not None and not self._in_image:
                    self._heading_parts.append(text)
                continue
            self._tail = None  # an element follows at once: no tail text
            end = event.get("End")
            if end is not None:
                name = end if type(end) is str else next(iter(end))
                if name not in _QUIET_ENDS:  # most other events: Item, List, CodeBlock...
                    self._end(name, span)
            else:
                self._event(event, span, skip_html)
        for link in broken:
            line, col = self.pos.at(link["span"]["start"])
            self.result.links.append(Link(link["reference"], line, col, "ref"))

    def _event(self, event: dict[str, Any], span: dict[str, int], skip_html: bool) -> None:
        ((kind, value),) = event.items()
        if kind == "Start":
            if type(value) is not str or value not in _QUIET_STARTS:
                self._start(value, span, skip_html)
        elif kind == "Code":
            if self._heading_parts is not None and not self._in_image:
                self._heading_parts.append(value)
            self._tail = span["end"]
        elif kind == "InlineHtml" and not skip_html:
            self.html(value, span["start"], skip=False)
        elif kind == "FootnoteReference":
            self.result.footnotes.add(f"fnref:{value}")

    def _end(self, name: str, span: dict[str, int]) -> None:
        if name == "Heading" and self._heading is not None and self._heading_parts is not None:
            self._heading_done(self._heading[0], self._heading[1], self._heading_parts)
            self._heading = self._heading_parts = None
        elif name == "Image":
            self._in_image -= 1
        elif name == "Paragraph" and self.data.find(b"{", span["start"], span["end"]) >= 0:
            match = _BLOCK_RE.search(self._slice(span))
            anchor = _attr_id(match.group(1)) if match else None
            if anchor:
                line = self.pos.at(max(span["start"], span["end"] - 1))[0]
                self.result.ids.append((anchor, line, 1))
        if name in _ATTR_TARGETS:
            self._tail = span["end"]

    def _start(self, tag: Any, span: dict[str, int], skip_html: bool) -> None:
        if tag == "HtmlBlock":
            self.html(self._slice(span), span["start"], skip=skip_html)
        elif type(tag) is dict:
            if "Heading" in tag:
                self._heading = (int(tag["Heading"]["level"][1]), span)
                self._heading_parts = []
            elif "Image" in tag:
                self._in_image += 1
            if "Link" in tag or "Image" in tag:
                image = "Image" in tag
                data = tag["Image" if image else "Link"]
                dest = data["dest_url"]
                if not image and not dest and self.data[span["end"] - 3 : span["end"]] == b"]()":
                    # `[](){#id}` is the usual way to add an anchor, not an empty link.
                    match = _INLINE_RE.match(self.data, span["end"])
                    if match and _attr_id(match.group(1).decode("utf-8", "replace")):
                        return
                if data["link_type"] == "Email":
                    dest = f"mailto:{dest}"
                line, col = self._link_position(span, data["dest_url"], data["link_type"])
                self.result.links.append(Link(dest, line, col, "image" if image else "link"))
            elif "FootnoteDefinition" in tag:
                self.result.footnotes.add(f"fn:{tag['FootnoteDefinition']}")


def _assign_ids(
    walker: _Walker,
    slugify: Callable[[str, str], str],
    separator: str,
    extra: Sequence[tuple[int, int, str]],
) -> list[Heading]:
    """Heading ids as Python-Markdown's toc assigns them (explicit ids are reserved first)."""
    entries = sorted(
        [*walker.headings, *((2, line, gid, "") for line, _, gid in extra)],
        key=lambda item: item[1],
    )
    used = {anchor for _, _, anchor, _ in entries if anchor}
    used.update(anchor for anchor, _, _ in walker.result.ids)
    headings = []
    for level, line, anchor, text in entries:
        if anchor:
            headings.append(Heading(level, anchor, line, True))
        else:
            headings.append(Heading(level, unique(slugify(text, separator), used), line, False))
    return headings


def scan_markdown(
    body: str,
    first_line: int,
    slugify: Callable[[str, str], str],
    separator: str = "-",
    inserted: Sequence[tuple[int, int, str]] = (),
) -> MarkdownScan:
    """Scan Markdown whose first line is line `first_line` (1-based) of the file.

    `inserted` lists headings a hook adds before the build, as (line, 0, id): the glossary.
    """
    lines, shifts = unwrap(body.split("\n"))
    walker = _Walker("\n".join(lines), first_line, shifts)
    walker.walk()
    walker.result.headings = _assign_ids(walker, slugify, separator, inserted)
    walker.result.links.sort(key=lambda link: (link.line, link.col))
    return walker.result
