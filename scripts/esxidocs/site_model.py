"""One model of the site: its languages, the URL and language of a page, the download
paths, and every per-language word the build writes.

Why one module: these facts were written down in many places (hooks, validator, PDF,
offline copy, diagrams, tests), each re-reading `mkdocs.yml` and guessing MkDocs'
defaults. Here they come from MkDocs' own config loader and mkdocs-static-i18n's typed
config (whose `validate()` fills each language's `link`), plus one data file,
`docs/_data/site.yml`, for the words and download paths. Adding a language is data: an
entry in mkdocs.yml's i18n `languages` and one under `languages:` in site.yml.

- Inside a build, `from_config(config)` reads the live, validated `MkDocsConfig`.
- Tools and tests call `load_site(path)`: it checks the file with the validator's safe
  YAML reader first (MkDocs' own loader would run `!!python/object` tags), then loads it
  with `mkdocs.config.load_config`.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from esxidocs.findings import Finding, FindingError
from esxidocs.validator import yamlsafe

DATA_FILE = PurePosixPath("_data/site.yml")
# Words are written into HTML text and attributes by templates that do not escape.
UNSAFE_CHARS = frozenset('<>"')
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkdn", ".mkd"})
# `!!python/name:` may name a function of these packages only (MkDocs would import any).
TRUSTED_MODULES = ("markdown.", "pymdownx.", "material.")


class SiteModelError(FindingError):
    """mkdocs.yml (`config-invalid`) or site.yml (`site-data-invalid`) cannot describe the
    site: a finding at the file and line."""


def _config_error(path: object, message: str) -> SiteModelError:
    return SiteModelError(Finding(str(path), 1, 1, "config-invalid", message))


def _data_error(path: object, line: int, message: str) -> SiteModelError:
    return SiteModelError(Finding(str(path), line, 1, "site-data-invalid", message))


@dataclass(frozen=True)
class Language:
    locale: str
    name: str
    link: str  # absolute path of the language's home: "/" or "/en/"
    default: bool

    @property
    def home(self) -> str:
        """Site-relative folder of the language: "" for the default, "en/" otherwise."""
        return self.link.lstrip("/")


@dataclass(frozen=True)
class SiteModel:
    root: Path  # the folder holding mkdocs.yml
    docs_dir: Path
    site_url: str  # "" when unset; else ends with "/"
    use_directory_urls: bool
    languages: tuple[Language, ...]  # the built ones, default first
    data_path: Path  # docs/_data/site.yml: read when a word or a path is first asked for

    @property
    def _data(self) -> tuple[dict[str, str], dict[str, Any]]:
        # Read again when the file changed (`mkdocs serve`); else from _read_data's cache.
        try:
            mtime = self.data_path.stat().st_mtime_ns
        except OSError as exc:
            raise _data_error(self.data_path, 1, "the site data file is missing") from exc
        return _read_data(self.data_path, mtime, self.locales)

    def check(self) -> None:
        """Read site.yml now: a missing file, word or language raises SiteModelError."""
        self._data  # noqa: B018

    @property
    def artefacts(self) -> Mapping[str, str]:
        return self._data[0]

    @property
    def words(self) -> Mapping[str, Mapping[str, Any]]:
        """locale -> its entry under `languages:` in site.yml."""
        return self._data[1]

    @property
    def locales(self) -> tuple[str, ...]:
        return tuple(lang.locale for lang in self.languages)

    @property
    def default(self) -> Language:
        return self.languages[0]

    def language(self, locale: str) -> Language:
        for lang in self.languages:
            if lang.locale == locale:
                return lang
        raise KeyError(f"{locale!r} is not a built language ({', '.join(self.locales)})")

    def language_of(self, src_uri: str) -> str | None:
        """The language of a source file (`docs_structure: folder`): its first folder."""
        head, sep, _ = src_uri.partition("/")
        return head if sep and head in self.locales else None

    def url_of(self, src_uri: str) -> str:
        """Site-relative URL of a source file as mkdocs-static-i18n publishes it:
        "es/scratch.md" -> "scratch/", "en/index.md" -> "en/", "en/a.png" -> "en/a.png"."""
        locale = self.language_of(src_uri)
        rest = src_uri.split("/", 1)[1] if locale else src_uri
        prefix = self.language(locale).home if locale else ""
        path = PurePosixPath(rest)
        if path.suffix not in MARKDOWN_SUFFIXES:
            return prefix + rest
        folder = "" if path.parent.as_posix() == "." else f"{path.parent.as_posix()}/"
        if path.stem in ("index", "README"):
            return prefix + folder + ("" if self.use_directory_urls else "index.html")
        if self.use_directory_urls:
            return f"{prefix}{folder}{path.stem}/"
        return f"{prefix}{folder}{path.stem}.html"

    def page_language(self, page: Any) -> str:
        """The language of a MkDocs page; the default one for a page outside the folders."""
        return self.language_of(page.file.src_uri) or self.default.locale

    def strings(self, locale: str) -> Mapping[str, Any]:
        return self.words[locale]

    def text(self, locale: str, key: str) -> Any:
        """One word or group, by dotted key: `text("en", "linking.section")`."""
        value: Any = self.words[locale]
        for part in key.split("."):
            value = value[part]
        return value

    def pdf_path(self, locale: str) -> str:
        """Site-relative path of the language's PDF book."""
        return self.artefacts["pdf"].format(home=self.language(locale).home, lang=locale)

    @property
    def offline_path(self) -> str:
        return self.artefacts["offline"]

    def card_path(self, page_url: str) -> str:
        """Site-relative path of a page's link-preview card: "" -> index, "en/" -> en/index."""
        slug = page_url.strip("/")
        if not slug or slug in self.locales:
            slug = f"{slug}/index".lstrip("/")
        return self.artefacts["cards"].format(slug=slug)

    def absolute(self, url: str) -> str:
        """An absolute URL for a site-relative one (site_url + url)."""
        return self.site_url + url if self.site_url else "/" + url


