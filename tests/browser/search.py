"""Driving Material's search box like a reader: open it, type, read the results."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from playwright.sync_api import Page


@dataclass(frozen=True)
class Result:
    href: str
    marks: list[str]  # the words Material highlighted, lower-cased


def search(page: Page, query: str) -> list[Result]:
    """Enter `query` into the search box; return the results once they are shown.

    Filled whole, then one key pressed (Material reads the query on keyboard events, not on
    `fill`): its worker gets one query, so the results shown are never those of the first
    letters, which key-by-key typing can show first."""
    field = page.locator(".md-search__input")
    field.focus()
    field.fill(query)
    field.press("End")
    page.wait_for_selector(".md-search-result__item")
    found = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        """links => links.map(link => ({
            href: link.href,
            marks: [...link.querySelectorAll("mark")].map(m => m.textContent.toLowerCase()),
        }))""",
    )
    return [Result(str(item["href"]), [str(m) for m in item["marks"]]) for item in found]


# One query per failure class of issue 13, per language: (class, query, page that must come
# first). Shared by the online tests (test_search.py) and the offline copy's (test_offline.py).
CLASS_QUERIES: dict[str, list[tuple[str, str, str]]] = {
    "es": [
        ("name with punctuation", "locker.conf", "scratch"),
        ("digits", "partición 9", "disk-layout"),
        ("stop words", "dónde se guardan los logs", "scratch"),
        ("typo", "scrach", "scratch"),
        ("section over title", "particiones", "disk-layout"),
        ("other language", "attack surface", "footprint"),
    ],
    "en": [
        ("name with punctuation", "locker.conf", "scratch"),
        ("digits", "partition 9", "disk-layout"),
        ("stop words", "how to go back to the previous version", "boot-banks"),
        ("typo", "bootbnak", "boot-banks"),
        ("section over title", "partitions", "disk-layout"),
        ("other language", "bancos de arranque", "boot-banks"),
    ],
}


def page_name(href: str) -> str:
    """ "http://…/en/scratch/?h=x#a" or "file:///…/scratch.html?h=x" -> "scratch"."""
    return PurePosixPath(urlsplit(href).path).name.removesuffix(".html")


def result_links(page: Page, query: str) -> list[str]:
    """The link of each result page, in order, for `query` entered whole into the cleared
    search box.

    Filled at once and then one key pressed, so Material sends its worker exactly one query,
    the whole text: results of a half-typed query cannot be mistaken for the answer."""
    field = page.locator(".md-search__input")
    field.focus()
    field.fill("")
    field.press("End")
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    placeholder = page.inner_text(".md-search-result__meta")
    field.fill(query)
    field.press("End")  # Material reads the query on keyboard events
    # Answered: results, or the meta line no longer the placeholder ("no matching documents").
    page.wait_for_function(
        """placeholder => document.querySelector(".md-search-result__item") ||
            document.querySelector(".md-search-result__meta").innerText !== placeholder""",
        arg=placeholder,
        timeout=15_000,
    )
    hrefs: list[str] = page.eval_on_selector_all(
        ".md-search-result__list > li > a.md-search-result__link:first-child",
        "as => as.map(a => a.href)",
    )
    return hrefs


def first_pages(page: Page, query: str) -> list[str]:
    """The result pages' names ("scratch"), in order, for `query` (see result_links)."""
    return [page_name(href) for href in result_links(page, query)]


def class_misses(page: Page, lang: str) -> list[str]:
    """Each class query of `lang` whose expected page does not come first."""
    misses = []
    for name, query, expected in CLASS_QUERIES[lang]:
        pages = first_pages(page, query)
        if pages[:1] != [expected]:
            misses.append(f"{name}: {query!r} -> {pages[:3]}, expected {expected!r} first")
    return misses
