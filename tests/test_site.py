"""The built site, read the way a browser and a reader see it.

Heading-id parity between languages, hreflang and canonical URLs that resolve, and nothing
loaded from another origin are the validator's (esxidocs/validator: parity.py, site_html.py),
checked on this very build by esxidocs/build.py and tested on small cases in
tests/test_validate_*.py; they are not asserted again here."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import (
    CONFIG,
    DEFAULT_LANG,
    DOCS,
    LANGUAGES,
    NAV,
    PAGE_KEYS,
    built_html,
    page_id,
    read_page,
)
from esxidocs.glossary_data import load_glossary

SITE_URL = CONFIG["site_url"]
SEARCH_PLACEHOLDER = {"es": "Búsqueda", "en": "Search"}
ARTICLE_TITLE = "Algunas diferencias entre VMware vSphere ESX y ESXi 5"


def content(soup: BeautifulSoup) -> Tag:
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    return article


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(content(soup).get_text(" ").split())


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_page_has_its_language_title_and_description(
    built_site: Path, key: tuple[str, str]
) -> None:
    page = read_page(*key)
    soup = built_html(built_site, page.url)
    html = soup.find("html")
    assert isinstance(html, Tag) and html.get("lang") == page.lang
    assert soup.title is not None and soup.title.string is not None
    assert soup.title.string.startswith(f"{page.meta['title']} - ")
    description = soup.find("meta", attrs={"name": "description"})
    assert isinstance(description, Tag) and description.get("content") == page.meta["description"]
    search = soup.select_one("input[data-md-component=search-query]")
    assert search is not None and search.get("placeholder") == SEARCH_PLACEHOLDER[page.lang]


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_navigation_titles_are_in_the_page_language(built_site: Path, key: tuple[str, str]) -> None:
    page = read_page(*key)
    soup = built_html(built_site, page.url)
    labels = [
        " ".join(a.get_text(" ").split()) for a in soup.select("nav.md-nav--primary a.md-nav__link")
    ]
    for name in NAV:
        title = read_page(page.lang, name).meta["title"]
        assert title in labels, f"{page.url}: nav lacks {title!r}"


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_language_selector_leads_to_the_same_page(built_site: Path, key: tuple[str, str]) -> None:
    page = read_page(*key)
    soup = built_html(built_site, page.url)
    links = {str(a.get("hreflang")): str(a.get("href")) for a in soup.select("a.md-select__link")}
    assert sorted(links) == sorted(LANGUAGES)
    for lang, href in links.items():
        target = urljoin(f"/{page.url}", str(href))
        assert target == "/" + read_page(lang, page.name).url, (lang, href)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_glossary_page_lists_every_term_with_its_anchor(built_site: Path, lang: str) -> None:
    entries = load_glossary(DOCS / "_data" / f"glossary.{lang}.yml")
    soup = built_html(built_site, read_page(lang, "glossary.md").url)
    ids = [h["id"] for h in content(soup).select("h2[id]")]
    assert ids == [e.id for e in entries]


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_tooltips_come_from_the_page_language_glossary(
    built_site: Path, key: tuple[str, str]
) -> None:
    page = read_page(*key)
    own = {e.tooltip for e in load_glossary(DOCS / "_data" / f"glossary.{page.lang}.yml")}
    soup = built_html(built_site, page.url)
    tooltips = content(soup).find_all("abbr")
    titles = [abbr.get("title") for abbr in tooltips]
    if page.meta["article"] != "none":  # every topic page uses glossary terms
        assert titles, f"{page.url}: no glossary tooltip on the page"
    assert set(titles) <= own, f"{page.url}: tooltips not from glossary.{page.lang}.yml"
    # Each definition once, on its first occurrence, and none in a heading.
    assert len(titles) == len(set(titles)), f"{page.url}: a definition's tooltip repeated"
    headings = [a for a in tooltips if a.find_parent(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert not headings, f"{page.url}: a tooltip in a heading"


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_no_script_holds_up_the_first_paint(built_site: Path, key: tuple[str, str]) -> None:
    """Every external script is deferred, Material's bundle first: ours rely on running after
    it (alternate-links.js hides the hreflang links from its DOMContentLoaded scan)."""
    soup = built_html(built_site, read_page(*key).url)
    scripts = soup.find_all("script", src=True)
    blocking = [s["src"] for s in scripts if not s.has_attr("defer") and not s.has_attr("async")]
    assert blocking == []
    names = [Path(urlsplit(str(s["src"])).path).name for s in scripts]
    assert names[0].startswith("bundle.") and names[1:] == [
        "alternate-links.js",
        "language-switch.js",
        "permalink-copy.js",
    ]


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", ["index.md", "sources.md"])
def test_home_and_sources_credit_the_article(built_site: Path, lang: str, name: str) -> None:
    assert ARTICLE_TITLE in text_of(built_html(built_site, read_page(lang, name).url))


# Facts of the article (and of its fact-checks) that a reader must find on the right page,
# each in the page's own language: a missing or mistranslated fact fails here.
KEY_FACTS: dict[str, dict[str, list[str]]] = {
    "footprint.md": {
        "es": [r"76 MB", r"150 MB", r"2 GB", r"vSphere 5", r"superficie de ataque", r"VMM"],
        "en": [r"76 MB", r"150 MB", r"2 GB", r"vSphere 5", r"attack surface", r"VMM"],
    },
    "vmkernel-extensions.md": {
        "es": [r"firmad[oa]s?", r"VIB", r"PartnerSupported", r"nivel(es)? de aceptación"],
        "en": [r"signed", r"VIB", r"PartnerSupported", r"acceptance levels?"],
    },
    "agents.md": {
        "es": [r"Service Console", r"hostd", r"vpxa", r"user world", r"daemons|demonios"],
        "en": [r"Service Console", r"hostd", r"vpxa", r"user world", r"daemons"],
    },
    "system-image.md": {
        "es": [r"memoria física", r"instalador", r"disco local", r"Lost connectivity"],
        "en": [r"physical memory", r"installer", r"local disk", r"Lost connectivity"],
    },
    "scratch.md": {
        "es": [r"4 GB", r"VFAT", r"/tmp/scratch", r"ramdisk", r"reinici", r"4 GB de RAM"],
        "en": [r"4 GB", r"VFAT", r"/tmp/scratch", r"ramdisk", r"reboot", r"4 GB (of )?RAM"],
    },
    "boot-banks.md": {
        "es": [r"dos copias", r"/bootbank", r"/altbootbank", r"s\.v00", r"boot\.cfg"],
        "en": [r"two copies", r"/bootbank", r"/altbootbank", r"s\.v00", r"boot\.cfg"],
    },
    "disk-layout.md": {
        "es": [r"4 MB", r"250 MB", r"110 MB", r"286 MB", r"4 GB", r"VMFS", r"USB"],
        "en": [r"4 MB", r"250 MB", r"110 MB", r"286 MB", r"4 GB", r"VMFS", r"USB"],
    },
    "auto-deploy.md": {
        "es": [r"Auto Deploy", r"PXE", r"CIFS", r"SFTP", r"HTTP", r"memoria", r"ks\.cfg"],
        "en": [r"Auto Deploy", r"PXE", r"CIFS", r"SFTP", r"HTTP", r"memory", r"ks\.cfg"],
    },
}


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(KEY_FACTS))
def test_key_facts_are_on_their_page(built_site: Path, name: str, lang: str) -> None:
    text = text_of(built_html(built_site, read_page(lang, name).url))
    missing = [fact for fact in KEY_FACTS[name][lang] if not re.search(fact, text)]
    assert missing == [], f"{lang}/{name} lacks {missing}"


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_no_page_shows_another_language_title(built_site: Path, key: tuple[str, str]) -> None:
    """A page's text never names a page title of the other language (untranslated copy)."""
    page = read_page(*key)
    text = text_of(built_html(built_site, page.url))
    for lang in LANGUAGES:
        if lang == page.lang:
            continue
        own_titles = {read_page(page.lang, n).meta["title"] for n in NAV}
        leaked = [
            title
            for n in NAV
            if (title := read_page(lang, n).meta["title"]) in text and title not in own_titles
        ]
        assert leaked == [], f"{page.url} shows {lang} titles {leaked}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_diagram_captions_not_diagram_labels(built_site: Path, lang: str) -> None:
    """A diagram's labels are not prose: in a search result they read as "1, Cargador de
    arranque, 4 MB, ...". Its caption is, and stays searchable."""
    home = "" if lang == DEFAULT_LANG else f"{lang}/"
    index = json.loads((built_site / home / "search/search_index.json").read_text("utf-8"))
    indexed = " ".join(" ".join(doc["text"].split()) for doc in index["docs"])
    figures = [
        figure
        for name in NAV
        for figure in built_html(built_site, read_page(lang, name).url).select("figure.diagram")
    ]
    assert figures
    for figure in figures:
        caption, desc = figure.find("figcaption"), figure.select_one("svg desc")
        assert caption is not None and desc is not None
        assert " ".join(caption.get_text().split()) in indexed
        assert " ".join(desc.get_text().split()) not in indexed


@pytest.mark.parametrize("key", PAGE_KEYS, ids=page_id)
def test_tables_come_wrapped_so_material_does_not_move_them(
    built_site: Path, key: tuple[str, str]
) -> None:
    """Material moves every `table:not([class])` into its wrapper at load, which costs the
    page a long task (esxidocs/stages/tables.py): none is left for it."""
    soup = built_html(built_site, read_page(*key).url)
    for table in soup.select("article table"):
        assert table.get("class") == ["data-table"], table.sourceline
        assert table.parent is not None and table.parent.get("class") == ["md-typeset__table"]
        outer = table.parent.parent
        assert outer is not None and outer.get("class") == ["md-typeset__scrollwrap"]
