"""The offline PDF books: one per language, complete, accessible and small.

The books are the session build's (conftest's `built_site`: `esxidocs build` writes them,
as `make build` does), read back with pypdf, pikepdf and poppler. That a rebuild gives the same
bytes is checked once for the whole site, PDFs included, in tests/test_build.py; as that
rebuild copies unchanged books from the build cache, that WeasyPrint itself renders the same
bytes twice is checked here, on a real chapter.
"""

from __future__ import annotations

import copy
import itertools
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin, urlsplit

import pikepdf
import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import LANGUAGES, NAV, ROOT, SITE, built_html, page_texts, read_page
from esxidocs.pdfbook.book import REFERENCE_PAGES, assemble
from esxidocs.pdfbook.breaks import LONG_RUN, set_breaks, url_pieces
from esxidocs.pdfbook.cli import _parser
from esxidocs.pdfbook.glyphs import missing_glyphs
from esxidocs.pdfbook.provenance import read_provenance
from esxidocs.pdfbook.render import render_pdf
from esxidocs.pdfbook.settings import load_settings
from esxidocs.pdfbook.svg import resolve_css_vars
from lxml import etree
from pypdf import PdfReader

MAX_BYTES = 2 * 1024 * 1024
LINKING = "linking.md"  # its URL tables stay on the site; the book has a one-page appendix
OTHER = {lang: [other for other in LANGUAGES if other != lang] for lang in LANGUAGES}


def pdf_path(site: Path, lang: str) -> Path:
    """The stable address other sites link to; tests/test_site_model.py pins its value."""
    return site / SITE.pdf_path(lang)


@pytest.fixture(scope="session")
def pdf_site(built_site: Path) -> Path:
    """The session build: esxidocs/build.py writes the PDFs, as `make build` does."""
    return built_site


@pytest.fixture(scope="session")
def readers(pdf_site: Path) -> dict[str, PdfReader]:
    return {lang: PdfReader(pdf_path(pdf_site, lang)) for lang in LANGUAGES}


@pytest.fixture(scope="session")
def texts(pdf_site: Path) -> dict[str, list[str]]:
    return {lang: page_texts(pdf_path(pdf_site, lang)) for lang in LANGUAGES}


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
        PurePosixPath(SITE.pdf_path(lang)).name for lang in LANGUAGES
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
        if name == LINKING:
            assert children == [], "the linking appendix has no sections"
            continue
        article = copy.copy(built_page(pdf_site, lang, name).select_one("article"))
        assert article is not None
        for link in article.select("a.headerlink"):
            link.decompose()
        assert children == [" ".join(h2.get_text().split()) for h2 in article.find_all("h2")], title


@pytest.mark.parametrize("lang", LANGUAGES)
def test_text_is_in_its_own_language(lang: str, texts: dict[str, list[str]]) -> None:
    text = "\n".join(texts[lang])
    own = SITE.text(lang, "pdf")
    for word in (own["contents"], "{} 3 {}".format(*own["page_of"]), own["language"]):
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


