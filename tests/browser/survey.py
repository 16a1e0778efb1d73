"""Every page of the site, visited once per colour scheme: load problems and axe violations.

The page-by-page tests (test_clean_loads.py, test_accessibility.py) read from this survey, so
each page is loaded only once per scheme, in one browser context, for both kinds of check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from playwright.sync_api import Browser, Page, ViewportSize

from .site_pages import PAGES
from .watch import Watch, load

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}  # wide enough for both sidebars
PHONE: ViewportSize = {"width": 412, "height": 823}  # Lighthouse's mobile screen
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material palette


@dataclass(frozen=True)
class Report:
    problems: list[str]  # console errors, failed or foreign requests
    violations: list[str]  # axe-core, one line per failing element
    scheme: str  # the palette Material applied


def axe_violations(page: Page, axe_source: str | None = None) -> list[str]:
    """axe-core's violations on the page as it is now, one line per element. Without
    `axe_source`, axe must already be there (an init script of the page's context)."""
    if axe_source is not None:
        page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
            .map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => ({
                target: n.target.join(" "), summary: n.failureSummary}))}))"""
    )
    return [
        f"{v['id']} ({v['help']}): {node['target']}\n    {node['summary']}"
        for v in violations
        for node in v["nodes"]
    ]


def survey(browser: Browser, site_url: str, scheme: str, axe_source: str) -> dict[str, Report]:
    context = browser.new_context(
        base_url=site_url,
        viewport=VIEWPORT,
        color_scheme=cast(Literal["light", "dark"], scheme),
        reduced_motion="reduce",
    )
    # Registered once, run in every page before its own scripts: cheaper than sending
    # axe-core's half megabyte down the wire for each page.
    context.add_init_script(axe_source)
    try:
        page = context.new_page()
        watch = Watch(site_url).attach(page)
        reports = {}
        for path in PAGES:
            load(page, watch, path)
            problems = list(watch.problems)
            palette = str(page.evaluate("document.body.dataset.mdColorScheme"))
            reports[path] = Report(problems, axe_violations(page), palette)
        return reports
    finally:
        context.close()
