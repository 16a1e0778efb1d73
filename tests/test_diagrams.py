"""Diagrams: the data file, the generated SVGs, their layout and colours, and the hook.

The layout check measures every label with the fonts' own advance widths, read here with
fontTools (`RealFonts`), not with the generator's `metrics.py`, so a generator estimate
that is too small makes it fail (see test_layout_check_fails_when_metrics_underestimate).
"""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from esxidocs import after_search
from esxidocs.diagrams import cli, loader, metrics, paint, render, wrap
from esxidocs.diagrams.canvas import Box
from esxidocs.diagrams.figures import FIGURES, boot_banks
from esxidocs.diagrams.figures.common import BODY, NARROW_W
from esxidocs.diagrams.model import BootBanks, Data, DiskLayout, ScratchLocation, Transition
from esxidocs.diagrams.registry import VARIANTS
from esxidocs.findings import Finding
from esxidocs.page_html import run_element_stages
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DATA_FILE = loader.DATA_FILE

CONFIG = ("--config", str(ROOT / "mkdocs.yml"))
LANGS = loader.site_languages(ROOT / "mkdocs.yml")  # the site's, default first
NAMES = render.NAMES
SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASES = [(name, lang) for name in NAMES for lang in LANGS]
# Every drawing: each diagram in each language, wide ("") and narrow (phones).
DRAWINGS = [(name, lang, variant) for name, lang in CASES for variant in VARIANTS]
DRAWING_IDS = [f"{name}-{lang}-{variant or 'wide'}" for name, lang, variant in DRAWINGS]
PHONE_COLUMN = 328  # CSS px a 360 px screen gives a figure (Material's margins: 16 px each)

# The facts sheet (shared/reference/esxi5-facts.md), independent of the data file.
FACT_SIZES = {1: "4 MB", 5: "250 MB", 6: "250 MB", 7: "110 MB", 8: "286 MB", 2: "4 GB", 3: None}

hook = importlib.import_module("esxidocs.stages.diagrams")


@pytest.fixture(scope="module")
def data() -> Data:
    return loader.load_data(DATA_FILE, LANGS)


def svg_root(name: str, lang: str, variant: str = "") -> ET.Element:
    return ET.parse(render.output_path(DOCS, lang, name, variant)).getroot()


