"""Disk layout: the partitions of an ESXi 5 install, local disk beside USB/SD.

Wide: three columns (local blocks, mount points, USB/SD blocks), block heights growing with
log2 of the size. Narrow: the local blocks stacked with their mount points inside, then the
USB/SD install. Column widths fit the longest text of every language, so all languages
share one geometry.
"""

from __future__ import annotations

import math

from esxidocs.diagrams.canvas import Box, Canvas
from esxidocs.diagrams.figures.common import (
    BODY,
    HEAD,
    LABEL,
    MONO,
    NARROW_INNER,
    NARROW_W,
    NM,
    SMALL,
    SMALL_B,
    M,
    badge,
    in_lang,
    legend_row,
    narrow_heading,
)
from esxidocs.diagrams.metrics import ASCENT, DESCENT
from esxidocs.diagrams.model import Data, DiskLayout, Partition, Size
from esxidocs.diagrams.registry import Drawing, register
from esxidocs.diagrams.wrap import wrap, wrap_narrow

KIND_PAINT = {"bootbank": ("boot", "boot-edge"), "scratch": ("scratch", "scratch-edge")}


def block_height(size: Size) -> float:
    """Not to scale: grows with log2 of the size so that order of magnitude shows."""
    mb = 4 * 1024 * 16 if size.mb == math.inf else size.mb  # "rest": draw as the largest
    return 48 + 5.5 * math.log2(max(mb, 4) / 4)


def size_text(p: Partition, d: DiskLayout, lang: str) -> str:
    return p.size.text if p.size.text else d.labels["rest"][lang]


def detail_text(p: Partition) -> str:
    return f"{p.ptype} · {p.fs}" if p.fs else p.ptype


def mount_text(p: Partition, d: DiskLayout, lang: str) -> str:
    return f" {d.labels['or'][lang]} ".join(p.mounts)


def _disk_columns(d: DiskLayout) -> tuple[float, float, float]:
    """Widths of the local blocks, mount column and USB blocks, equal in both languages."""
    local, mount, usb = 0.0, 0.0, LABEL.width("") + 0
    for lang in d.langs:
        for p in d.partitions:
            line2 = MONO.width(detail_text(p)) + 16 + LABEL.width(size_text(p, d, lang))
            local = max(local, LABEL.width(p.label[lang]), line2)
            mount = max(
                mount,
                MONO.width(mount_text(p, d, lang))
                if p.mounts
                else SMALL.width(d.labels["unmounted"][lang]),
            )
            if p.number in d.usb:
                usb = max(usb, LABEL.width(p.label[lang]), BODY.width(size_text(p, d, lang)))
        mount = max(mount, SMALL_B.width(d.labels["mount"][lang]))
        local = max(local, HEAD.width(d.labels["local"][lang]) - 44)
        usb = max(usb, HEAD.width(d.labels["usb"][lang]) - 44)
    return 44 + local + 14, mount, 44 + usb + 14


def _disk_block(
    c: Canvas, p: Partition, box: Box, d: DiskLayout, lang: str, ident: str, full: bool
) -> None:
    fill, stroke = KIND_PAINT.get(p.kind, ("surface", "edge"))
    c.rect(
        box,
        fill,
        stroke,
        width=2 if p.kind in KIND_PAINT else 1.25,
        dashed=p.first_boot,
        ident=ident,
    )
    badge(c, box.x + 22, box.cy, str(p.number))
    c.text(box.x + 44, box.cy - 3, [p.label[lang]], LABEL)
    if full:
        c.text(box.right - 14, box.cy + 15, [size_text(p, d, lang)], LABEL, anchor="end")
        c.text(box.x + 44, box.cy + 15, [detail_text(p)], MONO, paint="muted")
    else:
        c.text(box.x + 44, box.cy + 15, [size_text(p, d, lang)], BODY)


def _disk_mount(c: Canvas, p: Partition, box: Box, x: float, d: DiskLayout, lang: str) -> None:
    c.line([(box.right + 4, box.cy), (x - 8, box.cy)], dashed=True)
    if p.mounts:
        c.text(x, box.cy + 5, [mount_text(p, d, lang)], MONO)
    else:
        c.text(x, box.cy + 4, [d.labels["unmounted"][lang]], SMALL, paint="muted")


