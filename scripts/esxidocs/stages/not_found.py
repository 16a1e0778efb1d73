"""One `404.html` for the whole site, Spanish first with English beside it.

Static hosts (GitHub Pages, Netlify, nginx's `error_page`) answer every missing URL, under
`/` and under `/en/` alike, with the root `404.html`. MkDocs writes that file at the site
root in each language's build, so the last language built (English) won: `lang="en"`, the
English navigation, and language links to whatever page had been rendered last
(mkdocs-static-i18n points `extra.alternate` at each page's translation). Here:

- only the default language's build writes it (the other builds' output is emptied, which
  MkDocs skips), so the page is Spanish (`<html lang="es">`); overrides/404.html puts the
  English text beside the Spanish, each block with its own `lang`;
- its language selector leads to each language's home, which always exists.

MkDocs renders 404.html with `base_url` set to site_url's path, so every link on it is an
absolute path and works at any depth. tests/browser/test_not_found.py serves the site the
way GitHub Pages does.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

NOT_FOUND = "404.html"


def _i18n(config: Any) -> Any:
    return config.plugins.get("i18n")


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> Any:
    if template_name != NOT_FOUND:
        return context
    homes = getattr(_i18n(config), "extra_alternate", None)
    if homes:  # each language's home, as the i18n plugin computed them before any page
        config.extra["alternate"] = deepcopy(homes)
    return context


def on_post_template(output: str, template_name: str, config: Any) -> str:
    plugin = _i18n(config)
    if template_name == NOT_FOUND and plugin and not plugin.is_default_language_build:
        return ""  # MkDocs writes nothing for an empty template: the default build's stays
    return output
