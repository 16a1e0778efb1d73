"""Linking from wikis: link previews, alternates, sitemap, the linking page, redirects."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import (
    CONFIG,
    DEFAULT_LANG,
    DOCS,
    LANGUAGES,
    NAV,
    PAGE_KEYS,
    built_html,
    copy_project,
    page_id,
    read_page,
)
from PIL import Image
from support import cli as validate_cli

SITE_URL: str = CONFIG["site_url"]
OG_LOCALES = {"es": "es_ES", "en": "en_US"}


def local_file(site: Path, url: str) -> Path:
    """The built file an absolute site URL is served from."""
    assert url.startswith(SITE_URL), url
    path = urlsplit(url).path[len(urlsplit(SITE_URL).path) :]
    target = site / path
    return target / "index.html" if path.endswith("/") or not path else target


def previews(soup: BeautifulSoup) -> dict[str, list[str]]:
    """Open Graph / Twitter properties as an unfurler collects them (repeats kept)."""
    found: dict[str, list[str]] = {}
    for meta in soup.find_all("meta"):
        key = meta.get("property") or meta.get("name")
        if key and str(key).startswith(("og:", "twitter:")):
            found.setdefault(str(key), []).append(str(meta.get("content", "")))
    return found


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_link_preview_tags_are_complete_and_in_the_page_language(
    built_site: Path, key: tuple[str, str]
) -> None:
    page = read_page(*key)
    soup = built_html(built_site, page.url)
    og = previews(soup)
    canonical = soup.find("link", rel="canonical")
    assert canonical is not None
    assert og["og:title"] == [page.meta["title"]]
    assert og["og:description"] == [page.meta["description"]]
    assert og["og:url"] == [canonical["href"]] == [SITE_URL + page.url]
    assert og["og:type"] == ["website" if page.name == "index.md" else "article"]
    assert soup.title is not None
    assert og["og:site_name"][0] and og["og:site_name"][0] in soup.title.get_text()
    assert og["og:locale"] == [OG_LOCALES[page.lang]]
    assert og["og:locale:alternate"] == [OG_LOCALES[x] for x in LANGUAGES if x != page.lang]
    assert og["twitter:card"] == ["summary_large_image"]
    image = local_file(built_site, og["og:image"][0])
    with Image.open(image) as card:
        assert (card.format, card.size) == ("PNG", (1200, 630))


@pytest.mark.parametrize("name", NAV)
def test_social_cards_differ_per_language(built_site: Path, name: str) -> None:
    cards = {
        lang: local_file(
            built_site, previews(built_html(built_site, read_page(lang, name).url))["og:image"][0]
        ).read_bytes()
        for lang in LANGUAGES
    }
    assert len(set(cards.values())) == len(LANGUAGES)


def test_card_is_drawn_from_the_page_title() -> None:
    from esxidocs.social_card import Card, render

    one = render(Card("La partición scratch", "Descripción.", "Sitio", "Español", "x.org/"))
    two = render(Card("Los bancos de arranque", "Descripción.", "Sitio", "Español", "x.org/"))
    assert one != two
    assert Image.open(io.BytesIO(one)).size == (1200, 630)


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_hreflang_alternates_name_each_language_version_and_x_default(
    built_site: Path, key: tuple[str, str]
) -> None:
    """That they resolve (and the canonical URL too) is the validator's built-site check."""
    page = read_page(*key)
    soup = built_html(built_site, page.url)
    alternates = {
        str(link["hreflang"]): str(link["href"])
        for link in soup.find_all("link", rel="alternate")
        if link.get("hreflang")
    }
    assert sorted(alternates) == sorted([*LANGUAGES, "x-default"])
    assert alternates["x-default"] == alternates[DEFAULT_LANG]
    for lang in LANGUAGES:
        assert alternates[lang] == SITE_URL + read_page(lang, page.name).url