def test_letter_paper_by_variable(built_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PDF_PAGE_SIZE", "letter")
    args = _parser().parse_args(["--site-dir", str(built_site)])
    settings = load_settings(ROOT / "mkdocs.yml")[0]
    book = assemble(built_site, settings, read_provenance(ROOT), args.page_size)
    assert "@page { size: letter; }" in book.html


def test_rendering_a_book_twice_gives_the_same_bytes(built_site: Path, tmp_path: Path) -> None:
    """A diagram, tables, outline and tags included: nothing random or dated by the clock."""
    settings = load_settings(ROOT / "mkdocs.yml")[0]
    names = ("disk-layout.md",)
    short = replace(settings, nav=names, urls=tuple(settings.page_url(n) for n in names))
    html = assemble(built_site, short, read_provenance(ROOT), "a4").html
    assert "<svg" in html and "<table" in html
    first, second = tmp_path / "first.pdf", tmp_path / "second.pdf"
    render_pdf(html, built_site, first)
    render_pdf(html, built_site, second)
    assert first.read_bytes() == second.read_bytes()


def test_every_page_links_the_pdf_of_its_language(pdf_site: Path) -> None:
    pages = [p for p in pdf_site.rglob("index.html") if "md-content__inner" in p.read_text()]
    assert len(pages) >= len(NAV) * len(LANGUAGES)
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        lang = str(soup.html["lang"]) if soup.html else ""
        action = soup.select_one("article a.md-content__button[href$='.pdf']")
        assert action is not None, f"{page}: no PDF action"
        label = SITE.text(lang, "ui.download_pdf")
        assert action.get("title") == label and action.get("aria-label") == label
        target = urlsplit(urljoin(page.relative_to(pdf_site).as_posix(), str(action["href"])))
        assert (pdf_site / target.path) == pdf_path(pdf_site, lang), page


def test_linking_page_keeps_its_tables_on_the_site(pdf_site: Path) -> None:
    for lang in LANGUAGES:
        tables = built_page(pdf_site, lang, LINKING).select(".permalinks table")
        assert len(tables) == len(NAV), lang


@pytest.mark.parametrize("lang", LANGUAGES)
def test_linking_page_is_a_one_page_appendix_in_the_book(
    lang: str, readers: dict[str, PdfReader], texts: dict[str, list[str]]
) -> None:
    entries = outline(readers[lang])
    index = NAV.index(LINKING)
    start = entries[index][1]
    end = entries[index + 1][1] if index + 1 < len(entries) else len(readers[lang].pages)
    assert end - start == 1, f"the linking page takes {end - start} pages of the book"
    page = texts[lang][start]
    settings = next(s for s in load_settings(ROOT / "mkdocs.yml") if s.lang == lang)
    root = settings.site_url.removesuffix(settings.prefix)
    appendix = settings.strings.appendix
    for label in (appendix.online, appendix.pdf, appendix.every_address):
        assert label in page
    addresses = [word for word in page.split() if word.startswith(root)]
    assert addresses[:3] == [
        settings.site_url,
        root + settings.pdf_path,
        root + read_page(lang, LINKING).url,
    ]
    # The example of a section's address is one the site promises to keep.
    example = urlsplit(addresses[3])
    permalinks = yaml.safe_load((ROOT / "docs/_data/permalinks.yml").read_text(encoding="utf-8"))
    assert example.fragment in permalinks[example.path]
    assert len(addresses) == 4, "no URL tables in the book"


def test_addresses_break_where_a_reader_expects_and_inside_long_runs() -> None:
    url = "https://github.com/vmware/esx-boot/blob/0b0b31e0e5a583bb2a7e10b5dc475b30bb8e75d5/x.c"
    pieces = url_pieces(url)
    assert "".join(pieces) == url
    assert pieces[:6] == ["https://", "github", ".com", "/vmware", "/esx", "-boot"]
    assert max(len(piece) for piece in pieces) <= LONG_RUN


def test_paths_stay_whole_commands_break_between_words_long_code_is_ragged() -> None:
    body = BeautifulSoup(
        "<div><p>Run <code>ls /vmfs/volumes</code>.</p>"
        "<p>Set <code>ScratchConfig.ConfiguredScratchLocation</code>.</p>"
        '<p>Source: <a href="https://example.org/">Example</a>.</p>'
        "<td>state.tgz; /bootbank</td></div>",
        "html.parser",
    ).div
    assert body is not None
    set_breaks(body)
    command, long_code, cited = body.find_all("p")
    assert body.td is not None and body.td.get_text() == "state.tgz; /\u2060bootbank"
    code = command.code
    assert code is not None and "words" in code.get_attribute_list("class")
    assert code.get_text() == "ls /\u2060vmfs\u2060/\u2060volumes", "no break after a slash"
    assert not command.get("class"), "short code keeps its paragraph justified"
    assert long_code.get_attribute_list("class") == ["ragged"]
    assert cited.get_attribute_list("class") == ["ragged"]


# ---- Word spacing: no justified line with gaps wider than three spaces ----
# Words and their boxes come from poppler's pdftotext; which paragraph each word belongs
# to comes from the PDF's structure tree (the book is tagged), so that table cells, the
# glossary's two columns and the diagrams' labels never pass for one wide-spaced line.

MAX_GAP = 3.0  # spaces of the line's font
# DejaVu Serif and Sans: space 651 units of 2048; pdftotext's word box runs from the
# ascender (1901) to the descender (483), so its height gives the word's font size.
EM, ASCENDER, DESCENDER, SPACE = 2048, 1901, 483, 651
# Tags of running text (print.css justifies p, li and dd) and of what sits inside it.
RUNNING_TEXT = {"/P", "/LI", "/LBody", "/DD"}
INLINE = {"/Span", "/Link", "/NonStruct", "/Code", "/Em", "/Strong", "/Quote", "/Annot"}
CONTENT_OPERATORS = "q Q cm BDC BMC EMC Tm"  # what text_origins reads of a page's content
XHTML = "{http://www.w3.org/1999/xhtml}"  # pdftotext -bbox writes XHTML
BOX = ("xMin", "xMax", "yMin", "yMax")  # a word's box, as pdftotext names it


@dataclass(frozen=True)
class Word:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str

    @property
    def size(self) -> float:
        return (self.bottom - self.top) * EM / (ASCENDER + DESCENDER)

    @property
    def baseline(self) -> float:
        return self.bottom - self.size * DESCENDER / EM


def pdf_words(pdf: Path) -> list[list[Word]]:
    """Each page's words with their boxes (points from the top left corner)."""
    assert shutil.which("pdftotext"), "no pdftotext: run `make system-deps` (poppler-utils)"
    xhtml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True
    ).stdout
    pages = []
    for page in etree.fromstring(xhtml).iter(f"{XHTML}page"):
        words = []
        for word in page.iter(f"{XHTML}word"):
            x0, x1, top, bottom = (float(word.get(key, "")) for key in BOX)
            words.append(Word(x0, x1, top, bottom, word.text or ""))
        pages.append(words)
    return pages


