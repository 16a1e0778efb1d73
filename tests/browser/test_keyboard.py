"""Keyboard alone reaches search, the language selector, the palette toggle and every link,
and the focused element always shows a visible ring."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .site_pages import LANGUAGES, home, path_of
from .watch import POLL_MS, ready

# Mark every link visible at load (and the controls under test) so each Tab can be matched
# back to it. Links in hidden containers (the language list until it opens, the mobile
# drawer's copies) are not Tab stops at load; the language list is checked on its own.
MARK = """() => {
  const links = [...document.querySelectorAll("a[href]")].filter(a => a.checkVisibility());
  links.forEach((a, i) => a.dataset.kb = `link-${i}`);
  const controls = {
    search: ".md-search__input",
    language: ".md-select > button",
    palette: ".md-option",
  };
  for (const [name, selector] of Object.entries(controls))
    document.querySelectorAll(selector).forEach(el => el.dataset.kb ||= name);
  return links.map(a => `${a.dataset.kb} ${a.getAttribute("href")} ${a.textContent.trim()}`);
}"""

# What has focus, and whether a ring shows (on the label, for the hidden palette radio).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const ringed = el.matches(".md-option") ? el.nextElementSibling : el;
  const style = getComputedStyle(ringed);
  return {
    kb: el.dataset.kb || "",
    select: el.matches(".md-select__link") ? el.hreflang : "",
    html: el.outerHTML.slice(0, 120),
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1,
  };
}"""


def tab_through(page: Page, limit: int) -> list[dict[str, Any]]:
    """Press Tab until focus comes back around (or `limit`); what each stop was."""
    stops: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUSED)
        if stop is None or (stops and stop["html"] == stops[0]["html"]):
            break
        stops.append(stop)
    return stops


# One page of each kind per language: header, sidebars and footer are the same on every page,
# and the Tab walk is the slowest check there is.
KEYBOARD_PAGES = [
    path_of(lang, name) for lang in LANGUAGES for name in ("index.md", "scratch.md", "glossary.md")
]


@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_keyboard_reaches_every_control_and_link(new_page: Callable[..., Page], path: str) -> None:
    page = new_page(search=False)
    ready(page, path)
    links = page.evaluate(MARK)
    stops = tab_through(page, limit=len(links) + 40)
    reached = {stop["kb"] for stop in stops}
    for control in ("search", "language", "palette"):
        assert control in reached, f"{control} not reachable by Tab"
    assert {stop["select"] for stop in stops} >= set(LANGUAGES), "language list not reachable"
    missing = [link for link in links if link.split()[0] not in reached]
    assert missing == []
    no_ring = [stop["html"] for stop in stops if not stop["ring"]]
    assert no_ring == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_by_keyboard(new_page: Callable[..., Page], site_url: str, lang: str) -> None:
    page = new_page()
    ready(page, path_of(lang, "index.md"))
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-search__input')"):
            break
    page.keyboard.type("scratch")
    # The results of the whole word (Material adds it to each result's link as ?h=): those
    # of a first letter can show first, and a result focused in them is gone once the
    # list is redrawn, leaving Enter nothing to follow (seen once on a busy machine).
    result = '.md-search-result__link[href*="h=scratch"]'
    page.wait_for_selector(result)
    # Enter follows the focused result. The list can still be drawn again after the key (a
    # failure on a busy machine waited 30 s for a navigation): focus then leaves the
    # results, and Material's next ArrowDown brings it back to the search box, the one after
    # to the first result, as a reader who sees none highlighted presses the key again.
    focused = f"document.activeElement.matches('{result}')"
    for _ in range(3):
        page.keyboard.press("ArrowDown")
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(focused, polling=POLL_MS, timeout=2000)
            break
    assert page.evaluate(focused), "ArrowDown never focused a search result"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(f"{site_url}{home(lang)}")
    assert page.url != f"{site_url}{path_of(lang, 'index.md')}"


def test_palette_toggle_by_keyboard(new_page: Callable[..., Page]) -> None:
    page = new_page(color_scheme="light", search=False)
    ready(page, path_of("en", "index.md"))
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-option')"):
            break
    assert page.evaluate("document.body.dataset.mdColorScheme") == "default"
    page.keyboard.press("Enter")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", polling=POLL_MS)
