"""Diagrams: the data file, the generated SVGs, their layout and colours, and the hook."""

from __future__ import annotations

import dataclasses
import importlib
import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from esxidocs import diagrams as gen

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


SVG = "{http://www.w3.org/2000/svg}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CASES = [(name, lang) for name in gen.NAMES for lang in gen.LANGS]
# Every drawing: each diagram in each language, wide ("") and narrow (phones).
DRAWINGS = [(name, lang, variant) for name, lang in CASES for variant in gen.VARIANTS]
DRAWING_IDS = [f"{name}-{lang}-{variant or 'wide'}" for name, lang, variant in DRAWINGS]
PHONE_COLUMN = 328  # CSS px a 360 px screen gives a figure (Material's margins: 16 px each)

# The facts sheet (shared/reference/esxi5-facts.md), independent of the data file.
FACT_SIZES = {1: "4 MB", 5: "250 MB", 6: "250 MB", 7: "110 MB", 8: "286 MB", 2: "4 GB", 3: None}

hook = importlib.import_module("esxidocs.stages.diagrams")


@pytest.fixture(scope="module")
def data() -> gen.Data:
    return gen.load_data()


def svg_root(name: str, lang: str, variant: str = "") -> ET.Element:
    return ET.parse(gen.output_path(DOCS, lang, name, variant)).getroot()


def text_content(element: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


# --------------------------------------------------------------------------- data file


def test_partitions_match_the_facts(data: gen.Data) -> None:
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


def test_scratch_order_and_persistence(data: gen.Data) -> None:
    steps = data.scratch.steps
    assert len(steps) == 5
    assert [s.persistent for s in steps] == [None, True, True, True, False]
    assert "ConfiguredScratchLocation" in steps[0].detail.en
    assert ".locker" in steps[3].label.en and "/tmp/scratch" in steps[4].label.en


def _labels(node: Any, path: str = "") -> list[tuple[str, dict[str, str]]]:
    """Every {es, en} mapping in a raw YAML tree, with where it is."""
    if isinstance(node, dict):
        if set(node) & set(gen.LANGS):
            return [(path, node)]
        return [hit for key, value in node.items() for hit in _labels(value, f"{path}/{key}")]
    if isinstance(node, list):
        return [hit for i, value in enumerate(node) for hit in _labels(value, f"{path}/{i}")]
    return []


def raw_data() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(gen.DATA_FILE.read_text(encoding="utf-8"))
    return loaded


def test_every_label_exists_in_both_languages() -> None:
    labels = _labels(raw_data())
    assert len(labels) > 50
    for where, label in labels:
        assert set(label) == set(gen.LANGS), where
        assert all(isinstance(v, str) and v.strip() for v in label.values()), where


def _mutations() -> list[tuple[str, str, str, str]]:
    """(case, text to replace, replacement, message) for the loader's error tests."""
    return [
        (
            "missing en",
            'label: {es: "Volcado de memoria", en: "Core dump"}',
            'label: {es: "Volcado de memoria"}',
            "missing its 'en' text",
        ),
        (
            "missing es",
            '    - {es: "Paquetes vm-support", en: "vm-support bundles"}',
            '    - {en: "vm-support bundles"}',
            "missing its 'es' text",
        ),
        ("bad size", "size: 110 MB", "size: 110 MiB", "size '110 MiB'"),
        ("order", "    - number: 7", "    - number: 9", "physical order"),
        (
            "unknown key",
            "      kind: locker",
            "      kind: locker\n      colour: red",
            "unknown key 'colour'",
        ),
        (
            "unknown image",
            "{partition: 6, image: empty}",
            "{partition: 6, image: blank}",
            "image 'blank'",
        ),
        (
            "bad yaml",
            "  usb-partitions: [1, 5, 6, 7, 8]",
            "  usb-partitions: [1, 5, 6, 7, 8",
            "invalid YAML",
        ),
    ]


@pytest.mark.parametrize(
    ("case", "old", "new", "message"), _mutations(), ids=[m[0] for m in _mutations()]
)
def test_loader_names_file_and_line(
    tmp_path: Path, case: str, old: str, new: str, message: str
) -> None:
    text = gen.DATA_FILE.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"fixture text for '{case}' not found once in the data file"
    bad = tmp_path / "diagrams.yml"
    bad.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(gen.DiagramDataError) as info:
        gen.load_data(bad)
    error = str(info.value)
    assert error.startswith(f"{bad}:"), error
    assert message in error
    line = int(error.split(":")[1])
    lines = bad.read_text(encoding="utf-8").splitlines()
    if case != "bad yaml":  # the parser reports where it gave up, not the edit
        assert new.strip().splitlines()[-1].strip() in lines[line - 1]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("", ":1: the file is empty"),
        ("disk-layout: []\nboot-banks: {}\nscratch-location: {}\n", ":1: expected a mapping"),
        ("disk-layout: {}\nboot-banks: {}\n", ":1: missing key(s): scratch-location"),
        (
            "disk-layout: {}\nboot-banks: {}\nscratch-location: {}\nextra: 1\n",
            ":4: unknown key 'extra'",
        ),
    ],
)
def test_loader_rejects_small_bad_files(tmp_path: Path, text: str, where: str) -> None:
    bad = tmp_path / "diagrams.yml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(gen.DiagramDataError, match=rf"^{re.escape(str(bad) + where)}"):
        gen.load_data(bad)


