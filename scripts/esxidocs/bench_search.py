"""Measure search as readers use it: type each query of a set into the built site's search box.

Usage: esxidocs bench-search [--site-dir site] [--build] [--json out.json]

The query sets are tests/search/queries.<lang>.yml (used while tuning) and
tests/search/heldout.<lang>.yml (never used for tuning): each query names the page that must
come first. The site is served from --site-dir on 127.0.0.1 and every query is typed, key by
key, into the search box of that language's home page in Debian's Chromium. Prints, per set:
top-1 (the first result is the expected page), MRR@10 (over the result pages, in order),
how often the first result's group also lists the expected section, zero-result queries,
the share of result links that lead into the other language, and every query that missed.
A benchmark, not a test: it fails only if the site cannot be searched at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from playwright.sync_api import Page, sync_playwright

# The same local server and Chromium flags as the Lighthouse audit.
from esxidocs import cliargs
from esxidocs.audit import CHROMIUM_ARGS, HEADLESS_SHELL, serve
from esxidocs.site_model import load_site

ROOT = Path(__file__).resolve().parents[2]  # the project: scripts/esxidocs/..
QUERIES = ROOT / "tests" / "search"
SETS = ("queries", "heldout")
# language -> its root on the site (the site model: the i18n languages' links)
LANGUAGES = {lang.locale: lang.link for lang in load_site(ROOT / "mkdocs.yml").languages}
# Counts the queries Material's page sends to its search worker and the results it gets
# back, so a query is read once its own answer has been rendered, not after a guessed delay.
COUNT_MESSAGES = """(() => {
  const Native = window.Worker;
  const seen = window.__searchMessages = {sent: 0, received: 0};
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => { if (e.data?.type === 3) seen.received++; });
    }
    postMessage(message, ...rest) {
      if (message?.type === 2) seen.sent++;
      return super.postMessage(message, ...rest);
    }
  };
})();"""
ANSWERED = """before => {
  const s = window.__searchMessages;
  return s.sent > before && s.sent === s.received;
}"""
READY = """() => {
  const meta = document.querySelector(".md-search-result__meta");
  return meta !== null && meta.textContent.trim() !== "" &&
    !/Inicializando|Initializing/.test(meta.textContent);
}"""
# Result groups in order: each group is one page, its links the page and its sections.
GROUPS = """() => [...document.querySelectorAll(".md-search-result__list > li")].map(
  li => [...li.querySelectorAll("a.md-search-result__link")].map(a => a.href))"""


@dataclass(frozen=True)
class Query:
    q: str
    pages: tuple[str, ...]  # acceptable first pages, relative to the language's root
    section: str | None
    kind: str


@dataclass
class Outcome:
    query: Query
    pages: list[str]  # result pages in order, relative to the language's root
    first_group: list[str]  # the first group's links (page and sections), relative
    foreign: int  # result links outside the language's root
    links: int

    @property
    def rank(self) -> int | None:
        for position, page in enumerate(self.pages[:10], start=1):
            if page in self.query.pages:
                return position
        return None


@dataclass
class Figures:
    set: str
    lang: str
    queries: int
    top1: float
    mrr10: float
    section_hits: float
    zero: int
    wrong_language_share: float
    missed: list[dict[str, Any]] = field(default_factory=list)


def load_queries(path: Path) -> list[Query]:
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for item in items:
        page = item["page"]
        pages = tuple(page) if isinstance(page, list) else (page,)
        out.append(Query(str(item["q"]), pages, item.get("section"), item["kind"]))
    return out


def run_query(page: Page, text: str) -> list[list[str]]:
    """Type `text` into the (cleared) search box; the result groups once answered."""
    field_ = page.locator(".md-search__input")
    field_.focus()
    field_.press("Control+A")
    field_.press("Backspace")
    before = page.evaluate("() => window.__searchMessages.sent")
    field_.press_sequentially(text)
    for _ in range(2):  # answered, then still answered after a pause: no query in flight
        page.wait_for_function(ANSWERED, arg=before, polling=20, timeout=15_000)
        page.wait_for_timeout(120)
    groups: list[list[str]] = page.evaluate(GROUPS)
    return groups


def relative(href: str, origin: str, root: str) -> str | None:
    """A result link relative to the language's root, or None when it lies outside it."""
    parts = urlsplit(href)
    path = parts.path
    if f"{parts.scheme}://{parts.netloc}" != origin or not path.startswith(root):
        return None
    if root == "/" and any(path.startswith(other) for other in LANGUAGES.values() if other != "/"):
        return None
    rel = path[len(root) :]
    return rel + (f"#{parts.fragment}" if parts.fragment else "")


