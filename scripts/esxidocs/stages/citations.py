"""Citations hook: `[@id]` markers become the linked exact title of a source.

`docs/_data/sources.yml` (loaded by esxidocs/sources_data.py) is the only list of sources.
A page cites with `[@kb-1033696]` or `[@kb-306902; @kb-2001780]`; the marker becomes a link
to the source's URL whose text is its label and exact title in the page's quotation marks
(« » in Spanish, “ ” in English), so the citation reads the same on the site, in search and
in the PDF (pdfbook prints the address of every outside link). Markers in code spans and
fenced code are left alone. An unknown id stops the build with `path:line:col`.

The sources page's `<!-- sources -->` marker becomes a table of every record: title with
link, publisher, date, what it supports and which pages of that language cite it. The
links to the citing pages go in after Material's search has indexed the page
(esxidocs/after_search.py): they are the other pages' titles, so in the index they made the
sources page a match for every one of those pages.

Markdown never sees the citation's HTML: a marker is first swapped for a private-use
placeholder, and the placeholder for the link once the page is HTML. Otherwise the glossary
would put its tooltips inside titles ("ESXi" in a KB title) and emphasis could eat a `*`.
"""

from __future__ import annotations

import difflib
import os
import re
import secrets
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from esxidocs import after_search
from esxidocs.findings import Finding
from esxidocs.site_model import SiteModel, from_config
from esxidocs.sources_data import (
    Marker,
    Source,
    find_markers,
    load_sources,
    position,
    replace_markers,
)

MARKER = "<!-- sources -->"
# A citation's HTML waits in the Markdown as private-use characters (Markdown leaves them
# alone) around this process's random token and its number: a page that writes such
# characters itself (the validator refuses them, a plain `mkdocs build` does not) gets
# nothing put in their place. Every placeholder is replaced before the page is written.
_OPEN, _CLOSE = "\ue000", "\ue001"
_TOKEN = secrets.token_hex(8)
_PLACEHOLDER = re.compile(f"{_OPEN}{_TOKEN}(\\d+){_CLOSE}")
# Citations waiting for their page's HTML, by page source path.
_PENDING: dict[str, list[str]] = {}

# Three columns (docs/_data/site.yml, `sources.headers`): publisher and date go under the
# title, so the table fits a page width. The original article is cited by the whole site,
# not by markers: its row says so (`sources.whole_site`).
NONE = "—"


@lru_cache(maxsize=4)
def _load(path: str, mtime_ns: int, languages: tuple[str, ...]) -> dict[str, Source]:
    # mtime in the key: `mkdocs serve` picks up an edited file on the next rebuild.
    return load_sources(Path(path), languages)


def _languages(config: Any) -> tuple[str, ...]:
    """The built languages: `supports` must have a text for each."""
    return from_config(config).locales


def _sources(config: Any) -> dict[str, Source] | None:
    path = Path(config["docs_dir"]) / "_data" / "sources.yml"
    if not path.is_file():
        return None
    # A SourcesError (path:line:col) stops the build through the plugin, as every loader's.
    return _load(str(path), path.stat().st_mtime_ns, _languages(config))


def _display(config: Any, page: Any) -> str:
    """The page's path as the validator prints it: relative to the project root."""
    root = Path(config["config_file_path"] or ".").resolve().parent
    path = Path(page.file.abs_src_path or page.file.src_uri)
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return os.fspath(path)


def _first_line(page: Any) -> int:
    """Line of the source file on which the Markdown handed to hooks starts."""
    try:
        source = page.file.content_string
    except (OSError, TypeError, ValueError):
        return 1
    body, _ = get_data(source)
    return source.count("\n", 0, len(source) - len(body)) + 1


def _unknown(ids: set[str], wanted: str, line: int, col: int) -> Finding:
    """The validator's `citation-unknown`, relative to the Markdown handed to hooks."""
    close = difflib.get_close_matches(wanted, sorted(ids), n=1, cutoff=0.8)
    message = f"unknown source id '{wanted}' (not in docs/_data/sources.yml)"
    hint = close[0] if close else None
    return Finding("", line, col, "citation-unknown", message, suggestion=hint)


def _placeholder(pending: list[str], html: str) -> str:
    pending.append(html)
    return f"{_OPEN}{_TOKEN}{len(pending) - 1}{_CLOSE}"


def _cite(marker: Marker, sources: dict[str, Source], quotes: list[str]) -> str:
    return "; ".join(sources[cid].html(quotes) for cid in marker.ids)


def _check(markdown: str, sources: dict[str, Source], where: str, page: Any) -> None:
    for marker in find_markers(markdown):
        for cid in marker.ids:
            if cid not in sources:
                found = _unknown(set(sources), cid, *position(markdown, marker.start))
                # The page's first line costs a read and a YAML parse: only for the message.
                raise PluginError(str(found.shifted(_first_line(page) - 1).at(where)))