# --------------------------------------------------------------------------- SVG structure


@pytest.mark.parametrize(("name", "lang", "variant"), DRAWINGS, ids=DRAWING_IDS)
def test_svg_is_accessible_text(name: str, lang: str, variant: str, data: gen.Data) -> None:
    root = svg_root(name, lang, variant)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("lang") == lang and root.get(XML_LANG) == lang
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None and desc is not None
    sections: dict[str, gen.DiskLayout | gen.BootBanks | gen.ScratchLocation] = {
        "disk-layout": data.disk,
        "boot-banks": data.banks,
        "scratch-location": data.scratch,
    }
    section = sections[name]
    assert title.text == section.title.get(lang)
    assert desc.text and desc.text.startswith(section.intro.get(lang)) and len(desc.text) > 300
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
    other = next(g for g in gen.LANGS if g != lang)
    labels = [
        (where, label)
        for where, label in _labels(raw_data()[name])
        if where not in ("/title", "/intro")
    ]
    for where, label in labels:
        own = unbroken(" ".join(label[lang].split()))
        assert any(own in line for line in visible), f"{where}: '{own}' not drawn"
        foreign = " ".join(label[other].split())
        if foreign != own:
            pattern = rf"(?<!\w){re.escape(foreign)}(?!\w)"
            assert not re.search(pattern, everything), f"{where}: '{foreign}' in {lang}"


@pytest.mark.parametrize("variant", gen.VARIANTS)
@pytest.mark.parametrize("lang", gen.LANGS)
def test_disk_layout_shows_every_partition_and_size(
    lang: str, variant: str, data: gen.Data
) -> None:
    root = svg_root("disk-layout", lang, variant)
    visible = " | ".join(text_content(t) for t in root.iter(f"{SVG}text"))
    for p in data.disk.partitions:
        assert p.label.get(lang) in visible
        size = p.size.text or data.disk.labels["rest"].get(lang)
        assert f"| {size} |" in f"| {visible} |"


def test_block_heights_hint_at_size(data: gen.Data) -> None:
    root = svg_root("disk-layout", "en")
    rects = {r.get("id"): float(r.get("height", 0)) for r in root.iter(f"{SVG}rect")}
    parts = sorted(data.disk.partitions, key=lambda p: p.size.mb)
    for small, big in itertools.pairwise(parts):
        low = rects[f"disk-layout-part-{small.number}"]
        high = rects[f"disk-layout-part-{big.number}"]
        assert low < high if small.size.mb < big.size.mb else low == high
    for n in data.disk.usb:
        assert rects[f"disk-layout-usb-part-{n}"] == rects[f"disk-layout-part-{n}"]