def _multiply(a: list[float], b: list[float]) -> list[float]:
    """The PDF matrix a x b, both as [a b c d e f]."""
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def _block(element: Any) -> Any:
    while str(element.get("/S")) in INLINE:
        element = element["/P"]
    return element


def text_origins(pdf: pikepdf.Pdf) -> list[list[tuple[float, float, Any]]]:
    """Per page, where each tagged text object starts (x, baseline) and its block element.

    pikepdf (qpdf) parses the content streams, keeping only the operators read here: pypdf
    took five times as long, most of this test's time."""
    numbers = pdf.Root.StructTreeRoot.ParentTree.Nums
    parent_tree = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
    pages = []
    for page in pdf.pages:
        height = float(page.mediabox[3]) - float(page.mediabox[1])
        parents = parent_tree[int(page.obj.StructParents)]
        ctm, saved, marks, origins = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], [], []
        for instruction in pikepdf.parse_content_stream(page, CONTENT_OPERATORS):
            assert isinstance(instruction, pikepdf.ContentStreamInstruction)  # no inline image
            operands, name = instruction.operands, str(instruction.operator)
            if name == "q":
                saved.append(ctm)
            elif name == "Q":
                ctm = saved.pop()
            elif name == "cm":
                ctm = _multiply([float(value) for value in operands], ctm)
            elif name == "BDC":
                properties = operands[1]
                tagged = isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties
                marks.append(int(properties.MCID) if tagged else None)
            elif name == "BMC":
                marks.append(None)  # an artifact: running header, footer, backgrounds
            elif name == "EMC":
                marks.pop()
            elif name == "Tm" and marks and marks[-1] is not None:
                matrix = _multiply([float(value) for value in operands], ctm)
                block = _block(parents[marks[-1]])
                origins.append((matrix[4], height - matrix[5], block))
        pages.append(origins)
    return pages


def running_text_lines(pdf: Path) -> list[tuple[int, list[Word]]]:
    """(page number, words) of every line of a paragraph or list item, left to right."""
    lines: list[tuple[int, list[Word]]] = []
    with pikepdf.open(pdf) as document:
        pages = zip(pdf_words(pdf), text_origins(document), strict=True)
        for number, (words, origins) in enumerate(pages, 1):
            by_block: dict[tuple[int, int], list[Word]] = defaultdict(list)
            # Origins by baseline, in half-point buckets: a word looks at its own and the two
            # beside it instead of every origin of the page.
            buckets: dict[int, list[Any]] = defaultdict(list)
            for origin in origins:
                buckets[round(origin[1] * 2)].append(origin)
            for word in words:
                # Drawn by the last text object that starts on its baseline at or before it.
                baseline, key = word.baseline, round(word.baseline * 2)
                near = (o for k in (key - 1, key, key + 1) for o in buckets.get(k, ()))
                starts = [o for o in near if abs(o[1] - baseline) < 0.5 and o[0] <= word.x0]
                if not starts:
                    continue  # not tagged text: a diagram's label
                block = max(starts, key=lambda origin: origin[0])[2]
                if str(block.get("/S")) in RUNNING_TEXT:
                    by_block[block.objgen].append(word)
            for block_words in by_block.values():
                block_words.sort(key=lambda word: word.baseline)
                line: list[Word] = []
                for word in block_words:
                    if line and word.baseline - line[0].baseline > 1:
                        lines.append((number, sorted(line, key=lambda w: w.x0)))
                        line = []
                    line.append(word)
                lines.append((number, sorted(line, key=lambda w: w.x0)))
    return lines


def widest_gap(line: list[Word]) -> float:
    """The widest space between two words of the line, in spaces of its main font."""
    sizes = sorted(word.size for word in line)
    space = sizes[len(sizes) // 2] * SPACE / EM
    return max(b.x0 - a.x1 for a, b in itertools.pairwise(line)) / space


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_line_of_running_text_has_gaps_wider_than_three_spaces(
    lang: str, pdf_site: Path, readers: dict[str, PdfReader]
) -> None:
    """Justified lines stretch their spaces; a ragged line's are single, so it always passes.

    The glossary's entries are ragged, in two columns where one paragraph may end at the
    foot of the first column on the baseline where it goes on in the second: its pages
    are left out.
    """
    pdf = pdf_path(pdf_site, lang)
    entries = outline(readers[lang])
    starts = [page for _, page, _ in entries] + [len(readers[lang].pages)]
    columns = {
        page + 1
        for index, name in enumerate(NAV)
        if name in REFERENCE_PAGES
        for page in range(starts[index], starts[index + 1])
    }
    lines = [line for page, line in running_text_lines(pdf) if page not in columns]
    assert len(lines) > 500, "the book's running text was not found"
    wide = [
        f"{widest_gap(line):.1f} spaces: {' '.join(word.text for word in line)}"
        for line in lines
        if len(line) > 1 and widest_gap(line) > MAX_GAP
    ]
    assert wide == []
