"""Helpers for tests/test_validate_*.py: fixture projects, expectations, running.

Case files in `cases/` mark what they expect on the offending line itself:
`<!-- expect: code -->` in Markdown or `# expect: code` in YAML; `expect-next: code`
on the line before, or `expect@N: code` anywhere for line N. Every other line of the
file is the correct twin and must not be flagged.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import subprocess
import traceback
from pathlib import Path

from esxidocs.findings import Finding
from esxidocs.validator import permalinks
from esxidocs.validator.cli import main as validate_main
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
    """`esxidocs validate ARGS` run from `cwd`, in-process (validator/cli.py's main(argv)):
    its exit status and what it printed, as a child process would give them. A child cost
    about half a CPU second of imports per call."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = validate_main(list(args))
        except SystemExit as exit:  # argparse's usage errors
            status = exit.code if isinstance(exit.code, int) else 1
        except Exception:  # what Python prints for an uncaught exception, and its status
            traceback.print_exc()
            status = 1
    return subprocess.CompletedProcess(
        ["esxidocs", "validate", *args], status, out.getvalue(), err.getvalue()
    )