def draw_wide(d: DiskLayout, lang: str) -> tuple[Canvas, float, float]:
    c = Canvas("disk-layout")
    lab = in_lang(d.labels, lang)
    local_w, mount_w, usb_w = _disk_columns(d)
    x_mount = M + local_w + 30
    x_usb = x_mount + mount_w + 36
    width = x_usb + usb_w + M
    c.text(M, M + 16, [lab["local"]], HEAD)
    c.text(x_usb, M + 16, [lab["usb"]], HEAD)
    c.text(M, M + 42, [lab["start"]], SMALL, paint="muted")
    c.text(x_mount, M + 42, [lab["mount"]], SMALL_B, paint="muted")
    y: float = M + 54
    missing: list[Box] = []
    for p in d.partitions:
        box = Box(M, y, local_w, block_height(p.size))
        _disk_block(c, p, box, d, lang, f"part-{p.number}", full=True)
        _disk_mount(c, p, box, x_mount, d, lang)
        usb_box = Box(x_usb, y, usb_w, box.h)
        if p.number in d.usb:
            _disk_block(c, p, usb_box, d, lang, f"usb-part-{p.number}", full=False)
        else:
            missing.append(usb_box)
        y = box.bottom + 6
    if missing:
        hole = Box(x_usb, missing[0].y, usb_w, missing[-1].bottom - missing[0].y)
        c.rect(hole, None, "edge", dashed=True)
        lines = wrap(lab["usb-note"], BODY, usb_w - 32)
        top = hole.cy - (len(lines) - 1) * BODY.line / 2 + 5
        c.text(hole.cx, top, lines, BODY, paint="muted", anchor="middle")
    c.text(M, y + 14, [lab["end"]], SMALL, paint="muted")
    legend = [
        ("boot", "boot-edge", False, lab["legend-boot"]),
        ("scratch", "scratch-edge", False, lab["legend-scratch"]),
        ("surface", "edge", True, lab["legend-first-boot"]),
    ]
    last = legend_row(c, M, y + 52, legend, width - M)
    c.text(M, last + 28, [lab["not-to-scale"]], SMALL, paint="muted")
    return c, width, last + 28 + 4 + M


def describe(d: DiskLayout, lang: str) -> str:
    lab = in_lang(d.labels, lang)
    parts = []
    for p in d.partitions:
        where = mount_text(p, d, lang) if p.mounts else lab["unmounted"]
        parts.append(
            f"{p.number}, {p.label[lang]}, {size_text(p, d, lang)}, "
            f"{detail_text(p).replace(' · ', ', ')}, {where}"
        )
    usb = ", ".join(str(n) for n in d.usb)
    return (
        f"{d.intro[lang]} {lab['local']}: {'; '.join(parts)}. "
        f"{lab['usb']}: {usb}. {lab['usb-note']}"
    )


NARROW_BLOCK_TEXT = 44.0  # text starts right of the number badge
NARROW_TEXT_W = NARROW_INNER - NARROW_BLOCK_TEXT - 12
NARROW_LINE1, NARROW_LINE2, NARROW_LINE3 = 24.0, 42.0, 62.0  # baselines in a block


def _narrow_mounts(p: Partition, d: DiskLayout, lang: str) -> tuple[str, list[str], bool]:
    """The "Mount point:" prefix, the mount lines, and whether they fit on its line."""
    prefix = f"{d.labels['mount'][lang]}:"
    mount = mount_text(p, d, lang)
    if SMALL_B.width(prefix) + 6 + MONO.width(mount) <= NARROW_TEXT_W:
        return prefix, [mount], True
    return prefix, wrap_narrow(mount, MONO, NARROW_TEXT_W), False


def _narrow_block_need(d: DiskLayout) -> float:
    """Height that holds the longest block text in either language (heights then grow with
    size from there, so they still hint at it)."""
    need = NARROW_LINE3
    for lang in d.langs:
        for p in d.partitions:
            if p.mounts:
                _, mounts, same_line = _narrow_mounts(p, d, lang)
                need = max(need, NARROW_LINE3 + (0 if same_line else len(mounts)) * MONO.line)
    return need + DESCENT * MONO.size + 12


def _narrow_block_height(size: Size, need: float) -> float:
    mb = 4 * 1024 * 16 if size.mb == math.inf else size.mb
    return need + 3.5 * math.log2(max(mb, 4) / 4)


