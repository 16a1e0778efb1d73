"""What a page did wrong while it loaded: console errors, failed or foreign requests."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import ConsoleMessage, Page, Request, Response

# Conditions are polled on a timer: Playwright's default, once per animation frame, stalled
# now and then in headless Chromium after other pages of the session had closed.
POLL_MS = 50

# Material's placeholder while its search worker loads the index and the stemmers.
SEARCH_READY = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && meta.textContent.trim() !== "" &&
    !/Inicializando|Initializing/.test(meta.textContent);
}"""
# An init script for the tests whose subject is not search: Material then finds a Worker
# that never answers. Otherwise each load fetches the index and the stemmers and builds the
# index, about 0.2 of the 0.4 CPU seconds a load costs. Search is tested where it lives
# (test_search.py, the keyboard's and the offline copy's search tests), and the survey loads
# every page with its worker and finds it clean (test_clean_loads.py).
WITHOUT_SEARCH = """window.Worker = class {
  static withoutSearch = true;
  postMessage() {} addEventListener() {} removeEventListener() {} terminate() {}
};"""
# Material has started: its bundle has run and, unless the page is WITHOUT_SEARCH, its
# search worker is ready.
READY = f"""() => window.Worker.withoutSearch === true
  ? document.documentElement.classList.contains("js") : ({SEARCH_READY})()"""


@dataclass
class Watch:
    """Listens to one page; `problems` lists what went wrong since the last `reset`."""

    origin: str
    problems: list[str] = field(default_factory=list)
    pending: set[Request] = field(default_factory=set)
    pages: list[Page] = field(default_factory=list)

    def _handlers(self) -> dict[str, Callable[[Any], None]]:
        return {
            "console": self.console,
            "pageerror": self.page_error,
            "request": self.request,
            "requestfinished": self.finished,
            "requestfailed": self.failed,
            "response": self.response,
        }

    def attach(self, page: Page) -> Watch:
        for event, handler in self._handlers().items():
            page.on(event, handler)  # type: ignore[call-overload]
        self.pages.append(page)
        return self

    def detach(self) -> None:
        """Stop listening: the page goes on to another test (conftest.py's pool)."""
        for page in self.pages:
            for event, handler in self._handlers().items():
                page.remove_listener(event, handler)
        self.pages.clear()

    def reset(self) -> None:
        self.problems.clear()
        self.pending.clear()

    def console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def page_error(self, error: Exception) -> None:
        self.problems.append(f"uncaught exception: {error}")

    def request(self, request: Request) -> None:
        self.pending.add(request)
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and (
            f"{parts.scheme}://{parts.netloc}" != self.origin
        ):
            self.problems.append(f"request leaving {self.origin}: {request.url}")

    def finished(self, request: Request) -> None:
        self.pending.discard(request)

    def failed(self, request: Request) -> None:
        self.pending.discard(request)
        self.problems.append(f"failed request: {request.url} ({request.failure})")

    def response(self, response: Response) -> None:
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")


def load(page: Page, watch: Watch, path: str, timeout_s: float = 10.0) -> None:
    """Open `path` and wait until it has done all it does at load: Material started (READY:
    its search worker ready, index and stemmers fetched) and no request left in flight.
    Faster than Playwright's "networkidle", which always waits half a second more."""
    watch.reset()
    response = page.goto(path, wait_until="load")
    if response is None or response.status != 200:
        watch.problems.append(f"{path}: HTTP {response.status if response else 'no response'}")
        return  # not one of the site's pages: nothing more will load
    page.wait_for_function(READY, polling=POLL_MS)
    deadline = time.monotonic() + timeout_s
    while watch.pending and time.monotonic() < deadline:
        page.wait_for_timeout(20)  # lets Playwright deliver the pending events
    watch.problems.extend(f"still loading: {request.url}" for request in watch.pending)


def ready(page: Page, path: str) -> None:
    """Open `path` and wait until Material has started (READY)."""
    page.goto(path, wait_until="load")
    page.wait_for_function(READY, polling=POLL_MS)
