"""axe-core finds no violation on any page, in both languages, light and dark (contrast
included), nor with the search results or the language list open. In dark, only the rules
that read colours run (survey.py: the palettes differ in nothing else); the search results
and the language list are opened in pages a dark-mode reader loads."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .search import search
from .site_pages import LANGUAGES, PAGES, path_of
from .survey import SCHEMES, Report, axe_violations, rules_for
from .watch import Watch, load


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_axe_violation(
    surveyed: Callable[[str], dict[str, Report]], path: str, scheme: str
) -> None:
    report = surveyed(scheme)[path]
    assert report.scheme == SCHEMES[scheme]  # the palette surveyed is the one meant
    assert not report.violations, "\n".join(report.violations)


def open_in(
    new_page: Callable[..., Page], watch: Callable[[Page], Watch], scheme: str, path: str
) -> Page:
    page = new_page(color_scheme=scheme)
    load(page, watch(page), path)
    return page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_results_have_no_axe_violation(
    new_page: Callable[..., Page],
    watch: Callable[[Page], Watch],
    axe_source: str,
    lang: str,
    scheme: str,
) -> None:
    page = open_in(new_page, watch, scheme, path_of(lang, "index.md"))
    search(page, "scratch")
    violations = axe_violations(page, axe_source, rules_for(scheme))
    assert not violations, "\n".join(violations)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_open_language_list_has_no_axe_violation(
    new_page: Callable[..., Page], watch: Callable[[Page], Watch], axe_source: str, scheme: str
) -> None:
    page = open_in(new_page, watch, scheme, path_of("es", "scratch.md"))
    page.focus(".md-select > button")  # the list shows while focus is inside
    violations = axe_violations(page, axe_source, rules_for(scheme))
    assert not violations, "\n".join(violations)
