"""One search index per language, so a reader searches only the pages of their language.

mkdocs-static-i18n builds each language in turn and then overwrites `search/search_index.json`
with one merged index of every language (and `lang: [es, en]`, which chains both stemmers).
Material's search loads `search/search_index.json` relative to `base` in the page's
`__config`, which is the site root on every page. So this hook:

* writes each language's own index under that language's root (`search/…` for the default
  language, `en/search/…` for English), with that language's stemmer only, and its
  locations relative to that root;
* points `base` in the `__config` of every non-default-language page at its language root, so
  English pages load `en/search/search_index.json` and resolve result links under `en/`.
  Nothing else that Material's bundle does with `base` is in use on this site (the sitemap it
  would fetch from there is only for instant navigation and previews, both off);
* points `search` in every page's `__config` at overrides/assets/javascripts/workers/
  search-i18n.js, which stems the query with the same stemmer before handing it to
  Material's own worker (Material appends a wildcard to query terms, and Lunr does not stem
  those, so stemmed indexes would otherwise miss most words).
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

INDEX = Path("search") / "search_index.json"
CONFIG = re.compile(r'<script id="__config" type="application/json">\{[^<]*\}</script>')
CONFIG_BASE = re.compile(r'"base": "[^"]*"')
WORKER = re.compile(r'"search": "([^"]*/)(search\.[0-9a-f]+\.min\.js)"')

# A warning fails the strict build: better than a language left searching the wrong index.
log = logging.getLogger("mkdocs.hooks.search_i18n")

# Indexes of the non-default languages, captured from their own builds (language -> index).
_captured: dict[str, dict[str, Any]] = {}


def _languages(config: Any) -> tuple[str, list[str]]:
    """The default language and every built language, from the i18n plugin's settings."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return "", []
    languages = [lang for lang in plugin.config.languages if lang.build]
    default = next(lang.locale for lang in plugin.config.languages if lang.default)
    return default, [lang.locale for lang in languages]


def _for_language(index: dict[str, Any], lang: str, docs: list[dict[str, Any]]) -> dict[str, Any]:
    # One language only: Material then loads that language's stemmer alone, not a chain of all.
    return {**index, "config": {**index["config"], "lang": [lang]}, "docs": docs}


def _write(path: Path, index: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Same compact form as Material's own index, and stable bytes for reproducible builds.
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


@event_priority(-200)  # after Material's search (0) and mkdocs-static-i18n's merge (-100)
def on_post_build(config: Any) -> None:
    default, languages = _languages(config)
    if not default:
        return
    site = Path(config.site_dir)
    index = json.loads((site / INDEX).read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    for lang in languages:
        prefix = f"{lang}/"
        if lang != default and locations and all(loc.startswith(prefix) for loc in locations):
            # The nested build of one language (the i18n plugin builds each one from inside
            # the default language's build, whose own post_build ends last): the index that
            # Material just wrote is that language's own, before the merge, which also drops
            # entries that look like duplicates of another language's.
            docs = [
                {**doc, "location": doc["location"].removeprefix(prefix)} for doc in index["docs"]
            ]
            _captured[lang] = _for_language(index, lang, docs)
            return
    # The end of the default language's build, after the merge: keep its own pages only.
    others = tuple(f"{other}/" for other in languages if other != default)
    docs = [doc for doc in index["docs"] if not doc["location"].startswith(others)]
    _write(site / INDEX, _for_language(index, default, docs))
    for other in languages:
        if other == default:
            continue
        if other not in _captured:
            log.warning("no search index was captured for '%s'", other)
            continue
        _write(site / other / INDEX, _captured[other])


def _language_root(page: Any, lang: str) -> str:
    """Relative URL from the page to its language's home, e.g. ".." from "en/scratch/"."""
    url = page.url if page.url.endswith("/") or not page.url else posixpath.dirname(page.url)
    return posixpath.relpath(lang, url.rstrip("/") or ".")


def on_post_page(output: str, page: Any, config: Any) -> str:
    default, _ = _languages(config)
    if not default:
        return output
    lang = Path(page.file.src_uri).parts[0]

    def rewrite(match: re.Match[str]) -> str:
        script = WORKER.sub(r'"search": "\1search-i18n.js?material=\2"', match.group(0), count=1)
        if lang != default:
            base = _language_root(page, lang)
            script = CONFIG_BASE.sub(f'"base": "{base}"', script, count=1)
        return script

    return CONFIG.sub(rewrite, output, count=1)
