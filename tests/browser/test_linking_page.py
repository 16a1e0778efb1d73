"""The linking page as a reader uses it: wiki links into it land on their section, and the
paste-ready blocks hold whole lines.

The page's per-page boxes are left unrendered while off screen (`content-visibility: auto`
in extra.css), so these tests check that following a link to one of the last of them, and reading
its blocks, still works as on any page.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .site_pages import path_of
from .survey import PHONE
from .watch import ready

# A box near the end of the page, all of whose predecessors are off screen; the very last
# one cannot reach the top of the viewport (the page ends first).
TARGET = "link-sources"
SELECT_AND_READ = "e => (getSelection().selectAllChildren(e), String(getSelection()))"


@pytest.mark.parametrize("lang", ["es", "en"])
def test_link_to_a_late_box_lands_on_it(new_page: Callable[..., Page], lang: str) -> None:
    page = new_page(search=False)
    ready(page, f"{path_of(lang, 'linking.md')}#{TARGET}")
    heading = page.locator(f"#{TARGET}")
    box = heading.bounding_box()
    assert box is not None
    header = page.locator("header.md-header").bounding_box()
    assert header is not None
    # Just below the sticky header, as Material's scroll margin places any target heading.
    assert header["height"] <= box["y"] <= header["height"] + 80, box
    table = page.locator(f"#{TARGET} + * table, #{TARGET} + table").first
    assert table.is_visible()


@pytest.mark.parametrize("lang", ["es", "en"])
def test_addresses_wrap_without_scrolling(new_page: Callable[..., Page], lang: str) -> None:
    page = new_page(viewport=PHONE, search=False)
    ready(page, f"{path_of(lang, 'linking.md')}#{TARGET}")
    table = page.locator(f"#{TARGET} + .md-typeset__scrollwrap")
    width = table.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert width[0] <= width[1], "the table of addresses scrolls sideways on a phone"
    details = page.locator(f"#{TARGET} ~ details").first
    details.locator("summary").click()
    blocks = details.locator("pre")
    assert blocks.count() == 3
    for i in range(3):
        block = blocks.nth(i)
        width = block.evaluate("e => [e.scrollWidth, e.clientWidth]")
        assert width[0] <= width[1], "a paste-ready block scrolls sideways on a phone"
        # Wrapped on screen, but what a reader selects and copies keeps one link per line.
        copied = block.evaluate(SELECT_AND_READ)
        lines = copied.strip().splitlines()
        assert len(lines) == block.locator("span").count() > 1
        assert all(line.startswith("[") and line.endswith(("]", ")")) for line in lines), lines
