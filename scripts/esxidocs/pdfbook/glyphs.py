"""Check that the book's fonts have a glyph for every character it prints.

A missing glyph prints as an empty box and nothing warns about it, so the check runs
before rendering: each character must be in the character map of an installed DejaVu
font (the families the print CSS names first).
"""

from __future__ import annotations

import subprocess
import unicodedata
from functools import cache

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

FONT_FAMILY = "DejaVu"


@cache
def covered_codepoints(family: str = FONT_FAMILY) -> frozenset[int]:
    """Code points of every installed font file of `family`, as fontconfig lists them."""
    listing = subprocess.run(
        ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True
    ).stdout
    files = sorted(path for path in listing.splitlines() if family in path.rsplit("/", 1)[-1])
    if not files:
        raise RuntimeError(f"no {family} font installed (Debian: fonts-dejavu-core)")
    codepoints: set[int] = set()
    for path in files:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            codepoints.update(font.getBestCmap() or {})
    return frozenset(codepoints)


def missing_glyphs(text: str) -> list[str]:
    """Printable characters of `text` that no font of the family can draw, sorted."""
    covered = covered_codepoints()
    return sorted(
        char
        for char in set(text)
        if ord(char) not in covered
        and not char.isspace()
        and unicodedata.category(char) not in ("Cc", "Cf")  # controls, invisible format
    )


def describe(chars: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')} ({c})" for c in chars)
