"""Sources as data: `docs/_data/sources.yml`, the `[@id]` citations that use it, the
generated sources page, the validator's citation checks, and no corrected wrong title left.
"""

from __future__ import annotations

import importlib
import re
from itertools import takewhile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from conftest import (
    DOCS,
    LANGUAGES,
    PAGE_KEYS,
    SITE,
    mkdocs_config,
    page_id,
    page_texts,
    read_page,
)
from esxidocs import after_search
from esxidocs.sources_data import Source, check_sources, find_markers, load_sources, position
from esxidocs.validator.citation_scan import fact_check_notes
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from support import make_project, refresh_permalinks, validate, write

DATA = DOCS / "_data" / "sources.yml"
SOURCES = load_sources(DATA, LANGUAGES)
hook = importlib.import_module("esxidocs.stages.citations")


def markers(key: tuple[str, str]) -> list[tuple[int, str]]:
    """(file line, id) of every citation in a page's body."""
    page = read_page(*key)
    found = []
    for marker in find_markers(page.body):
        line, _ = position(page.body, marker.start)
        found += [(page.body_line + line - 1, cid) for cid in marker.ids]
    return found


# ---- the data -------------------------------------------------------------------------


def test_every_record_is_complete() -> None:
    """What a reader needs to open each source, and what a reviewer needs to trust it."""
    assert len(SOURCES) >= 20
    for source in SOURCES.values():
        where = f"{DATA}:{source.line}"
        assert source.title and source.confirmed, where
        assert set(source.supports) == set(LANGUAGES), where
        if source.kind != "original":
            assert source.url and source.url.startswith("https://"), where
            assert source.publisher, where


SCHEMA_ERRORS = {
    "missing title": (
        "- id: a\n  publisher: P\n  url: https://example.org/a\n  kind: kb\n"
        "  supports: {es: x, en: y}\n  confirmed: c\n",
        1,
        "missing required field 'title'",
    ),
    "duplicate id": (
        "- id: a\n  title: T\n  publisher: P\n  url: https://example.org/a\n  kind: kb\n"
        "  supports: {es: x, en: y}\n  confirmed: c\n"
        "- id: a\n  title: U\n  publisher: P\n  url: https://example.org/b\n  kind: kb\n"
        "  supports: {es: x, en: y}\n  confirmed: c\n",
        8,
        "duplicate id 'a' (first at line 1)",
    ),
    "URL without a scheme": (
        "- id: a\n  title: T\n  publisher: P\n  url: kb.vmware.com/s/article/1\n  kind: kb\n"
        "  supports: {es: x, en: y}\n  confirmed: c\n",
        1,
        "must start with https://",
    ),
    "ftp URL": (
        "- id: a\n  title: T\n  publisher: P\n  url: ftp://example.org/a\n  kind: kb\n"
        "  supports: {es: x, en: y}\n  confirmed: c\n",
        1,
        "must start with https://",
    ),
    "one language missing": (
        "- id: a\n  title: T\n  publisher: P\n  url: https://example.org/a\n  kind: kb\n"
        "  supports: {es: x}\n  confirmed: c\n",
        1,
        "no text for language 'en'",
    ),
    "impossible date": (  # YAML reads it as a date; the constructor's error has no line
        "- id: a\n  title: T\n  publisher: P\n  url: https://example.org/a\n  kind: kb\n"
        "  supports: {es: x, en: y}\n  confirmed: c\n  date: 2011-13-45\n",
        8,
        "month must be in 1..12",
    ),
}


@pytest.mark.parametrize("case", SCHEMA_ERRORS)
def test_schema_errors_name_the_record_line(case: str) -> None:
    text, line, fragment = SCHEMA_ERRORS[case]
    _, problems = check_sources(yaml.compose(text), ("es", "en"))
    assert any(p.line == line and fragment in p.message for p in problems), problems


# ---- the pages ------------------------------------------------------------------------


def test_every_cited_id_has_a_record() -> None:
    unknown = [
        f"docs/{lang}/{name}:{line}: {cid}"
        for lang, name in PAGE_KEYS
        for line, cid in markers((lang, name))
        if cid not in SOURCES
    ]
    assert not unknown, "citations of ids not in docs/_data/sources.yml:\n" + "\n".join(unknown)


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_every_fact_check_note_cites_a_source(key: tuple[str, str]) -> None:
    page = read_page(*key)
    for note in fact_check_notes(page.body.split("\n"), page.body_line):
        assert next(iter(find_markers(note.body)), None), f"{page.path}:{note.line}: no [@id]"


