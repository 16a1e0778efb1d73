"""What esxidocs/stages/search_i18n.py adds to each language's search index (issue 13): the
other language's glossary terms as synonyms, and lower ranks for reference pages."""

from __future__ import annotations

import importlib
from typing import Any

from conftest import CONFIG, LANGUAGES, mkdocs_config

hook = importlib.import_module("esxidocs.stages.search_i18n")
SEARCH = CONFIG.plugins["material/search"].config


def _index(lang: str) -> dict[str, Any]:
    docs = [
        {"location": "", "title": "Home", "text": ""},
        {"location": "scratch/#persistence", "title": "Persistence", "text": ""},
        {"location": "glossary/#scratch", "title": "scratch", "text": ""},
        {"location": "glossary.html#vib", "title": "VIB", "text": ""},  # offline copy's URLs
    ]
    index = {"config": {"lang": ["es", "en"], "separator": SEARCH["separator"]}, "docs": docs}
    config = mkdocs_config()
    return hook._for_language(index, lang, index["docs"], config, LANGUAGES)


def test_other_language_terms_map_to_this_language_term() -> None:
    en = _index("en")["config"]["synonyms"]
    assert en["bancos de arranque"] == "boot bank"
    assert en["nivel de aceptacion"] == "acceptance level"  # keys without accents
    assert en["huella"] == "footprint"
    es = _index("es")["config"]["synonyms"]
    assert es["boot banks"] == "banco de arranque"
    # A spelling both glossaries list (bootbank) is this language's own word: no synonym.
    assert "bootbank" not in en and "bootbank" not in es


def test_reference_pages_and_page_entries_rank_below_sections() -> None:
    boosts = {doc["location"]: doc.get("boost", 1.0) for doc in _index("es")["docs"]}
    assert boosts["scratch/#persistence"] == 1.0
    assert boosts["glossary/#scratch"] < 1.0
    assert boosts["glossary.html#vib"] == boosts["glossary/#scratch"]
    assert boosts[""] == hook.PAGE_ENTRY < 1.0  # a page's own entry (title, first paragraph)


def test_one_language_per_index() -> None:
    assert _index("en")["config"]["lang"] == ["en"]
