#!/usr/bin/env python3
"""Draw the site's diagrams from `docs/_data/diagrams.yml`: one SVG per diagram and language.

Output: `docs/<lang>/assets/diagrams/<name>.svg` for each name in NAMES and lang in LANGS.
The SVGs are committed; `--check` (and the tests) fail when they differ from the data.

Choices that the tests rely on:

- Text is real `<text>` with explicit `font-size`/`font-weight` attributes, so its box can be
  estimated (`text_width`) from per-character advance widths of the fonts in FONT_STACK.
- Colours are CSS classes (`f-<paint>` fill, `s-<paint>` stroke) scoped to the diagram's root
  class. Inline in a page they follow Material's palette (its CSS variables, plus our own
  `slate` values); standalone or in print they fall back to the light values, which are also
  written as presentation attributes for renderers that ignore `<style>`.
- Output is deterministic: fixed number formatting, no timestamps, data order only.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import yaml

ROOT = Path(__file__).resolve().parents[2]  # the project: scripts/esxidocs/..
DATA_FILE = ROOT / "docs" / "_data" / "diagrams.yml"
DOCS_DIR = ROOT / "docs"
LANGS = ("es", "en")
NAMES = ("disk-layout", "boot-banks", "scratch-location")
PHYSICAL_ORDER = (1, 5, 6, 7, 8, 2, 3)
KINDS = ("loader", "bootbank", "coredump", "locker", "scratch", "datastore")

FONT_STACK = '"DejaVu Sans", "Liberation Sans", Arial, sans-serif'
MONO_STACK = '"DejaVu Sans Mono", "Liberation Mono", Consolas, monospace'

# --------------------------------------------------------------------------- data model


class DiagramDataError(ValueError):
    """The data file is malformed; the message starts with `file:line:`."""


@dataclass(frozen=True)
class I18n:
    """A label in every language of the site."""

    es: str
    en: str

    def get(self, lang: str) -> str:
        return self.es if lang == "es" else self.en


@dataclass(frozen=True)
class Size:
    """A partition size as written in the data ("4 MB", "4 GB") or None for "rest"."""

    text: str | None

    @property
    def mb(self) -> float:
        if self.text is None:
            return math.inf
        number, unit = self.text.split()
        return float(number) * (1024 if unit == "GB" else 1)


@dataclass(frozen=True)
class Partition:
    number: int
    ptype: str
    size: Size
    fs: str | None
    mounts: tuple[str, ...]
    kind: str
    label: I18n
    first_boot: bool


@dataclass(frozen=True)
class DiskLayout:
    title: I18n
    intro: I18n
    labels: dict[str, I18n]
    partitions: tuple[Partition, ...]
    usb: tuple[int, ...]


@dataclass(frozen=True)
class BankFile:
    name: str
    text: I18n


@dataclass(frozen=True)
class Bank:
    partition: int
    image: str
    updated: int | None
    booted: bool
    next: bool
    invalid: bool  # marked invalid (bootstate=3): the loader no longer boots it


@dataclass(frozen=True)
class State:
    id: str
    heading: I18n
    note: I18n
    banks: tuple[Bank, Bank]


@dataclass(frozen=True)
class Transition:
    src: str
    dst: str
    label: I18n


@dataclass(frozen=True)
class BootBanks:
    title: I18n
    intro: I18n
    labels: dict[str, I18n]
    files: tuple[BankFile, ...]
    images: dict[str, I18n]
    states: tuple[State, ...]
    transitions: tuple[Transition, ...]


@dataclass(frozen=True)
class Step:
    label: I18n
    detail: I18n
    persistent: bool | None  # None: depends on where it points

    @property
    def status(self) -> str:
        """Key of the label and colour that say whether it survives a reboot."""
        return {True: "survives", False: "lost", None: "depends"}[self.persistent]


@dataclass(frozen=True)
class ScratchLocation:
    title: I18n
    intro: I18n
    labels: dict[str, I18n]
    steps: tuple[Step, ...]
    holds: tuple[I18n, ...]


@dataclass(frozen=True)
class Data:
    disk: DiskLayout
    banks: BootBanks
    scratch: ScratchLocation


# Label keys each section must define (and no others, so a typo is caught).
LABEL_KEYS: dict[str, tuple[str, ...]] = {
    "disk-layout": (
        "local",
        "usb",
        "mount",
        "start",
        "end",
        "or",
        "unmounted",
        "rest",
        "usb-note",
        "legend-boot",
        "legend-scratch",
        "legend-first-boot",
        "not-to-scale",
    ),
    "boot-banks": (
        "contents",
        "choice-title",
        "choice",
        "booted",
        "next",
        "invalid",
        "legend-booted",
        "legend-next",
    ),
    "scratch-location": (
        "heading",
        "otherwise",
        "chosen",
        "holds",
        "current",
        "survives",
        "lost",
        "depends",
    ),
}
SIZE_RE = re.compile(r"^[1-9][0-9]* (MB|GB)$")
STR_TAG = "tag:yaml.org,2002:str"


class _Reader:
    """Typed access to a composed YAML tree; every error names the file and line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, node: yaml.Node, message: str) -> DiagramDataError:
        return DiagramDataError(f"{self.path}:{node.start_mark.line + 1}: {message}")

    def mapping(
        self, node: yaml.Node, required: Iterable[str], optional: Iterable[str] = ()
    ) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, "expected a mapping")
        required = tuple(required)
        allowed = set(required) | set(optional)
        items: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            key = str(key_node.value)
            if key in items:
                raise self.fail(key_node, f"duplicate key '{key}'")
            if key not in allowed:
                raise self.fail(key_node, f"unknown key '{key}'")
            items[key] = value
        missing = [key for key in required if key not in items]
        if missing:
            raise self.fail(node, f"missing key(s): {', '.join(missing)}")
        return items

    def sequence(self, node: yaml.Node) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, "expected a list")
        return list(node.value)

    def string(self, node: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR_TAG or not node.value.strip():
            raise self.fail(node, "expected a non-empty text")
        return " ".join(str(node.value).split())

    def optional_string(self, node: yaml.Node | None) -> str | None:
        if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
            return None
        return self.string(node)

    def integer(self, node: yaml.Node) -> int:
        if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":int"):
            raise self.fail(node, "expected a whole number")
        return int(node.value)

    def boolean(self, node: yaml.Node | None) -> bool:
        if node is None:
            return False
        if not isinstance(node, yaml.ScalarNode) or not node.tag.endswith(":bool"):
            raise self.fail(node, "expected true or false")
        return str(node.value).lower() == "true"

    def i18n(self, node: yaml.Node) -> I18n:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"expected a label with {' and '.join(LANGS)} texts")
        keys = {str(k.value) for k, _ in node.value}
        for lang in LANGS:
            if lang not in keys:
                raise self.fail(node, f"label is missing its '{lang}' text")
        items = self.mapping(node, LANGS)
        return I18n(es=self.string(items["es"]), en=self.string(items["en"]))

    def labels(self, node: yaml.Node, section: str) -> dict[str, I18n]:
        items = self.mapping(node, LABEL_KEYS[section])
        return {key: self.i18n(items[key]) for key in LABEL_KEYS[section]}


