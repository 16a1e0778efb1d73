"""Translation parity, link stability (the permalink list) and redirects."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support import REPO, make_project, refresh_permalinks, validate, write

FRONT = (
    "---\ntitle: Caso\n"
    "description: Página de prueba con un solo tipo de problema y su gemelo.\n"
    "article: none\n---\n"
)


def _found(root: Path, prefix: str) -> set[tuple[str, int, str]]:
    return {(p.path, p.line, p.code) for p in validate(root) if p.code.startswith(prefix)}


def test_missing_translation(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    write(root, "es/only-es.md", FRONT + "\n# Solo\n")
    refresh_permalinks(root)
    assert _found(root, "parity-") == {("docs/es/only-es.md", 1, "parity-missing")}


def test_heading_ids_must_match_in_order(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    write(root, "es/page.md", FRONT + "\n# Página\n\n## A {#a}\n\n## B {#b}\n\n## C {#c}\n")
    write(root, "en/page.md", FRONT + "\n# Page\n\n## A {#a}\n\n## C {#c}\n\n## X {#x}\n")
    refresh_permalinks(root)
    found = _found(root, "parity-")
    assert found == {
        ("docs/en/page.md", 11, "parity-headings"),  # "b" missing before C
        ("docs/en/page.md", 13, "parity-headings"),  # "x" does not exist in es
    }
    # the correct twin: same ids, other titles
    write(root, "en/page.md", FRONT + "\n# Page\n\n## Aa {#a}\n\n## Bb {#b}\n\n## Cc {#c}\n")
    refresh_permalinks(root)
    assert _found(root, "parity-") == set()


def test_images_and_assets_must_match(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    write(root, "es/pic.md", FRONT + "\n# P\n\n![d](assets/diagram.svg)\n")
    write(root, "en/pic.md", FRONT + "\n# P\n\nno picture\n")
    write(root, "es/assets/only-es.svg", "<svg/>")
    refresh_permalinks(root)
    assert _found(root, "parity-") == {
        ("docs/en/pic.md", 1, "parity-images"),
        ("docs/es/assets/only-es.svg", 1, "parity-asset"),
    }


def test_a_raw_html_link_to_another_site_is_no_image(tmp_path: Path) -> None:
    """Parity compares images: a raw `<a href="https://…">` in one language only is not
    one; an `<img src>` is."""
    root = make_project(tmp_path)
    link = '<p><a href="https://example.org/kb">KB</a></p>'
    image = '<p><img src="/assets/shot.png" alt="x"></p>'
    write(root, "es/pic.md", FRONT + f"\n# P\n\n{link}\n\n{image}\n")
    write(root, "en/pic.md", FRONT + "\n# P\n\ntext\n")
    refresh_permalinks(root)
    missing = [p.message for p in validate(root) if p.code.startswith("parity-")]
    assert len(missing) == 1 and "'/assets/shot.png'" in missing[0], missing


def test_glossary_ids_count_as_headings(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "docs/_data/glossary.en.yml").write_text(
        "- id: vmkernel\n  term: VMkernel\n  definition: x.\n"
        "- id: extra\n  term: E\n  definition: y.\n"
    )
    refresh_permalinks(root)
    assert _found(root, "parity-") == {("docs/en/glossary.md", 9, "parity-headings")}


def test_an_unreadable_glossary_is_one_problem_not_one_per_term(tmp_path: Path) -> None:
    """The glossary page's headings come from the file: unreadable, they are unknown, and
    the page's parity, the links into it and its published anchors are not judged on a
    guess (one error per term, in three checks, buried the one that mattered)."""
    root = make_project(tmp_path)
    write(root, "es/index.md", FRONT + "\n# I\n\n[VMkernel](glossary.md#vmkernel)\n")
    write(root, "en/index.md", FRONT + "\n# I\n\n[VMkernel](glossary.md#vmkernel)\n")
    refresh_permalinks(root)
    glossary = root / "docs/_data/glossary.en.yml"
    glossary.write_text("- &a\n  id: vmkernel\n  term: VMkernel\n  definition: x.\n")
    found = {(p.path, p.code) for p in validate(root) if p.severity == "error"}
    assert found == {("docs/_data/glossary.en.yml", "glossary-invalid")}, found
    command = [sys.executable, "-m", "esxidocs", "permalinks", "--config", str(root / "mkdocs.yml")]
    refused = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    assert refused.returncode == 1 and "docs/en/glossary.md" in refused.stderr


def test_glossary_ids_may_differ_in_order(tmp_path: Path) -> None:
    # Each glossary is sorted in its own language: same ids, another order, no problem.
    root = make_project(tmp_path)
    (root / "docs/_data/glossary.es.yml").write_text(
        "- id: bootbank\n  term: banco de arranque\n  definition: x.\n"
        "- id: vmkernel\n  term: VMkernel\n  definition: y.\n"
    )
    (root / "docs/_data/glossary.en.yml").write_text(
        "- id: vmkernel\n  term: VMkernel\n  definition: y.\n"
        "- id: bootbank\n  term: zz boot bank\n  definition: x.\n"
    )
    refresh_permalinks(root)
    assert _found(root, "parity-") == set()


def test_removed_page_and_anchor_fail_until_redirected(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "docs/es/sub/index.md").unlink()
    (root / "docs/en/sub/index.md").unlink()
    target = root / "docs/es/target.md"
    target.write_text(target.read_text().replace("## Dos {#dos}", "## Dos {#two}"))
    found = _found(root, "permalink-")
    listed = (root / "docs/_data/permalinks.yml").read_text().split("\n")
    line_of = {text: n for n, text in enumerate(listed, 1)}
    assert ("docs/_data/permalinks.yml", line_of["/sub/: []"], "permalink-removed") in found
    assert ("docs/_data/permalinks.yml", line_of["/en/sub/: []"], "permalink-removed") in found
    assert any(code == "permalink-anchor-removed" for _, _, code in found)
    assert ("docs/es/target.md", 13, "permalink-new") in found  # the new id, a warning
    # A redirect keeps the old URL alive; the old id kept beside the new one keeps the anchor.
    config = root / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "moved.md: es/target.md",
            "moved.md: es/target.md\n        sub/index.md: es/index.md\n"
            "        en/sub/index.md: en/index.md",
        )
    )
    target.write_text(target.read_text().replace("## Dos {#two}", "[](){#dos}\n\n## Dos {#two}"))
    found = _found(root, "permalink-")
    assert {code for _, _, code in found} == {"permalink-new"}


def test_redirect_target_must_exist(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("es/target.md", "es/targte.md"))
    problems = [p for p in validate(root) if p.code == "redirect-target"]
    assert [(p.path, p.line, p.suggestion) for p in problems] == [
        ("mkdocs.yml", 11, "es/target.md")
    ]


def test_permalinks_script_regenerates_and_reports_drops(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    listed = root / "docs/_data/permalinks.yml"
    before = listed.read_text()
    command = [sys.executable, "-m", "esxidocs", "permalinks", "--config", str(root / "mkdocs.yml")]
    check = subprocess.run(
        [*command, "--check"], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert check.returncode == 0, check.stderr
    (root / "docs/es/sub/index.md").unlink()
    (root / "docs/en/sub/index.md").unlink()
    assert (
        subprocess.run([*command, "--check"], capture_output=True, cwd=REPO, check=False).returncode
        == 1
    )
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    assert done.returncode == 0
    assert "dropped /sub/" in done.stderr and "dropped /en/sub/" in done.stderr
    assert listed.read_text() != before
    assert not [p for p in validate(root) if p.code.startswith("permalink-")]
