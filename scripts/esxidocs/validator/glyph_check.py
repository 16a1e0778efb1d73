"""Characters the PDF fonts cannot draw, found before the build instead of by it.

`esxidocs pdf` stops on such a character (it would print as an empty box), after the
whole site has been built. The validator reports it with its position instead: in pages,
and in the data files whose text reaches the PDF (glossary, diagram labels). The font
knowledge stays in `pdfbook/glyphs.py`; this module only finds positions.
"""

from __future__ import annotations

from functools import cache

from esxidocs.findings import Finding
from esxidocs.pdfbook.glyphs import FONT_FAMILY, covered_codepoints, describe, missing_glyphs

from . import files
from .project import Project


@cache
def prime() -> str | None:
    """Load the fonts' character maps once, before worker processes fork; the reason
    when they cannot be loaded (cached too: no fc-list run per page without fonts)."""
    try:
        covered_codepoints()
    except (OSError, RuntimeError, ValueError) as exc:  # no fc-list, no font, bad font
        return str(exc)
    return None


def _message(char: str, count: int) -> str:
    more = f"; {count - 1} more in this file" if count > 1 else ""
    return f"{describe([char])} is in no {FONT_FAMILY} font{more}"


def missing_in(text: str, first_line: int = 1) -> list[Finding]:
    """The first occurrence of each character of `text` the fonts lack, in text order, as
    relative findings (`first_line`: the file line where `text` starts)."""
    if prime() is not None:
        return []  # reported once by the caller of prime()
    found = []
    for char in missing_glyphs(text):
        offset = text.index(char)
        line_start = text.rfind("\n", 0, offset) + 1
        found.append(
            Finding(
                "",
                first_line + text.count("\n", 0, offset),
                offset - line_start + 1,
                "glyph-missing",
                _message(char, text.count(char)),
            )
        )
    return sorted(found, key=lambda f: (f.line, f.col))


def check_data_files(project: Project) -> list[Finding]:
    """Glyphs in `docs/_data/*.yml` (glossary, diagram labels, sources: text the PDF
    prints), and the fonts themselves. Run before pages are scanned: it loads the fonts
    once in this process, which worker processes then inherit."""
    reason = prime()
    if reason is not None:
        display = project.display(project.config_path)
        return [Finding(display, 1, 1, "glyph-missing", f"cannot check glyphs: {reason}")]
    problems: list[Finding] = []
    if not project.data_dir.is_dir():
        return problems
    for path in sorted(project.data_dir.glob("*.yml")):
        text = files.read_text(path, project.root)
        if isinstance(text, Finding):
            continue  # reported by the check that owns the file
        display = project.display(path)
        for glyph in missing_in(text):
            problems.append(glyph.at(display))
    return problems