def _parse_size(r: _Reader, node: yaml.Node) -> Size:
    text = r.string(node)
    if text == "rest":
        return Size(None)
    if not SIZE_RE.match(text):
        raise r.fail(node, f"size '{text}' must look like '250 MB', '4 GB' or 'rest'")
    return Size(text)


def _parse_partition(r: _Reader, node: yaml.Node) -> Partition:
    keys = ("number", "type", "size", "fs", "mount", "kind", "label")
    items = r.mapping(node, keys, ("first-boot",))
    kind = r.string(items["kind"])
    if kind not in KINDS:
        raise r.fail(items["kind"], f"kind '{kind}' must be one of {', '.join(KINDS)}")
    return Partition(
        number=r.integer(items["number"]),
        ptype=r.string(items["type"]),
        size=_parse_size(r, items["size"]),
        fs=r.optional_string(items["fs"]),
        mounts=tuple(r.string(m) for m in r.sequence(items["mount"])),
        kind=kind,
        label=r.i18n(items["label"]),
        first_boot=r.boolean(items.get("first-boot")),
    )


def _parse_disk(r: _Reader, node: yaml.Node) -> DiskLayout:
    keys = ("title", "intro", "labels", "partitions", "usb-partitions")
    items = r.mapping(node, keys)
    nodes = r.sequence(items["partitions"])
    parts = tuple(_parse_partition(r, p) for p in nodes)
    order = tuple(p.number for p in parts)
    if order != PHYSICAL_ORDER:
        wanted = ", ".join(map(str, PHYSICAL_ORDER))
        bad = next(
            (i for i, n in enumerate(order) if i >= len(wanted) or n != PHYSICAL_ORDER[i]),
            len(order) - 1,
        )
        raise r.fail(
            nodes[bad] if nodes else items["partitions"],
            f"partitions must be in physical order {wanted}",
        )
    usb = tuple(r.integer(n) for n in r.sequence(items["usb-partitions"]))
    if [n for n in order if n in usb] != list(usb) or len(set(usb)) != len(usb):
        message = "USB/SD partitions must be partitions listed above, in the same order"
        raise r.fail(items["usb-partitions"], message)
    return DiskLayout(
        title=r.i18n(items["title"]),
        intro=r.i18n(items["intro"]),
        labels=r.labels(items["labels"], "disk-layout"),
        partitions=parts,
        usb=usb,
    )


def _parse_bank(r: _Reader, node: yaml.Node, images: dict[str, I18n]) -> Bank:
    items = r.mapping(node, ("partition", "image"), ("updated", "booted", "next", "invalid"))
    image = r.string(items["image"])
    if image not in images:
        raise r.fail(items["image"], f"image '{image}' is not one of {', '.join(images)}")
    updated = items.get("updated")
    return Bank(
        partition=r.integer(items["partition"]),
        image=image,
        updated=None if updated is None else r.integer(updated),
        booted=r.boolean(items.get("booted")),
        next=r.boolean(items.get("next")),
        invalid=r.boolean(items.get("invalid")),
    )


def _parse_state(r: _Reader, node: yaml.Node, images: dict[str, I18n]) -> State:
    items = r.mapping(node, ("id", "heading", "note", "banks"))
    banks = tuple(_parse_bank(r, b, images) for b in r.sequence(items["banks"]))
    if len(banks) != 2 or sum(b.booted for b in banks) != 1:
        raise r.fail(items["banks"], "a state has two banks, exactly one of them booted")
    if any(b.booted and b.invalid for b in banks):
        raise r.fail(items["banks"], "the booted bank cannot be invalid")
    return State(
        id=r.string(items["id"]),
        heading=r.i18n(items["heading"]),
        note=r.i18n(items["note"]),
        banks=(banks[0], banks[1]),
    )


def _parse_transition(r: _Reader, node: yaml.Node, ids: Sequence[str]) -> Transition:
    items = r.mapping(node, ("from", "to", "label"))
    ends = (r.string(items["from"]), r.string(items["to"]))
    for key, value in zip(("from", "to"), ends, strict=True):
        if value not in ids:
            raise r.fail(items[key], f"unknown state '{value}'")
    return Transition(src=ends[0], dst=ends[1], label=r.i18n(items["label"]))


