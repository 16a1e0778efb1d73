"""The Markdown sources in docs/<lang>/: same pages, valid front matter, stable anchors."""

from __future__ import annotations

import re

import pytest
from conftest import DOCS, LANGUAGES, NAV, PAGE_KEYS, Page, page_id, read_page
from esxidocs.frontmatter import ARTICLE_PARTS, problems

HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
EXPLICIT_ID = re.compile(r"\{\s*#([A-Za-z0-9_-]+)[^}]*\}$")
FENCE = re.compile(r"^\s*(```|~~~)")
ADMONITION = re.compile(r'^!!!\s+([\w-]+)(?:\s+"([^"]*)")?', re.M)


def headings(page: Page) -> list[tuple[int, int, str]]:
    """(line, level, text) of each ATX heading outside fenced code."""
    found, fenced = [], False
    for offset, line in enumerate(page.body.splitlines()):
        if FENCE.match(line):
            fenced = not fenced
            continue
        match = None if fenced else HEADING.match(line)
        if match:
            found.append((page.body_line + offset, len(match.group(1)), match.group(2)))
    return found


def heading_ids(page: Page) -> list[str]:
    ids = []
    for _, level, text in headings(page):
        match = EXPLICIT_ID.search(text)
        if level >= 2 and match:
            ids.append(match.group(1))
    return ids


def test_every_language_has_exactly_the_nav_pages() -> None:
    for lang in LANGUAGES:
        on_disk = sorted(p.name for p in (DOCS / lang).glob("*.md"))
        assert on_disk == sorted(NAV), f"docs/{lang}/ pages differ from the nav in mkdocs.yml"


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_front_matter_is_valid(key: tuple[str, str]) -> None:
    page = read_page(*key)
    assert problems(page.meta) == [], f"{page.path}:2: {problems(page.meta)}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_part_of_the_article_is_developed(lang: str) -> None:
    covered = {str(read_page(lang, name).meta["article"]) for name in NAV}
    missing = [part for part in ARTICLE_PARTS if part not in covered]
    assert missing == [], f"no {lang} page develops article part(s) {missing}"


@pytest.mark.parametrize("name", NAV)
def test_translations_develop_the_same_article_part(name: str) -> None:
    parts = {lang: str(read_page(lang, name).meta["article"]) for lang in LANGUAGES}
    assert len(set(parts.values())) == 1, f"{name}: {parts}"


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_one_h1_equal_to_the_title(key: tuple[str, str]) -> None:
    page = read_page(*key)
    h1 = [text for _, level, text in headings(page) if level == 1]
    assert h1 == [page.meta["title"]], f"{page.path}: H1 {h1} vs title {page.meta['title']!r}"


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_every_subheading_has_an_explicit_ascii_id(key: tuple[str, str]) -> None:
    page = read_page(*key)
    missing = [
        f"{page.path}:{line}: {text}"
        for line, level, text in headings(page)
        if level >= 2 and not EXPLICIT_ID.search(text)
    ]
    assert missing == []
    ids = heading_ids(page)
    assert len(ids) == len(set(ids)), f"{page.path}: duplicate heading ids {ids}"
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids), ids


@pytest.mark.parametrize("name", NAV)
def test_translations_have_the_same_admonitions(name: str) -> None:
    kinds = {lang: ADMONITION.findall(read_page(lang, name).body) for lang in LANGUAGES}
    types = {lang: [kind for kind, _ in found] for lang, found in kinds.items()}
    assert len({tuple(t) for t in types.values()}) == 1, f"{name}: {types}"


FACT_CHECK_TITLES = {"es": "Precisión", "en": "Fact check"}
SOURCE_NAMED = re.compile(r"\bKB\s?\d{7}\b|vSphere|VMware|Fuente|Source", re.I)


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_fact_checks_are_titled_and_name_a_source(key: tuple[str, str]) -> None:
    page = read_page(*key)
    blocks = re.split(r"^!!!", page.body, flags=re.M)[1:]
    for block in blocks:
        if not block.lstrip().startswith("fact-check"):
            continue
        title = re.match(r'\s*fact-check\s+"([^"]*)"', block)
        assert title and title.group(1).startswith(FACT_CHECK_TITLES[page.lang]), block[:80]
        body = block.split("\n\n", 1)[-1]
        assert SOURCE_NAMED.search(body), f"{page.path}: fact-check names no source: {block[:120]}"


def test_the_article_is_fact_checked_where_it_is_loose() -> None:
    """Every loose point of the facts sheet gets a fact-check on its page."""
    expected = [
        "footprint.md",
        "vmkernel-extensions.md",
        "agents.md",
        "scratch.md",
        "boot-banks.md",
        "auto-deploy.md",
    ]
    for lang in LANGUAGES:
        for name in expected:
            body = read_page(lang, name).body
            assert "!!! fact-check" in body, f"docs/{lang}/{name} has no fact-check"
