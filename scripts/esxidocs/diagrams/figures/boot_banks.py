"""Boot banks: what each bank holds, which one boots, and four states with the moves
between them (install, upgrade, rollback...).

Wide: the two panels side by side, then the states on a two-by-two grid with straight or
elbow arrows. Narrow: the panels and the states in one column; an arrow that skips a state
goes down a lane on the left. Widths fit the longest text of every language.
"""

from __future__ import annotations

from dataclasses import dataclass

from esxidocs.diagrams.canvas import Box, Canvas
from esxidocs.diagrams.figures.common import (
    BODY,
    BODY_B,
    LABEL,
    MONO,
    MONO_L,
    NARROW_INNER,
    NARROW_W,
    NM,
    SMALL_B,
    M,
    badge,
    in_lang,
    legend_row,
)
from esxidocs.diagrams.model import Bank, BootBanks, Data, State, Transition
from esxidocs.diagrams.registry import Drawing, register
from esxidocs.diagrams.wrap import widest, wrap, wrap_narrow


def _bank_lines(b: Bank, bb: BootBanks, lang: str) -> tuple[str, str, str, str]:
    """Image label, `updated=` text, mount point and status of one bank in one state."""
    image = bb.images[b.image][lang]
    updated = f"updated={b.updated}" if b.updated is not None else ""
    # Both banks are always mounted, the empty one too: the booted one is /bootbank.
    mount = "/bootbank" if b.booted else "/altbootbank"
    key = "booted" if b.booted else "next" if b.next else "invalid" if b.invalid else None
    status = bb.labels[key][lang] if key else ""
    return image, updated, mount, status


BANK_H = 70.0


def _bank_width(bb: BootBanks) -> float:
    need = 0.0
    for lang in bb.langs:
        for s in bb.states:
            for b in s.banks:
                image, updated, mount, status = _bank_lines(b, bb, lang)
                need = max(
                    need,
                    BODY_B.width(image),
                    SMALL_B.width(status),
                    MONO.width(updated) + 14 + MONO.width(mount),
                )
    return 36 + need + 10


def _draw_bank(c: Canvas, b: Bank, box: Box, bb: BootBanks, lang: str) -> None:
    image, updated, mount, status = _bank_lines(b, bb, lang)
    fill = "boot" if b.booted else "bg"
    stroke = "boot-edge" if b.booted or b.next else "edge"
    c.rect(box, fill, stroke, width=2 if stroke == "boot-edge" else 1.25, radius=5, dashed=b.next)
    badge(c, box.x + 18, box.y + 17, str(b.partition), SMALL_B)
    c.text(box.x + 36, box.y + 22, [image], BODY_B)
    if updated:
        c.text(box.x + 36, box.y + 41, [updated], MONO)
    c.text(box.right - 10, box.y + 41, [mount], MONO, anchor="end")
    if status:
        c.text(box.x + 36, box.y + 59, [status], SMALL_B, paint="muted")


GRID_GAP = 150.0  # between the two columns of states: room for a wrapped arrow label
CHOICE_MIN = 250.0  # narrowest 'which bank boots' panel beside the contents table


def _state_min_width(bb: BootBanks) -> float:
    headings = widest((s.heading[g] for s in bb.states for g in bb.langs), LABEL)
    return max(_bank_width(bb), headings) + 24


def _state_height(bb: BootBanks, width: float) -> float:
    notes = max(len(wrap(s.note[g], BODY, width - 24)) for s in bb.states for g in bb.langs)
    return 38 + 2 * (BANK_H + 8) + 6 + notes * BODY.line + 6


def _draw_state(c: Canvas, s: State, box: Box, bb: BootBanks, lang: str) -> None:
    c.rect(box, "surface", "edge", radius=8, ident=f"state-{s.id}")
    c.text(box.x + 12, box.y + 26, [s.heading[lang]], LABEL)
    y = box.y + 38
    for b in s.banks:
        _draw_bank(c, b, Box(box.x + 12, y, box.w - 24, BANK_H), bb, lang)
        y += BANK_H + 8
    c.text(box.x + 12, y + 16, wrap(s.note[lang], BODY, box.w - 24), BODY)