def text_content(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


# --------------------------------------------------------------------------- data file


def test_partitions_match_the_facts(data: Data) -> None:
    parts = data.disk.partitions
    assert [p.number for p in parts] == [1, 5, 6, 7, 8, 2, 3]
    assert {p.number: p.size.text for p in parts} == FACT_SIZES
    assert {p.number: p.ptype for p in parts} == {
        1: "systemPartition",
        5: "linuxNative",
        6: "linuxNative",
        7: "vmkDiagnostic",
        8: "linuxNative",
        2: "linuxNative",
        3: "vmfs",
    }
    assert {p.number for p in parts if p.kind == "bootbank"} == {5, 6}
    assert {p.number: p.mounts for p in parts if p.kind in ("scratch", "locker")} == {
        8: ("/store",),
        2: ("/scratch",),
    }
    assert {p.number for p in parts if p.first_boot} == {2, 3}
    assert data.disk.usb == (1, 5, 6, 7, 8)


def test_scratch_order_and_persistence(data: Data) -> None:
    steps = data.scratch.steps
    assert len(steps) == 5
    assert [s.persistent for s in steps] == [None, True, True, True, False]
    assert "ConfiguredScratchLocation" in steps[0].detail["en"]
    assert ".locker" in steps[3].label["en"] and "/tmp/scratch" in steps[4].label["en"]


def _labels(node: Any, path: str = "") -> list[tuple[str, dict[str, str]]]:
    """Every per-language mapping in a raw YAML tree, with where it is."""
    if isinstance(node, dict):
        if set(node) & set(LANGS):
            return [(path, node)]
        return [hit for key, value in node.items() for hit in _labels(value, f"{path}/{key}")]
    if isinstance(node, list):
        return [hit for i, value in enumerate(node) for hit in _labels(value, f"{path}/{i}")]
    return []


def raw_data() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8"))
    return loaded


def test_every_label_exists_in_every_site_language() -> None:
    labels = _labels(raw_data())
    assert len(labels) > 50
    for where, label in labels:
        assert set(label) == set(LANGS), where
        assert all(isinstance(v, str) and v.strip() for v in label.values()), where


def test_languages_are_the_sites_in_its_order(data: Data) -> None:
    assert LANGS[0] == "es" and set(LANGS) >= {"es", "en"}
    assert data.langs == data.disk.langs == data.banks.langs == data.scratch.langs == LANGS
    assert tuple(data.disk.title) == LANGS
    assert tuple(data.banks.transitions[0].label) == LANGS


def _mutations() -> list[tuple[str, str, str, str, str]]:
    """(case, text to replace, replacement, message, where the reported column points)."""
    return [
        (
            "missing en",
            'label: {es: "Volcado de memoria", en: "Core dump"}',
            'label: {es: "Volcado de memoria"}',
            "missing its 'en' text",
            "{es:",
        ),
        (
            "missing es",
            '    - {es: "Paquetes vm-support", en: "vm-support bundles"}',
            '    - {en: "vm-support bundles"}',
            "missing its 'es' text",
            "{en:",
        ),
        (
            "not a site language",
            'label: {es: "Volcado de memoria", en: "Core dump"}',
            'label: {es: "Volcado de memoria", en: "Core dump", fr: "Vidage"}',
            "'fr' is not a language of the site",
            "fr:",
        ),
        ("bad size", "size: 110 MB", "size: 110 MiB", "size '110 MiB'", "110 MiB"),
        ("order", "    - number: 7", "    - number: 9", "physical order", "number: 9"),
        (
            "unknown key",
            "      kind: locker",
            "      kind: locker\n      colour: red",
            "unknown key 'colour'",
            "colour",
        ),
        (
            "unknown image",
            "{partition: 6, image: empty}",
            "{partition: 6, image: blank}",
            "image 'blank'",
            "blank",
        ),
        (
            "bad yaml",
            "  usb-partitions: [1, 5, 6, 7, 8]",
            "  usb-partitions: [1, 5, 6, 7, 8",
            "invalid YAML",
            "",
        ),
    ]


@pytest.mark.parametrize(
    ("case", "old", "new", "message", "at"), _mutations(), ids=[m[0] for m in _mutations()]
)
def test_loader_names_file_line_and_column(
    tmp_path: Path, case: str, old: str, new: str, message: str, at: str
) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text for '{case}' not found once in the data file"
    bad = tmp_path / "diagrams.yml"
    bad.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(loader.DiagramDataError) as info:
        loader.load_data(bad, LANGS)
    error = str(info.value)
    assert error.startswith(f"{bad}:"), error
    assert message in error
    line, column = (int(n) for n in error.removeprefix(f"{bad}:").split(":")[:2])
    lines = bad.read_text(encoding="utf-8").splitlines()
    if case != "bad yaml":  # the parser reports where it gave up, not the edit
        assert new.strip().splitlines()[-1].strip() in lines[line - 1]
        assert lines[line - 1][column - 1 :].startswith(at), (lines[line - 1], column)


def test_a_site_language_without_its_label_text_is_an_error() -> None:
    """A language added to the site but not to the data: the first label that lacks it is
    named by file, line and column."""
    with pytest.raises(loader.DiagramDataError) as info:
        loader.load_data(DATA_FILE, (*LANGS, "fr"))
    error = str(info.value)
    where = re.escape(str(DATA_FILE))
    assert re.match(
        rf"^{where}:\d+:\d+: error\[diagram-data-invalid\]: label is missing its 'fr' text$", error
    ), error
    line, column = (int(n) for n in error.removeprefix(f"{DATA_FILE}:").split(":")[:2])
    text = DATA_FILE.read_text(encoding="utf-8").splitlines()[line - 1]
    assert re.match(r"\{?es: ", text[column - 1 :]), text  # the label's mapping


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("", ":1:1: the file is empty"),
        ("disk-layout: []\nboot-banks: {}\nscratch-location: {}\n", ":1:14: expected a mapping"),
        ("disk-layout: {}\nboot-banks: {}\n", ":1:1: missing key(s): scratch-location"),
        (
            "disk-layout: {}\nboot-banks: {}\nscratch-location: {}\nextra: 1\n",
            ":4:1: unknown key 'extra'",
        ),
    ],
)
def test_loader_rejects_small_bad_files(tmp_path: Path, text: str, where: str) -> None:
    bad = tmp_path / "diagrams.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(loader.DiagramDataError) as info:
        loader.load_data(bad, LANGS)
    place, message = where[1:].split(": ", 1)
    line, col = (int(n) for n in place.split(":"))
    assert info.value.finding == Finding(
        bad.as_posix(), line, col, "diagram-data-invalid", message
    ), info.value.finding


# --------------------------------------------------------------------------- SVG structure


