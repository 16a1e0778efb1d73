"""What the book needs from mkdocs.yml: languages, navigation order, names and URLs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from esxidocs.validator.yamlsafe import load_config

PDF_NAME = "esx-vs-esxi5"


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

    @property
    def pdf_path(self) -> str:
        """Site-relative path of the PDF; stable, since other sites link to it."""
        return f"{self.prefix}pdf/{PDF_NAME}.{self.lang}.pdf"

    def page_url(self, name: str) -> str:
        """Site-relative directory URL of a nav entry, e.g. "en/scratch/" or ""."""
        stem = name.removesuffix(".md")
        if stem == "index" or stem.endswith("/index"):
            return self.prefix + stem.removesuffix("index")
        return f"{self.prefix}{stem}/"


def _nav_files(nav: list[Any]) -> list[str]:
    """Flatten `nav:` (plain names, `Title: file.md` and sections) into file names."""
    files: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        if isinstance(value, list):
            files.extend(_nav_files(value))
        elif isinstance(value, str) and value.endswith(".md"):
            files.append(value)
    return files


def _i18n(config: dict[str, Any]) -> dict[str, Any]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "i18n" in plugin:
            options: dict[str, Any] = plugin["i18n"]
            return options
    raise ValueError("mkdocs.yml has no i18n plugin")


def load_settings(config_file: Path) -> list[BookSettings]:
    """One BookSettings per built language, default language first."""
    # The validator's safe loader: `!ENV` resolves like a build, nothing else runs.
    config: dict[str, Any] = load_config(config_file)
    site_url = str(config.get("site_url") or "").rstrip("/") + "/"
    nav = tuple(_nav_files(config.get("nav") or []))
    books = []
    for language in _i18n(config)["languages"]:
        if not language.get("build", True):
            continue
        lang = language["locale"]
        prefix = "" if language.get("default") else f"{lang}/"
        books.append(
            BookSettings(
                lang=lang,
                language_name=language.get("name", lang),
                prefix=prefix,
                # The i18n plugin overrides these per language; the top level is the default.
                site_name=language.get("site_name", config["site_name"]),
                description=" ".join(
                    language.get("site_description", config.get("site_description", "")).split()
                ),
                author=language.get("site_author", config.get("site_author", "")),
                copyright=" ".join(language.get("copyright", config.get("copyright", "")).split()),
                site_url=site_url + prefix,
                nav=nav,
            )
        )
    books.sort(key=lambda book: book.prefix != "")
    return books
