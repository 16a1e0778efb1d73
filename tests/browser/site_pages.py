"""The pages of the site, per language, as URL paths: read from mkdocs.yml at collection time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parents[2]


def _config() -> dict[str, Any]:
    with (ROOT / "mkdocs.yml").open(encoding="utf-8") as fh:
        config: dict[str, Any] = yaml_load(fh)
    return config


def _i18n(config: dict[str, Any]) -> list[dict[str, Any]]:
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "i18n" in plugin:
            languages: list[dict[str, Any]] = plugin["i18n"]["languages"]
            return languages
    raise AssertionError("mkdocs.yml has no i18n plugin")


CONFIG = _config()
LANGUAGES: list[str] = [lang["locale"] for lang in _i18n(CONFIG) if lang.get("build", True)]
DEFAULT_LANG: str = next(lang["locale"] for lang in _i18n(CONFIG) if lang.get("default"))
NAV: list[str] = [e if isinstance(e, str) else next(iter(e.values())) for e in CONFIG["nav"]]


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