@pytest.mark.parametrize("lang", gen.LANGS)
def test_narrow_block_heights_hint_at_size_too(lang: str, data: gen.Data) -> None:
    root = svg_root("disk-layout", lang, "narrow")
    rects = {r.get("id"): float(r.get("height", 0)) for r in root.iter(f"{SVG}rect")}
    parts = sorted(data.disk.partitions, key=lambda p: p.size.mb)
    for small, big in itertools.pairwise(parts):
        low = rects[f"disk-layout-narrow-part-{small.number}"]
        high = rects[f"disk-layout-narrow-part-{big.number}"]
        assert low < high if small.size.mb < big.size.mb else low == high
    usb = {key for key in rects if key and key.startswith("disk-layout-narrow-usb-part-")}
    assert usb == {f"disk-layout-narrow-usb-part-{n}" for n in data.disk.usb}


# --------------------------------------------------------------------------- layout


@dataclass(frozen=True)
class Text:
    content: str
    box: gen.Box  # estimated from the attributes with the generator's metrics
    anchor: gen.Box  # where it was placed: first line's anchor, mid-height of the glyphs
    element: ET.Element


def text_boxes(root: ET.Element) -> list[Text]:
    found = []
    for element in root.iter(f"{SVG}text"):
        font = gen.Font(
            float(element.get("font-size", "0")),
            bold=element.get("font-weight") == "bold",
            mono="Mono" in element.get("font-family", ""),
        )
        anchor = element.get("text-anchor", "start")
        spans = element.findall(f"{SVG}tspan") or [element]
        boxes = [
            gen.text_box(float(s.get("x", "0")), float(s.get("y", "0")), s.text or "", font, anchor)
            for s in spans
        ]
        left, top = min(b.x for b in boxes), min(b.y for b in boxes)
        box = gen.Box(
            left, top, max(b.right for b in boxes) - left, max(b.bottom for b in boxes) - top
        )
        point = gen.Box(
            float(spans[0].get("x", "0")), float(spans[0].get("y", "0")) - 0.3 * font.size, 0, 0
        )
        found.append(Text(text_content(element), box, point, element))
    return found


def rect_boxes(root: ET.Element) -> list[tuple[gen.Box, ET.Element]]:
    view = [float(v) for v in root.get("viewBox", "").split()]
    rects = []
    for r in root.iter(f"{SVG}rect"):
        box = gen.Box(*(float(r.get(k, "0")) for k in ("x", "y", "width", "height")))
        if (box.x, box.y, box.w, box.h) != tuple(view):  # the background
            rects.append((box, r))
    return sorted(rects, key=lambda item: item[0].w * item[0].h)


def container(point: gen.Box, rects: list[tuple[gen.Box, ET.Element]]) -> gen.Box | None:
    """A text's box is the smallest rect around the point where it was placed."""
    return next((r for r, _ in rects if r.contains(point, 0)), None)


def layout_problems(svg_text: str) -> list[str]:
    root = ET.fromstring(svg_text)
    x, y, w, h = (float(v) for v in root.get("viewBox", "").split())
    view = gen.Box(x, y, w, h)
    rects = rect_boxes(root)
    texts = text_boxes(root)
    problems = [f"outside the viewBox: {t.content}" for t in texts if not view.contains(t.box, 0)]
    for t in texts:
        home = container(t.anchor, rects)
        # 1 px inside the border: text must not touch its box's stroke.
        inner = home and gen.Box(home.x + 1, home.y + 1, home.w - 2, home.h - 2)
        if inner and not inner.contains(t.box, 0):
            problems.append(f"runs out of its box: {t.content}")
    for a, b in itertools.combinations(texts, 2):
        if a.box.overlaps(b.box):
            problems.append(f"overlap: {a.content} / {b.content}")
    return problems