def _parse_banks(r: _Reader, node: yaml.Node) -> BootBanks:
    keys = ("title", "intro", "labels", "files", "images", "states", "transitions")
    items = r.mapping(node, keys)
    image_nodes = r.mapping(items["images"], ("old", "new", "empty"))
    images = {key: r.i18n(value) for key, value in image_nodes.items()}
    files = tuple(
        BankFile(name=r.string(f["name"]), text=r.i18n(f["text"]))
        for f in (r.mapping(n, ("name", "text")) for n in r.sequence(items["files"]))
    )
    states = tuple(_parse_state(r, s, images) for s in r.sequence(items["states"]))
    if len(states) != 4:
        raise r.fail(items["states"], "the drawing has room for exactly four states")
    ids = [s.id for s in states]
    transitions = tuple(_parse_transition(r, t, ids) for t in r.sequence(items["transitions"]))
    return BootBanks(
        title=r.i18n(items["title"]),
        intro=r.i18n(items["intro"]),
        labels=r.labels(items["labels"], "boot-banks"),
        files=files,
        images=images,
        states=states,
        transitions=transitions,
    )


def _parse_persistence(r: _Reader, node: yaml.Node) -> bool | None:
    if isinstance(node, yaml.ScalarNode) and node.value == "depends":
        return None
    return r.boolean(node)


def _parse_step(r: _Reader, node: yaml.Node) -> Step:
    items = r.mapping(node, ("label", "detail", "persistent"))
    return Step(
        label=r.i18n(items["label"]),
        detail=r.i18n(items["detail"]),
        persistent=_parse_persistence(r, items["persistent"]),
    )


def _parse_scratch(r: _Reader, node: yaml.Node) -> ScratchLocation:
    items = r.mapping(node, ("title", "intro", "labels", "steps", "holds"))
    return ScratchLocation(
        title=r.i18n(items["title"]),
        intro=r.i18n(items["intro"]),
        labels=r.labels(items["labels"], "scratch-location"),
        steps=tuple(_parse_step(r, s) for s in r.sequence(items["steps"])),
        holds=tuple(r.i18n(h) for h in r.sequence(items["holds"])),
    )


def _check_bank_partitions(r: _Reader, root: yaml.Node, data: Data) -> None:
    # Bank states must talk about the partitions the disk layout calls boot banks.
    banks = tuple(p.number for p in data.disk.partitions if p.kind == "bootbank")
    for state in data.banks.states:
        if tuple(b.partition for b in state.banks) != banks:
            raise r.fail(root, f"state '{state.id}' must list boot-bank partitions {banks}")


def load_data(path: Path = DATA_FILE) -> Data:
    """Parse and check the data file; raise DiagramDataError naming file and line."""
    r = _Reader(path)
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise DiagramDataError(f"{path}:{line}: invalid YAML: {exc}") from exc
    if root is None:
        raise DiagramDataError(f"{path}:1: the file is empty")
    items = r.mapping(root, NAMES)
    data = Data(
        disk=_parse_disk(r, items["disk-layout"]),
        banks=_parse_banks(r, items["boot-banks"]),
        scratch=_parse_scratch(r, items["scratch-location"]),
    )
    _check_bank_partitions(r, items["boot-banks"], data)
    return data


# --------------------------------------------------------------------------- text metrics

# Advance widths in 1/1000 em: for each character the larger of DejaVu Sans and Liberation
# Sans (= Arial metrics), so the estimate never undershoots whichever font of FONT_STACK
# renders. Characters not listed count as a full em.
_REGULAR = {
    275: "'",
    278: "ijlí",
    295: "IÍ",
    318: " ,.·",
    337: "/:;\\|",
    352: "f",
    361: "-",
    390: "()[]",
    392: "t",
    401: "!¡",
    411: "r",
    460: '"',
    500: "*J`",
    521: "s",
    525: "z",
    550: "c",
    556: "?_\u2013",
    557: "L",
    579: "k",
    592: "vxy",
    611: "FT¿",
    612: "oó",
    613: "aá",
    615: "eé",
    634: "hnuúñü",
    635: "bdgpq",
    636: "$0123456789{}",
    667: "EKPSYÉ",
    684: "AVÁ",
    685: "XZ",
    686: "B",
    722: "CR",
    732: "UÚÜ",
    748: "NÑ",
    752: "H",
    770: "D",
    778: "G",
    780: "&",
    787: "OQÓ",
    818: "w",
    838: "#+<=>^~↑↓≈≥≤\u00d7",
    863: "M",
    950: "%",
    974: "m",
    989: "W",
    1000: "→←—…",
    1015: "@",
}
_BOLD = {
    306: "'",
    343: "ijlí",
    348: " ",
    365: "/\\|",
    372: "IÍ",
    380: ",.·",
    400: ":;",
    415: "-",
    435: "f",
    456: "!¡",
    457: "()[]",
    478: "t",
    493: "r",
    500: "`",
    521: '"',
    523: "*",
    556: "J_\u2013",
    582: "z",
    593: "c",
    595: "s",
    611: "?¿",
    637: "L",
    645: "x",
    652: "vy",
    665: "k",
    675: "aá",
    678: "eé",
    682: "T",
    683: "EFÉ",
    687: "oó",
    696: "$0123456789",
    712: "hnu{}úñü",
    716: "bdgpq",
    720: "S",
    724: "Y",
    725: "Z",
    733: "P",
    734: "C",
    762: "B",
    770: "R",
    771: "X",
    774: "AVÁ",
    775: "K",
    812: "UÚÜ",
    821: "G",
    830: "D",
    837: "HNÑ",
    838: "#+<=>^~↑↓≈≥≤\u00d7",
    850: "OQÓ",
    872: "&",
    924: "w",
    995: "M",
    1000: "@→←—…",
    1002: "%",
    1042: "m",
    1103: "W",
}
_MONO_ADVANCE = 602  # DejaVu Sans Mono; Liberation Mono is 600
ASCENT = 0.8  # of the font size, above the baseline (accented lower case included)
DESCENT = 0.24


