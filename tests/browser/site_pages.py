"""The pages of the site, per language, as URL paths (languages and nav from tests/conftest.py)."""

from __future__ import annotations

from conftest import DEFAULT_LANG, LANGUAGES, NAV, ROOT, SITE

__all__ = ["DEFAULT_LANG", "LANGUAGES", "NAV", "PAGES", "ROOT", "home", "language_of", "path_of"]


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
