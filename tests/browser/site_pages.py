"""The pages of the site, per language, as URL paths (languages and nav from tests/conftest.py)."""

from __future__ import annotations

import re

from conftest import DEFAULT_LANG, LANGUAGES, NAV, ROOT, SITE
from esxidocs.diagrams.render import NAMES as DIAGRAMS

__all__ = [
    "DEFAULT_LANG",
    "DIAGRAMS",
    "LANGUAGES",
    "NAV",
    "PAGES",
    "ROOT",
    "SITE",
    "home",
    "language_of",
    "page_embedding",
    "path_of",
]


def home(lang: str) -> str:
    """URL path of a language's home page: "/" or "/en/"."""
    return SITE.language(lang).link


def path_of(lang: str, name: str) -> str:
    """URL path of a page, e.g. ("en", "scratch.md") -> "/en/scratch/" (the site model's)."""
    return "/" + SITE.url_of(f"{lang}/{name}")


def language_of(path: str) -> str:
    """The language a URL path belongs to."""
    return SITE.language_of(path.strip("/") + "/") or DEFAULT_LANG


PAGES: list[str] = [path_of(lang, name) for lang in LANGUAGES for name in NAV]


def page_embedding(lang: str, name: str) -> str:
    """The page (file name) of `lang` that embeds diagram `name`."""
    pattern = re.compile(rf"assets/diagrams/{re.escape(name)}\.svg\b")
    pages = sorted(
        p.name
        for p in (ROOT / "docs" / lang).glob("*.md")
        if pattern.search(p.read_text(encoding="utf-8"))
    )
    assert pages, f"no {lang} page embeds {name}"
    return pages[0]
