"""Hostile files give one clear problem for that file, never a traceback, and the run goes on."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import DOCS, LANGUAGES, SITE
from esxidocs.diagrams.loader import load_data
from esxidocs.findings import FindingError
from esxidocs.glossary_data import load_glossary
from esxidocs.sources_data import load_sources
from esxidocs.stages import linking
from support import make_project, refresh_permalinks, validate, write

FRONT = (
    "---\ntitle: Caso\n"
    "description: Página de prueba con un solo tipo de problema y su gemelo.\n"
    "article: none\n---\n"
)


def _problems_for(root: Path, rel: str) -> set[tuple[str, int]]:
    shown = f"docs/{rel}"
    return {
        (p.code, p.line)
        for p in validate(root)
        if p.path == shown and not p.code.startswith(("parity-", "permalink-"))
    }


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (FRONT.encode() + b"# T\n\x00\x01binary", {("file-binary", 7)}),
        (FRONT.encode() + b"# T\n\nbad \xff byte\n", {("file-encoding", 8)}),
        (FRONT.encode() + b"x" * 30_000 + b"\n", {("line-too-long", 6)}),
        (b'---\ntitle: "a\x01b"\ndescription: x\narticle: none\n---\n', {("fm-control-char", 2)}),
        # An alias bomb: nine levels of nine aliases would be 10^9 items if expanded.
        (
            (
                "---\na: &a [x,x,x,x,x,x,x,x,x]\n"
                + "".join(
                    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n"
                    for i in range(8)
                )
                + "---\n"
            ).encode(),
            {("fm-too-complex", 2)},
        ),
        (("---\ntitle: " + "[" * 500 + "]" * 500 + "\n---\n").encode(), {("fm-too-complex", 2)}),
        (
            ("---\n" + "".join(" " * i + f"k{i}:\n" for i in range(40)) + "---\n").encode(),
            {("fm-too-complex", 22)},
        ),
        (
            b"---\ntitle: x\nd: |\n" + (b"  " + b"y" * 100 + b"\n") * 800 + b"---\n",
            {("fm-too-complex", 2)},
        ),
    ],
    ids=[
        "binary",
        "bad-utf8",
        "huge-line",
        "control-char",
        "alias-bomb",
        "deep-flow",
        "deep-block",
        "huge-front-matter",
    ],
)
def test_hostile_page(tmp_path: Path, content: bytes, expected: set[tuple[str, int]]) -> None:
    root = make_project(tmp_path)
    write(root, "es/hostile.md", content)
    refresh_permalinks(root)
    assert _problems_for(root, "es/hostile.md") == expected


def test_huge_file_is_refused_and_run_goes_on(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    write(root, "es/huge.md", FRONT + "a\n" * (3 * 1024 * 1024))
    write(root, "es/after.md", FRONT + "\n# T\n\n[roto](nope.md)\n")
    problems = validate(root)
    codes = {(p.path, p.code) for p in problems}
    assert ("docs/es/huge.md", "file-too-large") in codes
    assert ("docs/es/after.md", "link-missing") in codes  # the run went on


def test_symlink_loop_and_escape(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    docs = root / "docs" / "es"
    os.symlink("loop-b.md", docs / "loop-a.md")
    os.symlink("loop-a.md", docs / "loop-b.md")
    os.symlink("..", docs / "folder-loop")  # a folder link back up: would recurse forever
    outside = tmp_path / "secret.md"
    outside.write_text(FRONT + "# secreto\n", encoding="utf-8")
    os.symlink(outside, docs / "escape.md")
    problems = {(p.path, p.code) for p in validate(root)}
    assert ("docs/es/loop-a.md", "file-symlink-loop") in problems
    assert ("docs/es/folder-loop", "file-symlink-loop") in problems
    assert ("docs/es/escape.md", "file-outside-repo") in problems


def test_never_reads_outside_the_repository(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text(FRONT, encoding="utf-8")
    os.symlink(outside, root / "docs" / "es" / "link.md")
    opened: list[str] = []
    real_open = open

    def spy(file: object, *args: object, **kwargs: object) -> object:
        opened.append(os.path.realpath(str(file)))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", spy)
    validate(root)
    assert str(outside.resolve()) not in opened
    # MkDocs' loader reads its installed theme's mkdocs_theme.yml: part of the tools, not input.
    installed = os.path.realpath(sys.prefix)
    assert all(
        path.startswith((str(root.resolve()), installed)) or not path.endswith((".md", ".yml"))
        for path in opened
    )


def test_broken_glossary_and_permalinks_are_reported(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "docs" / "_data" / "glossary.en.yml").write_text(
        "- id: Bad Id\n  term: x\n  definition: y\n"
    )
    (root / "docs" / "_data" / "permalinks.yml").write_text("/: [a\n")
    codes = {(p.path, p.code) for p in validate(root)}
    assert ("docs/_data/glossary.en.yml", "glossary-invalid") in codes
    assert ("docs/_data/permalinks.yml", "permalink-list") in codes


# Nine levels of nine aliases, then a use of the last: 10^9 values if walked.
_ALIASES = ["x0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
    f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)
]
_DATA = {
    "site": "site.yml",
    "glossary": "glossary.es.yml",
    "sources": "sources.yml",
    "diagrams": "diagrams.yml",
    "permalinks": "permalinks.yml",
}


@pytest.mark.parametrize("name", list(_DATA))
def test_an_alias_bomb_in_a_data_file_stops_at_its_line(tmp_path: Path, name: str) -> None:
    """Every reader of docs/_data/ refuses YAML aliases where the first anchor is: walking
    the nodes of this file hung the build and the validator (site.yml) before."""
    if name == "glossary":  # a list of entries: the aliases go in a first one
        head = "- bomb:\n" + "".join(f"    {line}\n" for line in _ALIASES) + "  use: *a9\n"
    else:
        head = "bomb:\n" + "".join(f"  {line}\n" for line in _ALIASES) + "use: *a9\n"
    bombed = tmp_path / _DATA[name]
    bombed.write_text(head + (DOCS / "_data" / _DATA[name]).read_text(encoding="utf-8"))
    readers: dict[str, Callable[[], object]] = {
        "site": lambda: dataclasses.replace(SITE, data_path=bombed).check(),
        "glossary": lambda: load_glossary(bombed),
        "sources": lambda: load_sources(bombed, LANGUAGES),
        "diagrams": lambda: load_data(bombed, LANGUAGES),
        "permalinks": lambda: linking._permalinks(bombed, 0, tmp_path),
    }
    with pytest.raises(FindingError) as refused:
        readers[name]()
    assert f"{_DATA[name]}:2:" in str(refused.value)
    assert "aliases are not allowed" in str(refused.value)
