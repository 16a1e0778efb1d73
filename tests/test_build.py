"""scripts/build.py: strict, warning-free, reproducible builds that never break site/."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, copy_project

BUILD_ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def run_build(site: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "scripts/build.py", "--site-dir", str(site)],
        cwd=cwd,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        check=False,
    )


def test_strict_build_logs_no_warning(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        env=BUILD_ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log
    assert "WARNING" not in log, log


def differing_files(left: Path, right: Path) -> list[str]:
    """Relative paths that exist on one side only or whose bytes differ."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert run_build(first).returncode == 0
    assert run_build(second).returncode == 0
    assert differing_files(first, second) == []
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    assert "<lastmod>2023-11-14</lastmod>" in sitemap, "sitemap dates must follow the commit"


def test_failed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    site = project / "site"
    assert run_build(site, cwd=project).returncode == 0
    marker = site / "index.html"
    before = marker.read_bytes()

    page = project / "docs" / "es" / "scratch.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[roto](no-such-page.md)\n", "utf-8")
    result = run_build(site, cwd=project)

    assert result.returncode != 0
    assert "no-such-page.md" in result.stderr + result.stdout
    assert marker.read_bytes() == before
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site-")]
    assert leftovers == [], "the failed build left its staging folder behind"