# Titles the first revision of the facts sheet gave wrongly (revision 2, "Corrections"):
# no page, glossary entry, diagram label or source record may bring them back.
WRONG_TITLES = [
    r"2043048",
    r"Partitioning layout of ESXi",
    r"Installation\s*/\s*Upgrade Guide",
    r"documentation on boot banks",
    r"documentación de VMware vSphere sobre los bancos",
]
TEXT_FILES = sorted(
    [
        *DOCS.glob("*/*.md"),
        *(DOCS / "_data").glob("glossary.*.yml"),
        DOCS / "_data" / "diagrams.yml",
        DATA,
    ]
)


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: str(p.relative_to(DOCS)))
def test_no_corrected_wrong_title_comes_back(path: Path) -> None:
    found = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        found += [f"{path}:{number}: {p}" for p in WRONG_TITLES if re.search(p, line, re.I)]
    assert not found, "\n".join(found)


# ---- the hook -------------------------------------------------------------------------


def _config(docs_dir: Path = DOCS) -> Any:
    return mkdocs_config(docs_dir)


def _page(src_uri: str, text: str) -> Any:
    file = SimpleNamespace(src_uri=src_uri, abs_src_path=str(DOCS / src_uri), content_string=text)
    return SimpleNamespace(file=file)


def _render(lang: str, body: str, front: str = "---\ntitle: T\n---\n") -> str:
    page = _page(f"{lang}/test.md", front + body)
    markdown = hook.on_page_markdown(body, page, _config(), None)
    return str(hook.on_page_content(markdown, page, _config(), None))


def test_a_marker_becomes_the_linked_exact_title_in_the_page_language() -> None:
    kb = SOURCES["kb-1033696"]
    title = "Creating a persistent scratch location for ESXi"
    link = f'<a class="citation" href="{kb.url}">'
    assert _render("es", "Fuente: [@kb-1033696].") == (
        f"Fuente: {link}VMware KB 1033696, «{title}»</a>."
    )
    assert _render("en", "Source: [@kb-1033696].") == (
        f"Source: {link}VMware KB 1033696, “{title}”</a>."
    )


def test_several_ids_in_one_marker_are_each_linked() -> None:
    out = _render("en", "[@kb-306902; @kb-2001780]")
    quotes = SITE.text("en", "quotes")
    assert out == f"{SOURCES['kb-306902'].html(quotes)}; {SOURCES['kb-2001780'].html(quotes)}"


def test_a_placeholder_a_page_writes_itself_is_left_alone() -> None:
    """Citations wait as private-use characters around a random token; a page that writes
    the characters around a number, or a guess at the token, gets no citation there."""
    forged = "\ue0000\ue001 \ue000" + "0" * 16 + "0\ue001"
    out = _render("en", f"{forged} [@kb-1033696]")
    quotes = SITE.text("en", "quotes")
    assert out == f"{forged} {SOURCES['kb-1033696'].html(quotes)}"


def test_markers_in_code_are_left_alone() -> None:
    body = "`[@kb-1033696]` and\n\n```\n[@kb-1033696]\n```\n"
    assert _render("es", body) == body


def test_an_unknown_id_fails_the_build_at_its_line_and_column() -> None:
    body = "Intro.\n\nSee [@kb-1033969] here.\n"
    with pytest.raises(PluginError) as failure:
        _render("en", body, front="---\ntitle: T\ndescription: D\n---\n\n")
    # Line 8 of the file: four front matter lines, a blank one, then the body.
    assert str(failure.value).startswith(
        "docs/en/test.md:8:5: error[citation-unknown]: unknown source id 'kb-1033969'"
    )
    assert "did you mean 'kb-1033696'" in str(failure.value)


def _file(src_uri: str) -> File:
    return File(src_uri, str(DOCS), "/tmp/unused-site", use_directory_urls=True)


class _Files:
    """The documentation pages of the real tree, as MkDocs' Files lists them."""

    def documentation_pages(self) -> list[File]:
        return [_file(path.relative_to(DOCS).as_posix()) for path in sorted(DOCS.glob("*/*.md"))]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_sources_page_lists_each_record_once_with_the_pages_citing_it(lang: str) -> None:
    page = read_page(lang, "sources.md")
    assert page.body.count(hook.MARKER) == 1
    fake = SimpleNamespace(file=_file(f"{lang}/sources.md"))
    markdown = hook.on_page_markdown(page.body, fake, _config(), _Files())
    fake.content = hook.on_page_content(markdown, fake, _config(), None)
    # Material's search indexes the page between these two events: the other pages' titles
    # are not in what it reads, so the sources page is no match for each of them.
    assert '<a href="../' not in fake.content
    after_search.insert({}, fake, _config(), None)
    lines = str(fake.content).split("\n")
    header = lines.index("| " + " | ".join(SITE.text(lang, "sources.headers")) + " |")
    rows = list(takewhile(lambda line: line.startswith("| "), lines[header + 2 :]))
    citing: dict[str, set[tuple[str, str]]] = {}
    for name in {name for _, name in PAGE_KEYS}:
        url = "../" if name == "index.md" else f"../{name.removesuffix('.md')}/"
        for _, cid in markers((lang, name)):
            citing.setdefault(cid, set()).add((url, read_page(lang, name).meta["title"]))
    for source in SOURCES.values():
        own = [row for row in rows if source.html(SITE.text(lang, "quotes")) in row]
        assert len(own) == 1, f"{source.id}: {len(own)} rows"
        # The last cell links each page of this language that cites the record, once, at
        # the page's URL relative to the sources page.
        cited_on = re.findall(r'<a href="([^"]+)">([^<]+)</a>', own[0].rsplit("|", 2)[1])
        assert sorted(cited_on) == sorted(citing.get(source.id, set())), source.id


