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
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, Template
from markupsafe import Markup
from mkdocs.utils import get_relative_url

from esxidocs.findings import FindingError
from esxidocs.site_model import SiteModel, from_config
from esxidocs.validator import permalinks as permalink_list

PERMALINKS = "<!-- permalinks -->"
DOWNLOADS = "<!-- downloads -->"
TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@cache
def _template(name: str) -> Template:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES), autoescape=True, keep_trailing_newline=False
    )
    return env.get_template(name)


@lru_cache(maxsize=4)
def _permalinks(path: Path, mtime_ns: int, root: Path) -> dict[str, list[str]]:
    """The permalink list, read once for every linking page of a build (one a language);
    the mtime in the key makes `mkdocs serve` read an edited file again. Read by the
    validator's reader: its limits, no YAML aliases, a bad list stops the build at its line
    (a FindingError, printed by the plugin with the project-relative path)."""
    published, problems = permalink_list.load(path, root, str(path))
    if problems:
        raise FindingError(problems[0])
    return {url: list(entry.anchors) for url, entry in (published or {}).items()}


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


def _page_block(page: Any, anchors: list[str], site: SiteModel, text: Any) -> dict[str, Any]:
    base = site.absolute(page.url)
    titles = dict(_toc_items(page.toc))
    links = [(str(page.title), base)]
    rows = [{"title": text["page"], "url": base}]
    for anchor in anchors:
        title = titles.get(anchor, anchor)
        url = f"{base}#{anchor}"
        links.append((f"{page.title}: {title}", url))
        rows.append({"title": title, "url": url})
    return {
        "slug": _slug(page),
        "title": page.title,
        "rows": rows,
        "snippets": _wiki_lines(links),
    }


def _slug(page: Any) -> str:
    """Anchor suffix shared by all languages: the page's file name ("index" is "home")."""
    stem = Path(page.file.src_uri).stem
    return "home" if stem == "index" else stem


def _downloads(page: Any, lang: str, site: SiteModel, text: Any, artefacts: bool) -> str:
    items = []
    if artefacts:
        for label, target in (
            (text["pdf"], site.pdf_path(lang)),
            (text["offline"], site.offline_path),
        ):
            href = get_relative_url(target, page.url or ".")
            items.append({"href": href, "label": label, "shown": site.absolute(target)})
    command = Markup("<code>make build</code>")  # where the words say {command}
    return _template("downloads.html.j2").render(items=items, text=text, command=command)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    content = str(page.content or "")
    if PERMALINKS not in content and DOWNLOADS not in content:
        return context
    site = from_config(config)
    lang = site.page_language(page)
    text = site.text(lang, "linking")
    home = site.language(lang).link
    path = site.docs_dir / "_data" / "permalinks.yml"
    permalinks = _permalinks(path, path.stat().st_mtime_ns, site.root)
    published = set(_language_urls(permalinks, home, [lang.link for lang in site.languages]))
    # Navigation order; an old URL kept alive by a redirect has no page and is left out.
    blocks = [
        _page_block(p, permalinks["/" + p.url], site, text)
        for p in nav.pages
        if "/" + p.url in published
    ]
    # This page's tables are made after the tables stage ran: written already wrapped.
    permalinks_html = _template("linking.html.j2").render(blocks=blocks, text=text)
    content = content.replace(PERMALINKS, permalinks_html)
    artefacts = bool(config["extra"].get("artefacts"))
    content = content.replace(DOWNLOADS, _downloads(page, lang, site, text, artefacts))
    page.content = Markup(content)
    return context
