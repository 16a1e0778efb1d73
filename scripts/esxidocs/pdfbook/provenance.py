"""Version and date printed on the cover and stored in the PDF, both from git.

The date is SOURCE_DATE_EPOCH when set (the Makefile sets it from the last commit), so two
builds of one commit produce the same bytes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Provenance:
    version: str
    date: datetime  # UTC

    @property
    def w3c_date(self) -> str:
        """The form WeasyPrint reads from `<meta name=dcterms.created>`."""
        return self.date.strftime("%Y-%m-%dT%H:%M:%SZ")


def _git(root: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout.strip() or None


def read_provenance(root: Path) -> Provenance:
    """Version from `git describe --always`; date from SOURCE_DATE_EPOCH or the last commit."""
    version = _git(root, "describe", "--always") or "unknown"
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or _git(root, "log", "-1", "--format=%ct")
    if epoch is None:
        print(
            "pdf: no SOURCE_DATE_EPOCH nor git date; the PDF will not be reproducible",
            file=sys.stderr,
        )
        return Provenance(version, datetime.now(UTC).replace(microsecond=0))
    return Provenance(version, datetime.fromtimestamp(int(epoch), UTC))
