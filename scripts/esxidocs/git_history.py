"""The last commit of every file in a folder, read from one `git log`.

Why not a `git log -1 -- <file>` per page (what mkdocs-git-revision-date-localized does):
each is a process of its own, which cost this site about a third of stock Material's whole
build, and grows with the pages (1,000 processes for 2x500 pages). One log of the folder,
newest commit first, names every file each commit changed; a file's first appearance is
its last commit. Renames are listed as a deletion and an addition (`--no-renames`), so a
moved file dates from its move, as a per-file log without `--follow` would say.

Where git gives nothing (no `git`, not a repository, a file never committed) the file is
simply absent: callers show no date rather than the build's clock.
"""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger("mkdocs.plugins.esxidocs.git_history")

# A byte git never writes in a hash or a date: it starts each commit's header line.
_COMMIT = "\x01"


@dataclass(frozen=True)
class Commit:
    hash: str
    timestamp: int  # author date, seconds since the epoch (what `git log %at` gives)


def parse_log(output: str) -> dict[str, Commit]:
    """`git log --name-only -z --format=%x01%H %at` output as {path: its newest commit}."""
    latest: dict[str, Commit] = {}
    for record in output.split(_COMMIT)[1:]:
        header, _, names = record.partition("\0")
        commit_hash, timestamp = header.split(" ")
        commit = Commit(commit_hash, int(timestamp))
        for name in names.lstrip("\n").split("\0"):
            if name:
                latest.setdefault(name, commit)
    return latest


def last_commits(folder: Path) -> dict[str, Commit]:
    """{path relative to `folder`, POSIX: its last commit} for every file committed in it.

    A file deleted since may be named too: callers look up the files they have."""
    command = ["git", "-c", "core.quotePath=false", "log", "--no-renames", "--name-only"]
    command += ["--relative", "-z", f"--format={_COMMIT}%H %at", "--", "."]
    try:
        # A name that is not UTF-8 cannot be a page's (MkDocs reads them as text): replaced.
        result = subprocess.run(
            command, cwd=folder, capture_output=True, encoding="utf-8", errors="replace", check=True
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        detail = getattr(exc, "stderr", None) or exc
        log.info("no git history for %s (%s): pages get no last-updated date", folder, detail)
        return {}
    return parse_log(result.stdout)