def _table(groups: dict[int, str]) -> dict[str, int]:
    return {char: width for width, chars in groups.items() for char in chars}


_WIDTHS = {False: _table(_REGULAR), True: _table(_BOLD)}


def text_width(text: str, size: float, *, bold: bool = False, mono: bool = False) -> float:
    """Estimated rendered width of `text` at `size` px; used for layout and by the tests."""
    if mono:
        return len(text) * _MONO_ADVANCE * size / 1000
    table = _WIDTHS[bold]
    return sum(table.get(char, 1000) for char in text) * size / 1000


@dataclass(frozen=True)
class Font:
    size: float
    bold: bool = False
    mono: bool = False

    def width(self, text: str) -> float:
        return text_width(text, self.size, bold=self.bold, mono=self.mono)

    @property
    def line(self) -> float:
        return round(self.size * 1.3)


HEAD = Font(16, bold=True)
LABEL = Font(15, bold=True)
BODY = Font(14)
BODY_B = Font(14, bold=True)
SMALL = Font(13)
SMALL_B = Font(13, bold=True)
MONO = Font(13, mono=True)
MONO_L = Font(14, mono=True)
MONO_H = Font(20, bold=True, mono=True)


def wrap(text: str, font: Font, width: float) -> list[str]:
    """Greedy word wrap to `width`; a single word longer than `width` gets its own line."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def widest(texts: Iterable[str], font: Font) -> float:
    return max((font.width(t) for t in texts), default=0.0)


# --------------------------------------------------------------------------- colours


@dataclass(frozen=True)
class Paint:
    """A colour for Material's default scheme (also the standalone value) and `slate`.

    With `var`, inline SVGs take the colour from that Material variable (so it follows the
    palette toggle); `dark` is then what Material sets in slate, kept for the contrast test.
    """

    light: str
    dark: str
    var: str | None = None


PAINTS: dict[str, Paint] = {
    "bg": Paint("#ffffff", "#1e2129", "--md-default-bg-color"),
    "fg": Paint("#212121", "#e2e4e9d1", "--md-default-fg-color"),
    "muted": Paint("#4d5361", "#b4b9c6"),
    "surface": Paint("#f5f5f5", "#272a35", "--md-code-bg-color"),
    "edge": Paint("#6b7180", "#9aa1b2"),
    "boot": Paint("#e3e8fc", "#28335e"),
    "boot-edge": Paint("#3949ab", "#8c9eff"),
    "scratch": Paint("#fcefd4", "#46330f"),
    "scratch-edge": Paint("#a15c07", "#e8ac4c"),
    "ok": Paint("#e2f3e6", "#1c3a25"),
    "ok-edge": Paint("#2e7d32", "#76d38a"),
    "lost": Paint("#fce6e4", "#4a1f1f"),
    "lost-edge": Paint("#c62828", "#f28b82"),
    "arrow": Paint("#454b58", "#c4c9d6"),
}


def _declaration(prop: str, paint: Paint) -> str:
    if paint.var is None:
        return f"{prop}:{paint.light}"
    # The plain value first: a renderer without var() keeps it and drops the second.
    return f"{prop}:{paint.light};{prop}:var({paint.var},{paint.light})"


def stylesheet(name: str) -> str:
    """CSS scoped to one diagram: an inline <style> applies to the whole page."""
    root = f".dgm-{name}"
    rules = [f"{root}{{font-family:{FONT_STACK}}}", f"{root} .mono{{font-family:{MONO_STACK}}}"]
    dark = []
    for key, paint in PAINTS.items():
        for prefix, prop in (("f", "fill"), ("s", "stroke")):
            rules.append(f"{root} .{prefix}-{key}{{{_declaration(prop, paint)}}}")
            if paint.var is None:
                dark.append(
                    f'[data-md-color-scheme="slate"] {root} .{prefix}-{key}{{{prop}:{paint.dark}}}'
                )
    # Material defines slate only for screen; print keeps the light palette, so do we.
    return "\n".join(rules) + "\n@media screen{\n" + "\n".join(dark) + "\n}"


# --------------------------------------------------------------------------- SVG canvas


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


def _paint_attrs(fill: str | None, stroke: str | None) -> str:
    classes = [f"f-{fill}" if fill else "", f"s-{stroke}" if stroke else ""]
    attrs = f' class="{" ".join(c for c in classes if c)}"'
    attrs += f' fill="{PAINTS[fill].light}"' if fill else ' fill="none"'
    if stroke:
        attrs += f' stroke="{PAINTS[stroke].light}"'
    return attrs


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
        attrs += _paint_attrs(fill, stroke)
        if stroke:
            attrs += f' stroke-width="{num(width)}"'
        if dashed:
            attrs += ' stroke-dasharray="6 4"'
        self.items.append(f"<rect{attrs}/>")

    def circle(
        self, cx: float, cy: float, r: float, fill: str, stroke: str | None, width: float = 1.25
    ) -> None:
        attrs = f' cx="{num(cx)}" cy="{num(cy)}" r="{num(r)}"' + _paint_attrs(fill, stroke)
        if stroke:
            attrs += f' stroke-width="{num(width)}"'
        self.items.append(f"<circle{attrs}/>")

    def path(self, d: str, stroke: str, width: float = 1.5, fill: str | None = None) -> None:
        attrs = _paint_attrs(fill, stroke)
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
            f'<path d="{d}"{_paint_attrs(None, stroke)} stroke-width="{num(width)}"{extra}/>'
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
        self.items.append(f'<path d="{d}"{_paint_attrs(paint, None)}/>')

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


# --------------------------------------------------------------------------- drawing helpers

M = 24  # outer margin


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


# --------------------------------------------------------------------------- disk layout

KIND_PAINT = {"bootbank": ("boot", "boot-edge"), "scratch": ("scratch", "scratch-edge")}


def block_height(size: Size) -> float:
    """Not to scale: grows with log2 of the size so that order of magnitude shows."""
    mb = 4 * 1024 * 16 if size.mb == math.inf else size.mb  # "rest": draw as the largest
    return 48 + 5.5 * math.log2(max(mb, 4) / 4)


def size_text(p: Partition, d: DiskLayout, lang: str) -> str:
    return p.size.text if p.size.text else d.labels["rest"].get(lang)


def detail_text(p: Partition) -> str:
    return f"{p.ptype} · {p.fs}" if p.fs else p.ptype


def mount_text(p: Partition, d: DiskLayout, lang: str) -> str:
    return f" {d.labels['or'].get(lang)} ".join(p.mounts)


def _disk_columns(d: DiskLayout) -> tuple[float, float, float]:
    """Widths of the local blocks, mount column and USB blocks, equal in both languages."""
    local, mount, usb = 0.0, 0.0, LABEL.width("") + 0
    for lang in LANGS:
        for p in d.partitions:
            line2 = MONO.width(detail_text(p)) + 16 + LABEL.width(size_text(p, d, lang))
            local = max(local, LABEL.width(p.label.get(lang)), line2)
            mount = max(
                mount,
                MONO.width(mount_text(p, d, lang))
                if p.mounts
                else SMALL.width(d.labels["unmounted"].get(lang)),
            )
            if p.number in d.usb:
                usb = max(usb, LABEL.width(p.label.get(lang)), BODY.width(size_text(p, d, lang)))
        mount = max(mount, SMALL_B.width(d.labels["mount"].get(lang)))
        local = max(local, HEAD.width(d.labels["local"].get(lang)) - 44)
        usb = max(usb, HEAD.width(d.labels["usb"].get(lang)) - 44)
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
    c.text(box.x + 44, box.cy - 3, [p.label.get(lang)], LABEL)
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
        c.text(x, box.cy + 4, [d.labels["unmounted"].get(lang)], SMALL, paint="muted")


def draw_disk_layout(d: DiskLayout, lang: str) -> tuple[Canvas, float, float]:
    c = Canvas("disk-layout")
    lab = {key: value.get(lang) for key, value in d.labels.items()}
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


def describe_disk_layout(d: DiskLayout, lang: str) -> str:
    lab = {key: value.get(lang) for key, value in d.labels.items()}
    parts = []
    for p in d.partitions:
        where = mount_text(p, d, lang) if p.mounts else lab["unmounted"]
        parts.append(
            f"{p.number}, {p.label.get(lang)}, {size_text(p, d, lang)}, "
            f"{detail_text(p).replace(' · ', ', ')}, {where}"
        )
    usb = ", ".join(str(n) for n in d.usb)
    return (
        f"{d.intro.get(lang)} {lab['local']}: {'; '.join(parts)}. "
        f"{lab['usb']}: {usb}. {lab['usb-note']}"
    )


# --------------------------------------------------------------------------- boot banks


def _bank_lines(b: Bank, bb: BootBanks, lang: str) -> tuple[str, str, str, str]:
    """Image label, `updated=` text, mount point and status of one bank in one state."""
    image = bb.images[b.image].get(lang)
    updated = f"updated={b.updated}" if b.updated is not None else ""
    # Both banks are always mounted, the empty one too: the booted one is /bootbank.
    mount = "/bootbank" if b.booted else "/altbootbank"
    key = "booted" if b.booted else "next" if b.next else "invalid" if b.invalid else None
    status = bb.labels[key].get(lang) if key else ""
    return image, updated, mount, status


BANK_H = 70.0


def _bank_width(bb: BootBanks) -> float:
    need = 0.0
    for lang in LANGS:
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
    headings = widest((s.heading.get(g) for s in bb.states for g in LANGS), LABEL)
    return max(_bank_width(bb), headings) + 24


def _state_height(bb: BootBanks, width: float) -> float:
    notes = max(len(wrap(s.note.get(g), BODY, width - 24)) for s in bb.states for g in LANGS)
    return 38 + 2 * (BANK_H + 8) + 6 + notes * BODY.line + 6


def _draw_state(c: Canvas, s: State, box: Box, bb: BootBanks, lang: str) -> None:
    c.rect(box, "surface", "edge", radius=8, ident=f"state-{s.id}")
    c.text(box.x + 12, box.y + 26, [s.heading.get(lang)], LABEL)
    y = box.y + 38
    for b in s.banks:
        _draw_bank(c, b, Box(box.x + 12, y, box.w - 24, BANK_H), bb, lang)
        y += BANK_H + 8
    c.text(box.x + 12, y + 16, wrap(s.note.get(lang), BODY, box.w - 24), BODY)


def _contents_columns(bb: BootBanks) -> tuple[float, float]:
    """Widths of the file-name and description columns, equal in both languages."""
    name_w = widest((f.name for f in bb.files), MONO_L)
    text_w = widest((f.text.get(g) for f in bb.files for g in LANGS), BODY)
    heading = widest((bb.labels["contents"].get(g) for g in LANGS), LABEL)
    return name_w, max(text_w, heading - name_w - 16)


def _draw_panels(c: Canvas, bb: BootBanks, lang: str, width: float) -> float:
    """The 'what each bank holds' table and the 'which bank boots' rule; returns bottom."""
    lab = {key: value.get(lang) for key, value in bb.labels.items()}
    name_w, text_w = _contents_columns(bb)
    left_w = 16 + name_w + 16 + text_w + 16
    right = Box(M + left_w + 20, M, width - M - (M + left_w + 20), 0)
    choice_lines = max(len(wrap(bb.labels["choice"].get(g), BODY, right.w - 32)) for g in LANGS)
    height = max(44 + len(bb.files) * 24, 44 + choice_lines * BODY.line) + 6
    c.rect(Box(M, M, left_w, height), "surface", "edge", radius=8)
    c.text(M + 16, M + 26, [lab["contents"]], LABEL)
    for i, f in enumerate(bb.files):
        y = M + 54 + i * 24
        c.text(M + 16, y, [f.name], MONO_L)
        c.text(M + 32 + name_w, y, [f.text.get(lang)], BODY)
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
    return wrap(t.label.get(lang), BODY, room - 16)


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
        lines = max(len(_label_lines(t, a, b, g)) for g in LANGS)
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


def draw_boot_banks(bb: BootBanks, lang: str) -> tuple[Canvas, float, float]:
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
    lab = {key: value.get(lang) for key, value in bb.labels.items()}
    legend = [
        ("boot", "boot-edge", False, lab["legend-booted"]),
        ("bg", "boot-edge", True, lab["legend-next"]),
    ]
    bottom = max(b.bottom for b in boxes.values())
    last = legend_row(c, M, bottom + 36, legend, width - M)
    return c, width, last + 6 + M


def describe_boot_banks(bb: BootBanks, lang: str) -> str:
    lab = {key: value.get(lang) for key, value in bb.labels.items()}
    files = "; ".join(f"{f.name}: {f.text.get(lang)}" for f in bb.files)
    states = " ".join(f"{s.heading.get(lang)}: {s.note.get(lang)}" for s in bb.states)
    number = {s.id: str(i + 1) for i, s in enumerate(bb.states)}
    moves = "; ".join(
        f"{number[t.src]} → {number[t.dst]}: {t.label.get(lang)}" for t in bb.transitions
    )
    return f"{bb.intro.get(lang)} {lab['contents']}: {files}. {lab['choice']} {states} {moves}."


# --------------------------------------------------------------------------- scratch location


def _pill_width(sc: ScratchLocation) -> float:
    texts = [sc.labels[k].get(g) for k in PILL_PAINT for g in LANGS]
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


def _step_height(s: Step) -> float:
    """Tallest of the step's languages, so both figures share one geometry."""
    return max(
        29
        + len(wrap(s.label.get(g), LABEL, STEP_TEXT_W)) * LABEL.line
        + len(wrap(s.detail.get(g), BODY, STEP_TEXT_W)) * BODY.line
        for g in LANGS
    )


