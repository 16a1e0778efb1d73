"""Every figure in every language and variant, as SVG text and the file it goes to.

Output: `docs/<lang>/assets/diagrams/<name>.svg` and `<name>.narrow.svg` for each figure in
the registry and each of the site's languages. The SVGs are committed; `esxidocs diagrams
--check` (and the tests) fail when they differ from the data.
"""

from __future__ import annotations

import math
from pathlib import Path

from esxidocs.diagrams.figures import FIGURES
from esxidocs.diagrams.model import Data
from esxidocs.diagrams.registry import VARIANTS

NAMES = tuple(FIGURES)


def render(name: str, data: Data, lang: str, variant: str = "") -> str:
    """The SVG text of one diagram in one language, wide ("") or "narrow"."""
    if variant not in VARIANTS:
        raise ValueError(f"unknown variant '{variant}'")
    if name not in FIGURES:
        raise ValueError(f"unknown diagram '{name}'")
    drawing = FIGURES[name](data, lang, variant == "narrow")
    width, height = math.ceil(drawing.width), math.ceil(drawing.height)
    return drawing.canvas.render(lang, drawing.title, drawing.desc, width, height)


def output_path(docs: Path, lang: str, name: str, variant: str = "") -> Path:
    """`<name>.svg`, or `<name>.<variant>.svg` (the dot keeps it out of the names a page
    can embed: esxidocs/stages/diagrams.py inlines it beside `<name>.svg`)."""
    stem = f"{name}.{variant}" if variant else name
    return docs / lang / "assets" / "diagrams" / f"{stem}.svg"


def build_all(data: Data, docs: Path) -> dict[Path, str]:
    return {
        output_path(docs, lang, name, variant): render(name, data, lang, variant)
        for lang in data.langs
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