def _contents_columns(bb: BootBanks) -> tuple[float, float]:
    """Widths of the file-name and description columns, equal in both languages."""
    name_w = widest((f.name for f in bb.files), MONO_L)
    text_w = widest((f.text[g] for f in bb.files for g in bb.langs), BODY)
    heading = widest((bb.labels["contents"][g] for g in bb.langs), LABEL)
    return name_w, max(text_w, heading - name_w - 16)


def _draw_panels(c: Canvas, bb: BootBanks, lang: str, width: float) -> float:
    """The 'what each bank holds' table and the 'which bank boots' rule; returns bottom."""
    lab = in_lang(bb.labels, lang)
    name_w, text_w = _contents_columns(bb)
    left_w = 16 + name_w + 16 + text_w + 16
    right = Box(M + left_w + 20, M, width - M - (M + left_w + 20), 0)
    choice_lines = max(len(wrap(bb.labels["choice"][g], BODY, right.w - 32)) for g in bb.langs)
    height = max(44 + len(bb.files) * 24, 44 + choice_lines * BODY.line) + 6
    c.rect(Box(M, M, left_w, height), "surface", "edge", radius=8)
    c.text(M + 16, M + 26, [lab["contents"]], LABEL)
    for i, f in enumerate(bb.files):
        y = M + 54 + i * 24
        c.text(M + 16, y, [f.name], MONO_L)
        c.text(M + 32 + name_w, y, [f.text[lang]], BODY)
    box = Box(right.x, M, right.w, height)
    c.rect(box, "boot", "boot-edge", width=2, radius=8)
    c.text(box.x + 16, box.y + 26, [lab["choice-title"]], LABEL)
    c.text(box.x + 16, box.y + 54, wrap(lab["choice"], BODY, box.w - 32), BODY)
    return M + height


def _vertical_x(a: Box) -> float:
    return a.x + 0.3 * a.w


def _elbow_start(a: Box, b: Box) -> float:
    return a.x + 0.12 * a.w if b.cx < a.cx else a.right - 0.12 * a.w


def _label_lines(t: Transition, a: Box, b: Box, lang: str) -> list[str]:
    """Wrap an arrow label to the free space its route leaves."""
    if abs(a.y - b.y) < 1:
        room = abs(b.x - a.right) if b.x > a.x else abs(a.x - b.right)
    elif abs(a.x - b.x) < 1:
        room = a.right - _vertical_x(a) - 20
    else:
        room = abs(_elbow_start(a, b) - b.cx) - 24
    return wrap(t.label[lang], BODY, room - 16)


def _route(c: Canvas, t: Transition, boxes: dict[str, Box], lang: str) -> None:
    """Arrow between two states: horizontal, vertical or an elbow, with its label."""
    a, b = boxes[t.src], boxes[t.dst]
    lines = _label_lines(t, a, b, lang)
    rise = (len(lines) - 1) * BODY.line
    if abs(a.y - b.y) < 1:  # same row
        y = a.y + 64
        c.arrow([(a.right + 4, y), (b.x - 4, y)])
        c.text((a.right + b.x) / 2, y - 10 - rise, lines, BODY, anchor="middle")
    elif abs(a.x - b.x) < 1:  # same column
        x = _vertical_x(a)
        c.arrow([(x, a.bottom + 4), (x, b.y - 4)])
        c.text(x + 12, (a.bottom + b.y) / 2 - rise / 2 + 5, lines, BODY)
    else:  # down, across, down
        x = _elbow_start(a, b)
        y = a.bottom + 24 + rise + BODY.line
        c.arrow([(x, a.bottom + 4), (x, y), (b.cx, y), (b.cx, b.y - 4)])
        c.text((x + b.cx) / 2, y - 9 - rise, lines, BODY, anchor="middle")


def _row_gap(bb: BootBanks, boxes: dict[str, Box]) -> float:
    """Room between the rows for the arrows that go down and their labels."""
    gap = 84.0
    for t in bb.transitions:
        a, b = boxes[t.src], boxes[t.dst]
        if abs(a.y - b.y) < 1:
            continue
        lines = max(len(_label_lines(t, a, b, g)) for g in bb.langs)
        elbow = not abs(a.x - b.x) < 1
        gap = max(gap, lines * BODY.line + (54 if elbow else 30))
    return gap