@pytest.mark.parametrize(("name", "lang", "variant"), DRAWINGS, ids=DRAWING_IDS)
def test_svg_is_accessible_text(name: str, lang: str, variant: str, data: Data) -> None:
    root = svg_root(name, lang, variant)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("lang") == lang and root.get(XML_LANG) == lang
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    sections: dict[str, DiskLayout | BootBanks | ScratchLocation] = {
        "disk-layout": data.disk,
        "boot-banks": data.banks,
        "scratch-location": data.scratch,
    }
    section = sections[name]
    assert title.text == section.title[lang]
    assert desc.text and desc.text.startswith(section.intro[lang]) and len(desc.text) > 300
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert len(root.findall(f".//{SVG}text")) >= 20
    for element in root.iter():
        assert element.tag.removeprefix(SVG) not in ("foreignObject", "script", "image")
        assert not any(attr.startswith("on") for attr in element.attrib)
        if element.get("id"):
            # The two drawings share a page: their ids must differ.
            prefix = f"{name}-{variant}-" if variant else f"{name}-"
            assert element.get("id", "").startswith(prefix)
            assert variant or not element.get("id", "").startswith(f"{name}-narrow-")


def unbroken(text: str) -> str:
    """Text as the data writes it: the narrow drawings break long names after . or /."""
    return re.sub(r"(?<=[./]) ", "", text)


@pytest.mark.parametrize(("name", "lang", "variant"), DRAWINGS, ids=DRAWING_IDS)
def test_labels_in_its_language_only(name: str, lang: str, variant: str) -> None:
    root = svg_root(name, lang, variant)
    visible = [unbroken(text_content(t)) for t in root.iter(f"{SVG}text")]
    everything = text_content(root)
    labels = [
        (where, label)
        for where, label in _labels(raw_data()[name])
        if where not in ("/title", "/intro")
    ]
    for where, label in labels:
        own = unbroken(" ".join(label[lang].split()))
        assert any(own in line for line in visible), f"{where}: '{own}' not drawn"
        for other in (g for g in LANGS if g != lang):
            foreign = " ".join(label[other].split())
            if foreign != own:
                pattern = rf"(?<!\w){re.escape(foreign)}(?!\w)"
                assert not re.search(pattern, everything), f"{where}: '{foreign}' in {lang}"


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("lang", LANGS)
def test_disk_layout_shows_every_partition_and_size(lang: str, variant: str, data: Data) -> None:
    root = svg_root("disk-layout", lang, variant)
    visible = " | ".join(text_content(t) for t in root.iter(f"{SVG}text"))
    for p in data.disk.partitions:
        assert p.label[lang] in visible
        size = p.size.text or data.disk.labels["rest"][lang]
        assert f"| {size} |" in f"| {visible} |"


def test_block_heights_hint_at_size(data: Data) -> None:
    root = svg_root("disk-layout", "en")
    rects = {r.get("id"): float(r.get("height", 0)) for r in root.iter(f"{SVG}rect")}
    parts = sorted(data.disk.partitions, key=lambda p: p.size.mb)
    for small, big in itertools.pairwise(parts):
        low = rects[f"disk-layout-part-{small.number}"]
        high = rects[f"disk-layout-part-{big.number}"]
        assert low < high if small.size.mb < big.size.mb else low == high
    for n in data.disk.usb:
        assert rects[f"disk-layout-usb-part-{n}"] == rects[f"disk-layout-part-{n}"]


@pytest.mark.parametrize("lang", LANGS)
def test_narrow_block_heights_hint_at_size_too(lang: str, data: Data) -> None:
    root = svg_root("disk-layout", lang, "narrow")
    rects = {r.get("id"): float(r.get("height", 0)) for r in root.iter(f"{SVG}rect")}
    parts = sorted(data.disk.partitions, key=lambda p: p.size.mb)
    for small, big in itertools.pairwise(parts):
        low = rects[f"disk-layout-narrow-part-{small.number}"]
        high = rects[f"disk-layout-narrow-part-{big.number}"]
        assert low < high if small.size.mb < big.size.mb else low == high
    usb = {key for key in rects if key and key.startswith("disk-layout-narrow-usb-part-")}
    assert usb == {f"disk-layout-narrow-usb-part-{n}" for n in data.disk.usb}


# --------------------------------------------------------------------------- real font widths


