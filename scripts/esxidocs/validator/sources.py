"""The docs tree as the link, parity and permalink checks see it."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from esxidocs.site_model import MARKDOWN_SUFFIXES

from .pages import PageScan
from .project import Project


def is_page(rel: str) -> bool:
    return posixpath.splitext(rel)[1] in MARKDOWN_SUFFIXES


@dataclass
class SourceIndex:
    project: Project
    pages: dict[str, PageScan] = field(default_factory=dict)  # docs-relative path -> scan
    files: set[str] = field(default_factory=set)  # every built file, pages and assets
    page_files: set[str] = field(default_factory=set)  # the Markdown pages among them
    excluded: set[str] = field(default_factory=set)  # present but never built
    dirs: set[str] = field(default_factory=set)
    by_url: dict[str, str] = field(default_factory=dict)  # published URL -> source file
    _by_dir: dict[str, list[str]] | None = field(default=None, repr=False)

    def add_file(self, rel: str) -> None:
        self.files.add(rel)
        if is_page(rel):
            self.page_files.add(rel)
        parent = posixpath.dirname(rel)
        while parent and parent not in self.dirs:
            self.dirs.add(parent)
            parent = posixpath.dirname(parent)
        url = self.project.url_of(rel)
        self.by_url[url] = rel
        if url.endswith("/"):
            self.by_url[f"{url}index.html"] = rel

    def in_dir(self, folder: str) -> list[str]:
        """Built files directly inside `folder` (docs-relative)."""
        if self._by_dir is None:
            self._by_dir = {}
            for rel in sorted(self.files):
                self._by_dir.setdefault(posixpath.dirname(rel), []).append(rel)
        return self._by_dir.get(folder, [])

    def page_for_url(self, url: str) -> PageScan | None:
        rel = self.by_url.get(url)
        return self.pages.get(rel) if rel else None
