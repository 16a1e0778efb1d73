"""What a newcomer does first, and what a site owner expects to find.

- `make test` on a fresh machine checks the system packages first: as root it installs
  them, otherwise it stops at once with the one command to run (Makefile, system-check).
- A plain `pip install -r requirements.txt && mkdocs build` works (nothing the build
  imports is a dev-only dependency) and its site, which has no PDF or ZIP, links to
  neither and passes the validator.
- One root 404.html for both languages; an edit link and a last-updated date (from git)
  on every page, in its language; attribution and licences on the site and the PDF cover.

The plain build is made once for the module, the way a newcomer runs it: `mkdocs build`
of the real config, without esxidocs/build.py (so without ESXI_ARTEFACTS).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from babel.dates import format_date
from bs4 import BeautifulSoup
from conftest import (
    DEFAULT_LANG,
    LANGUAGES,
    PAGE_KEYS,
    ROOT,
    built_html,
    page_id,
    read_page,
)
from support import cli as validate_cli

ARTICLE = "Algunas diferencias entre VMware vSphere ESX y ESXi 5"
# Runs `mkdocs build` and records, at exit, every module the build imported.
BUILD_AND_RECORD = """
import atexit, json, sys
record, site = sys.argv[1], sys.argv[2]
atexit.register(lambda: open(record, "w").write(json.dumps(sorted(sys.modules))))
from mkdocs.__main__ import cli
cli.main(args=["build", "--strict", "--site-dir", site], prog_name="mkdocs")
"""


@dataclass(frozen=True)
class PlainBuild:
    site: Path
    modules: list[str]  # every module imported while building


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> PlainBuild:
    tmp = tmp_path_factory.mktemp("plain")
    record, site = tmp / "modules.json", tmp / "site"
    env = {k: v for k, v in os.environ.items() if k not in ("ESXI_ARTEFACTS", "OFFLINE")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", BUILD_AND_RECORD, str(record), str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return PlainBuild(site, json.loads(record.read_text(encoding="utf-8")))


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _locked(requirements: Path) -> set[str]:
    names = re.findall(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==", requirements.read_text(), re.M)
    return {_normalized(name) for name in names}


def test_a_plain_build_needs_only_the_runtime_requirements(plain: PlainBuild) -> None:
    """`pip install -r requirements.txt && pip install -e . && mkdocs build`: lxml
    (BeautifulSoup's "xml" parser in the diagrams stage) and pyromark (the confinement
    stage) used to be dev-only."""
    from importlib.metadata import packages_distributions

    owners = packages_distributions()
    imported = {
        _normalized(dist)
        for module in plain.modules
        if (top := module.split(".")[0]) not in sys.stdlib_module_names
        and top != "_distutils_hack"  # setuptools' start-up shim, not imported by the build
        for dist in owners.get(top, [])
    }
    assert imported, "no third-party module recorded"
    # The project's own package is installed from the repository itself (pyproject.toml).
    missing = sorted(imported - _locked(ROOT / "requirements.txt") - {"esxidocs"})
    assert not missing, f"imported by `mkdocs build` but not in requirements.txt: {missing}"


def test_a_plain_build_links_to_no_pdf_or_zip_and_validates(plain: PlainBuild) -> None:
    dead = [
        f"{page.relative_to(plain.site)}: {a['href']}"
        for page in sorted(plain.site.rglob("*.html"))
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("a[href]")
        if str(a["href"]).split("#")[0].endswith((".pdf", ".zip"))
    ]
    assert not dead, dead
    for lang in LANGUAGES:
        soup = built_html(plain.site, read_page(lang, "linking.md").url)
        downloads = soup.find(id="downloads")
        assert downloads is not None
        note = downloads.find_next_sibling("p")
        assert note is not None and "make build" in note.get_text(), note
    result = validate_cli("--site-dir", str(plain.site))
    errors = [line for line in result.stdout.splitlines() if ": error[" in line]
    assert result.returncode == 0 and not errors, "\n".join(errors) or result.stderr


def test_the_root_404_is_spanish_with_english_beside_it(plain: PlainBuild) -> None:
    assert not (plain.site / "en" / "404.html").exists()
    soup = BeautifulSoup((plain.site / "404.html").read_text(encoding="utf-8"), "html.parser")
    html = soup.find("html")
    assert html is not None and html["lang"] == DEFAULT_LANG
    blocks = soup.select("article section.not-found")
    assert [block["lang"] for block in blocks] == LANGUAGES  # Spanish first
    homes = {"es": "/", "en": "/en/"}
    for block in blocks:
        home = homes[str(block["lang"])]
        hrefs = [a["href"] for a in block.select("a[href]")]
        assert hrefs == [home, home + "?q="], hrefs
    # The language selector leads to the homes, never to the last page rendered.
    selector = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
    assert selector == homes
    assert all(a["href"] in homes.values() for a in soup.select("link[rel=alternate]"))


def _last_commit(path: Path) -> int | None:
    out = subprocess.run(
        ["git", "log", "-1", "--format=%at", "--", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return int(out) if out else None


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_every_page_has_its_edit_link_and_its_last_commit_date(
    plain: PlainBuild, key: tuple[str, str]
) -> None:
    lang, name = key
    page = read_page(lang, name)
    soup = built_html(plain.site, page.url)
    edit = soup.select_one("article a.md-content__button[rel=edit]")
    assert edit is not None, f"{page.path}: no edit link"
    assert str(edit["href"]).endswith(f"/edit/main/docs/{lang}/{name}"), edit["href"]
    when = soup.select_one("aside.md-source-file time[datetime]")
    committed = _last_commit(page.path)
    if committed is None:  # not committed yet: no date rather than the build's clock
        assert when is None, when
        return
    assert when is not None, f"{page.path}: no last-updated date"
    day = datetime.fromtimestamp(committed, UTC).date()
    assert when["datetime"] == day.isoformat()
    assert when.get_text() == format_date(day, format="long", locale=lang)


def test_a_page_no_commit_dates_gets_no_date(tmp_path: Path) -> None:
    """A page git knows nothing of (a copy without .git) shows no date, not the build's
    clock, which would make every build differ; a committed one shows its commit's day."""
    from types import SimpleNamespace

    from esxidocs.git_history import Commit
    from esxidocs.stages import page_source

    page_file = tmp_path / "es" / "index.md"
    page_file.parent.mkdir()
    page_file.write_text("# T\n", encoding="utf-8")
    config = {"docs_dir": str(tmp_path)}
    page_source.on_pre_build(config)  # tmp_path is no repository
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(page_file)), meta={})
    page_source.on_page_context({}, page, config, None)
    assert page.meta == {}
    day = page_source.last_updated(Commit("abc123", 1767225600), "es")
    assert day == '<time datetime="2026-01-01">1 de enero de 2026</time>'