@dataclass(frozen=True)
class RealFonts:
    """Advance widths read here with fontTools, independently of `metrics.py`: a label's
    width is its width in each font a reader may get (DejaVu, installed; Liberation Sans,
    Arial's metric twin, bundled), in exact font units, the widest counting. A character a
    font lacks is taken from the other (the browser falls back); neither: the test fails.
    Kerning is ignored here too (it narrows DejaVu and Liberation text)."""

    @staticmethod
    @cache
    def table(path: Path) -> tuple[dict[int, int], int]:
        with TTFont(path, lazy=True) as font:
            hmtx = font["hmtx"].metrics
            cmap = font.getBestCmap()
            return {code: hmtx[glyph][0] for code, glyph in cmap.items()}, font["head"].unitsPerEm

    @staticmethod
    @cache
    def files(bold: bool, mono: bool) -> tuple[Path, ...]:
        family = "DejaVu Sans Mono" if mono else "DejaVu Sans"
        pattern = f"{family}:{'bold' if bold else 'regular'}"
        found = subprocess.run(
            ["fc-match", "--format", "%{file}", pattern], capture_output=True, text=True
        ).stdout
        assert "DejaVuSans" in found, f"{pattern} is not installed: {found}"
        if mono:  # Liberation Mono, Consolas, Courier: fixed pitch, narrower than DejaVu
            return (Path(found),)
        bundled = ROOT / "scripts/esxidocs/diagrams/fonts"
        liberation = bundled / f"LiberationSans-{'Bold' if bold else 'Regular'}.ttf"
        return (Path(found), liberation)

    def width(self, text: str, size: float, *, bold: bool = False, mono: bool = False) -> float:
        tables = [self.table(path) for path in self.files(bold, mono)]
        widths = []
        for advances, per_em in tables:
            total = 0.0
            for char in text:
                em = next(
                    (a[ord(char)] / u for a, u in [(advances, per_em), *tables] if ord(char) in a),
                    None,
                )
                assert em is not None, f"no font draws {char!r} (U+{ord(char):04X}) in {text!r}"
                total += em
            widths.append(total * size)
        return max(widths)


REAL = RealFonts()
Measure = Callable[..., float]


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Text:
    content: str
    box: Box  # measured with the fonts' advances
    anchor: Box  # where it was placed: first line's anchor, mid-height of the glyphs
    element: ET.Element


def text_boxes(root: ET.Element, measure: Measure = REAL.width) -> list[Text]:
    found = []
    for element in root.iter(f"{SVG}text"):
        size = float(element.get("font-size", "0"))
        bold = element.get("font-weight") == "bold"
        mono = "Mono" in element.get("font-family", "")
        anchor = element.get("text-anchor", "start")
        spans = element.findall(f"{SVG}tspan") or [element]
        boxes = []
        for span in spans:
            x, y = float(span.get("x", "0")), float(span.get("y", "0"))
            width = measure(span.text or "", size, bold=bold, mono=mono)
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            top = y - metrics.ASCENT * size
            boxes.append(Box(left, top, width, (metrics.ASCENT + metrics.DESCENT) * size))
        left, top = min(b.x for b in boxes), min(b.y for b in boxes)
        box = Box(left, top, max(b.right for b in boxes) - left, max(b.bottom for b in boxes) - top)
        point = Box(float(spans[0].get("x", "0")), float(spans[0].get("y", "0")) - 0.3 * size, 0, 0)
        found.append(Text(text_content(element), box, point, element))
    return found


def rect_boxes(root: ET.Element) -> list[tuple[Box, ET.Element]]:
    view = [float(v) for v in root.get("viewBox", "").split()]
    rects = []
    for r in root.iter(f"{SVG}rect"):
        box = Box(*(float(r.get(k, "0")) for k in ("x", "y", "width", "height")))
        if (box.x, box.y, box.w, box.h) != tuple(view):  # the background
            rects.append((box, r))
    return sorted(rects, key=lambda item: item[0].w * item[0].h)


def container(point: Box, rects: list[tuple[Box, ET.Element]]) -> Box | None:
    """A text's box is the smallest rect around the point where it was placed."""
    return next((r for r, _ in rects if r.contains(point, 0)), None)


def layout_problems(svg_text: str, measure: Measure = REAL.width) -> list[str]:
    root = ET.fromstring(svg_text)
    x, y, w, h = (float(v) for v in root.get("viewBox", "").split())
    view = Box(x, y, w, h)
    rects = rect_boxes(root)
    texts = text_boxes(root, measure)
    problems = [f"outside the viewBox: {t.content}" for t in texts if not view.contains(t.box, 0)]
    for t in texts:
        home = container(t.anchor, rects)
        # 1 px inside the border: text must not touch its box's stroke.
        inner = home and Box(home.x + 1, home.y + 1, home.w - 2, home.h - 2)
        if inner and not inner.contains(t.box, 0):
            problems.append(f"runs out of its box: {t.content}")
    for a, b in itertools.combinations(texts, 2):
        if a.box.overlaps(b.box):
            problems.append(f"overlap: {a.content} / {b.content}")
    return problems