def _draw_step(
    c: Canvas, i: int, s: Step, box: Box, pill_w: float, lang: str, lab: dict[str, str]
) -> None:
    c.rect(box, "surface", "edge", radius=8, ident=f"step-{i + 1}")
    badge(c, box.x + 24, box.y + 24, str(i + 1))
    label = wrap(s.label.get(lang), LABEL, STEP_TEXT_W)
    c.text(box.x + 48, box.y + 29, label, LABEL)
    detail_y = box.y + 31 + len(label) * LABEL.line
    c.text(box.x + 48, detail_y, wrap(s.detail.get(lang), BODY, STEP_TEXT_W), BODY)
    pill = Box(box.right - 14 - pill_w, box.y + 12, pill_w, 26)
    _draw_pill(c, pill, s.status, lab[s.status])


def _holds_lines(sc: ScratchLocation, lang: str) -> list[list[str]]:
    return [wrap(h.get(lang), BODY, TARGET_TEXT_W) for h in sc.holds]


def _target_width(sc: ScratchLocation) -> float:
    items = max(widest(lines, BODY) for g in LANGS for lines in _holds_lines(sc, g)) + 14
    labels = widest((sc.labels[k].get(g) for k in ("chosen", "holds") for g in LANGS), BODY_B)
    return 32 + max(items, labels, MONO_H.width("/scratch"))


