"""The pages' last commits come from one `git log` of the docs folder: each file must get
exactly what `git log -1 -- <file>` says of it, its own last commit."""

from __future__ import annotations

import subprocess
from pathlib import Path

from esxidocs.git_history import last_commits


def _git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
    command = ["git", "-c", "user.name=t", "-c", "user.email=t@localhost", *args]
    result = subprocess.run(
        command,
        cwd=repo,
        env={"PATH": "/usr/bin:/bin", "HOME": str(repo), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def _per_file(repo: Path, name: str) -> tuple[str, int] | None:
    out = _git(repo, "log", "-1", "--format=%H %at", "--", name).strip()
    return (out.split()[0], int(out.split()[1])) if out else None


def test_each_file_gets_its_own_last_commit(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "es").mkdir(parents=True)
    _git(tmp_path, "init", "-q")
    (docs / "es" / "a.md").write_text("a\n", encoding="utf-8")
    (docs / "es" / "b.md").write_text("b\n", encoding="utf-8")
    (docs / "es" / "años.md").write_text("ñ\n", encoding="utf-8")  # not quoted by git
    (tmp_path / "outside.md").write_text("o\n", encoding="utf-8")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "one", date="2026-01-01T10:00:00+00:00")
    (docs / "es" / "a.md").write_text("a2\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "two", date="2026-02-01T10:00:00+00:00")
    _git(tmp_path, "mv", "docs/es/b.md", "docs/es/moved.md")
    (tmp_path / "outside.md").write_text("o2\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "three", date="2026-03-01T10:00:00+00:00")
    (docs / "es" / "new.md").write_text("not committed\n", encoding="utf-8")

    commits = last_commits(docs)

    # Every file there: the uncommitted one is absent (a deleted one may still be named).
    assert {"es/a.md", "es/años.md", "es/moved.md"} <= set(commits)
    assert "es/new.md" not in commits
    for name in ("es/a.md", "es/años.md", "es/moved.md"):
        commit = commits[name]
        assert _per_file(tmp_path, f"docs/{name}") == (commit.hash, commit.timestamp), name
    assert commits["es/a.md"].timestamp == 1769940000  # 2026-02-01, not the first commit
    assert commits["es/moved.md"].timestamp == 1772359200  # dated from its move


def test_no_repository_means_no_dates(tmp_path: Path) -> None:
    (tmp_path / "page.md").write_text("x\n", encoding="utf-8")
    assert last_commits(tmp_path) == {}
