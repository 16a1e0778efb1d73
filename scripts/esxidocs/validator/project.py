"""What the validator needs to know from `mkdocs.yml`, and the URL of every source file."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import pathspec
from markdown.extensions.toc import slugify as default_slugify

from .yamlsafe import ConfigYamlError, PythonName, load_config, resolve_name

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd"})
# MkDocs never builds dot-files or the theme's template folder.
_MKDOCS_DEFAULT_EXCLUDE = (".*", "/templates/")
# Where a `!!python/name:` slugify may come from: the validator imports nothing else.
SLUGIFY_MODULES = ("markdown.extensions.toc", "pymdownx.slugs")


class ConfigError(Exception):
    """The configuration cannot be used: exit status 2."""


@dataclass(frozen=True)
class Project:
    root: Path  # the repository: the folder holding the config file
    config_path: Path
    docs_dir: Path
    languages: tuple[str, ...]  # the default language first
    site_url: str | None
    use_directory_urls: bool
    slugify: Callable[[str, str], str]
    separator: str
    redirects: dict[str, str]  # old source path -> target source path or URL
    exclude_lines: tuple[str, ...] = ()
    _spec: pathspec.GitIgnoreSpec = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        lines = [*_MKDOCS_DEFAULT_EXCLUDE, *self.exclude_lines]
        object.__setattr__(self, "_spec", pathspec.GitIgnoreSpec.from_lines(lines))

    @property
    def default_language(self) -> str:
        return self.languages[0]

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
        head = docs_rel.split("/", 1)[0]
        return head if head in self.languages and "/" in docs_rel else None

    def url_of(self, docs_rel: str) -> str:
        """Site-root-relative URL of a source file, as mkdocs-static-i18n publishes it."""
        lang = self.language_of(docs_rel)
        rest = docs_rel.split("/", 1)[1] if lang else docs_rel
        prefix = "" if lang in (None, self.default_language) else f"/{lang}"
        path = PurePosixPath(rest)
        if path.suffix not in MARKDOWN_SUFFIXES:
            return f"{prefix}/{rest}"
        stem_dir = path.parent.as_posix()
        stem_dir = "" if stem_dir == "." else f"{stem_dir}/"
        if path.stem in ("index", "README"):
            return (
                f"{prefix}/{stem_dir}"
                if self.use_directory_urls
                else f"{prefix}/{stem_dir}index.html"
            )
        if self.use_directory_urls:
            return f"{prefix}/{stem_dir}{path.stem}/"
        return f"{prefix}/{stem_dir}{path.stem}.html"

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


def _plugin_config(plugins: Any, name: str) -> dict[str, Any] | None:
    for entry in plugins or ():
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            value = entry[name]
            return value if isinstance(value, dict) else {}
    return None


def _toc_config(extensions: Any) -> dict[str, Any]:
    for entry in extensions or ():
        if isinstance(entry, dict):
            for name, value in entry.items():
                if name in ("toc", "markdown.extensions.toc"):
                    return value if isinstance(value, dict) else {}
    return {}


def _languages(i18n: dict[str, Any]) -> tuple[str, ...]:
    found: list[str] = []
    default: str | None = None
    for lang in i18n.get("languages") or ():
        if not isinstance(lang, dict) or not isinstance(lang.get("locale"), str):
            raise ConfigError("every i18n language needs a 'locale'")
        if lang.get("build", True) is False:
            continue
        found.append(lang["locale"])
        if lang.get("default") and default is None:
            default = lang["locale"]
    if not found:
        raise ConfigError("the i18n plugin lists no languages")
    default = default or found[0]
    return (default, *[lang for lang in found if lang != default])


def load_project(config_path: Path) -> Project:
    """Read `mkdocs.yml` safely (`yamlsafe.load_config`: `!ENV`, `!relative`, `INHERIT`)."""
    if not config_path.is_file():
        raise ConfigError(f"{config_path}: config file not found")
    config_path = config_path.resolve()
    try:
        raw = load_config(config_path)
    except ConfigYamlError as exc:
        raise ConfigError(str(exc)) from exc
    if not isinstance(raw, dict):
        raise ConfigError(f"{config_path}: not a YAML mapping")
    root = config_path.parent
    docs_dir = (root / str(raw.get("docs_dir", "docs"))).resolve()
    if not docs_dir.is_relative_to(root):
        raise ConfigError(f"docs_dir {docs_dir} is outside the repository {root}")
    if not docs_dir.is_dir():
        raise ConfigError(f"docs_dir {docs_dir} does not exist")
    i18n = _plugin_config(raw.get("plugins"), "i18n")
    if i18n is None:
        raise ConfigError("the mkdocs-static-i18n plugin ('i18n') is not configured")
    if i18n.get("docs_structure", "suffix") != "folder":
        raise ConfigError("only the i18n 'folder' docs_structure is supported")
    toc = _toc_config(raw.get("markdown_extensions"))
    slugify = toc.get("slugify", default_slugify)
    if isinstance(slugify, PythonName):
        try:
            slugify = resolve_name(slugify, SLUGIFY_MODULES)
        except (ConfigYamlError, ImportError, AttributeError) as exc:
            raise ConfigError(f"{config_path}: markdown_extensions.toc.slugify: {exc}") from exc
    if not callable(slugify):
        raise ConfigError("markdown_extensions.toc.slugify is not callable")
    redirects_cfg = _plugin_config(raw.get("plugins"), "redirects") or {}
    redirect_maps = redirects_cfg.get("redirect_maps") or {}
    if not isinstance(redirect_maps, dict):
        raise ConfigError("redirects.redirect_maps must be a mapping")
    exclude = raw.get("exclude_docs") or ""
    site_url = raw.get("site_url")
    return Project(
        root=root,
        config_path=config_path,
        docs_dir=docs_dir,
        languages=_languages(i18n),
        site_url=str(site_url) if site_url else None,
        use_directory_urls=bool(raw.get("use_directory_urls", True)),
        slugify=slugify,
        separator=str(toc.get("separator", "-")),
        redirects={str(k): str(v) for k, v in redirect_maps.items()},
        exclude_lines=tuple(str(exclude).splitlines()),
    )


def join_url(base_dir: str, target: str) -> str:
    """Resolve a relative URL path against a directory URL path; keeps a trailing slash."""
    joined = posixpath.normpath(posixpath.join(base_dir, target))
    if target.endswith("/") and not joined.endswith("/"):
        joined += "/"
    return joined
