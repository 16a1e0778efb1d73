"""A heading's permalink copies the absolute URL of its section, with a translated tooltip and
a "link copied" message announced through a live region; without the Clipboard API too."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .site_pages import path_of
from .watch import POLL_MS, ready

SECTION = "memory"  # a heading id of scratch.md
TOOLTIPS = {"es": "Copiar enlace a esta sección", "en": "Copy link to this section"}
COPIED = {"es": "Enlace copiado", "en": "Link copied"}
CLIPBOARD = ["clipboard-read", "clipboard-write"]

# No Clipboard API (as on an insecure origin or an older browser); record what the fallback
# copies through the selection, since headless Chromium's copy command has no clipboard.
WITHOUT_CLIPBOARD_API = """
Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
const copyCommand = Document.prototype.execCommand;
Document.prototype.execCommand = function (command, ...rest) {
  if (command === "copy") window.__copied = String(document.getSelection()) ||
    (document.activeElement && document.activeElement.value);
  return copyCommand.call(this, command, ...rest) || command === "copy";
};
"""


def status(page: Page) -> str:
    region = page.locator(".reader-status")
    assert region.get_attribute("role") == "status"  # polite live region, there from load
    page.wait_for_function(
        "document.querySelector('.reader-status').textContent !== ''", polling=POLL_MS
    )
    return region.inner_text()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_permalink_copies_the_section_url(
    new_page: Callable[..., Page], site_url: str, lang: str
) -> None:
    page = new_page(permissions=CLIPBOARD, search=False)
    path = path_of(lang, "scratch.md")
    ready(page, path)
    page.click(f"#{SECTION} > a.headerlink")
    assert status(page) == COPIED[lang]
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}{path}#{SECTION}"
    assert page.url == f"{site_url}{path}#{SECTION}"  # still a link to the section, too


def test_permalink_copies_by_keyboard(new_page: Callable[..., Page], site_url: str) -> None:
    page = new_page(permissions=CLIPBOARD, search=False)
    path = path_of("en", "scratch.md")
    ready(page, path)
    page.focus(f"#{SECTION} > a.headerlink")
    page.keyboard.press("Enter")
    assert status(page) == COPIED["en"]
    assert page.evaluate("navigator.clipboard.readText()") == f"{site_url}{path}#{SECTION}"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_permalink_copies_without_the_clipboard_api(
    new_page: Callable[..., Page], site_url: str, lang: str
) -> None:
    page = new_page(init_script=WITHOUT_CLIPBOARD_API, search=False)
    path = path_of(lang, "scratch.md")
    ready(page, path)
    assert page.evaluate("navigator.clipboard") is None
    page.click(f"#{SECTION} > a.headerlink")
    assert status(page) == COPIED[lang]
    assert page.evaluate("window.__copied") == f"{site_url}{path}#{SECTION}"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_permalink_tooltips_are_translated(new_page: Callable[..., Page], lang: str) -> None:
    # The browser shows `title` as the tooltip (Material's own tooltips are off, mkdocs.yml),
    # so read it from the live page, after every script has run.
    page = new_page(search=False)
    ready(page, path_of(lang, "scratch.md"))
    titles = page.eval_on_selector_all("a.headerlink", "links => links.map(a => a.title)")
    assert len(titles) > 3
    assert set(titles) == {TOOLTIPS[lang]}
