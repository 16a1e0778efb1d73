"""Every page of both languages loads, and switches to the dark palette, without a console
error, a failed request or a request to anything but the site itself (a bare Material + i18n
site logs two 404s per page, for `<page>/sitemap.xml`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page

from .site_pages import PAGES
from .survey import SCHEMES, Report
from .watch import Watch, load

ALTERNATES = 'head link[rel="alternate"][hreflang]'


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly(
    surveyed: Callable[[str], dict[str, Report]], path: str, scheme: str
) -> None:
    problems = surveyed(scheme)[path].problems
    assert not problems, "\n".join(problems)


def test_watch_sees_a_missing_file(
    new_page: Callable[..., Page], watch: Callable[[Page], Watch]
) -> None:
    # The check above must be able to fail: a page that requests a missing file.
    page = new_page()
    found = watch(page)
    load(page, found, "/")
    page.evaluate("fetch('sitemap-that-does-not-exist.xml').catch(() => null)")
    page.wait_for_timeout(200)
    assert any("HTTP 404" in problem for problem in found.problems), found.problems


def test_hreflang_alternates_are_back_in_place(
    new_page: Callable[..., Page], watch: Callable[[Page], Watch], site_dir: Path
) -> None:
    """alternate-links.js takes them out of the DOM while Material's bundle scans for them;
    once the scripts have run they are all there again, as built (what they hold is
    tests/test_linking.py's)."""
    page = new_page()
    load(page, watch(page), "/scratch/")
    script = "links => links.map(l => [l.hreflang, l.getAttribute('href')])"
    after = dict(page.eval_on_selector_all(ALTERNATES, script))
    built = BeautifulSoup((site_dir / "scratch" / "index.html").read_bytes(), "html.parser")
    assert after == {str(link["hreflang"]): str(link["href"]) for link in built.select(ALTERNATES)}
    assert after, "the built page has no hreflang alternates"
