"""The figures by name: each module of `figures/` registers its builder here.

A builder draws one figure of the data in one language and variant. Adding a figure is a
module in `figures/` that calls `register`, an import line in `figures/__init__.py`, and
its section in the data model and loader.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from esxidocs.diagrams.canvas import Canvas
from esxidocs.diagrams.model import Data

# "": the drawing for wide screens, print and the PDF; "narrow": the same data stacked in
# one column for phones (esxidocs/stages/diagrams.py inlines both).
VARIANTS = ("", "narrow")


@dataclass(frozen=True)
class Drawing:
    canvas: Canvas
    width: float
    height: float
    title: str  # the SVG's <title>
    desc: str  # its <desc>: what the figure shows, in words


Builder = Callable[[Data, str, bool], Drawing]  # (data, language, narrow) -> drawing

FIGURES: dict[str, Builder] = {}


def register(name: str) -> Callable[[Builder], Builder]:
    """Decorator: file `builder` under `name` (the SVG's file name and root class)."""

    def add(builder: Builder) -> Builder:
        if name in FIGURES:
            raise ValueError(f"figure '{name}' registered twice")
        FIGURES[name] = builder
        return builder

    return add