@pytest.mark.parametrize(("name", "lang", "variant"), DRAWINGS, ids=DRAWING_IDS)
def test_no_text_overlaps_or_overflows(name: str, lang: str, variant: str) -> None:
    text = render.output_path(DOCS, lang, name, variant).read_text(encoding="utf-8")
    assert layout_problems(text) == []


def test_layout_check_fails_when_metrics_underestimate(
    data: Data, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawings laid out with widths 15 % too small: the real fonts' widths catch it in
    every figure, though the generator's own (patched) widths say all is well."""
    real = metrics.text_width
    monkeypatch.setattr(metrics, "text_width", lambda *a, **k: 0.85 * real(*a, **k))
    drawn = {name: render.render(name, data, "en") for name in NAMES}
    for name, svg in drawn.items():
        assert layout_problems(svg, measure=metrics.text_width) == [], name
        assert any("runs out" in p or "overlap" in p for p in layout_problems(svg)), name


def test_metrics_never_underestimate_a_font(data: Data) -> None:
    """Each character the data draws is at least as wide in `metrics.py` as in every font a
    reader may get, give or take the 1/1000 em rounding (the width table this replaced had
    '·' at DejaVu's 318/1000 em, Arial draws it 333)."""
    drawn = (t for d in DRAWINGS for t in svg_root(*d).iter(f"{SVG}text"))
    chars = {c for t in drawn for c in text_content(t)}  # data and the generator's own (" · ")
    chars |= set(DATA_FILE.read_text(encoding="utf-8")) - {"\n"}
    for mono, bold in itertools.product((False, True), repeat=2):
        for char in sorted(chars):
            ours = metrics.text_width(char, 1000, bold=bold, mono=mono)
            for path in RealFonts.files(bold, mono):
                advances, per_em = RealFonts.table(path)
                if ord(char) in advances:
                    theirs = advances[ord(char)] * 1000 / per_em
                    assert ours >= theirs - 0.5, (char, path.name, ours, theirs)


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_narrow_drawing_reads_on_a_360_px_phone(name: str, lang: str) -> None:
    """Drawn 1:1 or larger in the 328 px a 360 px screen leaves, with no text under 12 px
    (tests/browser/test_diagrams_phone.py measures the same in Chromium)."""
    root = svg_root(name, lang, "narrow")
    width = float(root.get("viewBox", "").split()[2])
    assert width == NARROW_W <= PHONE_COLUMN
    sizes = [float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text")]
    assert min(sizes) * PHONE_COLUMN / width >= 12


def test_long_names_break_after_a_dot_or_slash() -> None:
    font = BODY
    name = "ScratchConfig.ConfiguredScratchLocation, kept in /etc/vmware/locker.conf"
    width = font.width("ConfiguredScratchLocation,")
    lines = wrap.wrap_narrow(name, font, width)
    assert lines[:2] == ["ScratchConfig.", "ConfiguredScratchLocation,"]
    assert all(font.width(line) <= width for line in lines)
    assert unbroken(" ".join(lines)) == name  # nothing lost, no space added inside a name
    assert wrap.wrap_narrow("no break", font, 1000) == wrap.wrap("no break", font, 1000)


def test_narrow_boot_banks_refuse_an_arrow_they_cannot_draw(data: Data) -> None:
    back = Transition(src="previous", dst="installed", label=dict.fromkeys(LANGS, "Back"))
    banks = dataclasses.replace(data.banks, transitions=(*data.banks.transitions, back))
    with pytest.raises(ValueError, match="cannot route previous → installed"):
        boot_banks.draw_narrow(banks, "en")


def _svg(body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100">'
        f'<rect x="0" y="0" width="300" height="100"/>{body}</svg>'
    )


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        (
            '<text x="10" y="30" font-size="14">Boot bank</text>'
            '<text x="40" y="34" font-size="14">Scratch</text>',
            "overlap",
        ),
        (
            '<rect x="5" y="10" width="60" height="30"/>'
            '<text x="10" y="30" font-size="14">Boot bank partition</text>',
            "runs out",
        ),
        ('<text x="250" y="30" font-size="14">Boot bank</text>', "outside"),
        (
            '<text x="10" y="30" font-size="14"><tspan x="10" y="30">Boot</tspan>'
            '<tspan x="10" y="105">bank</tspan></text>',
            "outside",
        ),
        # "JSON" at 14 px: 34.5 px in DejaVu Sans, 37.3 in Liberation Sans (Arial's
        # widths): it fits inside this box only in DejaVu, so the check must count Arial too.
        (
            '<rect x="0" y="10" width="40" height="30"/>'
            '<text x="2" y="30" font-size="14">JSON</text>',
            "runs out",
        ),
    ],
)
def test_layout_check_catches_problems(body: str, problem: str) -> None:
    problems = layout_problems(_svg(body))
    assert problems and all(problem in p for p in problems), problems


