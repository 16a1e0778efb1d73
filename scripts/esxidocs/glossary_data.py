"""Load and check `docs/_data/glossary.<lang>.yml`, the single source of the glossary.

Each file is a YAML list; every item has:

- `id`: ASCII anchor shared by all languages (`vmkernel` -> `/glossary/#vmkernel`);
- `term`: the term as written on the glossary page;
- `definition`: one or two plain-text sentences, shown on the glossary page and as the
  hover tooltip wherever the term appears; paths and file names go in backticks (code on
  the glossary page, plain text in the tooltip);
- `also` (optional): other spellings in the text that get the same tooltip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from esxidocs.findings import Finding, FindingError
from esxidocs.validator import yamlsafe

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEYS = {"id", "term", "definition", "also"}


class GlossaryError(FindingError):
    """A glossary file is malformed: `finding` says where (`glossary-invalid`)."""


@dataclass(frozen=True)
class GlossaryEntry:
    id: str
    term: str
    definition: str
    also: tuple[str, ...] = ()

    @property
    def matches(self) -> tuple[str, ...]:
        """Every spelling that gets the tooltip."""
        return (self.term, *self.also)

    @property
    def term_markdown(self) -> str:
        return as_markdown_text(self.term)

    @property
    def definition_markdown(self) -> str:
        return as_markdown_text(self.definition)

    @property
    def tooltip(self) -> str:
        # A `title` attribute shows plain text: no Markdown backticks.
        return " ".join(self.definition.replace("`", "").split())


# Backtick code spans stay code (the glossary writes paths in them); Markdown shows their
# content as text whatever it holds.
_CODE_SPAN = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)")
# Outside code spans, what could make the text markup: tags and entities (`<`, `&`), links,
# images, footnotes (`[`), attribute lists that set any attribute (`{: onclick=...}`).
_INERT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\\": "\\\\", "[": "\\[", "]": "\\]"}
    | {"{": "\\{", "}": "\\}", "`": "\\`"}
)


def as_markdown_text(text: str) -> str:
    """Plain text (with `code` spans) as Markdown that renders to that text, never to HTML.

    Glossary entries are contributed content inserted into a page: a `<script>` or a
    `[link](javascript:...)` in a definition must show as written, not run.
    """
    parts = []
    end = 0
    for match in _CODE_SPAN.finditer(text):
        parts.append(text[end : match.start()].translate(_INERT))
        parts.append(match.group(0))
        end = match.end()
    parts.append(text[end:].translate(_INERT))
    return "".join(parts)


def _fail(path: Path, line: int, message: str) -> GlossaryError:
    return GlossaryError(Finding(str(path), line, 1, "glossary-invalid", message))


def load_glossary(path: Path) -> list[GlossaryEntry]:
    """Parse one glossary file; raise GlossaryError naming file and line on bad input.

    Several hooks and the validator read the same two files on every build; the parse is
    cached by path, size and mtime, so an edited glossary (`mkdocs serve`) is read again.
    """
    stat = path.stat()
    return list(_parse(str(path), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=16)
def _parse(name: str, mtime_ns: int, size: int) -> tuple[GlossaryEntry, ...]:
    path = Path(name)
    text = path.read_text(encoding="utf-8")
    # libyaml (yamlsafe), with no anchors or aliases: an alias bomb would hang the build.
    try:
        root = yamlsafe.compose(text)
        data: Any = yamlsafe.construct(root) if root is not None else None
    except yamlsafe.YamlError as exc:
        raise _fail(path, exc.finding.line, f"invalid YAML: {exc.finding.message}") from exc
    if not isinstance(root, yaml.SequenceNode):
        raise _fail(path, 1, "expected a list of glossary entries")
    entries: list[GlossaryEntry] = []
    seen: dict[str, int] = {}
    for node, item in zip(root.value, data, strict=True):
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            raise _fail(path, line, "each entry must be a mapping")
        unknown = set(item) - KEYS
        if unknown:
            raise _fail(path, line, f"unknown key(s): {', '.join(sorted(unknown))}")
        for key in ("id", "term", "definition"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise _fail(path, line, f"'{key}' must be a non-empty string")
        if not ID_RE.match(item["id"]):
            raise _fail(path, line, f"id '{item['id']}' must be lower-case ASCII kebab-case")
        if item["id"] in seen:
            raise _fail(
                path, line, f"duplicate id '{item['id']}' (first at line {seen[item['id']]})"
            )
        seen[item["id"]] = line
        also = item.get("also") or []
        if not isinstance(also, list) or not all(isinstance(a, str) and a for a in also):
            raise _fail(path, line, "'also' must be a list of non-empty strings")
        entries.append(
            GlossaryEntry(
                id=item["id"],
                term=item["term"].strip(),
                definition=" ".join(item["definition"].split()),
                also=tuple(also),
            )
        )
    return tuple(entries)
