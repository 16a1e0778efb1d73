"""Load and check `docs/_data/sources.yml`, the one list of every source the site cites.

Pages cite a record by id with a pandoc-style marker, `[@kb-1033696]` or
`[@kb-306902; @kb-2001780]`; the citations hook (esxidocs/stages/citations.py) turns the
marker into the linked exact title, and the sources page is generated from this file.

The file is a YAML list; every item has:

- `id`: lower-case ASCII kebab-case, used in markers (`kb-1033696`);
- `title`: the exact title of the document, in its own language (never translated);
- `label` (optional): what goes before the quoted title, e.g. `VMware KB 1033696` or the
  author of a blog post;
- `part_of` (optional): the larger work the title belongs to, shown in parentheses,
  e.g. `vSphere Upgrade 5.0`;
- `publisher`: who publishes it (VMware, Broadcom, a blog);
- `date` (optional): when it was published, as far as known (`2011-08-15`, `2012-04`);
- `url`: where a reader opens it, an absolute http(s) URL;
- `kind`: one of KINDS;
- `supports`: per language (`es`, `en`), in our own words, what the site uses it for;
- `confirmed`: where and how the record was checked against a public copy (for reviewers).

Only the original article (`kind: original`) may lack `url` and `publisher`: it is what
the site is made from, not a reference a reader opens.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from esxidocs.findings import Finding, FindingError
from esxidocs.validator import yamlsafe

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A marker: `[@id]` or `[@id; @other]`. Ids are matched loosely (any word characters and
# dots) so a typo such as `[@KB_1033696]` is reported as unknown instead of left as text.
MARKER_RE = re.compile(r"\[(@[\w.:-]+(?:\s*;\s*@[\w.:-]+)*)\]")
_MARKER_ID_RE = re.compile(r"@([\w.:-]+)")
KINDS = (
    "kb",
    "documentation",
    "api-reference",
    "white-paper",
    "book",
    "product-page",
    "blog",
    "article",
    "source-code",
    "original",
)
REQUIRED = ("id", "title", "publisher", "url", "kind", "supports", "confirmed")
OPTIONAL = ("label", "part_of", "date")
KEYS = frozenset(REQUIRED + OPTIONAL)


class SourcesError(FindingError):
    """The sources file is malformed: `finding` says where (`sources-invalid`)."""


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    kind: str
    supports: dict[str, str]
    confirmed: str
    line: int  # 1-based line of the record in the file
    url: str | None = None
    publisher: str | None = None
    label: str | None = None
    part_of: str | None = None
    date: str | None = None

    def text(self, quotes: Sequence[str]) -> str:
        """The citation as plain text: label, exact title in the language's `quotes`
        (opening, closing; docs/_data/site.yml), larger work."""
        opening, closing = quotes
        text = f"{opening}{self.title}{closing}"
        if self.label:
            text = f"{self.label}, {text}"
        if self.part_of:
            text = f"{text} ({self.part_of})"
        return text

    def html(self, quotes: Sequence[str]) -> str:
        """The citation as an HTML link (plain text when the record has no URL)."""
        text = html.escape(self.text(quotes), quote=False)
        if not self.url:
            return f'<span class="citation">{text}</span>'
        return f'<a class="citation" href="{html.escape(self.url)}">{text}</a>'


@dataclass(frozen=True)
class Marker:
    """One `[@...]` marker in a Markdown text: where it is and which ids it names."""

    start: int  # character offsets in the text
    end: int
    ids: tuple[str, ...]


def _invalid(line: int, message: str) -> Finding:
    """A relative `sources-invalid` finding at a record's line."""
    return Finding("", line, 1, "sources-invalid", message)


