"""Helpers for tests/test_validate_*.py: fixture projects, expectations, running.

Case files in `cases/` mark what they expect on the offending line itself:
`<!-- expect: code -->` in Markdown or `# expect: code` in YAML; `expect-next: code`
on the line before, or `expect@N: code` anywhere for line N. Every other line of the
file is the correct twin and must not be flagged.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from esxidocs.findings import Finding
from esxidocs.validator import permalinks
from esxidocs.validator.external import Settings
from esxidocs.validator.project import load_project
from esxidocs.validator.runner import run, scan_sources

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "validate"
REPO = Path(__file__).resolve().parents[1]


_EXPECT = re.compile(r"expect(-next|@\d+)?: ([a-z, -]+?)(?: -->|$)")


def make_project(tmp_path: Path) -> Path:
    """A fresh copy of the fixture project; returns its root."""
    root = tmp_path / "project"
    shutil.copytree(FIXTURES / "project", root, symlinks=True)
    return root


def write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / "docs" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def refresh_permalinks(root: Path) -> None:
    project = load_project(root / "mkdocs.yml")
    index, _, _ = scan_sources(project, 1)
    mapping, _ = permalinks.merged(index, None)
    project.permalinks_path.write_text(permalinks.render(mapping), encoding="utf-8")


def validate(
    root: Path, site: Path | None = None, external: Settings | None = None, jobs: int = 1
) -> list[Finding]:
    return run(load_project(root / "mkdocs.yml"), site, external, jobs).problems


def expectations(text: str) -> set[tuple[str, int]]:
    found: set[tuple[str, int]] = set()
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _EXPECT.finditer(line):
            where, codes = match.groups()
            target = number + 1 if where == "-next" else int(where[1:]) if where else number
            found.update((code.strip(), target) for code in codes.split(",") if code.strip())
    return found


def cli(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "esxidocs", "validate", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
