"""The `url` of each record of `docs/_data/sources.yml`, where it is written, for --external.

Every cited source is a link on the pages (the citations hook renders the marker as the
linked title) and in the sources table, so a dead source URL is a dead link just like one
written in a page. Only records that pass the sources check are taken: a malformed record,
its URL included (`sources-invalid`), is reported by `citations.py` already. Each URL
carries the line and column of its value, so the report points where an author fixes it.
"""

from __future__ import annotations

import yaml

from esxidocs.findings import Finding
from esxidocs.sources_data import check_sources

from . import files, yamlsafe
from .citations import SOURCES_FILE
from .project import Project

# (display path, line, column, url)
SourceUrl = tuple[str, int, int, str]


def _value_positions(root: yaml.Node) -> dict[int, tuple[int, int]]:
    """Record line -> (line, col) of its `url` value, all 1-based."""
    found: dict[int, tuple[int, int]] = {}
    if not isinstance(root, yaml.SequenceNode):
        return found
    for node in root.value:
        if not isinstance(node, yaml.MappingNode):
            continue
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "url":
                mark = value.start_mark
                found[node.start_mark.line + 1] = (mark.line + 1, mark.column + 1)
    return found


def source_urls(project: Project) -> list[SourceUrl]:
    """Each valid record's URL at its position; none when the file is missing or broken."""
    path = project.data_dir / SOURCES_FILE
    if not path.exists():
        return []
    text = files.read_text(path, project.root)
    if isinstance(text, Finding):
        return []  # reported by the sources check
    try:
        root = yamlsafe.compose(text)
        sources, _ = check_sources(root, project.languages)
    except (yamlsafe.YamlError, yaml.YAMLError, ValueError, TypeError, RecursionError):
        return []  # reported by the sources check
    if root is None:
        return []
    positions = _value_positions(root)
    display = project.display(path)
    return [
        (display, *positions.get(source.line, (source.line, 1)), source.url)
        for source in sources
        if source.url
    ]
