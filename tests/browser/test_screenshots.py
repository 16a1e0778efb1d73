"""Screenshots for a person to look at (artifacts/screenshots/): each kind of page and each
diagram on a phone, both languages, light and dark. They assert nothing a reader would
notice, so they are `make screenshots` (marker `screenshots`), not part of `make test`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .search import search
from .site_pages import DIAGRAMS, LANGUAGES, page_embedding, path_of
from .survey import PHONE_360
from .watch import ready

pytestmark = pytest.mark.screenshots

KINDS = {
    "home": ("index.md", None),
    "article": ("scratch.md", None),
    "glossary": ("glossary.md", None),
    "search": ("index.md", "scratch"),
    "keyboard": ("scratch.md", None),  # the language list opened by keyboard, focus ring on
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_screenshots(
    new_page: Callable[..., Page], screenshots: Path, lang: str, scheme: str
) -> None:
    page = new_page(color_scheme=scheme)
    for kind, (name, query) in KINDS.items():
        ready(page, path_of(lang, name))
        if query:
            search(page, query)
        if kind == "keyboard":
            page.focus(".md-select > button")
            page.keyboard.press("Tab")  # onto the first language of the list
        shot = screenshots / f"{lang}-{kind}-{scheme}.png"
        page.screenshot(path=shot)
        assert shot.stat().st_size > 10_000, shot


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagram_screenshots(
    new_page: Callable[..., Page], screenshots: Path, lang: str, scheme: str
) -> None:
    page = new_page(viewport=PHONE_360, color_scheme=scheme)
    for name in DIAGRAMS:
        ready(page, path_of(lang, page_embedding(lang, name)))
        # The header is fixed: hide it so that it does not cover the figure's top in the shot.
        page.add_style_tag(content=".md-header { visibility: hidden; }")
        shot = screenshots / f"diagram-{name}-{lang}-phone-{scheme}.png"
        page.locator(f"figure.diagram:has(svg.dgm-{name})").screenshot(path=shot)
        assert shot.stat().st_size > 10_000, shot
