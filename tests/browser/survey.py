"""Every page of the site, in each colour scheme: load problems and axe violations.

The page-by-page tests (test_clean_loads.py, test_accessibility.py) read from this survey, so
each page is loaded only once, in one browser context, for both kinds of check and both
palettes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, cast

from playwright.sync_api import Browser, Page, ViewportSize

from .site_pages import PAGES
from .watch import POLL_MS, Watch, load

VIEWPORT: ViewportSize = {"width": 1280, "height": 800}  # wide enough for both sidebars
PHONE: ViewportSize = {"width": 412, "height": 823}  # Lighthouse's mobile screen
PHONE_360: ViewportSize = {"width": 360, "height": 780}  # the narrowest phone diagrams fit
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme -> Material palette
# Material's palettes differ only in colours (the same HTML, other CSS variables): axe's
# rules about structure, names and roles give the same answer in both, so in the second
# palette only the rules that read colours run (a third of the time of all of them).
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def rules_for(scheme: str) -> tuple[str, ...]:
    """The axe rules to run in `scheme`: all of them (empty) in the first palette."""
    return () if scheme == next(iter(SCHEMES)) else COLOUR_RULES


@dataclass(frozen=True)
class Report:
    problems: list[str]  # console errors, failed or foreign requests
    violations: list[str]  # axe-core, one line per failing element
    scheme: str  # the palette Material applied


def axe_violations(
    page: Page, axe_source: str | None = None, rules: tuple[str, ...] = ()
) -> list[str]:
    """axe-core's violations on the page as it is now, one line per element: of `rules`
    only when given. Without `axe_source`, axe must already be there (an init script of the
    page's context)."""
    if axe_source is not None:
        page.add_script_tag(content=axe_source)
    options: dict[str, object] = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    violations = page.evaluate(
        """async options => (await axe.run(document, options)).violations
            .map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => ({
                target: n.target.join(" "), summary: n.failureSummary}))}))""",
        options,
    )
    return [
        f"{v['id']} ({v['help']}): {node['target']}\n    {node['summary']}"
        for v in violations
        for node in v["nodes"]
    ]


def switch_palette(page: Page, scheme: str) -> None:
    """Switch the page to `scheme` with Material's own toggle, as a reader clicks it."""
    target = page.get_attribute(f'input[data-md-color-scheme="{scheme}"]', "id")
    page.click(f'label[for="{target}"]')
    page.wait_for_function(
        """scheme => document.body.dataset.mdColorScheme === scheme &&
            !document.body.hasAttribute("data-md-color-switching")""",
        arg=scheme,
        polling=POLL_MS,
    )


def survey(browser: Browser, site_url: str, axe_source: str) -> dict[str, dict[str, Report]]:
    """Per scheme, per page: the problems and axe violations.

    Each page is loaded once, by a reader whose system asks for light (the first palette),
    then switched to the other palette with Material's toggle. The palettes differ only in
    the colours the scheme attribute selects (no stylesheet asks for prefers-color-scheme)
    and load the same files, so a second load would only repeat the first. A dark-mode
    reader's own first load is test_first_paint.py's; the dark reports hold what went wrong
    during the switch.
    """
    first, *others = SCHEMES
    context = browser.new_context(
        base_url=site_url,
        viewport=VIEWPORT,
        color_scheme=cast(Literal["light", "dark"], first),
        reduced_motion="reduce",
    )
    # Registered once, run in every page before its own scripts: cheaper than sending
    # axe-core's half megabyte down the wire for each page.
    context.add_init_script(axe_source)
    reports: dict[str, dict[str, Report]] = {scheme: {} for scheme in SCHEMES}
    try:
        page = context.new_page()
        watch = Watch(site_url).attach(page)
        for path in PAGES:
            load(page, watch, path)
            for scheme in (first, *others):
                if scheme != first:
                    watch.reset()
                    switch_palette(page, SCHEMES[scheme])
                problems = list(watch.problems)
                palette = str(page.evaluate("document.body.dataset.mdColorScheme"))
                violations = axe_violations(page, rules=rules_for(scheme))
                reports[scheme][path] = Report(problems, violations, palette)
            page.evaluate("localStorage.clear()")  # the next page starts in the first palette
        return reports
    finally:
        context.close()
