"""Citations: the sources data file, the `[@id]` markers that cite it, and fact-check notes.

`docs/_data/sources.yml` (schema in esxidocs/sources_data.py, shared with the citations
hook) lists every source once. Checked here, each at `path:line:col`:

- a malformed record (missing field, duplicate id, URL not http(s)): `sources-invalid`,
  at the record's line;
- a marker naming no record: `citation-unknown`, at the marker;
- a record no page cites: `citation-unused` (a warning), at the record; the original
  article (`kind: original`) is exempt, since the whole site is made from it;
- a `!!! fact-check` note (or `??? fact-check`) without a marker: `fact-check-uncited`, at
  the note's first line.

Markers in code spans and fenced code are not citations, as in the hook. Nothing is
checked when the project has no sources file.
"""

from __future__ import annotations

import re
from dataclasses import replace

import yaml

from esxidocs.findings import Finding
from esxidocs.sources_data import Source, check_sources

from . import files, yamlsafe
from .project import Project
from .sources import SourceIndex
from .suggest import closest

SOURCES_FILE = "sources.yml"
# Ids as written, so a record that fails its schema check still counts as known.
_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([\w.:-]+)", re.M)


def _records(project: Project) -> tuple[list[Source], list[Finding], bool, set[str]]:
    """The valid records, problems with the file, whether it exists, and every id written in
    it (valid record or not)."""
    path = project.data_dir / SOURCES_FILE
    if not path.exists():
        return [], [], False, set()
    display = project.display(path)
    text = files.read_text(path, project.root)
    if isinstance(text, Finding):
        return [], [text.at(display)], True, set()
    raw_ids = set(_ID_LINE.findall(text))
    try:
        root = yamlsafe.compose(text)
    except yamlsafe.YamlError as exc:
        message = f"invalid YAML: {exc.finding.message}"
        problem = replace(exc.finding, path=display, code="sources-invalid", message=message)
        return [], [problem], True, raw_ids
    try:
        sources, found = check_sources(root, project.languages)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        # Whatever the shape checks did not foresee must not stop the run.
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return (
            [],
            [Finding.of(display, 1, 1, "sources-invalid", f"unreadable: {first}")],
            True,
            raw_ids,
        )
    problems = [finding.at(display) for finding in found]
    return sources, problems, True, raw_ids


def check_citations(index: SourceIndex) -> list[Finding]:
    """Every citation problem of the project (none when it has no sources file)."""
    project = index.project
    sources, problems, exists, raw = _records(project)
    if not exists:
        return problems
    known = {source.id for source in sources}
    # A record that failed its schema check still exists: do not also call its markers unknown.
    raw_ids = raw | known
    cited: set[str] = set()
    for rel in sorted(index.page_files):
        page = index.pages.get(rel)
        if page is None or not page.parsed:
            continue  # unreadable pages have their own problem already
        for cite in page.citations:
            cited.add(cite.id)
            if cite.id in raw_ids:
                continue
            problems.append(
                Finding.of(
                    page.display,
                    cite.line,
                    cite.col,
                    "citation-unknown",
                    f"unknown source id '{cite.id}' (not in docs/_data/{SOURCES_FILE})",
                    closest(cite.id, known, cutoff=0.8),
                )
            )
        for line, col in page.uncited_notes:
            problems.append(
                Finding.of(
                    page.display,
                    line,
                    col,
                    "fact-check-uncited",
                    "fact-check note cites no source: add a marker such as [@kb-1033696]",
                )
            )
    display = project.display(project.data_dir / SOURCES_FILE)
    for source in sources:
        if source.id not in cited and source.kind != "original":
            problems.append(
                Finding.of(
                    display,
                    source.line,
                    1,
                    "citation-unused",
                    f"source '{source.id}' is cited by no page",
                )
            )
    return problems
