"""Text widths for laying out the diagrams, from the advance widths of the real fonts.

The SVGs name `FONT_STACK` (or `MONO_STACK`); a reader's browser draws with the first of
them it has. Linux readers and the PDF (WeasyPrint, whose print CSS names DejaVu first)
get DejaVu; Windows and macOS readers get Arial, whose advances Liberation Sans copies
glyph for glyph. A label must fit in either, so a character's width is the larger of its
advance in the two (fontTools reads them from the font files' `hmtx` tables):

- DejaVu Sans and DejaVu Sans Mono: the installed files, found with fontconfig (`fc-match`),
  as the PDF's glyph check finds them (Debian: fonts-dejavu-core, in DEBIAN_PACKAGES).
- Liberation Sans: the copy in `fonts/` (SIL OFL, see fonts/LICENSE.txt). Installing it
  system-wide would change which font Chromium uses for the site's own Arial/Helvetica
  text, and a machine that has it or not would then draw different diagrams.
- Monospace: only DejaVu Sans Mono (602/1000 em). The other fonts of MONO_STACK are fixed
  pitch and narrower: Liberation Mono and Courier New 600, Consolas 550.

Kerning and ligatures are ignored: the width of a line is the sum of its characters'
advances. Kerning mostly tightens (AV, Te, "y."): 3,289 of DejaVu Sans' 3,532 pair
adjustments and 2,775 of Liberation Sans' 2,923 are negative, so the sum errs wide. A
character neither font has counts as a full em (the validator's glyph check reports
characters DejaVu cannot draw).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

FONT_STACK = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif'
MONO_STACK = '"DejaVu Sans Mono", "Liberation Mono", Consolas, monospace'
BUNDLED = Path(__file__).resolve().parent / "fonts"

ASCENT = 0.8  # of the font size, above the baseline (accented lower case included)
DESCENT = 0.24


class FontError(RuntimeError):
    """A font the layout measures is not installed."""


@dataclass(frozen=True)
class Face:
    """One font file to measure: installed (`family`, found by fontconfig) or bundled."""

    family: str
    bold: bool = False
    bundled: str | None = None  # file name in fonts/

    def path(self) -> Path:
        if self.bundled:
            return BUNDLED / self.bundled
        return installed_font(self.family, self.bold)


# (mono, bold) -> the faces whose larger advance counts.
FACES: dict[tuple[bool, bool], tuple[Face, ...]] = {
    (False, False): (
        Face("DejaVu Sans"),
        Face("Liberation Sans", bundled="LiberationSans-Regular.ttf"),
    ),
    (False, True): (
        Face("DejaVu Sans", bold=True),
        Face("Liberation Sans", bold=True, bundled="LiberationSans-Bold.ttf"),
    ),
    (True, False): (Face("DejaVu Sans Mono"),),
    (True, True): (Face("DejaVu Sans Mono", bold=True),),
}


@cache
def installed_font(family: str, bold: bool = False) -> Path:
    """The file fontconfig uses for `family`; an error if it would substitute another."""
    pattern = f"{family}:bold" if bold else f"{family}:regular"
    try:
        found = subprocess.run(
            ["fc-match", "--format", "%{file}\n%{family}\n%{weight}", pattern],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError) as exc:
        raise FontError(f"fc-match failed for '{pattern}': {exc} (Debian: fontconfig)") from exc
    path, families, weight = [*found, "", "", ""][:3]
    bold_found = weight.isdigit() and int(weight) >= 200  # fontconfig: 200 is bold
    if family not in families.split(",") or bold_found != bold or not path:
        raise FontError(
            f"font '{pattern}' is not installed (fontconfig offers {families or 'nothing'}"
            f" {path}); Debian: fonts-dejavu-core"
        )
    return Path(path)


@cache
def advances(path: Path) -> dict[int, int]:
    """Code point -> advance width in thousandths of an em (the unit of AFM metrics), from
    the font's cmap and hmtx tables, rounded to the nearest: at most 0.0075 px a character
    at 15 px. Exact font units (1/2048 em) moved five of the twelve SVGs by 0.1 px and
    nothing else; whole thousandths, summed as integers, keep the committed files' bytes."""
    with TTFont(path, lazy=True, fontNumber=0) as font:
        per_em = font["head"].unitsPerEm
        metrics = font["hmtx"].metrics
        return {
            code: round(metrics[glyph][0] * 1000 / per_em)
            for code, glyph in font.getBestCmap().items()
        }


@cache
def char_advance(char: str, *, bold: bool = False, mono: bool = False) -> int:
    """The widest advance of `char` among the faces, in 1/1000 em; a full em if none has it."""
    found = [
        a[ord(char)] for a in (advances(f.path()) for f in FACES[mono, bold]) if ord(char) in a
    ]
    return max(found, default=1000)


def text_width(text: str, size: float, *, bold: bool = False, mono: bool = False) -> float:
    """Width of one line of `text` at `size` px: the sum of its characters' advances."""
    return sum(char_advance(char, bold=bold, mono=mono) for char in text) * size / 1000


@dataclass(frozen=True)
class Font:
    """A text style of the diagrams: size in px, weight, sans or monospace."""

    size: float
    bold: bool = False
    mono: bool = False

    def width(self, text: str) -> float:
        return text_width(text, self.size, bold=self.bold, mono=self.mono)

    @property
    def line(self) -> float:
        return round(self.size * 1.3)
