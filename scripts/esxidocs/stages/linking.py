"""The "linking" page: every stable URL and section, generated from the permalink list.

`docs/_data/permalinks.yml` (written by `make permalinks`, checked by the validator) is the
one list of public URLs and anchors. On the page whose Markdown holds `<!-- permalinks -->`
this hook puts, for each page of that language, a table of its sections with their
absolute URLs and ready-to-paste MediaWiki, Confluence and Markdown links; `<!-- downloads -->`
becomes the PDF and offline-copy links, or, in a build that makes neither (a plain `mkdocs
build` or `mkdocs serve`: only esxidocs/build.py sets `extra.artefacts`), a line saying how
to get them. Section titles come from the rendered pages'
tables of contents, which MkDocs has built for every page before any template runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup, escape
from mkdocs.utils import get_relative_url

from esxidocs.tables import wrap_tables

PERMALINKS = "<!-- permalinks -->"
DOWNLOADS = "<!-- downloads -->"
# Stable download paths, relative to the site root; esxidocs pdf and esxidocs/offline.py
# write them.
PDF_PATH = "{home}pdf/esx-vs-esxi5.{lang}.pdf"
OFFLINE_PATH = "download/esx-vs-esxi5-offline.zip"

TEXT = {
    "es": {
        "section": "Sección",
        "url": "Dirección estable",
        "page": "La página completa",
        "copy": "Enlaces listos para pegar en un wiki",
        "pdf": "PDF en español",
        "offline": "Copia sin conexión (HTML, ambos idiomas, ZIP)",
        "no-downloads": "Esta compilación no incluye el PDF ni la copia sin conexión: "
        "los genera <code>make build</code>.",
    },
    "en": {
        "section": "Section",
        "url": "Stable address",
        "page": "The whole page",
        "copy": "Links ready to paste into a wiki",
        "pdf": "PDF in English",
        "offline": "Offline copy (HTML, both languages, ZIP)",
        "no-downloads": "This build has neither the PDF nor the offline copy: "
        "<code>make build</code> makes them.",
    },
}


def _toc_items(items: Any) -> Iterator[tuple[str, str]]:
    for item in items:
        yield item.id, str(item.title)
        yield from _toc_items(item.children)


def _language_urls(permalinks: dict[str, list[str]], home: str, homes: list[str]) -> list[str]:
    """URLs of one language: under its home, and not under a longer language home."""
    others = [h for h in homes if h != home and h.startswith(home)]
    return [
        url
        for url in permalinks
        if url.startswith(home) and not any(url.startswith(o) for o in others)
    ]


def _wiki_lines(links: list[tuple[str, str]]) -> dict[str, list[str]]:
    return {
        "MediaWiki": [f"[{url} {title}]" for title, url in links],
        "Confluence": [f"[{title}|{url}]" for title, url in links],
        "Markdown": [f"[{title}]({url})" for title, url in links],
    }


def _page_block(page: Any, anchors: list[str], site_url: str, text: dict[str, str]) -> str:
    base = site_url.rstrip("/") + "/" + page.url
    titles = dict(_toc_items(page.toc))
    links = [(str(page.title), base)]
    rows = [f"<tr><td>{escape(text['page'])}</td><td><code>{escape(base)}</code></td></tr>"]
    for anchor in anchors:
        title = titles.get(anchor, anchor)
        url = f"{base}#{anchor}"
        links.append((f"{page.title}: {title}", url))
        rows.append(f"<tr><td>{escape(title)}</td><td><code>{escape(url)}</code></td></tr>")
    # A bare <pre>, not <pre><code>: Material mounts its code-block component (a forced
    # style recalculation each) on every `pre > code`, which made this page's load one long
    # main-thread task; these blocks need none of it, and wrap instead of scrolling. One
    # block-level span per link (copied as one line each) gives wrapped links a hanging indent.
    snippets = "".join(
        f'<p><strong>{name}</strong></p><pre class="wiki-snippet">'
        + "".join(f"<span>{escape(line)}</span>" for line in lines)
        + "</pre>"
        for name, lines in _wiki_lines(links).items()
    )
    # One box per page, so that the stylesheet can leave the boxes off screen unrendered.
    return (
        '<div class="permalinks__page">'
        f'<h3 id="link-{escape(_slug(page))}">{escape(page.title)}</h3>'
        f"<table><thead><tr><th>{escape(text['section'])}</th>"
        f"<th>{escape(text['url'])}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f'<details class="note screen-only"><summary>{escape(text["copy"])}</summary>'
        f"{snippets}</details></div>"
    )


def _slug(page: Any) -> str:
    """Anchor suffix shared by all languages: the page's file name ("index" is "home")."""
    stem = Path(page.file.src_uri).stem
    return "home" if stem == "index" else stem


def _downloads(
    page: Any, lang: str, home: str, site_url: str, text: dict[str, str], artefacts: bool
) -> str:
    """Links relative to the page (they work in the offline copy too), URLs shown absolute."""
    if not artefacts:
        return f"<p>{text['no-downloads']}</p>"
    items = []
    for label, target in (
        (text["pdf"], PDF_PATH.format(home=home.lstrip("/"), lang=lang)),
        (text["offline"], OFFLINE_PATH),
    ):
        href = get_relative_url(target, page.url or ".")
        shown = site_url.rstrip("/") + "/" + target
        items.append(
            f'<li><a href="{escape(href)}">{escape(label)}</a>: <code>{escape(shown)}</code></li>'
        )
    return f"<ul>{''.join(items)}</ul>"


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    content = str(page.content or "")
    if PERMALINKS not in content and DOWNLOADS not in content:
        return context
    lang = Path(page.file.src_uri).parts[0]
    text = TEXT[lang]
    alternates = config["extra"]["alternate"]
    home = next(alt["link"] for alt in alternates if alt["lang"] == lang)
    path = Path(config["docs_dir"]) / "_data" / "permalinks.yml"
    permalinks: dict[str, list[str]] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    published = set(_language_urls(permalinks, home, [alt["link"] for alt in alternates]))
    # Navigation order; an old URL kept alive by a redirect has no page and is left out.
    blocks = [
        _page_block(p, permalinks["/" + p.url] or [], config["site_url"], text)
        for p in nav.pages
        if "/" + p.url in published
    ]
    # This page's tables are made here, after tables.py has seen the page: wrap them the same way.
    permalinks_html = wrap_tables(f'<div class="permalinks">{"".join(blocks)}</div>')
    content = content.replace(PERMALINKS, permalinks_html)
    artefacts = bool(config["extra"].get("artefacts"))
    downloads = _downloads(page, lang, home, config["site_url"], text, artefacts)
    content = content.replace(DOWNLOADS, downloads)
    page.content = Markup(content)
    return context