def draw_scratch(sc: ScratchLocation, lang: str) -> tuple[Canvas, float, float]:
    c = Canvas("scratch-location")
    lab = {key: value.get(lang) for key, value in sc.labels.items()}
    pill_w = _pill_width(sc)
    step_w = 48 + STEP_TEXT_W + 20 + pill_w + 14
    x_target = M + step_w + 52
    width = x_target + _target_width(sc) + M
    c.text(M, M + 16, [lab["heading"]], HEAD)
    first = M + 34
    y: float = first
    for i, s in enumerate(sc.steps):
        box = Box(M, y, step_w, _step_height(s))
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
    c.text(box.x + 16, box.y + 25, [sc.labels["chosen"].get(lang)], BODY_B)
    c.text(box.x + 16, box.y + 54, ["/scratch"], MONO_H)
    c.text(box.x + 16, box.y + 90, [sc.labels["holds"].get(lang)], BODY_B)
    y = box.y + 116
    for lines in _holds_lines(sc, lang):
        c.circle(box.x + 20, y - 5, 2.5, "fg", None)
        c.text(box.x + 30, y, lines, BODY)
        y += len(lines) * BODY.line + 8


def describe_scratch(sc: ScratchLocation, lang: str) -> str:
    lab = {key: value.get(lang) for key, value in sc.labels.items()}
    steps = "; ".join(
        f"{i + 1}. {s.label.get(lang)} ({s.detail.get(lang)}): {lab[s.status].lower()}"
        for i, s in enumerate(sc.steps)
    )
    holds = ", ".join(h.get(lang) for h in sc.holds)
    return (
        f"{sc.intro.get(lang)} {lab['heading']}: {steps}. /scratch — {lab['holds']} "
        f"{holds}. {lab['current']}"
    )


