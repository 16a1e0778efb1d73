"""Screenshots of each kind of page, both languages, light and dark: artefacts to look at
(artifacts/screenshots/), checked here only for having been written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page

from .search import search
from .site_pages import LANGUAGES, path_of
from .watch import ready

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
