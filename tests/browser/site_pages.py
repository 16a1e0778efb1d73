"""The pages of the site, per language, as URL paths (languages and nav from tests/conftest.py)."""

from __future__ import annotations

from conftest import DEFAULT_LANG, LANGUAGES, NAV, ROOT

__all__ = ["DEFAULT_LANG", "LANGUAGES", "NAV", "PAGES", "ROOT", "home", "language_of", "path_of"]


def home(lang: str) -> str:
    """URL path of a language's home page: "/" or "/en/"."""
    return "/" if lang == DEFAULT_LANG else f"/{lang}/"


def path_of(lang: str, name: str) -> str:
    """URL path of a page, e.g. ("en", "scratch.md") -> "/en/scratch/"."""
    stem = name.removesuffix(".md")
    return home(lang) if stem == "index" else f"{home(lang)}{stem}/"


def language_of(path: str) -> str:
    """The language a URL path belongs to."""
    first = path.strip("/").split("/")[0]
    return first if first in LANGUAGES and first != DEFAULT_LANG else DEFAULT_LANG


PAGES: list[str] = [path_of(lang, name) for lang in LANGUAGES for name in NAV]
