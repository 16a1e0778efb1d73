"""What the figures share: text styles, margins, the number badge and the legend row.

Phones get a second drawing of each diagram, from the same data: the parts stacked in one
column NARROW_W wide. A 360 px screen gives the figure 328 CSS px, so the drawing is shown
at about 1:1 and its smallest text (13) stays above 12 px. The page shows one drawing or
the other by width (overrides/assets/stylesheets/extra.css); the PDF only the wide one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from esxidocs.diagrams.canvas import Box, Canvas
from esxidocs.diagrams.metrics import Font
from esxidocs.diagrams.model import Label
from esxidocs.diagrams.wrap import wrap_narrow

HEAD = Font(16, bold=True)
LABEL = Font(15, bold=True)
BODY = Font(14)
BODY_B = Font(14, bold=True)
SMALL = Font(13)
SMALL_B = Font(13, bold=True)
MONO = Font(13, mono=True)
MONO_L = Font(14, mono=True)
MONO_H = Font(20, bold=True, mono=True)

M = 24  # outer margin of the wide drawings
NARROW_W = 320.0
NM = 8.0  # outer margin of the narrow drawings
NARROW_INNER = NARROW_W - 2 * NM


def in_lang(labels: Mapping[str, Label], lang: str) -> dict[str, str]:
    """A section's labels in one language: key -> text."""
    return {key: value[lang] for key, value in labels.items()}


def narrow_heading(c: Canvas, text: str, top: float) -> float:
    """A narrow drawing's heading, wrapped to its width from `top`; the baseline of its last
    line (callers add their own gap below)."""
    lines = wrap_narrow(text, HEAD, NARROW_INNER)
    c.text(NM, top + 16, lines, HEAD)
    return top + 16 + (len(lines) - 1) * HEAD.line


def badge(c: Canvas, cx: float, cy: float, label: str, font: Font = BODY_B) -> None:
    """Numbered circle (partition or step number)."""
    c.circle(cx, cy, 12, "bg", "edge")
    c.text(cx, cy + font.size * 0.36, [label], font, anchor="middle")


def legend_row(
    c: Canvas, x: float, y: float, items: Sequence[tuple[str, str, bool, str]], max_right: float
) -> float:
    """Swatches (fill, stroke, dashed, text) in a row that wraps; returns the last baseline."""
    left = x
    for fill, stroke, dashed, text in items:
        need = 36 + BODY.width(text)
        if x > left and x + need > max_right:
            x, y = left, y + 28
        c.rect(Box(x, y - 13, 26, 17), fill, stroke, width=2, radius=3, dashed=dashed)
        c.text(x + 36, y, [text], BODY)
        x += need + 28
    return y
