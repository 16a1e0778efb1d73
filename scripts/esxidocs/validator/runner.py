"""Run the checks in order and collect their problems."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

from esxidocs.findings import Finding

from . import files, links, parity, permalinks
from .citations import check_citations
from .external import Settings, check_index
from .glossary import glossary_ids
from .glyph_check import check_data_files
from .links import LinkChecker
from .pages import PageScan, ScanContext, scan_page
from .project import Project
from .raw_html import check_data_text
from .site import check_site
from .sources import SourceIndex, is_page

_PARALLEL_FROM = 200  # pages; below this a process pool costs more than it saves
_WORKER: tuple[ScanContext, LinkChecker] | None = None


@contextmanager
def _without_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector during bulk work.

    Scanning creates millions of small acyclic objects; the collector would walk them
    again and again (a third of the run time on 10,000 pages) and find nothing.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Result:
    problems: list[Finding]
    files: int  # files checked


def _init_worker(context: ScanContext, index: SourceIndex) -> None:
    global _WORKER
    _WORKER = (context, LinkChecker(index))


def _scan(item: tuple[str, Path]) -> PageScan:
    """Scan one page and check its links as far as possible without the other pages."""
    assert _WORKER is not None
    context, checker = _WORKER
    page = scan_page(item[0], item[1], context, walked=True)
    checker.check_page(page)
    return page


def _scan_all(
    context: ScanContext, index: SourceIndex, items: list[tuple[str, Path]], jobs: int
) -> Iterator[PageScan]:
    if jobs <= 1 or len(items) < _PARALLEL_FROM:
        _init_worker(context, index)
        yield from map(_scan, items)
        return
    # fork: workers inherit the parser, the project and the file index (not pickled).
    with ProcessPoolExecutor(jobs, get_context("fork"), _init_worker, (context, index)) as pool:
        yield from pool.map(_scan, items, chunksize=max(1, len(items) // (jobs * 8)))


def scan_sources(project: Project, jobs: int) -> tuple[SourceIndex, list[Finding], int]:
    """Walk and scan the docs tree: the index, file-level problems, files read."""
    problems: list[Finding] = []
    glossary, glossary_problems, read = glossary_ids(project)
    problems += glossary_problems
    problems += check_data_files(project)  # glyphs the PDF lacks; loads the fonts once
    problems += check_data_text(project)  # glossary and diagram text: no markup
    entries, issues = files.walk(project.docs_dir, project.root)
    for path, issue in issues:
        problems.append(issue.at(project.display(path)))
    index = SourceIndex(project)
    todo: list[tuple[str, Path]] = []
    for entry in entries:
        if project.is_excluded(entry.rel):
            index.excluded.add(entry.rel)
            continue
        index.add_file(entry.rel)
        if is_page(entry.rel):
            todo.append((entry.rel, entry.path))
    with _without_gc():
        for page in _scan_all(ScanContext(project, glossary), index, todo, jobs):
            index.pages[page.rel] = page
            problems += page.problems
    return index, problems, read + len(todo)


def check_sources(project: Project, jobs: int) -> tuple[SourceIndex, Result]:
    index, problems, read = scan_sources(project, jobs)
    problems += links.check_anchors(index)
    problems += parity.check_parity(index)
    problems += check_citations(index)
    problems += permalinks.check_redirects(index)
    problems += permalinks.compare(index)
    return index, Result(problems, read + project.permalinks_path.exists())


def run(
    project: Project,
    site: Path | None = None,
    external: Settings | None = None,
    jobs: int = os.cpu_count() or 1,
) -> Result:
    """All checks: sources always, the built site and external URLs when asked."""
    index, result = check_sources(project, jobs)
    if site is not None:
        site_problems, checked = check_site(project, site, jobs)
        result.problems += site_problems
        result.files += checked
    if external is not None:
        result.problems += check_index(index, external)
    result.problems.sort()
    return result
