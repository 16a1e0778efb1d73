"""Fixtures for the browser tests: one server and one Chromium for the whole session.

The site is the strict build of tests/conftest.py (`built_site`), served by http.server from
a thread on 127.0.0.1 and a free port. Chromium is Debian's (Playwright cannot download its
own here); axe-core comes from node_modules (`npm ci`). Screenshots are test artefacts in
artifacts/screenshots/. Nothing here skips: a missing browser or axe-core is a failure.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from esxidocs.audit import CHROMIUM, CHROMIUM_ARGS  # the same browser and flags as make audit
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from .site_pages import ROOT
from .survey import VIEWPORT, Report, survey
from .watch import Watch

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # one line per request: noise
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A page closed or a request aborted by a test mid-answer is no error of the site
        (on two xdist workers the traceback would reach the terminal); others still print."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_dir(request: pytest.FixtureRequest) -> Path:
    """The strict build of this session, or an existing build named by BROWSER_TEST_SITE
    (e.g. `make build` then `BROWSER_TEST_SITE=site pytest tests/browser`)."""
    existing = os.environ.get("BROWSER_TEST_SITE")
    if existing:
        assert (Path(existing) / "index.html").is_file(), f"{existing}: not a built site"
        return Path(existing)
    built: Path = request.getfixturevalue("built_site")
    return built


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    """Origin of the built site, served on 127.0.0.1 for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _QuietServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.is_file(), f"{CHROMIUM} missing: install Debian's chromium package"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE.is_file(), f"{AXE} missing: run `npm ci`"
    return AXE.read_text(encoding="utf-8")


# Run in a test's page when it ends; writing the clipboard fails without the permission.
FORGET = """async () => {
  localStorage.clear();
  sessionStorage.clear();
  await navigator.clipboard?.writeText("").catch(() => {});
}"""


@pytest.fixture(scope="session")
def contexts(browser: Browser, site_url: str) -> Iterator[dict[str, BrowserContext]]:
    """One browser context per set of options, kept for the session, as a reader's browser
    keeps its cache from page to page. Measured on /scratch/: a new context cost about 0.2
    CPU seconds, and a first page load in it 0.5 against 0.2 in a context that had loaded
    the site before. (The clipboard is the browser's, shared by every context anyway.)"""
    pool: dict[str, BrowserContext] = {}
    yield pool
    for context in pool.values():
        context.close()


@pytest.fixture
def new_page(
    browser: Browser, site_url: str, contexts: dict[str, BrowserContext]
) -> Iterator[Callable[..., Page]]:
    """Factory of pages (options: color_scheme, permissions, ...), from the session's context
    with those options. After the test its pages are closed and the site's storage and the
    clipboard emptied, so a test finds nothing another one left: Material keeps the palette
    in localStorage, and a copy test must not pass on text an earlier test copied."""
    pages: list[tuple[str, Page]] = []

    def make(**options: Any) -> Page:
        options.setdefault("viewport", VIEWPORT)
        # Transitions off: focus rings and colours are measured as they end up, at once.
        options.setdefault("reduced_motion", "reduce")
        key = json.dumps(options, sort_keys=True)
        if key not in contexts:
            contexts[key] = browser.new_context(base_url=site_url, **options)
        page = contexts[key].new_page()
        pages.append((key, page))
        return page

    yield make
    for key, page in pages:
        try:
            if not page.is_closed() and page.url.startswith(site_url):
                page.evaluate(FORGET)
            page.close()
        except PlaywrightError:  # a crashed or stuck page: its context is not reused
            context = contexts.pop(key, None)
            if context is not None:
                context.close()


@pytest.fixture
def watch(site_url: str) -> Callable[[Page], Watch]:
    """Attach a Watch to a page before it navigates."""
    return lambda page: Watch(site_url).attach(page)


@pytest.fixture(scope="session")
def surveyed(
    browser: Browser, site_url: str, axe_source: str
) -> Callable[[str], dict[str, Report]]:
    """Every page visited once per colour scheme, on first use (see survey.py)."""
    done: dict[str, dict[str, Report] | Exception] = {}

    def reports(scheme: str) -> dict[str, Report]:
        if scheme not in done:
            try:
                done[scheme] = survey(browser, site_url, scheme, axe_source)
            except Exception as error:  # once: not again for each page's test
                done[scheme] = error
        result = done[scheme]
        if isinstance(result, Exception):
            raise result
        return result

    return reports


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
