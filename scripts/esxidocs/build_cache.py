"""Where the build keeps what is expensive to make and safe to reuse: one folder.

`.cache/` beside `mkdocs.yml` (git-ignored) holds one subfolder per kind: `social/` (the
link-preview cards, keyed by their content and drawing code), `templates/` (the theme's
templates compiled by Jinja, keyed by their source) and `confine/` (the written pages the
confinement check passed, keyed by their bytes and the check's code). `ESXIDOCS_CACHE_DIR` moves
the folder; an empty value turns every cache off, so a build makes everything afresh.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, FileSystemBytecodeCache

ENV = "ESXIDOCS_CACHE_DIR"


def cache_dir(config: Any, kind: str) -> Path | None:
    """The folder for one kind of cached thing, or None when caching is off."""
    configured = os.environ.get(ENV)
    if configured is not None:
        return Path(configured).resolve() / kind if configured else None
    project = Path(config.get("config_file_path") or "mkdocs.yml").resolve().parent
    return project / ".cache" / kind


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
    folder.mkdir(parents=True, exist_ok=True)
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
        return path is not None and path.is_file()

    def add(self, digest: str) -> None:
        path = self._path(digest)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()
