"""What the reader sees before Material's (deferred) bundle has run is the page they get:
the header's search box, palette toggle and language selector do not appear late or jump
sideways. With JavaScript off, the header has no search or palette toggle, and no empty
slot for them.

The state before the bundle runs is reproduced by not serving the bundle at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, ViewportSize

from .site_pages import path_of
from .survey import PHONE, VIEWPORT
from .watch import Watch, load, ready

CONTROLS = {
    "search box": "header .md-search",  # wide screens
    "search button": 'header label[for="__search"]',  # phones
    "language": "header .md-select",
    "palette": 'header [data-md-component="palette"]',
}
POSITIONS = """sel => Object.fromEntries(Object.entries(sel).map(([name, css]) => {
  const box = document.querySelector(css).getBoundingClientRect();
  return [name, [Math.round(box.x), Math.round(box.y), Math.round(box.width)]];
}))"""
# The header's search box (wide screens) and search button (phones).
SEARCH = 'header .md-search, header .md-header__button[for="__search"]'
# How many of them a reader can see: rendered, visible and with a size.
VISIBLE_SEARCH = """sel => [...document.querySelectorAll(sel)].filter(el =>
  getComputedStyle(el).visibility === 'visible' && el.getBoundingClientRect().width > 0
).length"""


def positions(page: Page) -> dict[str, list[int]]:
    found: dict[str, list[int]] = page.evaluate(POSITIONS, CONTROLS)
    return found


def before_and_after(
    new_page: Callable[..., Page],
    path: str,
    watch: Callable[[Page], Watch] | None = None,
    **options: Any,
) -> tuple[Page, Page]:
    """`path` as it is before Material's bundle runs (never served), and once it has; with
    `watch`, the second load must also be clean."""
    before = new_page(**options)
    before.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    before.goto(path, wait_until="load")
    after = new_page(**options)
    if watch is None:
        ready(after, path)
    else:
        seen = watch(after)
        load(after, seen, path)
        assert not seen.problems, "\n".join(seen.problems)
    return before, after


@pytest.mark.parametrize("viewport", [PHONE, VIEWPORT], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_header_controls_do_not_move_when_material_starts(
    new_page: Callable[..., Page], lang: str, viewport: ViewportSize
) -> None:
    before, after = before_and_after(
        new_page, path_of(lang, "scratch.md"), viewport=viewport, search=False
    )
    # Still Material's pre-start state: nothing else did its work.
    assert before.evaluate("document.documentElement.classList.contains('no-js')") is True
    assert before.evaluate(VISIBLE_SEARCH, SEARCH) == 0
    assert after.evaluate(VISIBLE_SEARCH, SEARCH) >= 1
    first, final = positions(before), positions(after)
    shown = [name for name, box in final.items() if box[2] > 0]
    assert {"language", "palette"} <= set(shown), final
    assert "search box" in shown or "search button" in shown, final
    assert first == final


@pytest.mark.parametrize("viewport", [PHONE, VIEWPORT], ids=["phone", "desktop"])
def test_without_javascript_the_header_has_no_empty_slots(
    new_page: Callable[..., Page], viewport: ViewportSize
) -> None:
    page = new_page(viewport=viewport, java_script_enabled=False)
    page.goto(path_of("en", "scratch.md"), wait_until="load")
    displays = page.evaluate(
        "sel => [...document.querySelectorAll(sel)].map(el => getComputedStyle(el).display)",
        SEARCH,
    )
    assert displays == ["none", "none"]
    assert positions(page)["palette"][2] == 0


COLOURS = """() => [document.body.dataset.mdColorScheme,
  getComputedStyle(document.body).backgroundColor,
  getComputedStyle(document.querySelector('header')).backgroundColor]"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["es", "en"])
def test_first_paint_has_the_readers_colour_scheme(
    new_page: Callable[..., Page], watch: Callable[[Page], Watch], lang: str, scheme: str
) -> None:
    """On a first visit (nothing stored), a dark-mode reader gets the dark page at once,
    not a light one until Material starts, and it loads as cleanly as the light one (the
    survey loads every page in the first palette only, see survey.py)."""
    path = path_of(lang, "scratch.md")
    before, after = before_and_after(new_page, path, watch, color_scheme=scheme)
    final = after.evaluate(COLOURS)
    assert final[0] == {"light": "default", "dark": "slate"}[scheme]
    assert before.evaluate(COLOURS) == final


# Each table's box, whether it is in a scrolling wrapper, and in one only.
TABLES = """() => [...document.querySelectorAll('article table')].map(table => {
  const box = table.getBoundingClientRect();
  const wrap = table.closest('.md-typeset__scrollwrap');
  return [Math.round(box.x), Math.round(box.y), Math.round(box.width), Math.round(box.height),
          wrap !== null, wrap?.parentElement.closest('.md-typeset__scrollwrap') === null];
})"""


@pytest.mark.parametrize("lang", ["es", "en"])
def test_tables_are_in_place_before_material_starts(
    new_page: Callable[..., Page], lang: str
) -> None:
    """Material would move each table into a scrolling wrapper when it starts; the build has
    done it, so the tables neither move nor get a second wrapper."""
    before, after = before_and_after(
        new_page, path_of(lang, "sources.md"), viewport=PHONE, search=False
    )
    final = after.evaluate(TABLES)
    assert final and all(wrapped and single for *_, wrapped, single in final), final
    assert before.evaluate(TABLES) == final