@pytest.mark.parametrize(("name", "lang", "variant"), DRAWINGS, ids=DRAWING_IDS)
def test_no_text_overlaps_or_overflows(name: str, lang: str, variant: str) -> None:
    text = gen.output_path(DOCS, lang, name, variant).read_text(encoding="utf-8")
    assert layout_problems(text) == []


@pytest.mark.parametrize(("name", "lang"), CASES)
def test_narrow_drawing_reads_on_a_360_px_phone(name: str, lang: str) -> None:
    """Drawn 1:1 or larger in the 328 px a 360 px screen leaves, with no text under 12 px
    (tests/browser/test_diagrams_phone.py measures the same in Chromium)."""
    root = svg_root(name, lang, "narrow")
    width = float(root.get("viewBox", "").split()[2])
    assert width == gen.NARROW_W <= PHONE_COLUMN
    sizes = [float(t.get("font-size", "0")) for t in root.iter(f"{SVG}text")]
    assert min(sizes) * PHONE_COLUMN / width >= 12


def test_long_names_break_after_a_dot_or_slash() -> None:
    font = gen.BODY
    name = "ScratchConfig.ConfiguredScratchLocation, kept in /etc/vmware/locker.conf"
    width = font.width("ConfiguredScratchLocation,")
    lines = gen.wrap_narrow(name, font, width)
    assert lines[:2] == ["ScratchConfig.", "ConfiguredScratchLocation,"]
    assert all(font.width(line) <= width for line in lines)
    assert unbroken(" ".join(lines)) == name  # nothing lost, no space added inside a name
    assert gen.wrap_narrow("no break", font, 1000) == gen.wrap("no break", font, 1000)


def test_narrow_boot_banks_refuse_an_arrow_they_cannot_draw(data: gen.Data) -> None:
    back = gen.Transition(src="previous", dst="installed", label=gen.I18n("Atrás", "Back"))
    banks = dataclasses.replace(data.banks, transitions=(*data.banks.transitions, back))
    with pytest.raises(ValueError, match="cannot route previous → installed"):
        gen.draw_boot_banks_narrow(banks, "en")


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
    ],
)
def test_layout_check_catches_problems(body: str, problem: str) -> None:
    problems = layout_problems(_svg(body))
    assert problems and all(problem in p for p in problems), problems


def test_text_width_estimate() -> None:
    assert gen.text_width("", 14) == 0
    assert gen.text_width("Boot bank", 14) < gen.text_width("Boot banks", 14)
    assert gen.text_width("Boot bank", 14) < gen.text_width("Boot bank", 14, bold=True)
    assert gen.text_width("WWW", 10) > gen.text_width("iii", 10)
    assert gen.text_width("abc", 10, mono=True) == pytest.approx(3 * 6.02)
    assert gen.text_width("\u4e2d", 10) == 10  # unknown characters count as a full em


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
        paint = _paint_of(text.element)
        assert paint and under
        fg, bg = gen.PAINTS[paint], gen.PAINTS[under]
        ratio = contrast(getattr(fg, scheme), getattr(bg, scheme))
        assert ratio >= 4.5, f"{scheme}: '{text.content}' {paint} on {under}: {ratio:.2f}"


def test_stylesheet_is_scoped_and_has_a_slate_variant() -> None:
    css = gen.stylesheet("boot-banks")
    rules = [line for line in css.splitlines() if "{" in line and not line.startswith("@")]
    assert rules and all(".dgm-boot-banks" in rule for rule in rules)
    assert "var(--md-default-fg-color,#212121)" in css
    assert '[data-md-color-scheme="slate"] .dgm-boot-banks .f-boot{fill:#28335e}' in css
    assert css.index("@media screen") < css.index("slate")


