"""The offline PDF books: one per language, complete, accessible, reproducible and small.

The site is built once (conftest's `built_site`), copied, and `scripts/pdf.py` writes the
books into the copy, as `make build` does. The PDFs are read back with pypdf.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import DEFAULT_LANG, LANGUAGES, NAV, ROOT, built_html, read_page
from pdfbook.book import assemble
from pdfbook.cli import _parser
from pdfbook.glyphs import missing_glyphs
from pdfbook.provenance import read_provenance
from pdfbook.settings import load_settings
from pdfbook.svg import resolve_css_vars
from pypdf import PdfReader

MAX_BYTES = 2 * 1024 * 1024
OTHER = {lang: [other for other in LANGUAGES if other != lang] for lang in LANGUAGES}


def pdf_path(site: Path, lang: str) -> Path:
    """The stable address other sites link to (written out here, not imported)."""
    prefix = "" if lang == DEFAULT_LANG else f"{lang}/"
    return site / f"{prefix}pdf/esx-vs-esxi5.{lang}.pdf"


def write_pdfs(built_site: Path, target: Path, *args: str) -> Path:
    shutil.copytree(built_site, target)
    # The date comes from SOURCE_DATE_EPOCH or the last commit, as in `make build`.
    result = subprocess.run(
        [sys.executable, "scripts/pdf.py", "--site-dir", str(target), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return target


@pytest.fixture(scope="session")
def pdf_site(built_site: Path) -> Path:
    """The session build: scripts/build.py writes the PDFs, as `make build` does."""
    return built_site


@pytest.fixture(scope="session")
def readers(pdf_site: Path) -> dict[str, PdfReader]:
    return {lang: PdfReader(pdf_path(pdf_site, lang)) for lang in LANGUAGES}


@pytest.fixture(scope="session")
def texts(readers: dict[str, PdfReader]) -> dict[str, list[str]]:
    return {lang: [page.extract_text() for page in r.pages] for lang, r in readers.items()}


def built_page(site: Path, lang: str, name: str) -> BeautifulSoup:
    return built_html(site, read_page(lang, name).url)


def outline(reader: PdfReader) -> list[tuple[str, int, list[str]]]:
    """(title, page index, child titles) of each top-level bookmark."""
    entries: list[tuple[str, int, list[str]]] = []
    for item in reader.outline:
        if isinstance(item, list):
            entries[-1][2].extend(str(child.title) for child in item if not isinstance(child, list))
        else:
            page = reader.get_destination_page_number(item)
            assert page is not None, f"bookmark {item.title!r} points nowhere"
            entries.append((str(item.title), page, []))
    return entries


def links(reader: PdfReader) -> list[tuple[int, Any]]:
    found = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link":
                found.append((index, annot))
    return found


def image_xobjects(resources: Any) -> int:
    """Raster images drawn through `resources`, forms (vector groups) searched inside."""
    if not resources or "/XObject" not in resources:
        return 0
    count = 0
    for xobject in resources["/XObject"].values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Image":
            count += 1
        elif xobject.get("/Subtype") == "/Form":
            count += image_xobjects(xobject.get("/Resources"))
    return count


def test_one_pdf_per_language_at_its_stable_path(pdf_site: Path) -> None:
    for lang in LANGUAGES:
        assert pdf_path(pdf_site, lang).is_file(), f"no PDF for {lang}"
    assert sorted(p.name for p in pdf_site.rglob("*.pdf")) == sorted(
        f"esx-vs-esxi5.{lang}.pdf" for lang in LANGUAGES
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_outline_is_the_nav_then_each_page_h2s(
    lang: str, readers: dict[str, PdfReader], pdf_site: Path
) -> None:
    entries = outline(readers[lang])
    assert [title for title, _, _ in entries] == [read_page(lang, n).meta["title"] for n in NAV]
    pages = [page for _, page, _ in entries]
    assert pages == sorted(pages) and pages[0] >= 2, "chapters after cover and contents"
    for (title, _, children), name in zip(entries, NAV, strict=True):
        article = built_page(pdf_site, lang, name).select_one("article")
        assert article is not None
        for link in article.select("a.headerlink"):
            link.decompose()
        assert children == [" ".join(h2.get_text().split()) for h2 in article.find_all("h2")], title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_is_in_its_own_language(lang: str, texts: dict[str, list[str]]) -> None:
    text = "\n".join(texts[lang])
    words = {"es": ("Índice", "Página 3 de", "Idioma"), "en": ("Contents", "Page 3 of", "Language")}
    for word in words[lang]:
        assert word in text
    own_sources = " ".join(read_page(lang, name).body for name in NAV)
    for name in NAV:
        assert read_page(lang, name).meta["title"] in text
        for other in OTHER[lang]:
            title = read_page(other, name).meta["title"]
            if title not in own_sources:  # a name shared by both languages proves nothing
                assert title not in text, f"{other} title {title!r} in the {lang} PDF"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_printed_character_has_a_glyph(lang: str, texts: dict[str, list[str]]) -> None:
    text = "\n".join(texts[lang])
    assert not missing_glyphs(text)
    for char in "ñáü¿¡—→" if lang == "es" else "—→":
        if char in "".join(read_page(lang, name).body for name in NAV):
            assert char in text, f"{char!r} lost in the {lang} PDF"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_inline_paths_are_not_broken_at_a_slash(
    lang: str, pdf_site: Path, texts: dict[str, list[str]]
) -> None:
    """`/bootbank` split after its slash at a line end reads as "/" and "bootbank"."""
    paths = {
        code.get_text()
        for name in NAV
        for code in built_page(pdf_site, lang, name).select(".md-content :not(pre) > code")
        if "/" in code.get_text()[:-1]
    }
    assert "/bootbank" in paths
    text = "\n".join(texts[lang])
    broken = [
        path
        for path in paths
        for cut in range(1, len(path))
        if path[cut - 1] == "/" and f"{path[:cut]}\n{path[cut:]}" in text
    ]
    assert broken == []


def test_glyph_check_flags_a_character_no_font_has() -> None:
    assert missing_glyphs("ñ → \ue000") == ["\ue000"]


def test_diagram_colours_fall_back_to_the_light_theme() -> None:
    css = ".a{fill:var(--md-primary-fg-color, #3f51b5)} .b{stroke:var(--x, var(--y, red))}"
    assert resolve_css_vars(css) == ".a{fill:#3f51b5} .b{stroke:red}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_metadata_language_and_tags(lang: str, readers: dict[str, PdfReader]) -> None:
    reader = readers[lang]
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == lang
    assert "/StructTreeRoot" in root
    assert root["/MarkInfo"]["/Marked"]
    info = reader.metadata
    assert info is not None
    for key in ("/Title", "/Author", "/Subject", "/Keywords"):
        assert str(info.get(key, "")).strip(), f"{key} missing"
    assert "ESXi 5" in str(info["/Title"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_fonts_are_embedded_subsets(lang: str, readers: dict[str, PdfReader]) -> None:
    seen = set()
    for page in readers[lang].pages:
        resources: Any = page["/Resources"]
        for ref in resources.get("/Font", {}).values():
            font: Any = ref.get_object()
            name = str(font["/BaseFont"])
            seen.add(name)
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"]
            assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            assert name[7:8] == "+", f"{name} is not a subset"
    assert any("DejaVu" in name for name in seen)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_internal_links_resolve_to_pages(lang: str, readers: dict[str, PdfReader]) -> None:
    reader = readers[lang]
    chapter_pages = {page for _, page, _ in outline(reader)}
    internal = 0
    into_other_chapters = 0
    for index, annot in links(reader):
        if "/Dest" in annot:
            dest = reader.named_destinations[str(annot["/Dest"])]
            target = reader.get_destination_page_number(dest)
            assert target is not None and 0 <= target < len(reader.pages)
            internal += 1
            into_other_chapters += index >= min(chapter_pages) and target in chapter_pages
        else:
            uri = str(annot["/A"]["/URI"])
            assert urlsplit(uri).scheme in ("http", "https", "mailto"), uri
    assert internal >= 2 * len(NAV), "contents and cross-references link inside the PDF"
    assert into_other_chapters, "pages link to other chapters inside the PDF"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagrams_are_vectors(
    lang: str, readers: dict[str, PdfReader], texts: dict[str, list[str]], pdf_site: Path
) -> None:
    captions = []
    for name in NAV:
        for figure in built_page(pdf_site, lang, name).select("figure.diagram figcaption"):
            captions.append(" ".join(figure.get_text().split()))
    if not captions:
        pytest.skip("no diagram in the site yet")
    flat = [" ".join(text.split()) for text in texts[lang]]
    for caption in captions:
        pages = [i for i, text in enumerate(flat) if caption[:40] in text]
        assert pages, f"diagram {caption!r} not in the PDF"
        for index in pages:
            resources = readers[lang].pages[index].get("/Resources")
            assert image_xobjects(resources) == 0, f"raster image on page {index + 1}"


def figures(node: Any) -> list[Any]:
    """Figure elements of the structure tree (what a screen reader announces as images)."""
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, list):
        return [figure for child in node for figure in figures(child)]
    if not hasattr(node, "get") or "/K" not in node:
        return []
    found = [node] if node.get("/S") == "/Figure" else []
    return found + figures(node["/K"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_diagrams_have_alternate_text(
    lang: str, readers: dict[str, PdfReader], pdf_site: Path
) -> None:
    count = sum(len(built_page(pdf_site, lang, n).select("figure.diagram")) for n in NAV)
    root: Any = readers[lang].trailer["/Root"]
    tree = root["/StructTreeRoot"]
    found = figures(tree["/K"])
    assert len(found) >= count
    for figure in found:
        assert str(figure.get("/Alt", "")).strip(), "a figure without alternate text"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pdf_is_small(lang: str, pdf_site: Path) -> None:
    assert pdf_path(pdf_site, lang).stat().st_size < MAX_BYTES


def test_rebuild_gives_identical_bytes(pdf_site: Path, built_site: Path, tmp_path: Path) -> None:
    again = write_pdfs(built_site, tmp_path / "site")
    for lang in LANGUAGES:
        assert pdf_path(again, lang).read_bytes() == pdf_path(pdf_site, lang).read_bytes()


def test_letter_paper_by_variable(built_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PDF_PAGE_SIZE", "letter")
    args = _parser().parse_args(["--site-dir", str(built_site)])
    settings = load_settings(ROOT / "mkdocs.yml")[0]
    book = assemble(built_site, settings, read_provenance(ROOT), args.page_size)
    assert "@page { size: letter; }" in book.html


def test_every_page_links_the_pdf_of_its_language(pdf_site: Path) -> None:
    pages = [p for p in pdf_site.rglob("index.html") if "md-content__inner" in p.read_text()]
    assert len(pages) >= len(NAV) * len(LANGUAGES)
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        lang = str(soup.html["lang"]) if soup.html else ""
        action = soup.select_one("article a.md-content__button[href$='.pdf']")
        assert action is not None, f"{page}: no PDF action"
        label = {"es": "Descargar PDF", "en": "Download PDF"}[lang]
        assert action.get("title") == label and action.get("aria-label") == label
        target = urlsplit(urljoin(page.relative_to(pdf_site).as_posix(), str(action["href"])))
        assert (pdf_site / target.path) == pdf_path(pdf_site, lang), page
