"""The SVG canvas: boxes, shapes and text written as deterministic SVG markup.

Text is real `<text>` with explicit `font-size`/`font-weight` attributes, so its box can be
computed (`text_box`) from the advances in `metrics.py`. Numbers have one fixed format,
and nothing depends on time or dict order: the same data always gives the same bytes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from esxidocs.diagrams.metrics import ASCENT, DESCENT, FONT_STACK, MONO_STACK, Font
from esxidocs.diagrams.paint import PAINTS, paint_attrs, stylesheet


def num(value: float) -> str:
    """Fixed formatting: at most one decimal, no trailing zeros, never '-0'."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def contains(self, other: Box, slack: float = 0.01) -> bool:
        return (
            other.x >= self.x - slack
            and other.y >= self.y - slack
            and other.right <= self.right + slack
            and other.bottom <= self.bottom + slack
        )

    def overlaps(self, other: Box) -> bool:
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )


def text_box(x: float, y: float, text: str, font: Font, anchor: str = "start") -> Box:
    """Box of one line of text whose baseline starts (or is anchored) at x, y."""
    width = font.width(text)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return Box(left, y - ASCENT * font.size, width, (ASCENT + DESCENT) * font.size)


class Canvas:
    """Accumulates SVG elements in drawing order.

    `variant` ("narrow") names a second drawing of the same diagram: its ids get the variant
    after the name, so both can be inlined in one page without duplicate ids.
    """

    def __init__(self, name: str, variant: str = "") -> None:
        self.name = name
        self.variant = variant
        self.prefix = f"{name}-{variant}" if variant else name
        self.items: list[str] = []

    def rect(
        self,
        box: Box,
        fill: str | None,
        stroke: str | None = "edge",
        *,
        width: float = 1.25,
        radius: float = 6,
        dashed: bool = False,
        ident: str | None = None,
    ) -> None:
        attrs = f' id="{self.prefix}-{ident}"' if ident else ""
        attrs += (
            f' x="{num(box.x)}" y="{num(box.y)}" width="{num(box.w)}"'
            f' height="{num(box.h)}" rx="{num(radius)}"'
        )
        attrs += paint_attrs(fill, stroke)
        if stroke:
            attrs += f' stroke-width="{num(width)}"'
        if dashed:
            attrs += ' stroke-dasharray="6 4"'
        self.items.append(f"<rect{attrs}/>")

    def circle(
        self, cx: float, cy: float, r: float, fill: str, stroke: str | None, width: float = 1.25
    ) -> None:
        attrs = f' cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}"' + paint_attrs(fill, stroke)
        if stroke:
            attrs += f' stroke-width="{num(width)}"'
        self.items.append(f"<circle{attrs}/>")

    def path(self, d: str, stroke: str, width: float = 1.5, fill: str | None = None) -> None:
        attrs = paint_attrs(fill, stroke)
        self.items.append(
            f'<path d="{d}"{attrs} stroke-width="{num(width)}"'
            ' stroke-linecap="round" stroke-linejoin="round"/>'
        )

    def line(
        self,
        points: Sequence[tuple[float, float]],
        stroke: str = "edge",
        width: float = 1.25,
        dashed: bool = False,
    ) -> None:
        d = " ".join(
            f"{'M' if i == 0 else 'L'}{num(x)} {num(y)}" for i, (x, y) in enumerate(points)
        )
        extra = ' stroke-dasharray="3 3"' if dashed else ""
        self.items.append(
            f'<path d="{d}"{paint_attrs(None, stroke)} stroke-width="{num(width)}"{extra}/>'
        )

    def arrow(self, points: Sequence[tuple[float, float]], paint: str = "arrow") -> None:
        """Polyline with a solid head at its last point (drawn as a polygon: no markers)."""
        (x1, y1), (x2, y2) = points[-2], points[-1]
        length = math.hypot(x2 - x1, y2 - y1)
        ux, uy = (x2 - x1) / length, (y2 - y1) / length
        head, half = 11.0, 5.5
        bx, by = x2 - ux * head, y2 - uy * head
        self.line([*points[:-1], (bx + ux, by + uy)], stroke=paint, width=1.75)
        corners = [(x2, y2), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
        d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in corners) + " Z"
        self.items.append(f'<path d="{d}"{paint_attrs(paint, None)}/>')

    def text(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        font: Font,
        paint: str = "fg",
        anchor: str = "start",
    ) -> Box:
        """Write `lines` from baseline y; returns the estimated box of the whole block."""
        attrs = f' font-size="{num(font.size)}"'
        if font.bold:
            attrs += ' font-weight="bold"'
        if font.mono:
            attrs += f" font-family={quoteattr(MONO_STACK)}"
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        classes = f"f-{paint} mono" if font.mono else f"f-{paint}"
        attrs += f' class="{classes}" fill="{PAINTS[paint].light}"'
        if len(lines) == 1:
            self.items.append(f'<text x="{num(x)}" y="{num(y)}"{attrs}>{escape(lines[0])}</text>')
        else:
            spans = "".join(
                f'<tspan x="{num(x)}" y="{num(y + i * font.line)}">{escape(t)}</tspan>'
                for i, t in enumerate(lines)
            )
            self.items.append(f"<text{attrs}>{spans}</text>")
        boxes = [text_box(x, y + i * font.line, t, font, anchor) for i, t in enumerate(lines)]
        left, top = min(b.x for b in boxes), boxes[0].y
        return Box(left, top, max(b.right for b in boxes) - left, boxes[-1].bottom - top)

    def render(self, lang: str, title: str, desc: str, width: float, height: float) -> str:
        n, ids = self.name, self.prefix
        classes = f"dgm dgm-{n} dgm-{self.variant}" if self.variant else f"dgm dgm-{n}"
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="{classes}" role="img"'
            f' lang="{lang}" xml:lang="{lang}" width="{num(width)}" height="{num(height)}"'
            f' viewBox="0 0 {num(width)} {num(height)}" font-family={quoteattr(FONT_STACK)}'
            f' aria-labelledby="{ids}-title" aria-describedby="{ids}-desc">'
        )
        background = Canvas(n)
        background.rect(Box(0, 0, width, height), "bg", None, radius=0)
        body = [
            head,
            f'<title id="{ids}-title">{escape(title)}</title>',
            f'<desc id="{ids}-desc">{escape(desc)}</desc>',
            f"<style>\n{stylesheet(n)}\n</style>",
            *background.items,
            *self.items,
            "</svg>",
        ]
        return "\n".join(body) + "\n"
