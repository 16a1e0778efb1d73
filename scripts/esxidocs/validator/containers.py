"""Dedent the bodies of Python-Markdown block containers so a CommonMark parser sees them.

Admonitions (`!!! note "Title"`) and pymdownx.details (`??? note`, `???+ note`) hold a
body indented by four spaces. CommonMark would read that body as an indented code block
and miss its links, so the marker line is blanked and the body dedented, line for line:
line numbers do not change, and `shifts` records how many characters each line lost so
columns can be mapped back.
"""

from __future__ import annotations

import re

_MARKER = re.compile(r" {0,3}(?:!!!|\?\?\?\+?)(?:[ \t]|$)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
INDENT = 4


def unwrap(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with container markers blanked and bodies dedented, and the shifts."""
    first = next((i for i, line in enumerate(lines) if "!!!" in line or "???" in line), None)
    if first is None:
        return lines, [0] * len(lines)  # the common case costs one scan
    out: list[str] = lines[:first]
    shifts: list[int] = [0] * first
    stack: list[int] = []  # indentation of each open container's marker
    fence: str | None = None  # the opening fence while inside fenced code
    for raw in lines[first:]:
        line = raw.expandtabs(INDENT) if "\t" in raw[:8] else raw
        body = line.lstrip(" ")
        if not body or body.isspace():
            out.append("")
            shifts.append(0)
            continue
        if not stack and fence is None and body[0] not in "!?`~":
            out.append(line)  # outside any container, and neither a marker nor a fence
            shifts.append(0)
            continue
        indent = len(line) - len(body)
        while stack and indent < stack[-1] + INDENT:
            stack.pop()
            fence = None  # a container's end closes any fence left open inside it
        cut = INDENT * len(stack)
        text = line[cut:]
        if fence is not None:
            stripped = text.strip()
            if stripped.startswith(fence) and set(stripped) == {fence[0]}:
                fence = None
        elif (opening := _FENCE.match(text)) is not None:
            fence = opening.group(1)
        elif _MARKER.match(text):
            stack.append(indent)
            out.append("")
            shifts.append(0)
            continue
        out.append(text)
        shifts.append(cut)
    return out, shifts