def test_the_repository_link_asks_no_third_party(plain: PlainBuild) -> None:
    """Material's source widget fetches GitHub's API; the link stays without it."""
    for page in (plain.site / "index.html", plain.site / "en" / "index.html"):
        text = page.read_text(encoding="utf-8")
        assert 'class="md-source"' in text
        assert 'data-md-component="source"' not in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_footer_and_pdf_cover_credit_the_article_and_the_licences(
    plain: PlainBuild, lang: str
) -> None:
    soup = built_html(plain.site, read_page(lang, "index.md").url)
    footer = soup.select_one(".md-copyright__highlight")
    assert footer is not None
    text = " ".join(footer.get_text().split())
    assert ARTICLE in text and "CC BY 4.0" in text and "MIT" in text, text
    from esxidocs.pdfbook.settings import load_settings

    book = next(b for b in load_settings(ROOT / "mkdocs.yml") if b.lang == lang)
    assert book.copyright == text  # the PDF cover prints the same line


def test_licences_and_dependency_updates_are_declared() -> None:
    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    statement = " ".join((ROOT / "LICENSE-TEXT").read_text(encoding="utf-8").split())
    assert "CC BY 4.0" in statement and ARTICLE in statement
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {update["package-ecosystem"] for update in config["updates"]}
    assert ecosystems == {"pip", "npm", "github-actions"}


def _make(tmp_path: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    """`make` as a user who is not root (an `id` that says 1000), for the system check."""
    fake = tmp_path / "bin"
    fake.mkdir(exist_ok=True)
    (fake / "id").write_text("#!/bin/sh\necho 1000\n")
    (fake / "id").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    env["PATH"] = f"{fake}:{os.environ['PATH']}"
    start = time.monotonic()
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return result, time.monotonic() - start


def test_make_test_stops_at_once_with_the_command_when_packages_are_missing(
    tmp_path: Path,
) -> None:
    result, seconds = _make(tmp_path, "test", "DEBIAN_PACKAGES=git h10-no-such-package")
    assert result.returncode != 0
    missing = re.search(r"missing Debian packages: (.*)", result.stderr)
    assert missing and missing.group(1).split() == ["h10-no-such-package"], result.stderr
    assert "sudo make system-deps" in result.stderr
    assert "ruff" not in result.stdout + result.stderr  # nothing after the check ran
    assert seconds < 5


def test_the_system_check_is_fast_when_everything_is_installed(tmp_path: Path) -> None:
    result, seconds = _make(tmp_path, "system-check")
    assert result.returncode == 0, result.stderr
    assert seconds < 2


def test_ci_runs_the_readme_test_command() -> None:
    commands = [
        line.strip()
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith(("#", " ", "fi", "if", "set", "cd"))
    ]
    assert commands[-1] == "make test"
    assert "make test    #" in (ROOT / "README.md").read_text(encoding="utf-8")
