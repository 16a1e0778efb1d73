"""What the reader sees before Material's (deferred) bundle has run is the page they get:
the header's search box and language selector do not appear late or jump sideways.

The state before the bundle runs is reproduced by not serving the bundle at all.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, ViewportSize

from .site_pages import path_of
from .survey import PHONE, VIEWPORT
from .watch import ready

CONTROLS = {
    "search box": "header .md-search",  # wide screens
    "search button": 'header label[for="__search"]',  # phones
    "language": "header .md-select",
}
POSITIONS = """sel => Object.fromEntries(Object.entries(sel).map(([name, css]) => {
  const box = document.querySelector(css).getBoundingClientRect();
  return [name, [Math.round(box.x), Math.round(box.y), Math.round(box.width)]];
}))"""


def positions(page: Page) -> dict[str, list[int]]:
    found: dict[str, list[int]] = page.evaluate(POSITIONS, CONTROLS)
    return found


@pytest.mark.parametrize("viewport", [PHONE, VIEWPORT], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_header_controls_do_not_move_when_material_starts(
    new_page: Callable[..., Page], lang: str, viewport: ViewportSize
) -> None:
    path = path_of(lang, "scratch.md")
    before = new_page(viewport=viewport)
    before.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    before.goto(path, wait_until="load")
    assert before.evaluate("document.documentElement.classList.contains('no-js')") is False
    after = new_page(viewport=viewport)
    ready(after, path)
    first, final = positions(before), positions(after)
    shown = [name for name, box in final.items() if box[2] > 0]
    assert "language" in shown and ("search box" in shown or "search button" in shown), final
    assert first == final
