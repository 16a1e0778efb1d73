"""Parse small, untrusted YAML documents without letting them explode.

Alias "billion laughs" bombs and very deep nesting are rejected while streaming the
parser's events, before any node or object is built; every failure carries a position.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from esxidocs.findings import Finding, FindingError

# libyaml when present: about 15 times faster, which matters for 10,000 pages.
_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 20
MAX_NODES = 10_000
# construct_document needs only the constructor's state, not a parser: one shared
# instance turns composed nodes into objects without parsing the text again.
_CONSTRUCTOR = yaml.SafeLoader("")


class YamlError(FindingError):
    """Why a document was refused: a relative finding (`fm-yaml` or `fm-too-complex`) at a
    1-based position within the document; the caller anchors it and moves it into its file.
    """

    def __init__(self, code: str, message: str, line: int, col: int) -> None:
        # line and col are the parser's (0-based)
        super().__init__(Finding("", line + 1, col + 1, code, message))


def _mark(exc: yaml.YAMLError) -> tuple[int, int]:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return (mark.line, mark.column) if mark is not None else (0, 0)


def _describe(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem and context:
        return f"{context}: {problem}"
    return str(problem or exc).splitlines()[0]


def _check_events(text: str, max_nodes: int) -> None:
    depth = nodes = 0
    for event in yaml.parse(text, Loader=_Loader):
        mark = event.start_mark
        line, col = (mark.line, mark.column) if mark is not None else (0, 0)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlError("fm-too-complex", "YAML anchors and aliases are not allowed", line, col)
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > max_nodes:
                raise YamlError("fm-too-complex", f"more than {max_nodes} values", line, 0)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlError(
                    "fm-too-complex",
                    f"nested deeper than {MAX_DEPTH} levels",
                    line,
                    col,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


# Only these can make a document nest deeply or repeat itself: anchors and aliases, flow
# collections, complex keys, several block sequence dashes on one line, or deep indents.
_RISKY = re.compile(rf"[&*\[{{?]|-[ \t]+-|^ {{{MAX_DEPTH}}}", re.M)


def compose(text: str, max_nodes: int = MAX_NODES) -> yaml.Node | None:
    """The document's node tree (None when empty); raises YamlError."""
    try:
        if _RISKY.search(text) or text.count("\n") > max_nodes:
            _check_events(text, max_nodes)  # stream the events first: cheap to abort
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        line, col = _mark(exc)
        if isinstance(exc, yaml.reader.ReaderError):
            line = text.count("\n", 0, exc.position)
            col = exc.position - (text.rfind("\n", 0, exc.position) + 1)
        raise YamlError("fm-yaml", _describe(exc), line, col) from exc


def construct(node: yaml.Node) -> Any:
    """Python objects for a tree that `compose` returned; raises YamlError."""
    global _CONSTRUCTOR
    try:
        return _CONSTRUCTOR.construct_document(node)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. a date like 2024-13-45
        _CONSTRUCTOR = yaml.SafeLoader("")  # its state is half-way through that document
        line, col = _mark(exc) if isinstance(exc, yaml.YAMLError) else _unreadable(node)
        raise YamlError("fm-yaml", f"cannot read value: {exc}".splitlines()[0], line, col) from exc


def _unreadable(node: yaml.Node) -> tuple[int, int]:
    """(line, col) of the first value in `node` that cannot be made into an object, such as
    a date with a 13th month (the constructor's own error has no position); (0, 0) if none.
    Only on the error path: each value gets a constructor of its own."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            try:
                yaml.SafeLoader("").construct_document(current)
            except (yaml.YAMLError, ValueError, OverflowError):
                return current.start_mark.line, current.start_mark.column
        elif isinstance(current, yaml.MappingNode):
            stack.extend(part for pair in reversed(current.value) for part in reversed(pair))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
    return 0, 0


def duplicate_keys(node: yaml.Node) -> list[tuple[str, int, int, int]]:
    """(key, line, col, first line) for every repeated key in any mapping of the tree."""
    found: list[tuple[str, int, int, int]] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    mark = key.start_mark
                    if key.value in seen:
                        found.append((key.value, mark.line, mark.column, seen[key.value]))
                    else:
                        seen[key.value] = mark.line
                stack.extend((key, value))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(found, key=lambda item: item[1])


# mkdocs.yml ---------------------------------------------------------------------------
#
# MkDocs reads its config with PyYAML's full loader: `!!python/object/apply:os.system` in
# mkdocs.yml runs a command. The validator (and the PDF script) read it with the safe
# loader plus the tags MkDocs documents: `!ENV` (environment variables, with a default)
# and `!relative` (a path MkDocs resolves later). `!!python/name:x.y` (how a config names
# a function, e.g. a slugify) is kept as its dotted name, never imported here; whatever
# else asks to build a Python object is an error at its line.


class ConfigYamlError(FindingError):
    """mkdocs.yml cannot be read safely: a `config-invalid` finding at its position."""

    @classmethod
    def at(cls, path: Path, line: int, col: int, message: str) -> ConfigYamlError:
        return cls(Finding(str(path), line, col, "config-invalid", message))


class PythonName(str):
    """A `!!python/name:` reference, kept as its dotted name and not imported."""


class RelativePath(str):
    """A `!relative` placeholder (`$config_dir/...`, `$docs_dir/...` or the page folder)."""


class ConfigLoader(yaml.SafeLoader):
    """The safe loader with MkDocs' config tags."""


def _relative(loader: yaml.SafeLoader, node: yaml.Node) -> RelativePath:
    return RelativePath(loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else "")


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonName:
    return PythonName(suffix)


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    import yaml_env_tag  # type: ignore[import-untyped]  # MkDocs' own dependency

    return yaml_env_tag.construct_env_tag(loader, node)


ConfigLoader.add_constructor("!ENV", _env)
ConfigLoader.add_constructor("!relative", _relative)
ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)


def load_config(path: Path, _depth: int = 0) -> dict[str, Any]:
    """mkdocs.yml as MkDocs sees it (`INHERIT` merged), built without running anything."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigYamlError.at(path, 1, 1, f"{exc}") from exc
    try:
        data = yaml.load(text, Loader=ConfigLoader)  # a SafeLoader: builds no Python object
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise ConfigYamlError.at(path, line, col, _describe(exc)) from exc
    except yaml.YAMLError as exc:
        raise ConfigYamlError.at(path, 1, 1, f"{_describe(exc)}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigYamlError.at(path, 1, 1, "not a YAML mapping")
    parent = data.pop("INHERIT", None)
    if parent is None:
        return data
    if _depth > 8:
        raise ConfigYamlError.at(path, 1, 1, "INHERIT nested too deeply")
    import mergedeep  # type: ignore[import-untyped]  # MkDocs merges INHERIT with it

    base = load_config((path.parent / str(parent)).resolve(), _depth + 1)
    merged: dict[str, Any] = mergedeep.merge(base, data)
    return merged