def measure(page: Page, origin: str, lang: str, queries: list[Query]) -> list[Outcome]:
    root = LANGUAGES[lang]
    page.goto(f"{origin}{root}", wait_until="load")
    page.locator(".md-search__input").focus()
    page.wait_for_function(READY, polling=50, timeout=20_000)
    outcomes = []
    for query in queries:
        groups = run_query(page, query.q)
        pages, foreign, links = [], 0, 0
        for group in groups:
            rel = [relative(href, origin, root) for href in group]
            links += len(rel)
            foreign += sum(1 for r in rel if r is None)
            if rel and rel[0] is not None:
                pages.append(rel[0].split("#")[0])
        first = [r for r in (relative(h, origin, root) for h in groups[0])] if groups else []
        outcomes.append(Outcome(query, pages, [r or "?" for r in first], foreign, links))
    return outcomes


def summarise(name: str, lang: str, outcomes: list[Outcome]) -> Figures:
    n = len(outcomes)
    ranks = [o.rank for o in outcomes]
    sections = [
        o
        for o in outcomes
        if o.query.section
        and o.rank == 1
        and any(link.endswith(f"#{o.query.section}") for link in o.first_group)
    ]
    with_section = [o for o in outcomes if o.query.section]
    links = sum(o.links for o in outcomes)
    missed = [
        {
            "q": o.query.q,
            "kind": o.query.kind,
            "expected": list(o.query.pages),
            "rank": o.rank,
            "got": o.pages[:3],
        }
        for o in outcomes
        if o.rank != 1
    ]
    return Figures(
        set=name,
        lang=lang,
        queries=n,
        top1=sum(1 for r in ranks if r == 1) / n,
        mrr10=sum(1 / r for r in ranks if r) / n,
        section_hits=len(sections) / len(with_section) if with_section else 1.0,
        zero=sum(1 for o in outcomes if not o.pages and not o.links),
        wrong_language_share=sum(o.foreign for o in outcomes) / links if links else 0.0,
        missed=missed,
    )


def report(figures: Figures) -> None:
    print(
        f"{figures.set:8} {figures.lang}  n={figures.queries:3}  top-1 {figures.top1:6.1%}  "
        f"MRR@10 {figures.mrr10:.3f}  section {figures.section_hits:6.1%}  "
        f"zero {figures.zero}  other language {figures.wrong_language_share:.1%}"
    )
    for miss in figures.missed:
        rank = miss["rank"] or "-"
        print(
            f"    miss [{miss['kind']}] {miss['q']!r}: expected {miss['expected']}, "
            f"rank {rank}, got {miss['got']}"
        )


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = cliargs.parser("bench-search", __doc__.splitlines()[0])
    cliargs.add_site_dir(parser)
    parser.add_argument("--build", action="store_true", help="build the site there first")
    parser.add_argument("--set", choices=SETS, action="append", help="only this set (repeatable)")
    parser.add_argument("--lang", choices=sorted(LANGUAGES), action="append")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if args.build:
        build(args.site_dir)
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir}: no built site (make build, or pass --build)")
    if not HEADLESS_SHELL.is_file():
        parser.error(f"{HEADLESS_SHELL} is not installed (make system-deps)")
    results: list[Figures] = []
    with serve(args.site_dir) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=HEADLESS_SHELL, args=CHROMIUM_ARGS)
        for lang in args.lang or list(LANGUAGES):
            context = browser.new_context(base_url=origin)
            context.add_init_script(COUNT_MESSAGES)
            page = context.new_page()
            for name in args.set or SETS:
                queries = load_queries(QUERIES / f"{name}.{lang}.yml")
                figures = summarise(name, lang, measure(page, origin, lang, queries))
                report(figures)
                results.append(figures)
            context.close()
        browser.close()
    if args.json:
        args.json.write_text(json.dumps([asdict(f) for f in results], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
