"""Browser contexts and pages kept for the tests that follow, emptied between them."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

# Run in a test's page when it ends; writing the clipboard fails without the permission.
FORGET = """async () => {
  localStorage.clear();
  sessionStorage.clear();
  await navigator.clipboard?.writeText("").catch(() => {});
  history.replaceState(null, "", "/__pool__/");
}"""


class Pool:
    """Browser contexts, one per set of options, and the pages tests have finished with.

    A context is kept as a reader's browser keeps its cache from page to page: a new context
    cost about 0.2 CPU seconds. A finished page is kept too, emptied (`give_back`): measured
    on /scratch/ (all processes), a new page and its load cost 0.64 CPU seconds against 0.38
    for the same load in a kept page (0.47 when the kept page first went to about:blank):
    on one worker, the browser tests took 108 CPU seconds, 113 with about:blank.
    """

    def __init__(self, browser: Browser, site_url: str) -> None:
        self.browser, self.site_url = browser, site_url
        self.contexts: dict[str, BrowserContext] = {}
        self.idle: dict[str, list[Page]] = {}

    def page(self, key: str, options: dict[str, Any], init_script: str | None) -> Page:
        if self.idle.get(key):
            page = self.idle[key].pop()
            # Pages opened after this one cover it: headless Chromium then treats it as a
            # hidden tab and slows its timers (a search test took 11 s instead of 1).
            page.bring_to_front()
            return page
        if key not in self.contexts:
            context = self.browser.new_context(base_url=self.site_url, **options)
            if init_script is not None:
                context.add_init_script(init_script)
            self.contexts[key] = context
        return self.contexts[key].new_page()

    def give_back(self, key: str, page: Page) -> None:
        """Empty a test's page for the next one: the site's storage and the clipboard
        (Material keeps the palette in localStorage; a copy test must not pass on text an
        earlier test copied), routes and the mouse's hover. Every test opens its page by
        loading one, which replaces the document. A page that fails this is closed, with
        its context."""
        try:
            if page.is_closed():
                return
            page.unroute_all(behavior="ignoreErrors")
            page.mouse.move(0, 0)
            if page.url.startswith(self.site_url):
                # The next test's page load replaces this document (its scripts, focus,
                # scroll); a URL of its own means that load is never a same-page jump.
                page.evaluate(FORGET)
            elif page.url != "about:blank":
                page.goto("about:blank")
        except PlaywrightError:  # a crashed or stuck page: its context is not reused
            context = self.contexts.pop(key, None)
            self.idle.pop(key, None)
            if context is not None:
                context.close()
            return
        self.idle.setdefault(key, []).append(page)

    def close(self) -> None:
        for context in self.contexts.values():
            context.close()
