"""Shared fixtures: the project's config, its pages, and one strict build per test session."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from esxidocs.site_model import from_config, load_mkdocs_config
from filelock import FileLock
from mkdocs.config.defaults import MkDocsConfig

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


@dataclass(frozen=True)
class Page:
    """One Markdown page of one language, split into front matter and body."""

    lang: str
    name: str  # file name relative to docs/<lang>/, e.g. "scratch.md"
    path: Path
    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line of the file where the body starts

    @property
    def url(self) -> str:
        """Site-relative directory URL, e.g. "en/scratch/" or "" for the Spanish home."""
        return SITE.url_of(f"{self.lang}/{self.name}")


# The project's configuration as MkDocs validates it, and the site model derived from it:
# the tests read languages, URLs and words where the build does (esxidocs/site_model.py).
CONFIG: MkDocsConfig = load_mkdocs_config(ROOT / "mkdocs.yml")
SITE = from_config(CONFIG)
LANGUAGES = list(SITE.locales)
DEFAULT_LANG = SITE.default.locale
NAV = [e if isinstance(e, str) else next(iter(e.values())) for e in CONFIG.nav or []]


def mkdocs_config(docs_dir: Path | None = None) -> MkDocsConfig:
    """The loaded configuration for a stage called directly, optionally on another docs/."""
    config = copy.copy(CONFIG)
    if docs_dir is not None:
        config["docs_dir"] = str(docs_dir)
    return config


def read_page(lang: str, name: str) -> Page:
    path = DOCS / lang / name
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{path}:1: no front matter block"
    end = text.index("\n---\n", 4)
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 2
        pytest.fail(f"{path}:{line}: front matter is not valid YAML: {exc}")
    body_line = text[: end + 5].count("\n") + 1
    return Page(lang, name, path, meta, text[end + 5 :], body_line)


PAGE_KEYS = [(lang, name) for lang in LANGUAGES for name in NAV]


# Each built page as parsed, with its markup then: (file, mtime, size) -> (tree, markup).
_PARSED: dict[tuple[Path, int, int], tuple[BeautifulSoup, str]] = {}


def built_html(site: Path, url: str) -> BeautifulSoup:
    """The built page served at `url` (a page's `.url`, relative to the site root).

    Parsed once a run and shared: some 300 checks read about 50 pages, at 30 ms a parse
    (test_site.py spent 8 of its 9 CPU seconds parsing the same pages again). Read it,
    never change it: a test that edits the tree works on a `copy.copy()` of it, and
    `shared_pages_stay_as_parsed` fails the run if one did not."""
    path = site / url / "index.html"
    info = path.stat()
    key = (path, info.st_mtime_ns, info.st_size)  # a site rebuilt at the same path: parsed again
    if key not in _PARSED:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        _PARSED[key] = soup, str(soup)
    return _PARSED[key][0]


@pytest.fixture(scope="session", autouse=True)
def shared_pages_stay_as_parsed() -> Iterator[None]:
    """After the run: no test changed a page `built_html` shares."""
    yield
    changed = [str(path) for (path, *_), (soup, markup) in _PARSED.items() if str(soup) != markup]
    more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
    assert not changed, f"a test changed the shared parse of {changed[0]}{more}: copy it first"


def page_texts(pdf: Path, raw: bool = False) -> list[str]:
    """Each page's text, by poppler's pdftotext (pages end with a form feed): a tenth of
    the time pypdf's extract_text takes. `raw`: in the order the page draws it, each line
    as printed; by default poppler joins a word broken after a hyphen at a line's end as
    if hyphenated, which drops the hyphen of a URL ("…-in-" then "vmware…")."""
    assert shutil.which("pdftotext"), "no pdftotext: run `make system-deps` (poppler-utils)"
    command = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(pdf), "-"]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return done.stdout.split("\f")[:-1]


def page_id(key: tuple[str, str]) -> str:
    return "/".join(key)


def copy_project(dest: Path) -> Path:
    """A copy of what a build reads, for tests that break or move things."""
    dest.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "scripts"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / name)
    return dest


# What `make test-fast` leaves out (markers registered in pyproject.toml). A test is `slow`
# when it uses the session build (directly or through another fixture), uses a fixture that
# builds a site of its own, is in a module whose tests all build, or builds in its body.
SLOW_FIXTURES = {"built_site", "plain"}  # plain: test_newcomer.py's `mkdocs build`
SLOW_MODULES = {"test_build.py", "test_confinement.py"}
SLOW_TESTS = {
    "test_build_of_a_page_under_every_limit_is_fast_and_one_over_is_refused",  # test_limits
    "test_moving_a_page_needs_a_redirect_and_the_old_url_lands_on_the_new_page",  # linking
}
BROWSER_TESTS = ROOT / "tests" / "browser"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
        name = getattr(item, "originalname", item.name)
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & SLOW_FIXTURES or item.path.name in SLOW_MODULES or name in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: rank(item.nodeid))  # stable: otherwise collection order


# `make test` runs two pytest-xdist workers. Each runs whole modules, so a module's own
# build or session fixture (test_build.py's project, the PDF readers) is made once; the two
# modules that share the browser survey of every page (about 40 s) go to the same worker.
# (xdist's --dist loadgroup cannot do this: with pytest 9 it ignores its groups.)
WORKER_GROUP = {"tests/browser/test_clean_loads.py": "tests/browser/test_accessibility.py"}
# The longest groups run first. One worker starts with the survey, which waits for the
# session build; meanwhile the other runs the modules that build projects of their own
# (third language, confinement), so neither core waits for the build; test_build.py and
# test_pdf.py, which need it, come after. Then the longest of `make test-fast` (2 to 5 s
# each, subprocesses and hypothesis), so that its two workers end together.
FIRST = [
    "tests/browser/test_accessibility.py",
    "tests/test_third_language.py",
    "tests/test_confinement.py",
    "tests/test_build.py",
    "tests/test_pdf.py",
    "tests/test_validate_properties.py",
    "tests/test_validate_external.py",
    "tests/test_validate_parity_permalinks.py",
    "tests/test_build_safety.py",
    "tests/test_diagrams.py",
    "tests/test_limits.py",
]


def worker_group(nodeid: str) -> str:
    module = nodeid.partition("::")[0]
    return WORKER_GROUP.get(module, module)


def rank(nodeid: str) -> int:
    group = worker_group(nodeid)
    return FIRST.index(group) if group in FIRST else len(FIRST)


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Whole modules (grouped by worker_group) to a worker, in collection order."""
    config.option.loadscopereorder = False  # xdist would put the modules with most tests first
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class ByModule(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return worker_group(nodeid)

    return ByModule(config, log)


# Every build a test makes: a fixed date, so a copy's build can be compared byte for byte
# with the session's (tests/test_build.py).
# The build cache is each build's own: the project's (or its copy's) .cache/ unless set.
BUILD_ENV = {key: value for key, value in os.environ.items() if key != "ESXIDOCS_CACHE_DIR"}
BUILD_ENV |= {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}


def build_log(site: Path) -> Path:
    """Where `build_site` keeps what the build printed."""
    return site.with_name(site.name + ".log")


def build_cache_of(site: Path) -> Path:
    """The build cache (esxidocs/build_cache.py) `build_site` gives the build of `site`:
    empty at first, so the session build makes everything afresh."""
    return site.with_name(site.name + ".cache")


def build_site(site: Path) -> str:
    """`esxidocs build` into `site`, its output kept in build_log(site); what it printed
    if it failed, else ""."""
    result = subprocess.run(
        [sys.executable, "-m", "esxidocs", "build", "--site-dir", str(site)],
        cwd=ROOT,
        env={**BUILD_ENV, "ESXIDOCS_CACHE_DIR": str(build_cache_of(site))},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    build_log(site).write_text(result.stdout, encoding="utf-8")
    if result.returncode:
        return result.stdout or f"esxidocs build exited with {result.returncode}"
    return ""


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Path:
    """The site built once, strictly, by the same script as `make build`.

    Under pytest-xdist every worker asks for it: the first builds it into the run's shared
    temporary folder while holding a file lock, the others wait and reuse it (or its error),
    so a run makes one build however many workers it has."""
    if worker_id == "master":  # no xdist, or -n 0
        site = tmp_path_factory.mktemp("build") / "site"
        error = build_site(site)
        assert not error, error
        return site
    shared = tmp_path_factory.getbasetemp().parent  # one per run, above each worker's folder
    site, errors = shared / "built-site", shared / "built-site.errors"  # errors: "" if built
    with FileLock(shared / "built-site.lock"):
        if not errors.is_file():
            errors.write_text(build_site(site), encoding="utf-8")
    error = errors.read_text(encoding="utf-8")
    assert not error, error
    return site
