"""Everything the validator learns from one Markdown source file, in one pass."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from esxidocs.findings import Finding

from . import files
from .citation_scan import Citation, scan_citations
from .frontmatter_check import check_front_matter
from .glyph_check import missing_in
from .limits import MAX_PAGE_BYTES, check_markdown
from .markdown_scan import Heading, Link, scan_markdown
from .project import Project
from .raw_html import scan_markdown_html

# The glossary hook (esxidocs/stages/glossary.py) replaces this marker with one
# `## term {#id}` heading per entry of docs/_data/glossary.<lang>.yml.
GLOSSARY_MARKER = "<!-- glossary -->"


@dataclass(frozen=True)
class ScanContext:
    project: Project
    # language -> glossary ids, in file order; None: unreadable (its problem is reported)
    glossary: dict[str, tuple[str, ...] | None]


@dataclass
class PageScan:
    rel: str  # path relative to docs_dir
    display: str  # path as printed
    problems: list[Finding] = field(default_factory=list)
    meta: dict[str, Any] | None = None
    parsed: bool = False  # False: unreadable or unparsable, so its anchors are unknown
    # True: it has the glossary marker and its language's glossary is unreadable, so the
    # headings the build would insert there are unknown (reported once, at the glossary).
    glossary_unknown: bool = False
    headings: list[Heading] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # every id a link may target
    explicit: list[tuple[str, int]] = field(default_factory=list)  # written ids, with line
    links: list[Link] = field(default_factory=list)  # after links.LinkChecker: external only
    # Filled by links.LinkChecker: anchors in other pages to look up once all are scanned,
    # as (page, anchor, line, col); images as (language-independent key, line).
    anchor_refs: list[tuple[str, str, int, int]] = field(default_factory=list)
    images: list[tuple[str, int]] = field(default_factory=list)
    # `[@id]` markers and fact-check notes without one, for citations.py.
    citations: list[Citation] = field(default_factory=list)
    uncited_notes: list[tuple[int, int]] = field(default_factory=list)

    @property
    def anchors_known(self) -> bool:
        """Whether `ids` holds every anchor the built page will have."""
        return self.parsed and not self.glossary_unknown

    def report(
        self, code: str, message: str, line: int = 1, col: int = 1, suggestion: str | None = None
    ) -> None:
        self.problems.append(Finding.of(self.display, line, col, code, message, suggestion))

    def add(self, finding: Finding) -> None:
        """A relative finding of a scanner, whose positions are already this file's."""
        self.problems.append(finding.at(self.display))


def _glossary_headings(
    body: str, first_line: int, ids: tuple[str, ...]
) -> list[tuple[int, int, str]]:
    inserted: list[tuple[int, int, str]] = []
    for number, text in enumerate(body.split("\n")):
        if GLOSSARY_MARKER in text:
            inserted.extend((first_line + number, 0, gid) for gid in ids)
    return inserted


def _check_duplicates(page: PageScan, written: list[tuple[str, int, int]]) -> None:
    first: dict[str, int] = {}
    for anchor, line, col in sorted(written, key=lambda item: (item[1], item[2])):
        if anchor in first:
            page.report(
                "anchor-duplicate",
                f"id '{anchor}' is already defined at line {first[anchor]}",
                line,
                col,
            )
        else:
            first[anchor] = line


def scan_page(rel: str, path: Path, context: ScanContext, *, walked: bool = False) -> PageScan:
    """Everything about one page; `walked`: `path` came from `files.walk`."""
    project = context.project
    page = PageScan(rel, project.docs_display(rel))
    text = files.read_text(path, project.root, MAX_PAGE_BYTES, walked=walked)
    if isinstance(text, Finding):
        page.add(text)
        return page
    front = check_front_matter(text)
    page.meta = front.meta
    for finding in front.findings:
        page.add(finding)
    too_long = files.long_line(text)
    if too_long is not None:
        page.add(too_long)
        return page
    # What the build hook refuses (limits.py), and what the PDF fonts cannot draw.
    for finding in [*check_markdown(text), *missing_in(text)]:
        page.add(finding)
    body = "\n".join(text.split("\n")[front.body_start :])
    first_line = front.body_start + 1
    lang = project.language_of(rel)
    glossary = context.glossary.get(lang or "", ())
    page.glossary_unknown = glossary is None and GLOSSARY_MARKER in body
    inserted = _glossary_headings(body, first_line, glossary or ())
    scan = scan_markdown(body, first_line, project.slugify, project.separator, inserted)
    for finding in scan_markdown_html(body, first_line):
        page.add(finding)
    page.citations, page.uncited_notes = scan_citations(body, first_line)
    page.parsed = True
    page.headings = scan.headings
    page.links = scan.links
    written = [(h.anchor, h.line, 1) for h in scan.headings if h.explicit] + scan.ids
    _check_duplicates(page, written)
    page.explicit = [(anchor, line) for anchor, line, _ in scan.ids]
    page.ids = {h.anchor for h in scan.headings} | {a for a, _, _ in scan.ids} | scan.footnotes
    return page
