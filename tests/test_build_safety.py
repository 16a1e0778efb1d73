"""esxidocs/build.py never loses a file: output folders it refuses, and how it swaps.

No site is built here: each refusal must happen before anything is created or moved, so a
copy of the project's sources is enough, and every file must still be there afterwards.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_project
from esxidocs.sitebuild import guard, swap


def snapshot(tree: Path) -> dict[str, str]:
    """Every entry under `tree` (symlinks not followed): file hashes, link targets, dirs."""
    found: dict[str, str] = {}
    for current, dirs, files in os.walk(tree):
        for name in [*dirs, *files]:
            path = Path(current, name)
            rel = path.relative_to(tree).as_posix()
            if path.is_symlink():
                found[rel] = f"-> {os.readlink(path)}"
            elif path.is_dir():
                found[rel] = "dir"
            else:
                found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def fake_build(folder: Path, gzipped_sitemap: bool = True) -> Path:
    """What a previous MkDocs build looks like to the guard."""
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<!doctype html>", encoding="utf-8")
    (folder / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")
    if gzipped_sitemap:
        (folder / "sitemap.xml.gz").write_bytes(gzip.compress(b"<urlset/>", mtime=0))
    return folder


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project copy with the folders a checkout has besides the sources, and a few
    folders someone might pass as --site-dir by mistake."""
    root = copy_project(tmp_path / "project")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "tests").mkdir()
    (root / "tests" / "test_x.py").write_text("", encoding="utf-8")
    (root / "notes").mkdir()
    (root / "notes" / "todo.txt").write_text("uncommitted work\n", encoding="utf-8")
    (root / "docs-link").symlink_to("docs")
    (fake_build(root / "old-with-page") / "draft.md").write_text("# draft\n", encoding="utf-8")
    fake_build(root / "hand-made", gzipped_sitemap=False)
    return root


REFUSED = [
    (".", "it is the project folder"),
    ("docs", "it is the sources (docs_dir"),
    ("docs-link", "it is the sources (docs_dir"),  # a symlink to docs/
    ("docs/es", "it is inside"),
    ("docs/site", "it is inside"),
    ("overrides", "it is the theme sources (theme.custom_dir"),
    ("overrides/hooks", "it is inside"),
    ("scripts", "it is the build scripts folder"),
    ("tests", "it is the tests folder"),
    (".git", "it is the git repository"),
    ("..", "it holds"),
    ("notes", "does not look like a previous build"),
    ("hand-made", "it has no sitemap.xml.gz"),
    ("old-with-page", "which a built site never contains"),
    ("mkdocs.yml", "not a folder"),
]


@pytest.mark.parametrize(("site_dir", "why"), REFUSED, ids=[case[0] for case in REFUSED])
def test_refused_output_folder_touches_nothing(
    project: Path, tmp_path: Path, site_dir: str, why: str
) -> None:
    before = snapshot(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "esxidocs", "build", "--site-dir", site_dir],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    message = result.stderr.strip()
    assert message.count("\n") == 0, "one line"
    assert message.startswith(f"esxidocs build: refusing --site-dir {site_dir}"), message
    assert why in message
    assert snapshot(tmp_path) == before, "a refused build changed files"


def test_previous_build_empty_or_missing_folder_is_accepted(project: Path) -> None:
    config = project / "mkdocs.yml"
    site = fake_build(project / "site")
    assert guard.check_output(site, config) == site
    (project / "empty").mkdir()
    assert guard.check_output(project / "empty", config) == project / "empty"
    assert guard.check_output(project / "new" / "site", config) == project / "new" / "site"


def test_config_is_read_without_running_it(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs_dir comes from !ENV as MkDocs reads it; a Python tag is not executed."""
    canary = tmp_path / "canary"
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8")
        + "\ndocs_dir: !ENV [BUILD_TEST_DOCS, docs]\n"
        + f'x_hostile: !!python/object/apply:os.system ["touch {canary}"]\n',
        encoding="utf-8",
    )
    (project / "content").mkdir()
    monkeypatch.setenv("BUILD_TEST_DOCS", "content")
    with pytest.raises(guard.Refused, match="it is the sources"):
        guard.check_output(project / "content", config)
    assert not canary.exists()


def test_exchange_swaps_two_folders(tmp_path: Path) -> None:
    new, old = tmp_path / "new", tmp_path / "site"
    for folder in (new, old):
        folder.mkdir()
        (folder / "name").write_text(folder.name, encoding="utf-8")
    swap.put_in_place(new, old, tmp_path / "aside")
    assert (old / "name").read_text(encoding="utf-8") == "new"
    assert (new / "name").read_text(encoding="utf-8") == "site", "the old site, to delete"


def test_fallback_swap_restores_the_old_site_when_it_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without RENAME_EXCHANGE the old site moves aside, and back if the new one cannot
    take its place."""
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(OSError):
        swap.put_in_place(tmp_path / "missing", site, tmp_path / "aside")
    assert (site / "index.html").read_text(encoding="utf-8") == "old"
    new = tmp_path / "new"
    new.mkdir()
    swap.put_in_place(new, site, tmp_path / "aside")
    assert not (site / "index.html").exists()
    assert (tmp_path / "aside" / "index.html").read_text(encoding="utf-8") == "old"
