"""The code blocks' copy buttons (Material's `content.code.copy`) copy the command, can be
reached with Tab, say that they copied, and add no navigation landmark: a page with several
commands used to have one unnamed `<nav>` per block (axe `landmark-unique`)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .site_pages import path_of
from .watch import POLL_MS, ready

PAGE = "scratch.md"  # several commands, in both languages
BUTTON = "pre > .md-code__nav > button.md-code__button[data-md-type=copy]"
COPY = {"es": "Copiar al portapapeles", "en": "Copy to clipboard"}
COPIED = {"es": "Copiado al portapapeles", "en": "Copied to clipboard"}
CLIPBOARD = ["clipboard-read", "clipboard-write"]
MAX_TABS = 300  # far more stops than the page has before its first code block


def open_page(new_page: Callable[..., Page], lang: str) -> Page:
    page = new_page(permissions=CLIPBOARD, search=False)
    ready(page, path_of(lang, PAGE))
    return page


def announced(page: Page) -> str:
    """What Material's "copied" message says, read through its live region."""
    dialog = page.locator('[data-md-component="dialog"]')
    assert dialog.get_attribute("role") == "status"  # polite, there from load
    page.wait_for_function(
        "document.querySelector('[data-md-component=dialog]').textContent.trim() !== ''",
        polling=POLL_MS,
    )
    return dialog.inner_text().strip()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_code_blocks_add_no_navigation_landmark(new_page: Callable[..., Page], lang: str) -> None:
    page = open_page(new_page, lang)
    buttons = page.locator(BUTTON)
    assert buttons.count() >= 2, f"{PAGE}: expected several copy buttons"
    # Each button in the accessibility tree, named in the page's language...
    assert page.get_by_role("button", name=COPY[lang], exact=True).count() == buttons.count()
    # ...and no navigation landmark around any of them.
    landmarks = page.locator("article").get_by_role("navigation")
    assert landmarks.count() == 0, landmarks.evaluate_all("els => els.map(e => e.outerHTML)")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_copy_button_copies_the_command(new_page: Callable[..., Page], lang: str) -> None:
    page = open_page(new_page, lang)
    button = page.locator(BUTTON).first
    command = button.evaluate("b => b.closest('pre').querySelector(':scope > code').innerText")
    assert command.strip()
    button.click()
    assert announced(page) == COPIED[lang]
    assert page.evaluate("navigator.clipboard.readText()").strip() == command.strip()


def test_copy_button_is_reached_and_used_by_keyboard(new_page: Callable[..., Page]) -> None:
    page = open_page(new_page, "en")
    page.locator("body").focus()
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({BUTTON!r})"):
            break
    else:
        pytest.fail(f"no copy button within {MAX_TABS} presses of Tab")
    command = page.evaluate(
        "document.activeElement.closest('pre').querySelector(':scope > code').innerText"
    )
    page.keyboard.press("Enter")
    assert announced(page) == COPIED["en"]
    assert page.evaluate("navigator.clipboard.readText()").strip() == command.strip()