def _grid(bb: BootBanks, top: float, width: float) -> dict[str, Box]:
    """Two columns: states 1, 2 on the first row, 3, 4 on the second."""
    state_w = (width - 2 * M - GRID_GAP) / 2
    state_h = _state_height(bb, state_w)
    cols = (M, M + state_w + GRID_GAP)

    def place(row_gap: float) -> dict[str, Box]:
        return {
            s.id: Box(cols[i % 2], top + (i // 2) * (state_h + row_gap), state_w, state_h)
            for i, s in enumerate(bb.states)
        }

    # Label wrapping depends only on widths, so a first pass sizes the gap between rows.
    return place(_row_gap(bb, place(0)))


def draw_wide(bb: BootBanks, lang: str) -> tuple[Canvas, float, float]:
    c = Canvas("boot-banks")
    name_w, text_w = _contents_columns(bb)
    width = max(
        2 * M + 2 * _state_min_width(bb) + GRID_GAP, 2 * M + 48 + name_w + text_w + 20 + CHOICE_MIN
    )
    top = _draw_panels(c, bb, lang, width) + 32
    boxes = _grid(bb, top, width)
    for s in bb.states:
        _draw_state(c, s, boxes[s.id], bb, lang)
    for t in bb.transitions:
        _route(c, t, boxes, lang)
    lab = in_lang(bb.labels, lang)
    legend = [
        ("boot", "boot-edge", False, lab["legend-booted"]),
        ("bg", "boot-edge", True, lab["legend-next"]),
    ]
    bottom = max(b.bottom for b in boxes.values())
    last = legend_row(c, M, bottom + 36, legend, width - M)
    return c, width, last + 6 + M


def describe(bb: BootBanks, lang: str) -> str:
    lab = in_lang(bb.labels, lang)
    files = "; ".join(f"{f.name}: {f.text[lang]}" for f in bb.files)
    states = " ".join(f"{s.heading[lang]}: {s.note[lang]}" for s in bb.states)
    number = {s.id: str(i + 1) for i, s in enumerate(bb.states)}
    moves = "; ".join(f"{number[t.src]} → {number[t.dst]}: {t.label[lang]}" for t in bb.transitions)
    return f"{bb.intro[lang]} {lab['contents']}: {files}. {lab['choice']} {states} {moves}."


LANE = 22.0  # left of the narrow states: where an arrow that skips a state goes down


def _narrow_contents(c: Canvas, bb: BootBanks, lang: str, top: float) -> float:
    """'What each bank holds': each file name above its description; returns the bottom."""
    lab = in_lang(bb.labels, lang)
    heading = wrap_narrow(lab["contents"], LABEL, NARROW_INNER - 24)
    rows = [(f.name, wrap_narrow(f.text[lang], BODY, NARROW_INNER - 36)) for f in bb.files]
    y = top + 26 + (len(heading) - 1) * LABEL.line + 26
    height = y - top
    for _, lines in rows:
        height += MONO_L.line + len(lines) * BODY.line + 6
    box = Box(NM, top, NARROW_INNER, height + 4)
    c.rect(box, "surface", "edge", radius=8)
    c.text(NM + 12, top + 26, heading, LABEL)
    for name, lines in rows:
        c.text(NM + 12, y, [name], MONO_L)
        c.text(NM + 24, y + MONO_L.line, lines, BODY)
        y += MONO_L.line + len(lines) * BODY.line + 6
    return box.bottom


def _narrow_choice(c: Canvas, bb: BootBanks, lang: str, top: float) -> float:
    """'Which bank boots?' as a full-width panel; returns the bottom."""
    lab = in_lang(bb.labels, lang)
    heading = wrap_narrow(lab["choice-title"], LABEL, NARROW_INNER - 24)
    lines = wrap_narrow(lab["choice"], BODY, NARROW_INNER - 24)
    body_y = top + 26 + (len(heading) - 1) * LABEL.line + 26
    box = Box(NM, top, NARROW_INNER, body_y - top + (len(lines) - 1) * BODY.line + 16)
    c.rect(box, "boot", "boot-edge", width=2, radius=8)
    c.text(NM + 12, top + 26, heading, LABEL)
    c.text(NM + 12, body_y, lines, BODY)
    return box.bottom


@dataclass
class _NarrowGap:
    """What the space under a state holds: the label of the arrow to the next state, and
    the labels of arrows that leave the state for a later one down the lane."""

    down: list[str]  # label lines of the arrow to the next state (empty: no arrow)
    skips: list[list[str]]  # label lines of each arrow to a later state

    def height(self) -> float:
        lines = len(self.down) + sum(len(s) for s in self.skips)
        return max(44.0, 20 + lines * BODY.line + 8 * len(self.skips) + 12)


def _narrow_gaps(bb: BootBanks, lang: str, state_x: float) -> list[_NarrowGap]:
    """Arrow labels per gap; raises ValueError for an arrow the column cannot draw."""
    order = {s.id: i for i, s in enumerate(bb.states)}
    room = NARROW_W - NM - state_x - 40
    gaps = [_NarrowGap([], []) for _ in bb.states[:-1]]
    lane_until = -1
    for t in bb.transitions:
        a, b = order[t.src], order[t.dst]
        lines = wrap_narrow(t.label[lang], BODY, room)
        if b == a + 1 and not gaps[a].down:
            gaps[a].down.extend(lines)
        elif b > a + 1 and a >= lane_until:
            gaps[a].skips.append(lines)
            lane_until = b
        else:
            raise ValueError(f"boot-banks: the narrow drawing cannot route {t.src} → {t.dst}")
    return gaps


def _narrow_states(c: Canvas, bb: BootBanks, lang: str, top: float) -> float:
    """The states in one column with their arrows; returns the bottom of the last one."""
    x = NM + LANE
    width = NARROW_W - NM - x
    if _state_min_width(bb) > width:
        raise ValueError("boot-banks: a state does not fit the narrow drawing")
    height = _state_height(bb, width)
    gaps = _narrow_gaps(bb, lang, x)
    order = {s.id: i for i, s in enumerate(bb.states)}
    boxes: list[Box] = []
    y = top
    for i, s in enumerate(bb.states):
        box = Box(x, y, width, height)
        _draw_state(c, s, box, bb, lang)
        boxes.append(box)
        y = box.bottom + (gaps[i].height() if i < len(gaps) else 0)
    arrow_x = x + width - 28
    lane_x = NM + 6
    for i, gap in enumerate(gaps):
        a, b = boxes[i], boxes[i + 1]
        text_y = a.bottom + 20
        if gap.down:
            c.arrow([(arrow_x, a.bottom + 4), (arrow_x, b.y - 4)])
            c.text(arrow_x - 10, text_y, gap.down, BODY, anchor="end")
            text_y += len(gap.down) * BODY.line + 8
        for lines in gap.skips:
            c.text(lane_x + 12, text_y, lines, BODY)
            text_y += len(lines) * BODY.line + 8
    for t in bb.transitions:
        i, j = order[t.src], order[t.dst]
        if j > i + 1:
            a, b = boxes[i], boxes[j]
            start, end = a.bottom - 18, b.y + 20
            c.arrow([(a.x - 4, start), (lane_x, start), (lane_x, end), (b.x - 4, end)])
    return boxes[-1].bottom


def draw_narrow(bb: BootBanks, lang: str) -> tuple[Canvas, float, float]:
    """Contents, the boot rule, then the four states one under the other."""
    c = Canvas("boot-banks", "narrow")
    y = _narrow_contents(c, bb, lang, NM)
    y = _narrow_choice(c, bb, lang, y + 12)
    bottom = _narrow_states(c, bb, lang, y + 24)
    lab = in_lang(bb.labels, lang)
    legend = [
        ("boot", "boot-edge", False, lab["legend-booted"]),
        ("bg", "boot-edge", True, lab["legend-next"]),
    ]
    last = legend_row(c, NM, bottom + 36, legend, NARROW_W - NM)
    return c, NARROW_W, last + 6 + NM


@register("boot-banks")
def build(data: Data, lang: str, narrow: bool) -> Drawing:
    bb = data.banks
    canvas, width, height = (draw_narrow if narrow else draw_wide)(bb, lang)
    return Drawing(canvas, width, height, bb.title[lang], describe(bb, lang))
