"""Nothing from outside the repository reaches the output, and titles cannot run script.

A determined author skips the validator and runs the build steps directly (MkDocs, then
`esxidocs pdf`, then `esxidocs/offline.py`) on a small copy of the project whose pages
carry hostile HTML. A canary file planted outside the copy must not appear in the site,
in the PDFs' embedded files or in the offline ZIP; a symlink to it is refused by the build.
Titles, descriptions and glossary definitions holding `<script>` build to pages whose DOM
has no script from them, and the validator rejects the same input with file:line:col.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import copy_project
from esxidocs.site_model import load_site
from pypdf import PdfReader

PAGES = ("index.md", "glossary.md")
INDEX = """---
title: {title}
description: {description}
article: none
---

# {heading}

Texto de la página.

{body}
"""


def small_project(dest: Path, title: str, description: str, body: str) -> Path:
    """The project with two pages per language (home and glossary): a quick build."""
    project = copy_project(dest)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav = "".join(f"  - {name}\n" for name in PAGES)
    text = re.sub(r"^nav:\n(?:  - .*\n)+", f"nav:\n{nav}", text, count=1, flags=re.M)
    config.write_text(text, encoding="utf-8")
    for lang in ("es", "en"):
        for page in (project / "docs" / lang).glob("*.md"):
            if page.name not in PAGES:
                page.unlink()
        home = INDEX.format(title=title, description=description, heading="Inicio", body=body)
        (project / "docs" / lang / "index.md").write_text(home, encoding="utf-8")
    return project


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=project, env=env, capture_output=True, text=True, check=False
    )


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return run(project, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site))


def pdf_payloads(data: bytes) -> list[bytes]:
    """Every embedded file of a PDF, page-level file attachments included."""
    reader = PdfReader(io.BytesIO(data))
    found = [blob for blobs in reader.attachments.values() for blob in blobs]
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/FileAttachment":
                found.append(annot["/FS"].get_object()["/EF"]["/F"].get_object().get_data())
    return found


def test_nothing_from_outside_the_repository_reaches_the_output(tmp_path: Path) -> None:
    secret = f"CANARY-{uuid.uuid4()}"
    canary = tmp_path / "outside" / "secret.txt"
    canary.parent.mkdir()
    canary.write_text(secret, encoding="utf-8")
    drawing = canary.with_suffix(".svg")  # a diagram the PDF would draw as text
    drawing.write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><text>{secret}</text></svg>')
    site = tmp_path / "site"
    up = os.path.relpath(canary, site)  # from the site root, where the PDF's base URL is
    body = "\n\n".join(
        [
            f'<a rel="attachment" href="{canary.as_uri()}">adjunto</a>',
            f'<link rel="attachment" href="{up}">',
            f'<a href="{canary.as_uri()}">enlace</a> <img src="{canary.as_uri()}" alt="x">',
            f"![imagen]({canary.as_uri()})",
            f'<img src="{os.path.relpath(drawing, site)}" alt="diagrama">',
        ]
    )
    project = small_project(tmp_path / "project", "Inicio", "Una página de prueba " * 3, body)
    link = project / "docs" / "es" / "assets" / "leak.txt"
    link.symlink_to(canary)

    refused = mkdocs_build(project, site)
    assert refused.returncode != 0, "the build published a symlink leaving the repository"
    assert "docs/es/assets/leak.txt" in refused.stderr
    assert "outside the repository" in refused.stderr

    link.unlink()
    for step in (
        ("-m", "mkdocs", "build", "--strict", "--site-dir", str(site)),
        ("-m", "esxidocs", "pdf", "--site-dir", str(site)),
        ("-m", "esxidocs", "offline", "--site-dir", str(site)),
    ):
        done = run(project, *step)
        assert done.returncode == 0, done.stderr
    needle = secret.encode()
    pdfs = []
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert needle not in data, f"{path} holds the canary"
            if path.suffix == ".pdf":
                pdfs.append((str(path), data))
    archive = site / load_site(project / "mkdocs.yml").offline_path
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            data = zf.read(name)
            assert needle not in data, f"{archive}:{name} holds the canary"
            if name.endswith(".pdf"):
                pdfs.append((f"{archive}:{name}", data))
    assert len(pdfs) == 4  # two books, in the site and in the ZIP
    for name, data in pdfs:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        assert secret not in text, f"{name} draws the canary"
        payloads = pdf_payloads(data)
        assert not any(needle in blob for blob in payloads), f"{name} embeds the canary"
        assert payloads == [], f"{name} embeds files: rel=attachment must be dropped"


HOSTILE_TITLE = '</title><script>alert("title")</script>'
HOSTILE_DESCRIPTION = 'Una descripción"><script>alert("description")</script> larga de prueba'
HOSTILE_DEFINITION = (
    '<script>alert("glossary")</script> [x](javascript:alert(1)) {: onclick="alert(1)" } '
    "y la ruta `/bootbank` en código"
)


def _hostile_glossary(project: Path) -> None:
    for lang in ("es", "en"):
        path = project / "docs" / "_data" / f"glossary.{lang}.yml"
        entry = f"- id: zz-hostile\n  term: Hostil\n  definition: '{HOSTILE_DEFINITION}'\n"
        path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    # Single-quoted YAML scalars: valid front matter whose values hold markup.
    title, description = f"'{HOSTILE_TITLE}'", f"'{HOSTILE_DESCRIPTION}'"
    project = small_project(root / "project", title, description, "")
    _hostile_glossary(project)
    site = root / "site"
    done = mkdocs_build(project, site)
    assert done.returncode == 0, done.stderr
    return project, site


def test_hostile_text_builds_to_pages_without_its_script(hostile: tuple[Path, Path]) -> None:
    _, site = hostile
    pages = sorted(site.rglob("*.html"))
    assert pages
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            assert "alert(" not in script.get_text(), f"{path}: a script from page text"
        assert soup.find(onclick=True) is None, f"{path}: an onclick from page text"
        for link in soup.find_all("a", href=True):
            assert not str(link["href"]).startswith("javascript:"), f"{path}: {link}"
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.title is not None and HOSTILE_TITLE in home.title.get_text()  # shown as text
    description = home.find("meta", attrs={"name": "description"})
    assert description is not None and description["content"] == HOSTILE_DESCRIPTION
    glossary = BeautifulSoup((site / "glossary" / "index.html").read_text("utf-8"), "html.parser")
    heading = glossary.find(id="zz-hostile")
    assert heading is not None
    entry = heading.find_next_sibling("p")
    assert entry is not None
    assert entry.get_text().startswith('<script>alert("glossary")</script> [x](javascript:')
    assert [code.get_text() for code in entry.find_all("code")] == ["/bootbank"]


def test_validator_rejects_the_same_hostile_text(hostile: tuple[Path, Path]) -> None:
    project, _ = hostile
    done = run(project, "-m", "esxidocs", "validate", "--config", "mkdocs.yml")
    assert done.returncode == 1
    out = done.stdout
    assert re.search(r"^docs/es/index\.md:2:\d+: error\[fm-unsafe-char\]", out, re.M), out
    assert re.search(r"^docs/es/index\.md:3:\d+: error\[fm-unsafe-char\]", out, re.M), out
    assert re.search(r"^docs/_data/glossary\.es\.yml:\d+:\d+: error\[text-markup\]", out, re.M)


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ('Texto <img src="x.png" alt="" onerror="alert(1)"> más.', ":11:31:"),
        ('!!! note "Nota"\n\n    <script>alert(1)</script>', ":13:5:"),
        ("Logo: ![Logo](https://cdn.example/logo.png)", ":11:7:"),
        ('![Foto](foto.png){ srcset="https://cdn.example/x.png 2x" }', ":11:18:"),  # attr_list
    ],
    ids=["handler", "script-in-admonition", "image-from-another-host", "attr-list-srcset"],
)
def test_build_refuses_active_html_or_a_remote_image_in_a_page(
    tmp_path: Path, body: str, where: str
) -> None:
    project = small_project(tmp_path / "project", "Inicio", "Una página de prueba " * 3, body)
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert f"\ndocs/es/index.md{where}" in done.stderr.replace("ERROR   -  ", "\n"), done.stderr


def test_build_refuses_script_in_front_matter_it_cannot_parse(tmp_path: Path) -> None:
    # Invalid YAML: MkDocs would publish the whole block as page text, script included.
    title = "Inicio: <script>alert(1)</script>: más"
    project = small_project(tmp_path / "project", title, "Una página de prueba " * 3, "")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "docs/es/index.md:2:" in done.stderr, done.stderr


def test_pdf_fetcher_serves_only_files_inside_the_site(tmp_path: Path) -> None:
    from esxidocs.pdfbook.render import RefusedURL, SiteFetcher

    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    inside = site / "assets" / "logo.svg"
    inside.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    (site / "assets" / "link.txt").symlink_to(outside)
    fetcher = SiteFetcher(site)
    assert fetcher.fetch(inside.as_uri()).read().startswith(b"<svg")
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    for url in (
        outside.as_uri(),
        (site / "assets" / "link.txt").as_uri(),  # a symlink inside, pointing outside
        (site / ".." / "secret.txt").as_uri(),
        "file://otherhost" + str(inside),
        "https://example.org/logo.svg",
        "ftp://example.org/x",
    ):
        with pytest.raises((RefusedURL, ValueError)):
            fetcher.fetch(url)


def test_build_refuses_script_that_a_hook_inlines(tmp_path: Path) -> None:
    # The diagrams hook inlines the SVG into the page: a hand-edited SVG must not run.
    body = (
        '<figure class="diagram" markdown="span">\n'
        "  ![Diagrama](assets/diagrams/boot-banks.svg)\n"
        "</figure>"
    )
    project = small_project(tmp_path / "project", "Inicio", "Una página de prueba " * 3, body)
    svg = project / "docs" / "es" / "assets" / "diagrams" / "boot-banks.svg"
    text = svg.read_text(encoding="utf-8")
    svg.write_text(text.replace("</svg>", "<script>alert(1)</script></svg>"), encoding="utf-8")
    done = mkdocs_build(project, tmp_path / "site")
    assert done.returncode != 0
    assert "es/index.md (built page /):" in done.stderr, done.stderr
    assert "[html-active]" in done.stderr
