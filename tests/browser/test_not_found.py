"""A missing URL, in either language, served the way GitHub Pages serves it.

GitHub Pages (like Netlify or nginx's `error_page 404 /404.html`) answers every missing
path, at any depth, with the site's root `404.html` and status 404. The page must then
work where it lands: Spanish first (the page's own language), English beside it, styles
and scripts loaded, and its home, search and language links leading to real pages.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Response

from .pool import Pool
from .site_pages import DEFAULT_LANG, LANGUAGES, home

MISSING = ["/no-such-page/", "/en/scratch/no/such/file.html"]


class _GitHubPagesHandler(SimpleHTTPRequestHandler):
    """Missing files and folders without an index get the root 404.html, status 404."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def list_directory(self, path: str | Any) -> Any:
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module")
def pages_url(site_dir: Path) -> Iterator[str]:
    handler = functools.partial(_GitHubPagesHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def pages_pool(browser: Browser, pages_url: str) -> Iterator[Pool]:
    pool = Pool(browser, pages_url)
    yield pool
    pool.close()


@pytest.fixture
def tab(pages_pool: Pool) -> Iterator[Page]:
    page = pages_pool.page("tab", {"reduced_motion": "reduce"}, None)
    yield page
    pages_pool.give_back("tab", page)


def open_missing(page: Page, path: str) -> list[str]:
    """Go to a missing path; return the page's own requests that failed."""
    failed: list[str] = []

    def check(response: Response) -> None:
        if response.request.is_navigation_request():
            return  # the missing page itself: 404 is the point
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.on("response", check)
    try:
        response = page.goto(path, wait_until="load")
        assert response is not None and response.status == 404, path
        page.wait_for_function("document.documentElement.classList.contains('js')")
    finally:
        page.remove_listener("response", check)
    return failed


@pytest.mark.parametrize("path", MISSING)
def test_a_missing_url_gets_the_bilingual_page_with_its_styles(tab: Page, path: str) -> None:
    failed = open_missing(tab, path)
    assert not failed, failed
    assert tab.locator("html").get_attribute("lang") == DEFAULT_LANG
    blocks = tab.locator("article section.not-found")
    assert [blocks.nth(i).get_attribute("lang") for i in range(blocks.count())] == LANGUAGES
    for i in range(blocks.count()):
        assert blocks.nth(i).is_visible()
    # Material's stylesheet applied: the header is fixed at the top, not unstyled text.
    assert tab.locator("header.md-header").evaluate("e => getComputedStyle(e).position") in (
        "sticky",
        "fixed",
    )


@pytest.mark.parametrize("path", ["/no-such/deep/page/", "/en/no-such/deep/page/"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_links_work_from_any_depth(tab: Page, pages_url: str, path: str, lang: str) -> None:
    open_missing(tab, path)
    with tab.expect_navigation():
        tab.locator(f"section.not-found[lang={lang}] a").first.click()
    assert tab.url == f"{pages_url}{home(lang)}"
    assert tab.locator("html").get_attribute("lang") == lang
    assert tab.locator("article h1").count() == 1


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_link_opens_that_language_search(tab: Page, pages_url: str, lang: str) -> None:
    open_missing(tab, "/en/no-such/deep/page/")
    with tab.expect_navigation():
        tab.locator(f"section.not-found[lang={lang}] a").nth(1).click()
    tab.wait_for_function("document.documentElement.classList.contains('js')")
    assert tab.url.startswith(f"{pages_url}{home(lang)}")
    tab.wait_for_function("document.querySelector('input[data-md-toggle=search]').checked")
    assert tab.evaluate("document.activeElement.matches('input.md-search__input')")
    assert tab.locator("html").get_attribute("lang") == lang


def test_language_links_lead_to_pages_that_exist(tab: Page, pages_url: str) -> None:
    open_missing(tab, "/en/no-such-page/")
    links = tab.locator("a.md-select__link[hreflang]")
    hrefs = {
        str(links.nth(i).get_attribute("hreflang")): links.nth(i) for i in range(links.count())
    }
    assert set(hrefs) == set(LANGUAGES)
    for lang, link in hrefs.items():
        href = link.evaluate("a => a.href")
        response = tab.request.get(href)
        assert response.status == 200, href
        assert href == f"{pages_url}{home(lang)}"