def _narrow_disk_block(c: Canvas, p: Partition, box: Box, d: DiskLayout, lang: str) -> None:
    fill, stroke = KIND_PAINT.get(p.kind, ("surface", "edge"))
    width = 2 if p.kind in KIND_PAINT else 1.25
    c.rect(box, fill, stroke, width=width, dashed=p.first_boot, ident=f"part-{p.number}")
    x = box.x + NARROW_BLOCK_TEXT
    badge(c, box.x + 22, box.y + NARROW_LINE1 - 5, str(p.number))
    c.text(x, box.y + NARROW_LINE1, [p.label[lang]], LABEL)
    c.text(box.right - 12, box.y + NARROW_LINE2, [size_text(p, d, lang)], LABEL, anchor="end")
    c.text(x, box.y + NARROW_LINE2, [detail_text(p)], MONO, paint="muted")
    y = box.y + NARROW_LINE3
    if not p.mounts:
        c.text(x, y, [d.labels["unmounted"][lang]], SMALL, paint="muted")
        return
    prefix, mounts, same_line = _narrow_mounts(p, d, lang)
    c.text(x, y, [prefix], SMALL_B, paint="muted")
    if same_line:
        c.text(x + SMALL_B.width(prefix) + 6, y, mounts, MONO)
    else:
        c.text(x, y + MONO.line, mounts, MONO)


def _narrow_usb(c: Canvas, d: DiskLayout, lang: str, top: float) -> float:
    """The USB/SD install: its partitions as short blocks, then why the rest is missing."""
    lab = in_lang(d.labels, lang)
    y = narrow_heading(c, lab["usb"], top) + 14
    for p in d.partitions:
        if p.number not in d.usb:
            continue
        fill, stroke = KIND_PAINT.get(p.kind, ("surface", "edge"))
        box = Box(NM, y, NARROW_INNER, 48)
        width = 2 if p.kind in KIND_PAINT else 1.25
        c.rect(box, fill, stroke, width=width, ident=f"usb-part-{p.number}")
        badge(c, box.x + 22, box.cy, str(p.number))
        c.text(box.x + NARROW_BLOCK_TEXT, box.cy - 3, [p.label[lang]], LABEL)
        c.text(box.x + NARROW_BLOCK_TEXT, box.cy + 15, [size_text(p, d, lang)], BODY)
        y = box.bottom + 6
    lines = wrap_narrow(lab["usb-note"], BODY, NARROW_INNER - 32)
    hole = Box(NM, y, NARROW_INNER, len(lines) * BODY.line + 22)
    c.rect(hole, None, "edge", dashed=True)
    c.text(hole.cx, hole.y + 11 + BODY.size * ASCENT, lines, BODY, paint="muted", anchor="middle")
    return hole.bottom


def draw_narrow(d: DiskLayout, lang: str) -> tuple[Canvas, float, float]:
    """Local disk blocks stacked with their mount points inside, then the USB/SD install."""
    c = Canvas("disk-layout", "narrow")
    lab = in_lang(d.labels, lang)
    y = narrow_heading(c, lab["local"], NM) + 22
    c.text(NM, y, [lab["start"]], SMALL, paint="muted")
    y += 10
    need = _narrow_block_need(d)
    for p in d.partitions:
        box = Box(NM, y, NARROW_INNER, _narrow_block_height(p.size, need))
        _narrow_disk_block(c, p, box, d, lang)
        y = box.bottom + 6
    c.text(NM, y + 14, [lab["end"]], SMALL, paint="muted")
    y = _narrow_usb(c, d, lang, y + 40)
    legend = [
        ("boot", "boot-edge", False, lab["legend-boot"]),
        ("scratch", "scratch-edge", False, lab["legend-scratch"]),
        ("surface", "edge", True, lab["legend-first-boot"]),
    ]
    last = legend_row(c, NM, y + 36, legend, NARROW_W - NM)
    note = wrap_narrow(lab["not-to-scale"], SMALL, NARROW_INNER)
    c.text(NM, last + 28, note, SMALL, paint="muted")
    return c, NARROW_W, last + 28 + (len(note) - 1) * SMALL.line + 4 + NM


@register("disk-layout")
def build(data: Data, lang: str, narrow: bool) -> Drawing:
    d = data.disk
    canvas, width, height = (draw_narrow if narrow else draw_wide)(d, lang)
    return Drawing(canvas, width, height, d.title[lang], describe(d, lang))
