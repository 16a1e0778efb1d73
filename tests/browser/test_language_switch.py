"""The language selector keeps the page and the section: /scratch/#persistence <-> /en/scratch/."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .site_pages import path_of
from .watch import ready

SECTION = "persistence"  # a heading id of scratch.md, the same in both languages by design


def choose_language(page: Page, lang: str) -> None:
    page.hover(".md-select")  # the list opens on hover or focus
    with page.expect_navigation():
        page.click(f'a.md-select__link[hreflang="{lang}"]')


@pytest.mark.parametrize(("start", "target"), [("es", "en"), ("en", "es")])
def test_switch_keeps_page_and_section(
    new_page: Callable[..., Page], site_url: str, start: str, target: str
) -> None:
    page = new_page(search=False)
    page.goto(f"{path_of(start, 'scratch.md')}#{SECTION}")
    choose_language(page, target)
    assert page.url == f"{site_url}{path_of(target, 'scratch.md')}#{SECTION}"
    assert page.locator(f"#{SECTION}").is_visible()
    assert page.evaluate("document.documentElement.lang") == target


def test_switch_follows_the_section_being_read(
    new_page: Callable[..., Page], site_url: str
) -> None:
    # navigation.tracking rewrites the fragment while the reader scrolls, without a hashchange.
    # "contents" is an early section: one near the end of the page cannot reach the top of
    # the viewport, and tracking then marks the last section instead.
    section = "contents"
    page = new_page(search=False)
    ready(page, path_of("es", "scratch.md"))
    # Material sets the fragment 250 ms after the last scroll, for a new offset only, and only
    # once its table of contents has measured the page (which takes a while). So scroll again
    # at each poll, one pixel off every other time (the heading stays at the top), and poll
    # less often than that 250 ms, or each nudge would restart Material's wait.
    scroll_and_check = (
        f"() => {{ document.getElementById('{section}').scrollIntoView();"
        " window.scrollBy(0, (window.__nudge = !window.__nudge) ? 1 : 0);"
        f" return location.hash === '#{section}'; }}"
    )
    page.wait_for_function(scroll_and_check, polling=500, timeout=10_000)
    choose_language(page, "en")
    assert page.url == f"{site_url}{path_of('en', 'scratch.md')}#{section}"


def test_switch_without_section_leads_to_the_page(
    new_page: Callable[..., Page], site_url: str
) -> None:
    page = new_page(search=False)
    page.goto(path_of("en", "index.md"))
    choose_language(page, "es")
    assert page.url == f"{site_url}{path_of('es', 'index.md')}"


def test_switch_by_keyboard(new_page: Callable[..., Page], site_url: str) -> None:
    page = new_page(search=False)
    page.goto(f"{path_of('es', 'scratch.md')}#{SECTION}")
    page.focus(".md-select > button")
    link = 'a.md-select__link[hreflang="en"]'
    for _ in range(5):  # the button, then the list's links
        if page.evaluate(f"document.activeElement.matches('{link}')"):
            break
        page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == f"{site_url}{path_of('en', 'scratch.md')}#{SECTION}"
