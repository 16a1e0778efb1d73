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
  search-i18n.js, which rewrites the query for that index (stems, stop words, typos) before
  handing it to Material's own worker (Material appends a wildcard to query terms, and Lunr
  neither stems nor drops stop words for those);
* gives each index `config.synonyms`: every spelling the other language's glossary has for a
  term (`bancos de arranque`, `huella`), mapped to this language's term (`boot bank`,
  `footprint`), which the worker substitutes in a query, so a reader who types the other
  language's word still lands on the page that explains it;
* lowers the rank of the reference pages (glossary, sources, linking), whose entries name a
  term or a source in a title or a list, so that a page explaining the term comes first.
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
import unicodedata
from pathlib import Path
from typing import Any

from esxidocs.glossary_data import load_glossary
from esxidocs.site_model import from_config

INDEX = Path("search") / "search_index.json"
CONFIG = re.compile(r'<script id="__config" type="application/json">\{[^<]*\}</script>')
CONFIG_BASE = re.compile(r'"base": "[^"]*"')
WORKER = re.compile(r'"search": "([^"]*/)(search\.[0-9a-f]+\.min\.js)"')

# A warning fails the strict build: better than a language left searching the wrong index.
log = logging.getLogger("mkdocs.hooks.search_i18n")

# Reference pages, by file name: their search entries count this much of a normal page's.
# The glossary defines each term in a title of its own, the sources and linking pages list
# every source title and section; without this they outrank the page explaining a term.
DEMOTED = {"glossary.md": 0.1, "sources.md": 0.25, "linking.md": 0.2}
# A page's own entry (its title and first paragraph, no `#section`): Material's worker ranks
# it 2.5 times above a section that matches as well (its `+!doc.parent` boost), so the title
# "La partición scratch" beat the disk layout's section "Particiones" that explains them.
# This leaves the page's entry a small edge (0.45 x 2.5 = 1.1) instead.
PAGE_ENTRY = 0.45

# Indexes of the non-default languages, captured from their own builds (language -> index).
_captured: dict[str, dict[str, Any]] = {}


def _languages(config: Any) -> tuple[str, list[str]]:
    """The default language and every built language (the site model)."""
    site = from_config(config)
    return site.default.locale, list(site.locales)


def _fold(text: str) -> str:
    """Lower case without accents, as the worker compares synonyms (`fold` there)."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _key(text: str, separator: str) -> str:
    return " ".join(_fold(word) for word in re.split(separator, text) if word)


def _synonyms(config: Any, lang: str, languages: list[str], separator: str) -> dict[str, str]:
    """Other languages' glossary spellings -> this language's term, where they differ."""
    data = Path(config["docs_dir"]) / "_data"
    path = data / f"glossary.{lang}.yml"
    if not path.is_file():
        return {}
    own = {entry.id: entry for entry in load_glossary(path)}
    synonyms: dict[str, str] = {}
    for other in languages:
        other_path = data / f"glossary.{other}.yml"
        if other == lang or not other_path.is_file():
            continue
        for entry in load_glossary(other_path):
            mine = own.get(entry.id)
            if mine is None:
                continue
            forms = {_key(form, separator) for form in mine.matches}
            for form in entry.matches:
                key = _key(form, separator)
                if key and key not in forms:
                    synonyms.setdefault(key, mine.term)
    return dict(sorted(synonyms.items()))


def _page_name(location: str) -> str:
    """ "glossary/#cim" or "glossary.html#cim" (offline copy) -> "glossary.md"."""
    path = location.split("#", 1)[0].rstrip("/").removesuffix(".html")
    return f"{path or 'index'}.md"


def _for_language(
    index: dict[str, Any], lang: str, docs: list[dict[str, Any]], config: Any, languages: list[str]
) -> dict[str, Any]:
    # One language only: Material then loads that language's stemmer alone, not a chain of all.
    separator = index["config"].get("separator") or r"[\s\-]+"
    synonyms = _synonyms(config, lang, languages, separator)
    ranked = []
    for doc in docs:
        boost = DEMOTED.get(_page_name(doc["location"]), 1.0)
        if "#" not in doc["location"]:
            boost *= PAGE_ENTRY
        ranked.append({**doc, "boost": boost} if boost != 1.0 and "boost" not in doc else doc)
    settings = {**index["config"], "lang": [lang], "synonyms": synonyms}
    return {**index, "config": settings, "docs": ranked}


def _write(path: Path, index: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # Same compact form as Material's own index, and stable bytes for reproducible builds.
    path.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")


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
            _captured[lang] = _for_language(index, lang, docs, config, languages)
            return
    # The end of the default language's build, after the merge: keep its own pages only.
    others = tuple(f"{other}/" for other in languages if other != default)
    docs = [doc for doc in index["docs"] if not doc["location"].startswith(others)]
    _write(site / INDEX, _for_language(index, default, docs, config, languages))
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
    site = from_config(config)
    default, lang = site.default.locale, site.page_language(page)

    def rewrite(match: re.Match[str]) -> str:
        script = WORKER.sub(r'"search": "\1search-i18n.js?material=\2"', match.group(0), count=1)
        if lang != default:
            base = _language_root(page, lang)
            script = CONFIG_BASE.sub(f'"base": "{base}"', script, count=1)
        return script

    # Material writes its configuration at the end of the page: searched from there.
    found = CONFIG.search(output, max(output.rfind('<script id="__config"'), 0))
    if found is None:
        return output
    return output[: found.start()] + rewrite(found) + output[found.end() :]
