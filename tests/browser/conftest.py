"""Fixtures for the browser tests: one server and one Chromium for the whole session.

The site is the strict build of tests/conftest.py (`built_site`), served by http.server from
a thread on 127.0.0.1 and a free port. Chromium is Debian's headless shell (Playwright cannot
download its own here; esxidocs/audit.py says why the shell); axe-core comes from
node_modules (`npm ci`). Screenshots are test artefacts in artifacts/screenshots/. Nothing
here skips: a missing browser or axe-core is a failure.
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
from esxidocs.audit import CHROMIUM_ARGS, HEADLESS_SHELL  # flags as make audit's
from playwright.sync_api import Browser, Page, sync_playwright

from .pool import Pool
from .site_pages import ROOT
from .survey import VIEWPORT, Report, survey
from .watch import WITHOUT_SEARCH, Watch

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
    assert HEADLESS_SHELL.is_file(), f"{HEADLESS_SHELL} missing: run `make system-deps`"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(HEADLESS_SHELL), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    assert AXE.is_file(), f"{AXE} missing: run `npm ci`"
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pool(browser: Browser, site_url: str) -> Iterator[Pool]:
    kept = Pool(browser, site_url)
    yield kept
    kept.close()


@pytest.fixture
def new_page(pool: Pool) -> Iterator[Callable[..., Page]]:
    """Factory of pages (options: a context's, such as color_scheme or permissions,
    init_script, and search=False for a page whose subject is not search: watch.py's
    WITHOUT_SEARCH), from the session's pool. After the test its pages go back to the pool
    emptied, so a test finds nothing another one left. Listeners a test adds must go with
    it (the `watch` fixture removes its own)."""
    pages: list[tuple[str, Page]] = []

    def make(init_script: str | None = None, search: bool = True, **options: Any) -> Page:
        if not search:
            init_script = WITHOUT_SEARCH + (init_script or "")
        options.setdefault("viewport", VIEWPORT)
        # Transitions off: focus rings and colours are measured as they end up, at once.
        options.setdefault("reduced_motion", "reduce")
        key = json.dumps([options, init_script], sort_keys=True)
        page = pool.page(key, options, init_script)
        pages.append((key, page))
        return page

    yield make
    for key, page in pages:
        pool.give_back(key, page)


@pytest.fixture
def watch(site_url: str) -> Iterator[Callable[[Page], Watch]]:
    """Attach a Watch to a page before it navigates; detached when the test ends."""
    made: list[Watch] = []

    def attach(page: Page) -> Watch:
        made.append(Watch(site_url).attach(page))
        return made[-1]

    yield attach
    for watch in made:
        watch.detach()


@pytest.fixture(scope="session")
def surveyed(
    browser: Browser, site_url: str, axe_source: str
) -> Callable[[str], dict[str, Report]]:
    """Every page in each colour scheme, surveyed on first use (see survey.py)."""
    done: list[dict[str, dict[str, Report]] | Exception] = []

    def reports(scheme: str) -> dict[str, Report]:
        if not done:
            try:
                done.append(survey(browser, site_url, axe_source))
            except Exception as error:  # once: not again for each page's test
                done.append(error)
        if isinstance(done[0], Exception):
            raise done[0]
        return done[0][scheme]

    return reports


@pytest.fixture(scope="session")
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
