"""The citations of one page: its `[@id]` markers and its fact-check notes without one.

Run inside the page scan (pages.py), which has the page's body already, so the citation
check (citations.py) needs no second read of every page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from esxidocs.sources_data import find_markers, position

# An admonition or details block of type fact-check (pymdownx.details: `???`, `???+`).
_FACT_CHECK = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+fact-check(?=[ \t\"]|$)")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


@dataclass(frozen=True)
class Note:
    line: int  # 1-based, in the file
    col: int
    body: str  # the note's indented body


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def fact_check_notes(lines: list[str], first_line: int = 1) -> Iterator[Note]:
    """Every fact-check note outside fenced code, with its body (the lines indented under it)."""
    fence: str | None = None
    number = 0
    while number < len(lines):
        line = lines[number]
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            number += 1
            continue
        if opening:
            fence = opening.group(1)
            number += 1
            continue
        match = _FACT_CHECK.match(line)
        if match is None:
            number += 1
            continue
        depth = _indent(match.group(1))
        end = number + 1
        while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > depth):
            end += 1
        yield Note(first_line + number, len(match.group(1)) + 1, "\n".join(lines[number + 1 : end]))
        number = end


@dataclass(frozen=True)
class Citation:
    id: str
    line: int  # 1-based, in the file
    col: int


def scan_citations(body: str, first_line: int) -> tuple[list[Citation], list[tuple[int, int]]]:
    """The page's markers (one entry per cited id) and the (line, col) of uncited notes."""
    if "[@" not in body and "fact-check" not in body:
        return [], []  # most pages of a large site: nothing to look at
    cites: list[Citation] = []
    for marker in find_markers(body):
        line, col = position(body, marker.start)
        cites.extend(Citation(cid, first_line + line - 1, col) for cid in marker.ids)
    uncited = [
        (note.line, note.col)
        for note in fact_check_notes(body.split("\n"), first_line)
        if next(iter(find_markers(note.body)), None) is None
    ]
    return cites, uncited
