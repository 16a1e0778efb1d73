"""Characters the PDF fonts cannot draw, found before the build instead of by it.

`esxidocs pdf` stops on such a character (it would print as an empty box), after the
whole site has been built. The validator reports it with its position instead: in pages,
and in the data files whose text reaches the PDF (glossary, diagram labels). The font
knowledge stays in `pdfbook/glyphs.py`; this module only finds positions.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache

from esxidocs.pdfbook.glyphs import FONT_FAMILY, covered_codepoints, missing_glyphs

from . import files
from .problems import Problem
from .project import Project


@dataclass(frozen=True)
class MissingGlyph:
    char: str
    line: int
    col: int
    count: int  # occurrences in the text

    @property
    def message(self) -> str:
        name = unicodedata.name(self.char, "?")
        more = f"; {self.count - 1} more in this file" if self.count > 1 else ""
        return f"U+{ord(self.char):04X} {name} ({self.char}) is in no {FONT_FAMILY} font{more}"


@cache
def prime() -> str | None:
    """Load the fonts' character maps once, before worker processes fork; the reason
    when they cannot be loaded (cached too: no fc-list run per page without fonts)."""
    try:
        covered_codepoints()
    except (OSError, RuntimeError, ValueError) as exc:  # no fc-list, no font, bad font
        return str(exc)
    return None


def missing_in(text: str, first_line: int = 1) -> list[MissingGlyph]:
    """The first occurrence of each character of `text` the fonts lack, in text order."""
    if prime() is not None:
        return []  # reported once by the caller of prime()
    found = []
    for char in missing_glyphs(text):
        offset = text.index(char)
        line_start = text.rfind("\n", 0, offset) + 1
        found.append(
            MissingGlyph(
                char,
                first_line + text.count("\n", 0, offset),
                offset - line_start + 1,
                text.count(char),
            )
        )
    return sorted(found, key=lambda m: (m.line, m.col))


def check_data_files(project: Project) -> list[Problem]:
    """Glyphs in `docs/_data/*.yml` (glossary, diagram labels, sources: text the PDF
    prints), and the fonts themselves. Run before pages are scanned: it loads the fonts
    once in this process, which worker processes then inherit."""
    reason = prime()
    if reason is not None:
        display = project.display(project.config_path)
        return [Problem(display, 1, 1, "glyph-missing", f"cannot check glyphs: {reason}")]
    problems: list[Problem] = []
    if not project.data_dir.is_dir():
        return problems
    for path in sorted(project.data_dir.glob("*.yml")):
        text = files.read_text(path, project.root)
        if isinstance(text, files.FileIssue):
            continue  # reported by the check that owns the file
        display = project.display(path)
        for glyph in missing_in(text):
            problems.append(Problem(display, glyph.line, glyph.col, "glyph-missing", glyph.message))
    return problems
