"""Driving Material's search box like a reader: open it, type, read the results."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Page


@dataclass(frozen=True)
class Result:
    href: str
    marks: list[str]  # the words Material highlighted, lower-cased


def search(page: Page, query: str) -> list[Result]:
    """Type `query` into the search box; return the results once they are shown."""
    field = page.locator(".md-search__input")
    field.focus()
    # Typed key by key: Material reads the query on keyboard events, not on `fill`.
    field.press_sequentially(query)
    page.wait_for_selector(".md-search-result__item")
    found = page.eval_on_selector_all(
        ".md-search-result__item > .md-search-result__link",
        """links => links.map(link => ({
            href: link.href,
            marks: [...link.querySelectorAll("mark")].map(m => m.textContent.toLowerCase()),
        }))""",
    )
    return [Result(str(item["href"]), [str(m) for m in item["marks"]]) for item in found]
