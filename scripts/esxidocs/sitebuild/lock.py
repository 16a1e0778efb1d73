"""One build per output folder at a time.

Two builds into one folder would race for the swap and delete each other's staging
folders. A build holds an exclusive `flock` on `.<name>.lock` beside the output folder for
its whole run; the kernel releases it when the process ends, however it ends, so a killed
build never leaves a stale lock. The file itself stays (removing it would let two builds
lock two different files of the same name).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Busy(Exception):
    """Another build holds the lock."""


def lock_path(site_dir: Path) -> Path:
    return site_dir.with_name(f".{site_dir.name}.lock")


@contextmanager
def exclusive(site_dir: Path, wait: bool) -> Iterator[Path]:
    """Hold the build lock of `site_dir`; wait for it, or raise Busy at once."""
    path = lock_path(site_dir)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            raise Busy(f"another build into {site_dir} is running (pid {holder})") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield path
    finally:
        os.close(fd)