def test_text_width() -> None:
    width = metrics.text_width
    assert width("", 14) == 0
    assert width("Boot bank", 14) < width("Boot banks", 14)
    assert width("Boot bank", 14) < width("Boot bank", 14, bold=True)
    assert width("WWW", 10) > width("iii", 10)
    assert width("abc", 10, mono=True) == pytest.approx(3 * 6.02)
    assert width("\u4e2d", 10) == 10  # a character neither font has counts as a full em
    # Each character at its widest in either font: a little over the widest font's total.
    real = REAL.width("Which bank boots?", 14)
    assert real <= width("Which bank boots?", 14) <= real * 1.01


def test_a_missing_font_is_named() -> None:
    with pytest.raises(metrics.FontError, match="'No Such Font Sans:regular' is not installed"):
        metrics.installed_font("No Such Font Sans")


# --------------------------------------------------------------------------- languages


def test_a_third_language_is_data(tmp_path: Path) -> None:
    """With a text for every label in a third language, every figure is drawn in it too, in
    its own language, laid out within its boxes."""
    raw = raw_data()
    for where, label in _labels(raw):
        title = where in {f"/{name}/title" for name in NAMES}
        label["fr"] = f"{label['en']} (fr)" if title else label["en"]
    bad = tmp_path / "diagrams.yml"
    bad.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    data = loader.load_data(bad, (*LANGS, "fr"))
    files = render.build_all(data, tmp_path)
    fr = {path: text for path, text in files.items() if path.parts[-4] == "fr"}
    assert len(fr) == len(NAMES) * len(VARIANTS)
    for path, text in fr.items():
        assert 'lang="fr"' in text and "(fr)</title>" in text, path
        assert layout_problems(text) == [], path


def test_registry_has_every_figure_and_rejects_others(data: Data) -> None:
    assert set(FIGURES) == set(NAMES) == {"disk-layout", "boot-banks", "scratch-location"}
    with pytest.raises(ValueError, match="unknown diagram"):
        render.render("network", data, "en")
    with pytest.raises(ValueError, match="unknown variant"):
        render.render("boot-banks", data, "en", "tiny")


# --------------------------------------------------------------------------- colours


def _rgba(colour: str) -> tuple[float, float, float, float]:
    digits = colour.lstrip("#")
    channels = [int(digits[i : i + 2], 16) / 255 for i in range(0, len(digits), 2)]
    return (channels[0], channels[1], channels[2], channels[3] if len(channels) == 4 else 1.0)