def _md_text(text: str) -> str:
    """Plain text safe inside a Markdown table cell: no emphasis, code or cell breaks."""
    text = text.replace("\\", "\\\\")
    for char in "*_`[]<>":
        text = text.replace(char, f"\\{char}")
    return text.replace("|", "&#124;")


def _page_title(text: str, fallback: str) -> str:
    _, meta = get_data(text)
    title = meta.get("title") if isinstance(meta, dict) else None
    return str(title) if title else fallback


@lru_cache(maxsize=4096)
def _cited_in(text: str, fallback: str) -> tuple[frozenset[str], str]:
    """The source ids a page's text cites (outside code) and its title.

    Every sources page (one per language) reads every page of its language: the front
    matter's YAML and the marker scan run once per version of a page, not once per sources
    page and build.
    """
    body, _ = get_data(text)
    ids = frozenset(cid for marker in find_markers(body) for cid in marker.ids)
    return ids, (_page_title(text, fallback) if ids else fallback)


Citing = dict[str, list[tuple[Any, str]]]
# The last build's citing pages per language, kept with the file list they were read from:
# a site may have several pages with a sources table, and a new build (`mkdocs serve`) has a
# new file list, so it never reads an older build's map.
_CITING: dict[str, tuple[Any, Citing]] = {}


def _citing_pages(files: Any, lang: str, site: SiteModel) -> Citing:
    """Source id -> (page file, page title) of every page of `lang` that cites it."""
    held = _CITING.get(lang)
    if held is not None and held[0] is files:
        return held[1]
    cited: Citing = {}
    for file in sorted(files.documentation_pages(), key=lambda f: f.src_uri):
        if site.language_of(file.src_uri) != lang:
            continue
        ids, title = _cited_in(file.content_string, file.src_uri.split("/", 1)[1])
        if not ids:
            continue
        for cid in sorted(ids):
            cited.setdefault(cid, []).append((file, title))
    _CITING[lang] = (files, cited)
    return cited


def _citing_links(citing: list[tuple[Any, str]], page: Any) -> str:
    """The links to the pages citing a source, as HTML: the page's own URL for each.

    Written as HTML, not as Markdown links for Python-Markdown to resolve: on a site of n
    pages the sources table holds up to n links a source, and rendering them as Markdown
    cost a quarter of a second a sources page at 2x500 pages. The URL is MkDocs' own
    (`File.url_relative_to`, what its link resolution writes), and the files come from
    MkDocs' list, so no link can be broken.
    """
    return ", ".join(
        f'<a href="{escape(file.url_relative_to(page.file))}">{escape(title, quote=False)}</a>'
        for file, title in citing
    )


def _source_cell(source: Source, quotes: list[str]) -> str:
    """The linked citation, with publisher and date (where known) on a line below."""
    meta = ", ".join(part for part in (source.publisher, source.date) if part)
    if not meta:
        return source.html(quotes)
    return f"{source.html(quotes)}<br>{escape(meta, quote=False)}"


def _sources_table(
    sources: dict[str, Source],
    lang: str,
    site: SiteModel,
    files: Any,
    page: Any,
    pending: list[str],
) -> str:
    words = site.strings(lang)
    headers = words["sources"]["headers"]
    cited = _citing_pages(files, lang, site)
    rows = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for source in sources.values():  # file order
        citing = cited.get(source.id)
        if citing:
            pages = _placeholder(pending, after_search.defer(page, _citing_links(citing, page)))
        else:
            pages = words["sources"]["whole_site"] if source.kind == "original" else NONE
        cells = (
            _placeholder(pending, _source_cell(source, words["quotes"])),
            _md_text(source.supports[lang]),
            pages,
        )
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows) + "\n"


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    sources = _sources(config)
    if sources is None:
        return markdown
    site = from_config(config)
    lang = site.page_language(page)
    words = site.strings(lang)
    if "[@" not in markdown and MARKER not in markdown:
        return markdown  # no citation and no sources table: most pages, one scan
    _check(markdown, sources, _display(config, page), page)
    pending: list[str] = []
    markdown = replace_markers(
        markdown, lambda marker: _placeholder(pending, _cite(marker, sources, words["quotes"]))
    )
    if MARKER in markdown:
        markdown = markdown.replace(
            MARKER, _sources_table(sources, lang, site, files, page, pending)
        )
    if pending:
        _PENDING[page.file.src_uri] = pending
    return markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    pending = _PENDING.pop(page.file.src_uri, None)
    if not pending:
        return html
    return _PLACEHOLDER.sub(lambda match: pending[int(match.group(1))], html)
