"""Scratch location: the order in which ESXi 5 picks its scratch folder, whether each
choice survives a reboot, and what /scratch holds.

Wide: the steps in a column, each with an arrow to the /scratch box on the right. Narrow:
the steps one under the other, led by a line on the right down to /scratch below them.
"""

from __future__ import annotations

from collections.abc import Sequence

from esxidocs.diagrams.canvas import Box, Canvas, num
from esxidocs.diagrams.figures.common import (
    BODY,
    BODY_B,
    HEAD,
    LABEL,
    MONO_H,
    NARROW_INNER,
    NARROW_W,
    NM,
    SMALL,
    SMALL_B,
    M,
    badge,
    in_lang,
    narrow_heading,
)
from esxidocs.diagrams.model import Data, ScratchLocation, Step
from esxidocs.diagrams.registry import Drawing, register
from esxidocs.diagrams.wrap import widest, wrap, wrap_narrow


def _pill_width(sc: ScratchLocation) -> float:
    texts = [sc.labels[k][g] for k in PILL_PAINT for g in sc.langs]
    return 34 + widest(texts, SMALL_B) + 12


STEP_TEXT_W = 290.0  # label and detail column of a step; longer labels wrap
TARGET_TEXT_W = 180.0  # list inside the /scratch box


PILL_PAINT = {
    "survives": ("ok", "ok-edge"),
    "lost": ("lost", "lost-edge"),
    "depends": ("bg", "edge"),
}


def _pill_icon(c: Canvas, cx: float, cy: float, status: str) -> None:
    """Tick, cross or dash on a disc: the status reads without colour too."""
    c.circle(cx, cy, 8, PILL_PAINT[status][1], None)
    y = num(cy)
    if status == "survives":
        d = f"M{num(cx - 4)} {y} L{num(cx - 1)} {num(cy + 3)} L{num(cx + 4)} {num(cy - 3)}"
    elif status == "lost":
        d = (
            f"M{num(cx - 3)} {num(cy - 3)} L{num(cx + 3)} {num(cy + 3)} "
            f"M{num(cx + 3)} {num(cy - 3)} L{num(cx - 3)} {num(cy + 3)}"
        )
    else:
        d = f"M{num(cx - 4)} {y} L{num(cx + 4)} {y}"
    c.path(d, "bg", 2)


def _draw_pill(c: Canvas, box: Box, status: str, text: str) -> None:
    """Status pill: colour, icon and words, so no one depends on colour alone."""
    fill, stroke = PILL_PAINT[status]
    c.rect(box, fill, stroke, radius=box.h / 2)
    _pill_icon(c, box.x + 15, box.cy, status)
    c.text(box.x + 30, box.cy + 4.5, [text], SMALL_B)


def _step_height(s: Step, langs: Sequence[str]) -> float:
    """Tallest of the step's languages, so both figures share one geometry."""
    return max(
        29
        + len(wrap(s.label[g], LABEL, STEP_TEXT_W)) * LABEL.line
        + len(wrap(s.detail[g], BODY, STEP_TEXT_W)) * BODY.line
        for g in langs
    )


def _draw_step(
    c: Canvas, i: int, s: Step, box: Box, pill_w: float, lang: str, lab: dict[str, str]
) -> None:
    c.rect(box, "surface", "edge", radius=8, ident=f"step-{i + 1}")
    badge(c, box.x + 24, box.y + 24, str(i + 1))
    label = wrap(s.label[lang], LABEL, STEP_TEXT_W)
    c.text(box.x + 48, box.y + 29, label, LABEL)
    detail_y = box.y + 31 + len(label) * LABEL.line
    c.text(box.x + 48, detail_y, wrap(s.detail[lang], BODY, STEP_TEXT_W), BODY)
    pill = Box(box.right - 14 - pill_w, box.y + 12, pill_w, 26)
    _draw_pill(c, pill, s.status, lab[s.status])


def _holds_lines(sc: ScratchLocation, lang: str) -> list[list[str]]:
    return [wrap(h[lang], BODY, TARGET_TEXT_W) for h in sc.holds]


def _target_width(sc: ScratchLocation) -> float:
    items = max(widest(lines, BODY) for g in sc.langs for lines in _holds_lines(sc, g)) + 14
    labels = widest((sc.labels[k][g] for k in ("chosen", "holds") for g in sc.langs), BODY_B)
    return 32 + max(items, labels, MONO_H.width("/scratch"))


def draw_wide(sc: ScratchLocation, lang: str) -> tuple[Canvas, float, float]:
    c = Canvas("scratch-location")
    lab = in_lang(sc.labels, lang)
    pill_w = _pill_width(sc)
    step_w = 48 + STEP_TEXT_W + 20 + pill_w + 14
    x_target = M + step_w + 52
    width = x_target + _target_width(sc) + M
    c.text(M, M + 16, [lab["heading"]], HEAD)
    first = M + 34
    y: float = first
    for i, s in enumerate(sc.steps):
        box = Box(M, y, step_w, _step_height(s, sc.langs))
        _draw_step(c, i, s, box, pill_w, lang, lab)
        c.arrow([(box.right + 4, box.y + 25), (x_target - 4, box.y + 25)])
        if i + 1 < len(sc.steps):
            c.arrow([(box.x + 24, box.bottom + 3), (box.x + 24, box.bottom + 33)])
            c.text(box.x + 40, box.bottom + 22, [lab["otherwise"]], SMALL, paint="muted")
        y = box.bottom + 36
    _draw_target(c, sc, Box(x_target, first, width - M - x_target, y - 36 - first), lang)
    lines = wrap(lab["current"], SMALL, width - 2 * M)
    c.text(M, y + 6, lines, SMALL, paint="muted")
    return c, width, y + 6 + (len(lines) - 1) * SMALL.line + 4 + M