def _string(value: Any) -> str | None:
    if isinstance(value, datetime.date):
        return value.isoformat()  # YAML reads 2011-08-15 as a date
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def url_problem(url: str) -> str | None:
    """Why `url` is not an absolute http(s) URL a reader can open, or None.

    A URL that cannot be split (`http://[::1/`) or that carries a user name or password is
    described without quoting it: the record's line says where, and a password must not be
    printed.
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return "url cannot be parsed (brackets, port or host)"
    if parts.username is not None or parts.password is not None:
        return "url must not contain a user name or password"
    if parts.scheme not in ("http", "https"):
        return f"url '{url}' must start with https:// (or http://)"
    if not parts.netloc or "." not in parts.netloc or any(c.isspace() for c in url):
        return f"url '{url}' is not an absolute web address"
    return None


def check_record(item: Any, line: int, languages: Sequence[str]) -> tuple[Source | None, list[str]]:
    """One record as a Source, or None and every reason it is malformed."""
    if not isinstance(item, dict):
        return None, ["each source must be a mapping of keys to values"]
    problems: list[str] = []
    unknown = sorted(str(key) for key in item if key not in KEYS)
    if unknown:
        problems.append(f"unknown key(s): {', '.join(unknown)}")
    kind = item.get("kind")
    original = kind == "original"
    values: dict[str, str | None] = {}
    for key in ("id", "title", "publisher", "url", "kind", "confirmed", *OPTIONAL):
        if key not in item or item[key] is None:
            values[key] = None
            if key in REQUIRED and not (original and key in ("url", "publisher")):
                problems.append(f"missing required field '{key}'")
            continue
        values[key] = _string(item[key])
        if values[key] is None:
            problems.append(f"'{key}' must be a non-empty string")
    if values["id"] is not None and not ID_RE.match(values["id"]):
        problems.append(f"id '{values['id']}' must be lower-case ASCII kebab-case")
    if values["kind"] is not None and values["kind"] not in KINDS:
        problems.append(f"kind '{values['kind']}' is not one of: {', '.join(KINDS)}")
    if values["url"] is not None and (reason := url_problem(values["url"])):
        problems.append(reason)
    supports: dict[str, str] = {}
    raw = item.get("supports")
    if "supports" in item and not isinstance(raw, dict):
        problems.append("'supports' must map each language to a sentence")
    elif isinstance(raw, dict):
        for lang in languages:
            text = _string(raw.get(lang))
            if text is None:
                problems.append(f"'supports' has no text for language '{lang}'")
            else:
                supports[lang] = text
        extra = sorted(str(lang) for lang in raw if lang not in languages)
        if extra:
            problems.append(f"'supports' has unknown language(s): {', '.join(extra)}")
    if problems:
        return None, problems
    assert values["id"] and values["title"] and values["kind"] and values["confirmed"]
    return (
        Source(
            id=values["id"],
            title=values["title"],
            kind=values["kind"],
            supports=supports,
            confirmed=values["confirmed"],
            line=line,
            url=values["url"],
            publisher=values["publisher"],
            label=values["label"],
            part_of=values["part_of"],
            date=values["date"],
        ),
        [],
    )


def check_sources(
    root: yaml.Node | None, languages: Sequence[str]
) -> tuple[list[Source], list[Finding]]:
    """Records of a composed YAML document, and a relative finding for each problem."""
    if root is None:
        return [], []
    if not isinstance(root, yaml.SequenceNode):
        return [], [_invalid(root.start_mark.line + 1, "expected a list of sources")]
    sources: list[Source] = []
    problems: list[Finding] = []
    seen: dict[str, int] = {}
    # One pass of the constructor over the whole tree (re-parsing each record is slow).
    try:
        items = yamlsafe.construct(root)
    except yamlsafe.YamlError as exc:  # a value such as a date with a 13th month
        return [], [_invalid(exc.finding.line, exc.finding.message)]
    for node, item in zip(root.value, items, strict=True):
        line = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
            for key in {k for k in keys if keys.count(k) > 1}:
                problems.append(
                    _invalid(line, f"key '{key}' appears twice (YAML keeps only the last)")
                )
        source, reasons = check_record(item, line, languages)
        problems += [_invalid(line, reason) for reason in reasons]
        if source is None:
            continue
        if source.id in seen:
            first = seen[source.id]
            problems.append(_invalid(line, f"duplicate id '{source.id}' (first at line {first})"))
            continue
        seen[source.id] = line
        sources.append(source)
    return sources, problems


def load_sources(path: Path, languages: Sequence[str]) -> dict[str, Source]:
    """Records by id, in file order; raise SourcesError naming file and line on bad input."""
    try:
        root = yamlsafe.compose(path.read_text(encoding="utf-8"))  # no anchors, no aliases
    except yamlsafe.YamlError as exc:
        message = f"invalid YAML: {exc.finding.message}"
        raise SourcesError(_invalid(exc.finding.line, message).at(str(path))) from exc
    sources, problems = check_sources(root, languages)
    if problems:
        raise SourcesError(problems[0].at(str(path)))
    return {source.id: source for source in sources}


def find_markers(text: str) -> Iterable[Marker]:
    """Every citation marker in `text` outside code (fenced blocks and code spans)."""
    for start, end in _prose_ranges(text):
        for match in MARKER_RE.finditer(text, start, end):
            ids = tuple(_MARKER_ID_RE.findall(match.group(1)))
            yield Marker(match.start(), match.end(), ids)


_FENCE_RE = re.compile(r"^[ \t>]*(`{3,}|~{3,})", re.M)
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1)[\s\S])*?(?<!`)\1(?!`)")


def _prose_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) ranges of `text` that are neither fenced code nor code spans."""
    ranges: list[tuple[int, int]] = []
    pos = 0
    fence: str | None = None
    for match in _FENCE_RE.finditer(text):
        marker = match.group(1)
        if fence is None:
            ranges += _outside_spans(text, pos, match.start())
            fence = marker
        elif marker[0] == fence[0] and len(marker) >= len(fence):
            line_end = text.find("\n", match.end())
            pos = len(text) if line_end < 0 else line_end
            fence = None
    if fence is None:  # an unclosed fence runs to the end, as in Markdown
        ranges += _outside_spans(text, pos, len(text))
    return ranges


def _outside_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    pos = start
    for span in _CODE_SPAN_RE.finditer(text, start, end):
        ranges.append((pos, span.start()))
        pos = span.end()
    ranges.append((pos, end))
    return ranges


def replace_markers(text: str, render: Callable[[Marker], str]) -> str:
    """`text` with each marker replaced by `render(marker)`; code is left alone."""
    out: list[str] = []
    pos = 0
    for marker in find_markers(text):
        out.append(text[pos : marker.start])
        out.append(render(marker))
        pos = marker.end
    out.append(text[pos:])
    return "".join(out)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in `text`."""
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col