def _i18n_languages(config: MkDocsConfig) -> tuple[Language, ...]:
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise _config_error(config.config_file_path, "the 'i18n' plugin is not configured")
    built = [lang for lang in plugin.config.languages if lang.build]
    if not built:
        raise _config_error(config.config_file_path, "the i18n plugin builds no language")
    found = tuple(
        Language(locale=lang.locale, name=lang.name, link=lang.link, default=bool(lang.default))
        for lang in built
    )
    return tuple(sorted(found, key=lambda lang: not lang.default))


def _missing(reference: Any, entry: Any, prefix: str = "") -> list[str]:
    """Dotted keys the default language has and `entry` lacks."""
    if not isinstance(reference, dict):
        return []
    if not isinstance(entry, dict):
        return [prefix.rstrip(".") or "(the entry)"]
    missing = []
    for key, value in reference.items():
        if key not in entry:
            missing.append(prefix + key)
        else:
            missing.extend(_missing(value, entry[key], f"{prefix}{key}."))
    return missing


def _unsafe_words(value: Any, keys: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], str]]:
    """Words holding a character that could open a tag or leave an attribute: the
    templates and stages write words as text, so none may carry markup."""
    if isinstance(value, str):
        return [(keys, value)] if UNSAFE_CHARS & set(value) else []
    if isinstance(value, dict):
        return [found for k, v in value.items() for found in _unsafe_words(v, (*keys, str(k)))]
    if isinstance(value, list):
        return [found for item in value for found in _unsafe_words(item, keys)]
    return []


def _key_line(node: yaml.Node | None, *path: str) -> int:
    """1-based line of `path` in a composed YAML document, or of the deepest part found."""
    line = 1
    for part in path:
        if not isinstance(node, yaml.MappingNode):
            break
        for key, value in node.value:
            if key.value == part:
                line, node = key.start_mark.line + 1, value
                break
        else:
            break
    return line