def test_sitemap_lists_every_page_with_its_alternates(built_site: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(built_site / "sitemap.xml").getroot()
    entries = {
        url.findtext("s:loc", namespaces=ns): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    for lang, name in PAGE_KEYS:
        loc = SITE_URL + read_page(lang, name).url
        assert loc in entries, loc
        assert entries[loc] == {x: SITE_URL + read_page(x, name).url for x in LANGUAGES}


def urls_on_linking_page(site: Path, lang: str) -> set[str]:
    soup = built_html(site, read_page(lang, "linking.md").url)
    return {code.get_text() for code in soup.select("article table td code")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_linking_page_lists_exactly_the_permalink_list(built_site: Path, lang: str) -> None:
    published = yaml.safe_load((DOCS / "_data" / "permalinks.yml").read_text(encoding="utf-8"))
    own = {read_page(lang, name).url for name in NAV}
    expected = set()
    for url, anchors in published.items():
        if url.lstrip("/") in own:
            expected.add(SITE_URL + url.lstrip("/"))
            expected.update(f"{SITE_URL}{url.lstrip('/')}#{a}" for a in anchors or [])
    assert urls_on_linking_page(built_site, lang) == expected


@pytest.mark.parametrize("lang", LANGUAGES)
def test_linking_page_offers_wiki_syntax_and_downloads(built_site: Path, lang: str) -> None:
    page = read_page(lang, "linking.md")
    soup = built_html(built_site, page.url)
    # One element per link; a browser copies each as a line.
    blocks = [pre.get_text("\n") for pre in soup.select("article details pre")]
    scratch = SITE_URL + read_page(lang, "scratch.md").url + "#persistence"
    assert any(re.search(rf"^\[{re.escape(scratch)} .+\]$", b, re.M) for b in blocks)  # MediaWiki
    assert any(re.search(rf"^\[.+\|{re.escape(scratch)}\]$", b, re.M) for b in blocks)  # Confluence
    assert any(re.search(rf"^\[.+\]\({re.escape(scratch)}\)$", b, re.M) for b in blocks)  # Markdown
    downloads = "article li a[href$='.pdf'], article li a[href$='.zip']"
    hrefs = [str(a["href"]) for a in soup.select(downloads)]
    assert len(hrefs) == 2
    for href in hrefs:
        assert (built_site / page.url / href).resolve().is_file(), href


def validate(project: Path) -> subprocess.CompletedProcess[str]:
    return validate_cli("--config", "mkdocs.yml", cwd=project)


def test_moving_a_page_needs_a_redirect_and_the_old_url_lands_on_the_new_page(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "project")
    for lang in LANGUAGES:
        (project / "docs" / lang / "scratch.md").rename(
            project / "docs" / lang / "scratch-space.md"
        )
        for md in (project / "docs" / lang).glob("*.md"):
            md.write_text(
                md.read_text(encoding="utf-8").replace("(scratch.md", "(scratch-space.md"), "utf-8"
            )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("  - scratch.md\n", "  - scratch-space.md\n")
    config.write_text(text, encoding="utf-8")

    moved = validate(project)
    assert moved.returncode == 1, moved.stdout
    assert "error[permalink-removed]: published page /scratch/" in moved.stdout

    redirects = (
        "redirect_maps:\n        scratch.md: es/scratch-space.md\n"
        "        en/scratch.md: en/scratch-space.md"
    )
    config.write_text(text.replace("redirect_maps: {}", redirects), encoding="utf-8")
    fixed = validate(project)
    assert fixed.returncode == 0, fixed.stdout

    site = project / "site"
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    for old, new in (("scratch/", "scratch-space/"), ("en/scratch/", "en/scratch-space/")):
        html = (site / old / "index.html").read_text(encoding="utf-8")
        link = BeautifulSoup(html, "html.parser").find("link", rel="canonical")
        assert link is not None
        assert urljoin(f"https://host/{old}", str(link["href"])) == f"https://host/{new}"
        assert (site / new / "index.html").is_file()
