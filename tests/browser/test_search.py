"""Search in the reader's language: only that language's pages, with that language's stemmer."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .search import class_misses, result_links, search
from .site_pages import DEFAULT_LANG, LANGUAGES, home, path_of
from .watch import ready


@pytest.mark.parametrize("lang", LANGUAGES)
def test_results_are_pages_of_the_reader_language(
    new_page: Callable[..., Page], site_url: str, lang: str
) -> None:
    page = new_page()
    ready(page, path_of(lang, "scratch.md"))
    results = search(page, "scratch")  # a word that both languages use
    hrefs = [result.href for result in results]
    assert hrefs
    others = [f"{site_url}{home(other)}" for other in LANGUAGES if other != DEFAULT_LANG]
    for href in hrefs:
        assert href.startswith(f"{site_url}{home(lang)}"), href
        if lang == DEFAULT_LANG:
            assert not href.startswith(tuple(others)), href


@pytest.mark.parametrize(
    ("lang", "query", "stem_match"),
    [
        ("es", "particiones", "partición"),  # plural and accents: one Spanish stem
        ("en", "partitions", "partition"),
    ],
)
def test_search_stems_in_the_reader_language(
    new_page: Callable[..., Page], lang: str, query: str, stem_match: str
) -> None:
    page = new_page()
    ready(page, path_of(lang, "index.md"))
    marked = {word for result in search(page, query) for word in result.marks}
    assert stem_match in marked, f"{query!r} found only {sorted(marked)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_its_own_index(
    new_page: Callable[..., Page], site_url: str, lang: str
) -> None:
    page = new_page()
    index = page.request.get(f"{site_url}{home(lang)}search/search_index.json").json()
    assert index["config"]["lang"] == [lang]
    assert "stemmer" in index["config"]["pipeline"]
    locations = [doc["location"] for doc in index["docs"]]
    assert "" in locations  # the language's home, relative to that language's root
    assert not [loc for loc in locations if loc.split("/")[0] in LANGUAGES]


def test_result_page_highlights_every_form_of_the_word(new_page: Callable[..., Page]) -> None:
    """Material links a result with `?h=<terms>` and marks those words on the page; with
    stems as terms ("particion"), the accented "partición" stayed unmarked."""
    page = new_page()
    ready(page, path_of("es", "index.md"))
    results = search(page, "particiones")
    target = next(r for r in results if {"partición", "particiones"} <= set(r.marks))
    ready(page, target.href)  # an absolute address, as the reader follows it
    page.wait_for_selector("article mark[data-md-highlight]")
    marked = page.eval_on_selector_all(
        "article mark[data-md-highlight]", "marks => marks.map(m => m.textContent.toLowerCase())"
    )
    assert {"partición", "particiones"} <= set(marked), sorted(set(marked))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_failure_class_of_issue_13_finds_its_page_first(
    new_page: Callable[..., Page], lang: str
) -> None:
    """A name with punctuation, a partition number, a question, a typo, a word a title names
    but a section explains, and the other language's term: the expected page comes first."""
    page = new_page()
    ready(page, path_of(lang, "index.md"))
    misses = class_misses(page, lang)
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize(
    ("lang", "query", "marked"),
    [
        ("en", "bootbnak", "bootbank"),  # a typo: the page marks the word it was taken for
        ("es", "attack surface", "superficie"),  # the other language: marks this one's term
    ],
)
def test_result_page_highlights_the_word_the_query_was_read_as(
    new_page: Callable[..., Page], lang: str, query: str, marked: str
) -> None:
    page = new_page()
    ready(page, path_of(lang, "index.md"))
    links = result_links(page, query)
    assert links, f"{query!r} found nothing"
    first = links[0]
    ready(page, first)
    page.wait_for_selector("article mark[data-md-highlight]")
    words = page.eval_on_selector_all(
        "article mark[data-md-highlight]", "marks => marks.map(m => m.textContent.toLowerCase())"
    )
    assert marked in words, f"{first}: {sorted(set(words))}"