def _draw_target(c: Canvas, sc: ScratchLocation, box: Box, lang: str) -> None:
    c.rect(box, "scratch", "scratch-edge", width=2, radius=8)
    c.text(box.x + 16, box.y + 25, [sc.labels["chosen"][lang]], BODY_B)
    c.text(box.x + 16, box.y + 54, ["/scratch"], MONO_H)
    c.text(box.x + 16, box.y + 90, [sc.labels["holds"][lang]], BODY_B)
    y = box.y + 116
    for lines in _holds_lines(sc, lang):
        c.circle(box.x + 20, y - 5, 2.5, "fg", None)
        c.text(box.x + 30, y, lines, BODY)
        y += len(lines) * BODY.line + 8


def describe(sc: ScratchLocation, lang: str) -> str:
    lab = in_lang(sc.labels, lang)
    steps = "; ".join(
        f"{i + 1}. {s.label[lang]} ({s.detail[lang]}): {lab[s.status].lower()}"
        for i, s in enumerate(sc.steps)
    )
    holds = ", ".join(h[lang] for h in sc.holds)
    return (
        f"{sc.intro[lang]} {lab['heading']}: {steps}. /scratch — {lab['holds']} "
        f"{holds}. {lab['current']}"
    )


BUS = 24.0  # right of the narrow steps: the line that leads every step to /scratch


def _narrow_step_lines(s: Step, lang: str, width: float) -> tuple[list[str], list[str]]:
    return wrap_narrow(s.label[lang], LABEL, width), wrap_narrow(s.detail[lang], BODY, width)


def _narrow_step_height(s: Step, width: float, langs: Sequence[str]) -> float:
    """Tallest of the step's languages: label, detail, then the status pill."""
    return max(
        29 + len(label) * LABEL.line + len(detail) * BODY.line + 38
        for label, detail in (_narrow_step_lines(s, g, width) for g in langs)
    )


def _narrow_step(
    c: Canvas, i: int, s: Step, box: Box, lang: str, lab: dict[str, str], pill_w: float
) -> None:
    c.rect(box, "surface", "edge", radius=8, ident=f"step-{i + 1}")
    badge(c, box.x + 22, box.y + 24, str(i + 1))
    label, detail = _narrow_step_lines(s, lang, box.w - 56)
    c.text(box.x + 44, box.y + 29, label, LABEL)
    detail_y = box.y + 31 + len(label) * LABEL.line
    c.text(box.x + 44, detail_y, detail, BODY)
    pill_y = detail_y + (len(detail) - 1) * BODY.line + 12
    _draw_pill(c, Box(box.x + 44, pill_y, pill_w, 26), s.status, lab[s.status])


def _narrow_target(c: Canvas, sc: ScratchLocation, lang: str, top: float) -> float:
    """The /scratch box under the steps, full width; returns its bottom."""
    holds = _holds_lines(sc, lang)
    box = Box(NM, top, NARROW_INNER, 116 + sum(len(h) * BODY.line + 8 for h in holds) - 6)
    _draw_target(c, sc, box, lang)
    return box.bottom


def draw_narrow(sc: ScratchLocation, lang: str) -> tuple[Canvas, float, float]:
    """Steps one under the other, each led by a line on the right down to /scratch."""
    c = Canvas("scratch-location", "narrow")
    lab = in_lang(sc.labels, lang)
    first = narrow_heading(c, lab["heading"], NM) + 18
    step_w = NARROW_INNER - BUS
    bus_x = NM + NARROW_INNER - BUS / 2
    pill_w = _pill_width(sc)
    y = first
    for i, s in enumerate(sc.steps):
        box = Box(NM, y, step_w, _narrow_step_height(s, step_w - 56, sc.langs))
        _narrow_step(c, i, s, box, lang, lab, pill_w)
        c.line([(box.right, box.y + 24), (bus_x, box.y + 24)], stroke="arrow", width=1.75)
        if i + 1 < len(sc.steps):
            c.arrow([(box.x + 22, box.bottom + 3), (box.x + 22, box.bottom + 33)])
            c.text(box.x + 38, box.bottom + 22, [lab["otherwise"]], SMALL, paint="muted")
        y = box.bottom + 36
    c.arrow([(bus_x, first + 24), (bus_x, y - 4)])
    bottom = _narrow_target(c, sc, lang, y)
    lines = wrap_narrow(lab["current"], SMALL, NARROW_INNER)
    c.text(NM, bottom + 24, lines, SMALL, paint="muted")
    return c, NARROW_W, bottom + 24 + (len(lines) - 1) * SMALL.line + 4 + NM


@register("scratch-location")
def build(data: Data, lang: str, narrow: bool) -> Drawing:
    sc = data.scratch
    canvas, width, height = (draw_narrow if narrow else draw_wide)(sc, lang)
    return Drawing(canvas, width, height, sc.title[lang], describe(sc, lang))