# --------------------------------------------------------------------------- narrow variants
#
# Phones get a second drawing of each diagram, from the same data: the parts stacked in one
# column NARROW_W wide. A 360 px screen gives the figure 328 CSS px, so the drawing is shown
# at about 1:1 and its smallest text (13) stays above 12 px. The page shows one drawing or
# the other by width (overrides/assets/stylesheets/extra.css); the PDF only the wide one.

NARROW_W = 320.0
NM = 8.0  # outer margin of the narrow drawings
NARROW_INNER = NARROW_W - 2 * NM
BREAK_AFTER = re.compile(r"(?<=[./])(?=.)")  # where a long name may break: after . or /


def _split_long(word: str, font: Font, width: float) -> list[str]:
    """A word wider than `width` (ScratchConfig.ConfiguredScratchLocation) in pieces that
    each end at a dot or slash; a piece with no such place stays whole."""
    pieces = [""]
    for part in BREAK_AFTER.split(word):
        if pieces[-1] and font.width(pieces[-1] + part) > width:
            pieces.append(part)
        else:
            pieces[-1] += part
    return pieces


def wrap_narrow(text: str, font: Font, width: float) -> list[str]:
    """`wrap`, and words too long for the column break after a dot or slash."""
    lines: list[str] = []
    for word in text.split():
        pieces = [word] if font.width(word) <= width else _split_long(word, font, width)
        for i, piece in enumerate(pieces):
            joined = f"{lines[-1]}{piece}" if i else f"{lines[-1]} {piece}" if lines else piece
            if lines and font.width(joined) <= width:
                lines[-1] = joined
            else:
                lines.append(piece)
    return lines


NARROW_BLOCK_TEXT = 44.0  # text starts right of the number badge
NARROW_TEXT_W = NARROW_INNER - NARROW_BLOCK_TEXT - 12
NARROW_LINE1, NARROW_LINE2, NARROW_LINE3 = 24.0, 42.0, 62.0  # baselines in a block


def _narrow_mounts(p: Partition, d: DiskLayout, lang: str) -> tuple[str, list[str], bool]:
    """The "Mount point:" prefix, the mount lines, and whether they fit on its line."""
    prefix = f"{d.labels['mount'].get(lang)}:"
    mount = mount_text(p, d, lang)
    if SMALL_B.width(prefix) + 6 + MONO.width(mount) <= NARROW_TEXT_W:
        return prefix, [mount], True
    return prefix, wrap_narrow(mount, MONO, NARROW_TEXT_W), False


def _narrow_block_need(d: DiskLayout) -> float:
    """Height that holds the longest block text in either language (heights then grow with
    size from there, so they still hint at it)."""
    need = NARROW_LINE3
    for lang in LANGS:
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
    c.text(x, box.y + NARROW_LINE1, [p.label.get(lang)], LABEL)
    c.text(box.right - 12, box.y + NARROW_LINE2, [size_text(p, d, lang)], LABEL, anchor="end")
    c.text(x, box.y + NARROW_LINE2, [detail_text(p)], MONO, paint="muted")
    y = box.y + NARROW_LINE3
    if not p.mounts:
        c.text(x, y, [d.labels["unmounted"].get(lang)], SMALL, paint="muted")
        return
    prefix, mounts, same_line = _narrow_mounts(p, d, lang)
    c.text(x, y, [prefix], SMALL_B, paint="muted")
    if same_line:
        c.text(x + SMALL_B.width(prefix) + 6, y, mounts, MONO)
    else:
        c.text(x, y + MONO.line, mounts, MONO)


def _narrow_usb(c: Canvas, d: DiskLayout, lang: str, top: float) -> float:
    """The USB/SD install: its partitions as short blocks, then why the rest is missing."""
    lab = {key: value.get(lang) for key, value in d.labels.items()}
    heading = wrap_narrow(lab["usb"], HEAD, NARROW_INNER)
    c.text(NM, top + 16, heading, HEAD)
    y = top + 16 + (len(heading) - 1) * HEAD.line + 14
    for p in d.partitions:
        if p.number not in d.usb:
            continue
        fill, stroke = KIND_PAINT.get(p.kind, ("surface", "edge"))
        box = Box(NM, y, NARROW_INNER, 48)
        width = 2 if p.kind in KIND_PAINT else 1.25
        c.rect(box, fill, stroke, width=width, ident=f"usb-part-{p.number}")
        badge(c, box.x + 22, box.cy, str(p.number))
        c.text(box.x + NARROW_BLOCK_TEXT, box.cy - 3, [p.label.get(lang)], LABEL)
        c.text(box.x + NARROW_BLOCK_TEXT, box.cy + 15, [size_text(p, d, lang)], BODY)
        y = box.bottom + 6
    lines = wrap_narrow(lab["usb-note"], BODY, NARROW_INNER - 32)
    hole = Box(NM, y, NARROW_INNER, len(lines) * BODY.line + 22)
    c.rect(hole, None, "edge", dashed=True)
    c.text(hole.cx, hole.y + 11 + BODY.size * ASCENT, lines, BODY, paint="muted", anchor="middle")
    return hole.bottom


def draw_disk_layout_narrow(d: DiskLayout, lang: str) -> tuple[Canvas, float, float]:
    """Local disk blocks stacked with their mount points inside, then the USB/SD install."""
    c = Canvas("disk-layout", "narrow")
    lab = {key: value.get(lang) for key, value in d.labels.items()}
    heading = wrap_narrow(lab["local"], HEAD, NARROW_INNER)
    c.text(NM, NM + 16, heading, HEAD)
    y = NM + 16 + (len(heading) - 1) * HEAD.line + 22
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