@lru_cache(maxsize=8)
def _read_data(path: Path, mtime_ns: int, locales: tuple[str, ...]) -> tuple[dict[str, str], dict]:
    where = path.as_posix()
    try:
        # Refuses anchors and aliases: one alias bomb hung the build and the validator.
        node = yamlsafe.compose(path.read_text(encoding="utf-8"))
        data = yamlsafe.construct(node) if node is not None else None
    except OSError as exc:
        raise _data_error(where, 1, f"cannot read the site data: {exc}") from exc
    except yamlsafe.YamlError as exc:
        line, message = exc.finding.line, exc.finding.message
        raise _data_error(where, line, f"cannot read the site data: {message}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("languages"), dict):
        raise _data_error(where, 1, "needs a 'languages:' mapping")
    artefacts = data.get("artefacts")
    if not isinstance(artefacts, dict) or not {"pdf", "offline", "cards"} <= artefacts.keys():
        raise _data_error(where, 1, "'artefacts' needs 'pdf', 'offline' and 'cards'")
    for key, value in artefacts.items():
        parts = PurePosixPath(str(value)).parts
        if not parts or parts[0] == "/" or ".." in parts or "\\" in str(value):
            line = _key_line(node, "artefacts", str(key))
            raise _data_error(where, line, f"artefacts.{key}: a path inside the site, no '..'")
    words: dict[str, Any] = data["languages"]
    for locale in locales:
        for keys, text in _unsafe_words(words.get(locale)):
            line = _key_line(node, "languages", locale, *keys)
            raise _data_error(
                where,
                line,
                f'{".".join([locale, *keys])}: plain text only, no <, > or " ({text!r})',
            )
    reference = words.get(locales[0])
    if reference is None:
        line = _key_line(node, "languages")
        raise _data_error(where, line, f"no entry for the default language {locales[0]}")
    for locale in locales[1:]:
        if locale not in words:
            line = _key_line(node, "languages")
            raise _data_error(where, line, f"no entry for the language {locale}")
        missing = _missing(reference, words[locale])
        if missing:
            line = _key_line(node, "languages", locale)
            raise _data_error(
                where, line, f"{locale} lacks {', '.join(missing)} (the default has them)"
            )
    return {k: str(v) for k, v in artefacts.items()}, {k: words[k] for k in locales}


def from_config(config: MkDocsConfig) -> SiteModel:
    """The model of the site a loaded MkDocs configuration describes (one per setting:
    the stages ask for it on every page)."""
    site_url = str(config.site_url or "")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    return _model(
        str(config.config_file_path or "mkdocs.yml"),
        str(config.docs_dir),
        site_url,
        bool(config.use_directory_urls),
        _i18n_languages(config),
    )


@lru_cache(maxsize=16)
def _model(
    config_file: str,
    docs_dir: str,
    site_url: str,
    use_directory_urls: bool,
    languages: tuple[Language, ...],
) -> SiteModel:
    return SiteModel(
        root=Path(config_file).resolve().parent,
        docs_dir=Path(docs_dir),
        site_url=site_url,
        use_directory_urls=use_directory_urls,
        languages=languages,
        data_path=Path(docs_dir) / DATA_FILE,
    )


def _python_names(value: Any) -> list[str]:
    from esxidocs.validator.yamlsafe import PythonName

    if isinstance(value, PythonName):
        return [str(value)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _python_names(v)]
    if isinstance(value, list):
        return [n for v in value for n in _python_names(v)]
    return []


def load_site(config_file: Path = Path("mkdocs.yml")) -> SiteModel:
    """The site model of a project, from its `mkdocs.yml` (checked by the safe reader first)."""
    site = from_config(load_mkdocs_config(config_file))
    site.check()
    return site


def load_mkdocs_config(config_file: Path) -> MkDocsConfig:
    """MkDocs' own, validated configuration, once the safe reader accepted the file."""
    from mkdocs.config import load_config

    from esxidocs.validator.yamlsafe import ConfigYamlError
    from esxidocs.validator.yamlsafe import load_config as safe_load

    try:
        raw = safe_load(config_file)  # refuses what only an unsafe YAML loader would run
    except ConfigYamlError as exc:
        raise SiteModelError(exc.finding) from exc
    for name in _python_names(raw):
        if not name.startswith(TRUSTED_MODULES):
            raise _config_error(config_file, f"!!python/name:{name} is not allowed")
    # MkDocs logs what is wrong and raises a bare "Aborted": keep the logged reasons.
    reasons = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(reasons)
    try:
        return load_config(config_file=str(config_file))
    except Exception as exc:  # MkDocs' ConfigurationError, Abort, plugin errors
        raise _config_error(config_file, "; ".join(reasons.messages) or str(exc)) from exc
    finally:
        logger.removeHandler(reasons)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
