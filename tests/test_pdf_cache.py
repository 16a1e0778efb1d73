"""esxidocs/pdfbook/cache.py: a book is copied from the build cache only when nothing that
decides its bytes changed, and a damaged entry is rendered afresh, never published.

Small books rendered with WeasyPrint into a temporary site; the real books' reuse is
tests/test_build.py's rebuild.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path

import pytest
from esxidocs.pdfbook import cache as book_cache
from esxidocs.pdfbook.cache import BookCache, environment_digest
from esxidocs.pdfbook.render import render_pdf

HTML = '<html lang="en"><body><h1>Boot banks</h1><img src="pic.svg" alt="banks"></body></html>'
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="{w}" height="20"/></svg>'
)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    (root / "pic.svg").write_text(SVG.format(w=10), encoding="utf-8")
    return root


def first_build(site: Path, cache: BookCache, html: str = HTML) -> bytes:
    """What `esxidocs pdf` does on a miss: render, then keep the book and what it read."""
    target = site / "book.pdf"
    assert not cache.fetch(html, site, target)
    cache.store(html, target, render_pdf(html, site, target))
    return target.read_bytes()


def test_unchanged_book_is_copied_with_the_same_bytes(site: Path, tmp_path: Path) -> None:
    cache = BookCache(tmp_path / "cache")
    rendered = first_build(site, cache)
    again = tmp_path / "again.pdf"
    assert cache.fetch(HTML, site, again)
    assert again.read_bytes() == rendered


def test_the_manifest_lists_the_site_files_the_book_read(site: Path, tmp_path: Path) -> None:
    fetched = render_pdf(HTML, site, tmp_path / "book.pdf")
    assert list(fetched) == ["pic.svg"]


@pytest.mark.parametrize("change", ["edited", "removed", "added"])
def test_a_changed_file_the_book_asked_for_renders_it_afresh(
    site: Path, tmp_path: Path, change: str
) -> None:
    picture = site / "pic.svg"
    if change == "added":  # missing at first: the book was made without it
        picture.unlink()
    cache = BookCache(tmp_path / "cache")
    first_build(site, cache)
    if change == "removed":
        picture.unlink()
    else:
        picture.write_text(SVG.format(w=30), encoding="utf-8")
    assert not cache.fetch(HTML, site, tmp_path / "again.pdf")


def test_changed_html_is_another_book(site: Path, tmp_path: Path) -> None:
    cache = BookCache(tmp_path / "cache")
    first_build(site, cache)
    assert not cache.fetch(HTML.replace("Boot banks", "Bancos de arranque"), site, tmp_path / "x")


DAMAGES = ["truncated pdf", "no pdf", "bad manifest", "no manifest", "file outside the site"]


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_damaged_entry_is_rendered_afresh(site: Path, tmp_path: Path, damage: str) -> None:
    cache = BookCache(tmp_path / "cache")
    first_build(site, cache)
    pdf = next((tmp_path / "cache").rglob("*.pdf"))
    manifest = pdf.with_suffix(".json")
    if damage == "truncated pdf":
        pdf.write_bytes(pdf.read_bytes()[:1000])
    elif damage == "no pdf":
        pdf.unlink()
    elif damage == "bad manifest":
        manifest.write_text('{"pdf": 1, "fetched": []}', encoding="utf-8")
    elif damage == "no manifest":
        manifest.unlink()
    else:  # a file beside the site, with its right digest: still not the site's
        outside = tmp_path / "outside.txt"
        outside.write_text("secret", encoding="utf-8")
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        recorded["fetched"]["../outside.txt"] = hashlib.sha256(b"secret").hexdigest()
        manifest.write_text(json.dumps(recorded), encoding="utf-8")
    target = tmp_path / "again.pdf"
    assert not cache.fetch(HTML, site, target)
    assert not target.exists()


def test_no_folder_means_no_cache(site: Path, tmp_path: Path) -> None:
    cache = BookCache(None)
    first_build(site, cache)
    assert not cache.fetch(HTML, site, tmp_path / "again.pdf")


def test_this_machine_can_cache_books() -> None:
    """fc-list (Debian's fontconfig) and the text libraries are found: the cache is on."""
    assert environment_digest() is not None


def test_an_upgraded_font_is_another_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = tmp_path / "DejaVuSans.ttf"
    font.write_bytes(b"font")
    listing = subprocess.CompletedProcess([], 0, stdout=f"{font}\n", stderr="")
    monkeypatch.setattr(book_cache.subprocess, "run", lambda *a, **k: listing)
    before = environment_digest.__wrapped__()
    font.write_bytes(b"font, version 2")
    assert before is not None
    assert environment_digest.__wrapped__() not in (None, before)
