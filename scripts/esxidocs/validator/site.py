"""Check a built site: every href, src and srcset resolves, fragments included; hreflang
alternates, canonical URLs and sitemap entries exist; nothing loads from another origin.

Pages are checked in parallel (`site_html.check_page`), each against the list of the
site's files; fragments into other pages are checked here once all ids are known.
"""

from __future__ import annotations

import gc
import os
import posixpath
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from urllib.parse import unquote

import lxml.etree

from esxidocs.findings import Finding

from . import files
from .project import Project
from .raw_html import check_site_html
from .site_html import CSS_URL, HtmlPage, SiteFiles, check_page
from .site_url import SiteOrigin
from .suggest import closest

_PARALLEL_FROM = 64  # pages; below this, starting worker processes costs more than it saves
_SITE: SiteFiles | None = None


def _init_worker(site: SiteFiles) -> None:
    global _SITE
    _SITE = site


def _check(rel: str) -> HtmlPage:
    assert _SITE is not None
    return check_page(rel, _SITE)


def _check_all(site: SiteFiles, rels: list[str], jobs: int) -> Iterator[HtmlPage]:
    if jobs <= 1 or len(rels) < _PARALLEL_FROM:
        _init_worker(site)
        yield from map(_check, rels)
        return
    # fork: workers inherit the file list instead of receiving it pickled.
    with ProcessPoolExecutor(jobs, get_context("fork"), _init_worker, (site,)) as pool:
        yield from pool.map(_check, rels, chunksize=max(1, len(rels) // (jobs * 8)))


class SiteChecker:
    def __init__(self, project: Project, site_dir: Path, jobs: int) -> None:
        self.project = project
        self.site_dir = site_dir.resolve()
        self.jobs = jobs
        self.origin = SiteOrigin.from_site_url(project.site_url)
        self.problems: list[Finding] = []
        self.checked = 0

    def add(
        self, rel: str, line: int, code: str, message: str, suggestion: str | None = None
    ) -> None:
        display = self.project.display(self.site_dir / rel)
        self.problems.append(Finding.of(display, line, 1, code, message, suggestion))

    def run(self) -> list[Finding]:
        entries, issues = files.walk(self.site_dir, self.site_dir)
        for path, issue in issues:
            self.problems.append(issue.at(self.project.display(path)))
        by_dir: dict[str, list[str]] = {}
        for entry in entries:
            folder, name = posixpath.split(entry.rel)
            by_dir.setdefault(folder, []).append(name)
        site = SiteFiles(self.site_dir, frozenset(e.rel for e in entries), by_dir, self.origin)
        html = [e.rel for e in entries if e.rel.endswith((".html", ".htm"))]
        self.checked = len(html)
        pages = self._pages(site, html)
        self.problems += check_site_html(
            self.site_dir, html, self.project.display, self._redirects(), self.jobs
        )
        self._cross(pages)
        self._css(site, [e.rel for e in entries if e.rel.endswith(".css")])
        self._sitemap(site)
        return self.problems

    def _redirects(self) -> frozenset[str]:
        """Pages mkdocs-redirects writes from mkdocs.yml (a meta refresh and a script)."""
        found = set()
        for url in self.project.redirect_urls():
            rel = url.lstrip("/")
            found.add(f"{rel}index.html" if not rel or rel.endswith("/") else rel)
        return frozenset(found)

    def _pages(self, site: SiteFiles, html: list[str]) -> dict[str, HtmlPage]:
        pages = {}
        enabled = gc.isenabled()
        gc.disable()  # millions of short-lived acyclic objects: see runner._without_gc
        try:
            for page in _check_all(site, html, self.jobs):
                pages[page.rel] = page
                for code, line, message, suggestion in page.issues:
                    self.add(page.rel, line, code, message, suggestion)
        finally:
            if enabled:
                gc.enable()
        return pages

    def _cross(self, pages: dict[str, HtmlPage]) -> None:
        """Fragments into other pages, now that every page's ids are known."""
        ids: dict[str, set[str]] = {}
        for page in pages.values():
            for target, anchor, line, url in page.cross:
                if target not in pages:
                    continue  # not parsed (reported as unreadable)
                if target not in ids:
                    ids[target] = set(pages[target].ids.split("\n"))
                if anchor not in ids[target]:
                    self.add(
                        page.rel,
                        line,
                        "site-anchor",
                        f"{url}: no id '{anchor}' in {target}",
                        closest(anchor, ids[target]),
                    )

    def _css(self, site: SiteFiles, rels: list[str]) -> None:
        # Stylesheets are loaded by every page: a remote @import or font is a third party.
        for rel in rels:
            text = files.read_text(self.site_dir / rel, self.site_dir)
            if isinstance(text, Finding):
                self.problems.append(text.at(self.project.display(self.site_dir / rel)))
                continue
            self.checked += 1
            for match in CSS_URL.finditer(text):
                if self.origin.own(match.group(1)) is None:
                    line = text.count("\n", 0, match.start()) + 1
                    self.add(
                        rel, line, "site-third-party", f"loads {match.group(1)} from another origin"
                    )

    def _sitemap(self, site: SiteFiles) -> None:
        rel = "sitemap.xml"
        if rel not in site.files:
            return
        data = files.read_bytes(self.site_dir / rel, self.site_dir)
        if isinstance(data, Finding):
            self.problems.append(data.at(self.project.display(self.site_dir / rel)))
            return
        parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        try:
            tree = lxml.etree.fromstring(data, parser)
        except lxml.etree.XMLSyntaxError as exc:
            self.add(rel, exc.lineno or 1, "site-sitemap", f"invalid XML: {exc.msg}")
            return
        self.checked += 1
        for el in tree.iter(lxml.etree.Element):
            name = lxml.etree.QName(el).localname
            if name == "loc":
                url = (el.text or "").strip()
            elif name == "link":
                url = el.get("href", "")
            else:
                continue
            line = el.sourceline if isinstance(el.sourceline, int) else 1
            path = self.origin.own(url)
            if path is None:
                self.add(rel, line, "site-sitemap", f"{url} is not on site_url")
                continue
            target = unquote(path[len(self.origin.base_path) :].partition("#")[0])
            target = f"{target}index.html" if not target or target.endswith("/") else target
            if site.exists(target) is None:
                self.add(rel, line, "site-sitemap", f"{url} does not resolve to a built page")


def check_site(
    project: Project, site_dir: Path, jobs: int = os.cpu_count() or 1
) -> tuple[list[Finding], int]:
    """Problems of the built site, and how many files were checked."""
    checker = SiteChecker(project, site_dir, jobs)
    return checker.run(), checker.checked
