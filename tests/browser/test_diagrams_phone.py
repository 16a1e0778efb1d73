"""Diagrams on a 360 px phone: each page shows the narrow drawing (esxidocs/diagrams/), whole,
without sideways scrolling and with no text under 12 CSS px; a desktop shows the wide one.
The geometry is the same in either palette; screenshots of each figure, light and dark, are
`make screenshots` (test_screenshots.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from .site_pages import DIAGRAMS, LANGUAGES, page_embedding, path_of
from .survey import PHONE_360, VIEWPORT
from .watch import ready

MIN_FONT_PX = 12.0
SLACK = 0.5  # px: glyph boxes are rounded to device pixels
IMG = re.compile(r"""^\s*- '?img\b""")


# What the reader gets: which drawings are rendered, the figure's and the page's widths, and
# every text of the rendered drawing with its box and its font size as rendered.
MEASURE = """name => {
  const figure = [...document.querySelectorAll('figure.diagram')]
    .find(f => f.querySelector(`svg.dgm-${name}`));
  const drawings = [...figure.querySelectorAll(`svg.dgm-${name}`)];
  const shown = drawings.filter(svg => svg.getBoundingClientRect().width > 0);
  const svg = shown[0];
  const box = svg.getBoundingClientRect();
  const texts = [...svg.querySelectorAll('text')].map(text => {
    const r = text.getBoundingClientRect();
    const px = parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a;
    return {text: text.textContent, left: r.left, top: r.top, right: r.right,
            bottom: r.bottom, px};
  });
  return {
    shown: shown.map(s => s.getAttribute('class')),
    hidden: drawings.filter(s => getComputedStyle(s).display === 'none').length,
    figureScroll: figure.scrollWidth, figureClient: figure.clientWidth,
    pageScroll: document.documentElement.scrollWidth,
    pageClient: document.documentElement.clientWidth,
    svg: {left: box.left, top: box.top, right: box.right, bottom: box.bottom},
    texts,
  };
}"""


def measure(page: Page, name: str) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(MEASURE, name)
    return result


def outside(text: dict[str, Any], box: dict[str, float], width: float) -> bool:
    """True when a text's box leaves the drawing's box or the screen."""
    return (
        text["left"] < max(box["left"], 0) - SLACK
        or text["right"] > min(box["right"], width) + SLACK
        or text["top"] < box["top"] - SLACK
        or text["bottom"] > box["bottom"] + SLACK
    )


def images_in(page: Page, name: str) -> list[str]:
    """The figure's images as the accessibility tree has them."""
    figure = page.locator(f"figure.diagram:has(svg.dgm-{name})")
    # One line per node: `- img "name"`, quoted YAML (`- 'img "name"': text`) when it has text.
    return [line for line in figure.aria_snapshot().splitlines() if IMG.match(line)]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", DIAGRAMS)
def test_diagram_reads_on_a_360_px_phone(
    new_page: Callable[..., Page], name: str, lang: str
) -> None:
    page = new_page(viewport=PHONE_360, search=False)
    ready(page, path_of(lang, page_embedding(lang, name)))
    found = measure(page, name)
    assert found["shown"] == [f"dgm dgm-{name} dgm-narrow"], "the phone drawing, alone"
    assert found["hidden"] == 1
    assert found["figureScroll"] <= found["figureClient"], "the figure scrolls sideways"
    assert found["pageScroll"] <= found["pageClient"], "the page scrolls sideways"
    assert len(found["texts"]) >= 20
    clipped = [t["text"] for t in found["texts"] if outside(t, found["svg"], PHONE_360["width"])]
    assert clipped == [], "text outside the drawing or the screen"
    small = [(t["text"], round(t["px"], 1)) for t in found["texts"] if t["px"] < MIN_FONT_PX]
    assert small == [], f"text under {MIN_FONT_PX} px"
    assert len(images_in(page, name)) == 1, "one image for assistive technology"


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", DIAGRAMS)
def test_desktop_keeps_the_wide_drawing(
    new_page: Callable[..., Page], name: str, lang: str
) -> None:
    page = new_page(viewport=VIEWPORT, search=False)
    ready(page, path_of(lang, page_embedding(lang, name)))
    found = measure(page, name)
    assert found["shown"] == [f"dgm dgm-{name} dgm-wide"]
    assert found["hidden"] == 1
    assert found["pageScroll"] <= found["pageClient"]
    assert len(images_in(page, name)) == 1, "one image for assistive technology"