LANE = 22.0  # left of the narrow states: where an arrow that skips a state goes down


def _narrow_contents(c: Canvas, bb: BootBanks, lang: str, top: float) -> float:
    """'What each bank holds': each file name above its description; returns the bottom."""
    lab = {key: value.get(lang) for key, value in bb.labels.items()}
    heading = wrap_narrow(lab["contents"], LABEL, NARROW_INNER - 24)
    rows = [(f.name, wrap_narrow(f.text.get(lang), BODY, NARROW_INNER - 36)) for f in bb.files]
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
    lab = {key: value.get(lang) for key, value in bb.labels.items()}
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
        lines = wrap_narrow(t.label.get(lang), BODY, room)
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


def draw_boot_banks_narrow(bb: BootBanks, lang: str) -> tuple[Canvas, float, float]:
    """Contents, the boot rule, then the four states one under the other."""
    c = Canvas("boot-banks", "narrow")
    y = _narrow_contents(c, bb, lang, NM)
    y = _narrow_choice(c, bb, lang, y + 12)
    bottom = _narrow_states(c, bb, lang, y + 24)
    lab = {key: value.get(lang) for key, value in bb.labels.items()}
    legend = [
        ("boot", "boot-edge", False, lab["legend-booted"]),
        ("bg", "boot-edge", True, lab["legend-next"]),
    ]
    last = legend_row(c, NM, bottom + 36, legend, NARROW_W - NM)
    return c, NARROW_W, last + 6 + NM


BUS = 24.0  # right of the narrow steps: the line that leads every step to /scratch


def _narrow_step_lines(s: Step, lang: str, width: float) -> tuple[list[str], list[str]]:
    return wrap_narrow(s.label.get(lang), LABEL, width), wrap_narrow(
        s.detail.get(lang), BODY, width
    )


def _narrow_step_height(s: Step, width: float) -> float:
    """Tallest of the step's languages: label, detail, then the status pill."""
    return max(
        29 + len(label) * LABEL.line + len(detail) * BODY.line + 38
        for label, detail in (_narrow_step_lines(s, g, width) for g in LANGS)
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


def draw_scratch_narrow(sc: ScratchLocation, lang: str) -> tuple[Canvas, float, float]:
    """Steps one under the other, each led by a line on the right down to /scratch."""
    c = Canvas("scratch-location", "narrow")
    lab = {key: value.get(lang) for key, value in sc.labels.items()}
    heading = wrap_narrow(lab["heading"], HEAD, NARROW_INNER)
    c.text(NM, NM + 16, heading, HEAD)
    first = NM + 16 + (len(heading) - 1) * HEAD.line + 18
    step_w = NARROW_INNER - BUS
    bus_x = NM + NARROW_INNER - BUS / 2
    pill_w = _pill_width(sc)
    y = first
    for i, s in enumerate(sc.steps):
        box = Box(NM, y, step_w, _narrow_step_height(s, step_w - 56))
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


# --------------------------------------------------------------------------- output


VARIANTS = ("", "narrow")  # "": the drawing for wide screens and print


def render(name: str, data: Data, lang: str, variant: str = "") -> str:
    """The SVG text of one diagram in one language, wide or narrow."""
    narrow = variant == "narrow"
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant '{variant}'")
    if name == "disk-layout":
        draw_disk = draw_disk_layout_narrow if narrow else draw_disk_layout
        canvas, w, h = draw_disk(data.disk, lang)
        title, desc = data.disk.title.get(lang), describe_disk_layout(data.disk, lang)
    elif name == "boot-banks":
        draw_banks = draw_boot_banks_narrow if narrow else draw_boot_banks
        canvas, w, h = draw_banks(data.banks, lang)
        title, desc = data.banks.title.get(lang), describe_boot_banks(data.banks, lang)
    elif name == "scratch-location":
        draw_scratch_ = draw_scratch_narrow if narrow else draw_scratch
        canvas, w, h = draw_scratch_(data.scratch, lang)
        title, desc = data.scratch.title.get(lang), describe_scratch(data.scratch, lang)
    else:
        raise ValueError(f"unknown diagram '{name}'")
    return canvas.render(lang, title, desc, math.ceil(w), math.ceil(h))


def output_path(docs: Path, lang: str, name: str, variant: str = "") -> Path:
    """`<name>.svg`, or `<name>.<variant>.svg` (the dot keeps it out of the names a page
    can embed: esxidocs/stages/diagrams.py inlines it beside `<name>.svg`)."""
    stem = f"{name}.{variant}" if variant else name
    return docs / lang / "assets" / "diagrams" / f"{stem}.svg"


def build_all(data: Data, docs: Path) -> dict[Path, str]:
    return {
        output_path(docs, lang, name, variant): render(name, data, lang, variant)
        for lang in LANGS
        for name in NAMES
        for variant in VARIANTS
    }


def stale_files(expected: dict[Path, str]) -> list[Path]:
    """Files that are missing or differ from what the data gives."""
    return [
        path
        for path, text in expected.items()
        if not path.is_file() or path.read_bytes() != text.encode("utf-8")
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming each SVG that differs from the data",
    )
    parser.add_argument(
        "--data", type=Path, default=DATA_FILE, help="data file (default: docs/_data/diagrams.yml)"
    )
    parser.add_argument(
        "--docs",
        type=Path,
        default=DOCS_DIR,
        help="docs folder holding <lang>/assets/diagrams/ (default: docs)",
    )
    args = parser.parse_args(argv)
    try:
        expected = build_all(load_data(args.data), args.docs)
    except DiagramDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stale = stale_files(expected)
    if args.check:
        for path in stale:
            print(f"stale diagram: {path} (run esxidocs/diagrams.py)", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(expected[path].encode("utf-8"))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
