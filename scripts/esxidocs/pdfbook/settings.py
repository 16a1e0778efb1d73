"""What the book needs to know about the site: languages, navigation order, names and URLs.

All of it comes from the site model (`esxidocs/site_model.py`) and MkDocs' own loaded
configuration: the i18n plugin's typed language entries give the per-language site name,
description, author and copyright, the top level of mkdocs.yml the default language's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from esxidocs.pdfbook.strings import Strings, strings_for
from esxidocs.site_model import SiteModel, from_config, load_mkdocs_config


@dataclass(frozen=True)
class BookSettings:
    """One language's book: where its pages are and what its cover and metadata say."""

    lang: str
    language_name: str
    prefix: str  # site-relative folder of the language: "" for the default, "en/" otherwise
    site_name: str
    description: str
    author: str
    copyright: str
    site_url: str  # absolute URL of the language's home page
    nav: tuple[str, ...]  # Markdown file names in navigation order
    urls: tuple[str, ...]  # each nav entry's site-relative URL, e.g. "en/scratch/" or ""
    pdf_path: str  # site-relative path of the PDF; stable, since other sites link to it
    strings: Strings  # the words the book itself writes

    def page_url(self, name: str) -> str:
        """Site-relative URL of a nav entry, as the site publishes it."""
        return self.urls[self.nav.index(name)]


def _nav_files(nav: Iterable[Any]) -> list[str]:
    """The Markdown files of MkDocs' `nav` (plain names, `Title: file.md`, sections)."""
    files: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            files.extend(_nav_files(value))
        elif isinstance(value, str) and value.endswith(".md"):
            files.append(value)
    return files


def _text(value: Any, fallback: Any) -> str:
    """An i18n per-language override, else the top-level value; whitespace collapsed."""
    return " ".join(str(value if value is not None else fallback or "").split())


def book_settings(config: MkDocsConfig, site: SiteModel) -> list[BookSettings]:
    """One BookSettings per built language, default language first."""
    nav = tuple(_nav_files(config.nav or []))
    overrides = {lang.locale: lang for lang in config.plugins["i18n"].config.languages}
    books = []
    for language in site.languages:
        own = overrides[language.locale]
        books.append(
            BookSettings(
                lang=language.locale,
                language_name=language.name,
                prefix=language.home,
                site_name=_text(own.site_name, config.site_name),
                description=_text(own.site_description, config.site_description),
                author=_text(own.site_author, config.site_author),
                copyright=_text(own.copyright, config.copyright),
                site_url=site.absolute(language.home),
                nav=nav,
                urls=tuple(site.url_of(f"{language.locale}/{name}") for name in nav),
                pdf_path=site.pdf_path(language.locale),
                strings=strings_for(site, language.locale),
            )
        )
    return books


def load_settings(config_file: Path) -> list[BookSettings]:
    """The books of the project whose configuration is `config_file`."""
    config = load_mkdocs_config(config_file)
    return book_settings(config, from_config(config))
