"""What the validator needs to know from `mkdocs.yml`, and the URL of every source file."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pathspec
from markdown.extensions.toc import slugify as default_slugify

from esxidocs.site_model import SiteModel, SiteModelError, from_config, load_mkdocs_config

# MkDocs never builds dot-files or the theme's template folder.
_MKDOCS_DEFAULT_EXCLUDE = (".*", "/templates/")


class ConfigError(Exception):
    """The configuration cannot be used: exit status 2."""


@dataclass(frozen=True)
class Project:
    root: Path  # the repository: the folder holding the config file
    config_path: Path
    docs_dir: Path
    site: SiteModel  # languages, URLs (esxidocs/site_model.py)
    slugify: Callable[[str, str], str]
    separator: str
    redirects: dict[str, str]  # old source path -> target source path or URL
    exclude_lines: tuple[str, ...] = ()
    _spec: pathspec.GitIgnoreSpec = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lines = [*_MKDOCS_DEFAULT_EXCLUDE, *self.exclude_lines]
        object.__setattr__(self, "_spec", pathspec.GitIgnoreSpec.from_lines(lines))

    @property
    def languages(self) -> tuple[str, ...]:
        """The built languages, the default first."""
        return self.site.locales

    @property
    def default_language(self) -> str:
        return self.site.default.locale

    @property
    def site_url(self) -> str | None:
        return self.site.site_url or None

    @property
    def use_directory_urls(self) -> bool:
        return self.site.use_directory_urls

    @property
    def data_dir(self) -> Path:
        return self.docs_dir / "_data"

    @property
    def permalinks_path(self) -> Path:
        return self.data_dir / "permalinks.yml"

    def display(self, path: Path) -> str:
        """A path as printed: relative to the repository root when inside it."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def docs_display(self, docs_rel: str) -> str:
        return self.display(self.docs_dir / docs_rel)

    def is_excluded(self, docs_rel: str) -> bool:
        return self._spec.match_file(docs_rel)

    def language_of(self, docs_rel: str) -> str | None:
        return self.site.language_of(docs_rel)

    def url_of(self, docs_rel: str) -> str:
        """Site-root-relative URL of a source file, as mkdocs-static-i18n publishes it."""
        return "/" + self.site.url_of(docs_rel)

    def redirect_urls(self) -> dict[str, str]:
        """Old URL -> redirect target (a source path or an absolute URL)."""
        return {
            _redirect_source_url(old, self.use_directory_urls): new
            for old, new in self.redirects.items()
        }


def _redirect_source_url(old: str, use_directory_urls: bool) -> str:
    # mkdocs-redirects writes the old path as MkDocs would for a page at that path.
    path = PurePosixPath(old.lstrip("/"))
    parent = "" if path.parent.as_posix() == "." else f"{path.parent.as_posix()}/"
    if path.stem in ("index", "README"):
        return f"/{parent}" if use_directory_urls else f"/{parent}index.html"
    return f"/{parent}{path.stem}/" if use_directory_urls else f"/{parent}{path.stem}.html"


def load_project(config_path: Path) -> Project:
    """The project as MkDocs and the site model see it (`site_model.load_mkdocs_config`:
    the safe YAML reader first, so nothing in the file runs, then MkDocs' own loader)."""
    if not config_path.is_file():
        raise ConfigError(f"{config_path}: config file not found")
    config_path = config_path.resolve()
    try:
        config = load_mkdocs_config(config_path)
        site = from_config(config)
        if site.data_path.is_file():  # a project with words: each language has them all
            site.check()
    except SiteModelError as exc:
        raise ConfigError(str(exc)) from exc
    root = config_path.parent
    docs_dir = Path(config.docs_dir).resolve()
    if not docs_dir.is_relative_to(root):
        raise ConfigError(f"docs_dir {docs_dir} is outside the repository {root}")
    if config.plugins["i18n"].config.docs_structure != "folder":
        raise ConfigError("only the i18n 'folder' docs_structure is supported")
    toc = config.mdx_configs.get("toc") or {}
    slugify = toc.get("slugify", default_slugify)
    if not callable(slugify):
        raise ConfigError("markdown_extensions.toc.slugify is not callable")
    redirects = config.plugins.get("redirects")
    # mkdocs-redirects still uses MkDocs' legacy (dict-like) plugin config.
    redirect_maps = redirects.config["redirect_maps"] if redirects is not None else {}
    exclude = config.exclude_docs
    return Project(
        root=root,
        config_path=config_path,
        docs_dir=docs_dir,
        site=site,
        slugify=slugify,
        separator=str(toc.get("separator", "-")),
        redirects={str(k): str(v) for k, v in (redirect_maps or {}).items()},
        exclude_lines=tuple(str(p.pattern) for p in exclude.patterns if p.pattern)
        if exclude
        else (),
    )


def join_url(base_dir: str, target: str) -> str:
    """Resolve a relative URL path against a directory URL path; keeps a trailing slash."""
    joined = posixpath.normpath(posixpath.join(base_dir, target))
    if target.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return joined
