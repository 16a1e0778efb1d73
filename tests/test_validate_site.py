"""The built-site check, on a small hand-written site with one problem of each kind."""

from __future__ import annotations

from pathlib import Path

from esxidocs.validator.project import load_project
from esxidocs.validator.site import check_site
from support import FIXTURES, make_project

SITE = FIXTURES / "site"


def _site_problems(tmp_path: Path) -> set[tuple[str, int, str]]:
    project = load_project(make_project(tmp_path) / "mkdocs.yml")
    problems, checked = check_site(project, SITE, jobs=1)
    assert checked == 5  # three pages, the stylesheet and the sitemap
    root = str(SITE)
    return {(p.path.replace(root + "/", ""), p.line, p.code) for p in problems}


def test_each_problem_found_and_twins_clean(tmp_path: Path) -> None:
    assert _site_problems(tmp_path) == {
        ("en/index.html", 4, "site-canonical"),  # another origin
        ("en/index.html", 5, "site-hreflang"),  # alternate does not exist
        ("en/index.html", 6, "site-third-party"),  # script from a CDN
        ("en/index.html", 6, "html-active"),  # and not one of the theme's (raw_html.py)
        ("en/index.html", 9, "site-anchor"),  # ../page/#unoo
        ("en/index.html", 10, "site-link"),  # ../nope/
        ("en/index.html", 11, "site-link"),  # srcset candidate missing
        ("en/index.html", 12, "site-third-party"),  # inline style url()
        ("en/index.html", 12, "html-style"),  # a style that fetches
        ("en/index.html", 13, "site-link"),  # above the site root
        ("page/index.html", 4, "site-link"),  # meta refresh to a missing page
        ("page/index.html", 4, "html-active"),  # meta http-equiv, not a configured redirect
        ("assets/style.css", 2, "site-third-party"),  # remote @import
        ("sitemap.xml", 6, "site-sitemap"),  # removed page
        ("sitemap.xml", 7, "site-sitemap"),  # another origin
    }


def test_suggestions_and_messages(tmp_path: Path) -> None:
    project = load_project(make_project(tmp_path) / "mkdocs.yml")
    problems, _ = check_site(project, SITE, jobs=1)
    anchor = next(p for p in problems if p.code == "site-anchor")
    assert anchor.suggestion == "uno"
    assert anchor.text == "../page/#unoo: no id 'unoo' in page/index.html; did you mean 'uno'?"


def test_parallel_and_serial_agree(tmp_path: Path) -> None:
    from esxidocs.validator import site

    project = load_project(make_project(tmp_path) / "mkdocs.yml")
    serial, _ = check_site(project, SITE, jobs=1)
    old = site._PARALLEL_FROM
    site._PARALLEL_FROM = 1
    try:
        parallel, _ = check_site(project, SITE, jobs=2)
    finally:
        site._PARALLEL_FROM = old
    assert sorted(serial) == sorted(parallel)