def test_a_new_build_reads_its_own_pages_for_the_citing_links() -> None:
    """The citing pages are read once a build: the next build (a new file list, as
    `mkdocs serve` makes on each save) sees a page that stopped citing a source."""
    first = hook._citing_pages(_Files(), "es", SITE)

    class Fewer(_Files):
        def documentation_pages(self) -> list[File]:
            return [f for f in super().documentation_pages() if f.src_uri != "es/scratch.md"]

    second = hook._citing_pages(Fewer(), "es", SITE)
    cited_in = {cid: {file.src_uri for file, _ in pages} for cid, pages in second.items()}
    assert any("es/scratch.md" in {f.src_uri for f, _ in pages} for pages in first.values())
    assert all("es/scratch.md" not in uris for uris in cited_in.values())


# ---- the validator --------------------------------------------------------------------

FIXTURE_SOURCES = """\
- id: used
  title: Used
  publisher: P
  url: https://example.org/used
  kind: kb
  supports: {es: x, en: y}
  confirmed: c
- id: unused
  title: Unused
  publisher: P
  url: https://example.org/unused
  kind: kb
  supports: {es: x, en: y}
  confirmed: c
- id: broken
  title: Broken
  publisher: P
  url: example.org/broken
  kind: kb
  supports: {es: x, en: y}
  confirmed: c
"""
FIXTURE_PAGE = """\
---
title: Citas
description: Una página de prueba con citas buenas y malas para el validador de fuentes.
article: none
---

# Citas

Bien: [@used]. Código: `[@nada]`. Mal: [@usedd].

!!! fact-check "Precisión"

    Sin fuente.

!!! fact-check "Precisión"

    Con fuente: [@used].

```
!!! fact-check "Precisión"
```
"""


def test_validator_reports_each_citation_problem_where_it_is(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    (root / "docs" / "_data" / "sources.yml").write_text(FIXTURE_SOURCES, encoding="utf-8")
    write(root, "es/citas.md", FIXTURE_PAGE)
    refresh_permalinks(root)
    codes = ("sources-invalid", "citation-unknown", "citation-unused", "fact-check-uncited")
    found = {
        (p.path, p.line, p.col, p.code, p.suggestion) for p in validate(root) if p.code in codes
    }
    assert found == {
        ("docs/_data/sources.yml", 15, 1, "sources-invalid", None),
        ("docs/_data/sources.yml", 8, 1, "citation-unused", None),
        ("docs/es/citas.md", 9, 40, "citation-unknown", "used"),
        ("docs/es/citas.md", 11, 1, "fact-check-uncited", None),
    }


def test_validator_is_quiet_without_a_sources_file(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    write(root, "es/citas.md", FIXTURE_PAGE)
    refresh_permalinks(root)
    assert not [p for p in validate(root) if "citation" in p.code or "fact-check" in p.code]


# ---- the PDF --------------------------------------------------------------------------


def _squash(text: str) -> str:
    """Text without the line breaks and hyphens the PDF's line breaking adds."""
    return "".join(text.split()).replace("\u2010", "").replace("\u00ad", "")


def test_pdf_prints_and_links_each_citation(built_site: Path) -> None:
    """The book keeps the citation's text, prints its address and keeps it clickable."""
    from pypdf import PdfReader

    pdf = built_site / SITE.pdf_path("es")
    text = _squash("".join(page_texts(pdf, raw=True)))  # raw: a URL's hyphens kept
    reader = PdfReader(pdf)
    uris = {
        str(annot.get_object()["/A"]["/URI"])
        for page in reader.pages
        for annot in page.get("/Annots", []) or []
        if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
    }
    cited: list[Source] = [
        SOURCES[cid] for key in PAGE_KEYS if key[0] == "es" for _, cid in markers(key)
    ]
    assert cited, "no page cites a source yet"
    for source in {s.id: s for s in cited}.values():
        assert _squash(source.text(SITE.text("es", "quotes"))) in text, source.id
        assert source.url and _squash(source.url) in text, source.url
        assert source.url in uris, source.url
