"""Where the build keeps what is expensive to make and safe to reuse: one folder.

`.cache/` beside `mkdocs.yml` (git-ignored) holds one subfolder per kind: `social/` (the
link-preview cards, keyed by their content and drawing code), `templates/` (the theme's
templates compiled by Jinja, keyed by their source), `confine/` (the written pages the
confinement check passed, keyed by their bytes and the check's code) and `pdf/` (the PDF
books, keyed by their HTML and what renders it: esxidocs/pdfbook/cache.py).
`ESXIDOCS_CACHE_DIR` moves the folder; an empty value turns every cache off, so a build
makes everything afresh.

Cards, marks and books are keyed by content, so every edit leaves its old entries behind.
Each hit sets the entry's modification time, and the first build of a process (`mkdocs
build`, or `mkdocs serve` once) deletes what no build has used for `MAX_AGE_DAYS`: the
folder stays the size of the pages in use instead of growing with every save.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, FileSystemBytecodeCache

ENV = "ESXIDOCS_CACHE_DIR"
MAX_AGE_DAYS = 30
PRUNED = ("social", "confine", "pdf")  # the kinds keyed by content (templates: by name)
_pruned: set[Path] = set()  # folders pruned by this process


def cache_dir(config: Any, kind: str) -> Path | None:
    """The folder for one kind of cached thing, or None when caching is off."""
    return cache_folder(config.get("config_file_path") or "mkdocs.yml", kind)


def cache_folder(config_file: str, kind: str) -> Path | None:
    """The same, for a step that has the path of mkdocs.yml rather than its config."""
    return _cache_dir(os.environ.get(ENV), config_file, kind, os.getcwd())


@lru_cache(maxsize=64)
def _cache_dir(configured: str | None, config_file: str, kind: str, cwd: str) -> Path | None:
    # Cached: two stages ask on every page, and resolving a path reads each of its folders.
    # The working folder is in the key, as a relative setting is resolved against it.
    if configured is not None:
        return Path(configured).resolve() / kind if configured else None
    return Path(config_file).resolve().parent / ".cache" / kind


def used(path: Path) -> None:
    """Mark a cache entry as used now, so that pruning keeps it."""
    # Read-only, or removed meanwhile: at worst the entry is pruned and made again.
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(folder: Path, max_age_s: float) -> int:
    """Delete the entries under `folder` unused for `max_age_s` seconds; how many went."""
    limit = time.time() - max_age_s
    removed = 0
    for entry in folder.glob("*/*"):
        try:
            if entry.is_file() and entry.stat().st_mtime < limit:
                entry.unlink()
                removed += 1
        except OSError:  # another build removed or replaced it: nothing to do
            pass
    return removed


def prune_once(config: Any) -> None:
    """At the first build of this process, prune each content-keyed kind."""
    for kind in PRUNED:
        folder = cache_dir(config, kind)
        if folder is not None and folder not in _pruned and folder.is_dir():
            _pruned.add(folder)
            prune(folder, MAX_AGE_DAYS * 86400)


def compiled_templates(config: Any) -> BytecodeCache | None:
    """Jinja's cache of compiled templates, for the theme's environment.

    MkDocs compiles every template it renders again in each build, and mkdocs-static-i18n
    builds once per language: about a quarter of a second of this site's build, repeated
    on every `mkdocs serve` save. Jinja keys each entry by the template's source checksum
    and its own and Python's version, so an edited template is compiled afresh.
    """
    folder = cache_dir(config, "templates")
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a cache that cannot be written costs speed, never the build
        return None
    return FileSystemBytecodeCache(str(folder))


@dataclass(frozen=True)
class Marks:
    """A set of content digests, kept as empty files named by the digest.

    For a verdict that depends only on a text and on the code that judged it: the digest
    names both (the caller hashes them), so a changed text or checker is judged afresh.
    An empty file is there or not, never half-written, so concurrent builds share it safely.
    """

    folder: Path | None

    def _path(self, digest: str) -> Path | None:
        return None if self.folder is None else self.folder / digest[:2] / digest

    def has(self, digest: str) -> bool:
        path = self._path(digest)
        if path is None or not path.is_file():
            return False
        used(path)
        return True

    def add(self, digest: str) -> None:
        path = self._path(digest)
        if path is not None:
            with contextlib.suppress(OSError):  # a cache that cannot be written costs speed
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch()