def _luminance(colour: Sequence[float]) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(text: str, background: str) -> float:
    """WCAG contrast ratio of (possibly translucent) text over an opaque background."""
    *fg, alpha = _rgba(text)
    bg = _rgba(background)[:3]
    mixed = tuple(alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True))
    high, low = sorted((_luminance(mixed), _luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _paint_of(element: ET.Element) -> str | None:
    return next((c[2:] for c in element.get("class", "").split() if c.startswith("f-")), None)


@pytest.mark.parametrize(("name", "lang", "variant"), DRAWINGS, ids=DRAWING_IDS)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_text_contrast_in_both_schemes(name: str, lang: str, variant: str, scheme: str) -> None:
    root = svg_root(name, lang, variant)
    rects = rect_boxes(root)
    for text in text_boxes(root):
        under = next(
            (_paint_of(r) for b, r in rects if b.contains(text.anchor, 0) and _paint_of(r)), "bg"
        )
        colour = _paint_of(text.element)
        assert colour and under
        fg, bg = paint.PAINTS[colour], paint.PAINTS[under]
        ratio = contrast(getattr(fg, scheme), getattr(bg, scheme))
        assert ratio >= 4.5, f"{scheme}: '{text.content}' {colour} on {under}: {ratio:.2f}"


def test_stylesheet_is_scoped_and_has_a_slate_variant() -> None:
    css = paint.stylesheet("boot-banks")
    rules = [line for line in css.splitlines() if "{" in line and not line.startswith("@")]
    assert rules and all(".dgm-boot-banks" in rule for rule in rules)
    assert "var(--md-default-fg-color,#212121)" in css
    assert '[data-md-color-scheme="slate"] .dgm-boot-banks .f-boot{fill:#28335e}' in css
    assert css.index("@media screen") < css.index("slate")


# --------------------------------------------------------------------------- drift


def test_committed_svgs_match_the_data(data: Data) -> None:
    stale = render.stale_files(render.build_all(data, DOCS))
    assert stale == [], f"regenerate with esxidocs diagrams: {stale}"


def test_output_is_deterministic(data: Data) -> None:
    first = render.build_all(data, DOCS)
    second = render.build_all(loader.load_data(DATA_FILE, LANGS), DOCS)
    assert first == second
    for text in first.values():
        numbers = re.findall(r'\s(?:x|y|width|height|r|cx|cy|rx)="([^"]*)"', text)
        assert numbers and all(re.fullmatch(r"-?\d+(\.\d)?", n) for n in numbers)


def test_check_mode_names_stale_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--check", *CONFIG, "--docs", str(tmp_path)]) == 1
    assert capsys.readouterr().err.count("stale diagram:") == len(DRAWINGS)
    assert cli.main([*CONFIG, "--docs", str(tmp_path)]) == 0
    assert cli.main(["--check", *CONFIG, "--docs", str(tmp_path)]) == 0
    edited = render.output_path(tmp_path, "en", "boot-banks")
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("Upgrade", "Update"), encoding="utf-8"
    )
    capsys.readouterr()
    assert cli.main(["--check", *CONFIG, "--docs", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert str(edited) in err and err.count("stale diagram:") == 1


def test_check_mode_reports_bad_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "diagrams.yml"
    bad.write_text("disk-layout: []\n", encoding="utf-8")
    assert cli.main(["--check", *CONFIG, "--data", str(bad), "--docs", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:1:1: error[diagram-data-invalid]: missing key(s)" in err


def test_defaults_follow_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run in a copy of the project, the command reads and writes that copy's docs_dir."""
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy2(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["--check"]) == 0
    data = tmp_path / "docs" / "_data" / "diagrams.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("Core dump", "Crash dump"), "utf-8")
    assert cli.main(["--check"]) == 1
    assert capsys.readouterr().err.count(f"stale diagram: {tmp_path}/docs/en/") == 2
    assert cli.main([]) == 0 and cli.main(["--check"]) == 0
    assert "Crash dump" in (tmp_path / "docs/en/assets/diagrams/disk-layout.svg").read_text()
    assert "Crash dump" not in (DOCS / "en/assets/diagrams/disk-layout.svg").read_text()


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["--help"])
    assert info.value.code == 0
    assert "--check" in capsys.readouterr().out


# --------------------------------------------------------------------------- pages


IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc=[\"']([^\"']+)")


def image_refs(path: Path) -> list[str]:
    return [a or b for a, b in IMAGE_RE.findall(path.read_text(encoding="utf-8"))]


def test_both_languages_embed_the_same_images() -> None:
    base, *others = LANGS
    pages = sorted(p.name for p in (DOCS / base).glob("*.md"))
    assert pages
    for lang in others:
        assert sorted(p.name for p in (DOCS / lang).glob("*.md")) == pages
        for page in pages:
            assert image_refs(DOCS / lang / page) == image_refs(DOCS / base / page), page


def test_embedded_diagrams_exist_in_every_language() -> None:
    for lang in LANGS:
        for page in (DOCS / lang).glob("*.md"):
            for ref in image_refs(page):
                name = hook.diagram_name(ref)
                if name:
                    assert name in NAMES, f"{page}: unknown diagram {ref}"
                    assert render.output_path(DOCS, lang, name).is_file()


def test_image_refs_finds_markdown_and_html(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text(
        '![Alt](assets/diagrams/a.svg)\n<img alt="x" src="assets/b.png">\n', encoding="utf-8"
    )
    assert image_refs(page) == ["assets/diagrams/a.svg", "assets/b.png"]


# --------------------------------------------------------------------------- hook

FIGURE = """<h2 id="x">Disco</h2>
<figure class="diagram">
  <img alt="Esquema del disco" src="../assets/diagrams/disk-layout.svg" />
<br />
<figcaption>Particiones de ESXi 5.</figcaption>
</figure>
<p>After <img alt="logo" src="../assets/logo.png" /></p>"""


def _docs_with_svgs(tmp_path: Path) -> Path:
    for lang in LANGS:
        for variant in VARIANTS:
            target = render.output_path(tmp_path, lang, "disk-layout", variant)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render.output_path(DOCS, lang, "disk-layout", variant).read_bytes())
    return tmp_path


def _page(src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


@pytest.mark.parametrize("lang", LANGS)
def test_hook_inlines_the_page_language_svg(tmp_path: Path, lang: str) -> None:
    docs = _docs_with_svgs(tmp_path)
    out = hook.on_page_content(
        FIGURE, _page(f"{lang}/disk-layout.md"), {"docs_dir": str(docs)}, None
    )
    soup = BeautifulSoup(out, "html.parser")
    figure = soup.find("figure")
    assert isinstance(figure, Tag)
    assert figure.find("img") is None
    svgs = figure.find_all("svg")
    assert len(svgs) == 2, out[:600]
    # The wide drawing first (print and the PDF keep it), then the phone one.
    assert [svg.get("class") for svg in svgs] == [
        ["dgm", "dgm-disk-layout", "dgm-wide"],
        ["dgm", "dgm-disk-layout", "dgm-narrow"],
    ]
    for svg in svgs:
        assert isinstance(svg, Tag)
        assert svg.get("lang") == lang and svg.get("role") == "img"
        assert svg.get("aria-label") == "Esquema del disco"
        assert svg.get("aria-labelledby") is None and svg.get("aria-describedby")
    ids = [str(tag["id"]) for tag in figure.find_all(id=True)]
    assert ids and len(ids) == len(set(ids)), "the two drawings share an id"
    caption = figure.find("figcaption")
    assert isinstance(caption, Tag) and caption.get_text() == "Particiones de ESXi 5."
    assert 'viewBox="0 0' in out  # inserted as written, not re-cased by the HTML parser
    assert soup.find("img", src="../assets/logo.png", alt="logo")  # other images stay
    assert out.index("<svg") < out.index("<figcaption>")


def test_in_the_build_the_svg_goes_in_after_the_search_index(tmp_path: Path) -> None:
    """Material's search reads the page between the content and context events: it gets
    the figure's caption, not the diagram's labels ("1, Cargador de arranque, 4 MB")."""
    docs = _docs_with_svgs(tmp_path)
    page = SimpleNamespace(file=SimpleNamespace(src_uri="es/disk-layout.md"), content="")
    config = {"docs_dir": str(docs)}
    page.content = run_element_stages(FIGURE, (hook.STAGE,), page, config)
    assert "<svg" not in page.content and "<img" in page.content  # the logo stays
    assert "Particiones de ESXi 5." in page.content
    after_search.insert({}, page, config, None)
    assert str(page.content) == hook.on_page_content(FIGURE, page, config, None)


def test_hook_keeps_the_svg_title_without_alt(tmp_path: Path) -> None:
    docs = _docs_with_svgs(tmp_path)
    html = FIGURE.replace('alt="Esquema del disco"', 'alt=""')
    out = hook.on_page_content(html, _page("es/disk-layout.md"), {"docs_dir": str(docs)}, None)
    wide, narrow = BeautifulSoup(out, "html.parser").find_all("svg")
    assert isinstance(wide, Tag) and isinstance(narrow, Tag)
    assert wide.get("aria-label") is None and narrow.get("aria-label") is None
    assert wide.get("aria-labelledby") == "disk-layout-title"
    assert narrow.get("aria-labelledby") == "disk-layout-narrow-title"


def test_hook_leaves_pages_without_diagrams_alone(tmp_path: Path) -> None:
    html = '<p>Text &amp; <img alt="logo" src="../assets/logo.png" /></p>'
    assert (
        hook.on_page_content(html, _page("es/index.md"), {"docs_dir": str(tmp_path)}, None) == html
    )


def test_hook_fails_on_a_missing_narrow_svg(tmp_path: Path) -> None:
    docs = _docs_with_svgs(tmp_path)
    render.output_path(docs, "en", "disk-layout", "narrow").unlink()
    with pytest.raises(hook.PluginError, match=r"disk-layout\.narrow\.svg does not exist"):
        hook.on_page_content(FIGURE, _page("en/disk-layout.md"), {"docs_dir": str(docs)}, None)


def test_hook_fails_on_a_missing_svg(tmp_path: Path) -> None:
    html = FIGURE.replace("disk-layout.svg", "scratch-location.svg")
    with pytest.raises(hook.PluginError) as info:
        hook.on_page_content(html, _page("es/scratch.md"), {"docs_dir": str(tmp_path)}, None)
    message = str(info.value)
    assert "es/scratch.md" in message
    assert str(tmp_path / "es" / "assets" / "diagrams" / "scratch-location.svg") in message


@pytest.mark.parametrize(
    ("src", "name"),
    [
        ("../assets/diagrams/disk-layout.svg", "disk-layout"),
        ("assets/diagrams/boot-banks.svg?v=2#top", "boot-banks"),
        ("/en/assets/diagrams/scratch-location.svg", "scratch-location"),
        ("../assets/diagrams/disk-layout.png", None),
        ("../assets/other/disk-layout.svg", None),
        ("../assets/diagrams/Disk Layout.svg", None),
    ],
)
def test_hook_recognises_diagram_sources(src: str, name: str | None) -> None:
    assert hook.diagram_name(src) == name
