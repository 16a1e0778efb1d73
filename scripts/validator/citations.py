"""Citations: the sources data file, the `[@id]` markers that cite it, and fact-check notes.

`docs/_data/sources.yml` (schema in scripts/sources_data.py, shared with the citations
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
from collections.abc import Iterator
from dataclasses import dataclass

import yaml
from mkdocs.utils.meta import YAML_RE
from sources_data import Source, check_sources, find_markers, position

from . import files, yamlsafe
from .problems import Problem
from .project import Project
from .sources import SourceIndex
from .suggest import closest

SOURCES_FILE = "sources.yml"
# An admonition or details block of type fact-check (pymdownx.details: `???`, `???+`).
_FACT_CHECK = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+fact-check(?=[ \t\"]|$)")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


@dataclass(frozen=True)
class Note:
    line: int  # 1-based, in the file
    col: int
    body: str  # the note's indented body


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip(" "))


def fact_check_notes(lines: list[str], first_line: int = 1) -> Iterator[Note]:
    """Every fact-check note outside fenced code, with its body (the lines indented under it)."""
    fence: str | None = None
    number = 0
    while number < len(lines):
        line = lines[number]
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            number += 1
            continue
        if opening:
            fence = opening.group(1)
            number += 1
            continue
        match = _FACT_CHECK.match(line)
        if match is None:
            number += 1
            continue
        depth = _indent(match.group(1))
        end = number + 1
        while end < len(lines) and (not lines[end].strip() or _indent(lines[end]) > depth):
            end += 1
        yield Note(first_line + number, len(match.group(1)) + 1, "\n".join(lines[number + 1 : end]))
        number = end


def _records(project: Project) -> tuple[list[Source], list[Problem], bool]:
    """The valid records, problems with the file, and whether the file exists."""
    path = project.data_dir / SOURCES_FILE
    if not path.exists():
        return [], [], False
    display = project.display(path)
    text = files.read_text(path, project.root)
    if isinstance(text, files.FileIssue):
        return [], [Problem(display, text.line, text.col, text.code, text.message)], True
    try:
        root = yamlsafe.compose(text)
    except yamlsafe.YamlError as exc:
        message = f"invalid YAML: {exc.message}"
        return [], [Problem(display, exc.line + 1, exc.col + 1, "sources-invalid", message)], True
    try:
        sources, found = check_sources(root, project.languages)
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        # e.g. a date such as 2024-13-45: the shape checks must not stop the run.
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return [], [Problem(display, 1, 1, "sources-invalid", f"unreadable: {first}")], True
    problems = [Problem(display, line, 1, "sources-invalid", message) for line, message in found]
    return sources, problems, True


def check_citations(index: SourceIndex) -> list[Problem]:
    """Every citation problem of the project (none when it has no sources file)."""
    project = index.project
    sources, problems, exists = _records(project)
    if not exists:
        return problems
    known = {source.id for source in sources}
    # A record that failed its schema check still exists: do not also call its markers unknown.
    raw_ids = _raw_ids(project) | known
    cited: set[str] = set()
    for rel in sorted(index.page_files):
        page = index.pages.get(rel)
        if page is None or not page.parsed:
            continue  # unreadable pages have their own problem already
        # The path came from the walk of the docs tree, which already checked where it leads.
        text = files.read_text(project.docs_dir / rel, project.root, walked=True)
        if isinstance(text, files.FileIssue) or ("[@" not in text and "fact-check" not in text):
            continue  # most pages of a large site: nothing to look at
        body = _body(text)
        first_line = text.count("\n", 0, len(text) - len(body)) + 1
        for marker in find_markers(body):
            line, col = position(body, marker.start)
            for cid in marker.ids:
                cited.add(cid)
                if cid in raw_ids:
                    continue
                problems.append(
                    Problem(
                        page.display,
                        first_line + line - 1,
                        col,
                        "citation-unknown",
                        f"unknown source id '{cid}' (not in docs/_data/{SOURCES_FILE})",
                        closest(cid, known, cutoff=0.8),
                    )
                )
        for note in fact_check_notes(body.split("\n"), first_line):
            if next(iter(find_markers(note.body)), None) is None:
                problems.append(
                    Problem(
                        page.display,
                        note.line,
                        note.col,
                        "fact-check-uncited",
                        "fact-check note cites no source: add a marker such as [@kb-1033696]",
                    )
                )
    display = project.display(project.data_dir / SOURCES_FILE)
    for source in sources:
        if source.id not in cited and source.kind != "original":
            problems.append(
                Problem(
                    display,
                    source.line,
                    1,
                    "citation-unused",
                    f"source '{source.id}' is cited by no page",
                )
            )
    return problems


def _body(text: str) -> str:
    """The Markdown after the front matter, as MkDocs hands it to the hooks.

    Only the delimiters are matched: the front matter's YAML is the front matter check's
    business, and parsing hostile YAML again here would only cost time.
    """
    match = YAML_RE.match(text)
    return text[match.end() :].lstrip("\n") if match else text


_ID_LINE = re.compile(r"^\s*-?\s*id:\s*['\"]?([\w.:-]+)", re.M)


def _raw_ids(project: Project) -> set[str]:
    """Ids written in the file, valid records or not."""
    text = files.read_text(project.data_dir / SOURCES_FILE, project.root)
    return set() if isinstance(text, files.FileIssue) else set(_ID_LINE.findall(text))