# --------------------------------------------------------------------------- drift


def test_committed_svgs_match_the_data(data: gen.Data) -> None:
    stale = gen.stale_files(gen.build_all(data, DOCS))
    assert stale == [], f"regenerate with esxidocs/diagrams.py: {stale}"


def test_output_is_deterministic(data: gen.Data) -> None:
    first, second = gen.build_all(data, DOCS), gen.build_all(gen.load_data(), DOCS)
    assert first == second
    for text in first.values():
        numbers = re.findall(r'\s(?:x|y|width|height|r|cx|cy|rx)="([^"]*)"', text)
        assert numbers and all(re.fullmatch(r"-?\d+(\.\d)?", n) for n in numbers)


def test_check_mode_names_stale_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert gen.main(["--check", "--docs", str(tmp_path)]) == 1
    assert capsys.readouterr().err.count("stale diagram:") == len(DRAWINGS)
    assert gen.main(["--docs", str(tmp_path)]) == 0
    assert gen.main(["--check", "--docs", str(tmp_path)]) == 0
    edited = gen.output_path(tmp_path, "en", "boot-banks")
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("Upgrade", "Update"), encoding="utf-8"
    )
    capsys.readouterr()
    assert gen.main(["--check", "--docs", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert str(edited) in err and err.count("stale diagram:") == 1


def test_check_mode_reports_bad_data(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "diagrams.yml"
    bad.write_text("disk-layout: []\n", encoding="utf-8")
    assert gen.main(["--check", "--data", str(bad), "--docs", str(tmp_path)]) == 2
    assert f"{bad}:1:" in capsys.readouterr().err


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        gen.main(["--help"])
    assert info.value.code == 0
    assert "--check" in capsys.readouterr().out


# --------------------------------------------------------------------------- pages


IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)|<img\b[^>]*\bsrc=[\"']([^\"']+)")


def image_refs(path: Path) -> list[str]:
    return [a or b for a, b in IMAGE_RE.findall(path.read_text(encoding="utf-8"))]


def test_both_languages_embed_the_same_images() -> None:
    base, *others = gen.LANGS
    pages = sorted(p.name for p in (DOCS / base).glob("*.md"))
    assert pages
    for lang in others:
        assert sorted(p.name for p in (DOCS / lang).glob("*.md")) == pages
        for page in pages:
            assert image_refs(DOCS / lang / page) == image_refs(DOCS / base / page), page


def test_embedded_diagrams_exist_in_every_language() -> None:
    for lang in gen.LANGS:
        for page in (DOCS / lang).glob("*.md"):
            for ref in image_refs(page):
                name = hook.diagram_name(ref)
                if name:
                    assert name in gen.NAMES, f"{page}: unknown diagram {ref}"
                    assert gen.output_path(DOCS, lang, name).is_file()


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
    for lang in gen.LANGS:
        for variant in gen.VARIANTS:
            target = gen.output_path(tmp_path, lang, "disk-layout", variant)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(gen.output_path(DOCS, lang, "disk-layout", variant).read_bytes())
    return tmp_path


def _page(src_uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=src_uri))


@pytest.mark.parametrize("lang", gen.LANGS)
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
        assert svg.get("data-search-exclude") == "true"
    ids = [str(tag["id"]) for tag in figure.find_all(id=True)]
    assert ids and len(ids) == len(set(ids)), "the two drawings share an id"
    caption = figure.find("figcaption")
    assert isinstance(caption, Tag) and caption.get_text() == "Particiones de ESXi 5."
    assert 'viewBox="0 0' in out  # inserted as written, not re-cased by the HTML parser
    assert '<img alt="logo" src="../assets/logo.png"/>' in out
    assert out.index("<svg") < out.index("<figcaption>")


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
    gen.output_path(docs, "en", "disk-layout", "narrow").unlink()
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
