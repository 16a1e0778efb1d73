"""One fixture per problem class: the problem is found with the right code and line, and
every other line of the fixture (its correct twin) is not flagged."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import FIXTURES, expectations, make_project, refresh_permalinks, validate, write

CASES = sorted((FIXTURES / "cases").glob("*.md"))
# Parity and permalinks have their own tests; a case page exists in one language only.
OTHER_CHECKS = ("parity-", "permalink-")


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_case(case: Path, tmp_path: Path) -> None:
    root = make_project(tmp_path)
    text = case.read_text(encoding="utf-8")
    write(root, f"es/{case.name}", text)
    refresh_permalinks(root)
    shown = f"docs/es/{case.name}"
    found = {
        (p.code, p.line)
        for p in validate(root)
        if p.path == shown and not p.code.startswith(OTHER_CHECKS)
    }
    expected = expectations(text)
    assert expected, "a case must expect at least one problem"
    assert found == expected


def test_every_source_code_has_a_case() -> None:
    """The cases cover every front matter and Markdown link code."""
    covered = {code for case in CASES for code, _ in expectations(case.read_text("utf-8"))}
    from esxidocs.validator.codes import CODES

    wanted = {c for c in CODES if c.startswith(("fm-", "link-", "anchor-"))}
    wanted -= {"fm-control-char"}  # a raw control character: see test_validate_robustness
    assert wanted <= covered, sorted(wanted - covered)


def test_clean_fixture_project_is_clean(tmp_path: Path) -> None:
    assert validate(make_project(tmp_path)) == []


def test_a_file_shared_at_the_docs_root_is_missing_in_the_other_languages(tmp_path: Path) -> None:
    """mkdocs-static-i18n publishes a file outside the language folders for the default
    language only: the English page's image would be broken (and `mkdocs build --strict`
    stops), the Spanish one's is fine. Found by building such a page (2026-12-01)."""
    root = make_project(tmp_path)
    write(root, "assets/shared.png", b"\x89PNG\r\n\x1a\n")
    write(root, "en/assets/own.png", b"\x89PNG\r\n\x1a\n")
    page = "\n![shared](../assets/shared.png)\n"
    write(root, "es/index.md", (root / "docs/es/index.md").read_text(encoding="utf-8") + page)
    english = (root / "docs/en/index.md").read_text(encoding="utf-8") + page
    write(root, "en/index.md", english + "![own](assets/own.png)\n")
    refresh_permalinks(root)
    found = [(p.path, p.code, p.line) for p in validate(root) if p.code.startswith("link-")]
    line = english.count("\n")
    assert found == [("docs/en/index.md", "link-missing", line)]
