"""Confinement hook: nothing from outside the repository, no markup from titles.

- A symbolic link under `docs/` (or the theme's `overrides/`) whose target leaves the
  repository would be copied into the site, the PDFs and the offline ZIP (a link to
  `/etc/passwd` publishes that file): the build stops, naming the link, as the validator
  does (`file-outside-repo`).
- Raw HTML in a page that would run in the reader's browser (`<script>`, `on*=`,
  `<iframe>`, forms, active CSS: the validator's `html-active`, `html-form`, `html-style`)
  stops the build with file:line:col, so a build run without the validator cannot
  publish it either; so does the same in the written page (after the theme and the other
  hooks: an inlined SVG, a title in the navigation), outside Material's own places.
- An image that the browser would fetch from another host (`![x](https://…)`,
  `<img src="//…">`, attr_list's `{ srcset=… }`: the validator's `link-third-party`)
  stops the build the same way, in the Markdown and in the written page's article (a
  hook's): that host would learn who reads which page, and the PDF and the offline copy
  would lack the image.
- A link or image URL that `urlsplit` rejects (`http://[::1/`, `http://[x]/`) crashes
  MkDocs itself with a traceback while it renders the page: it stops the build here
  first with file:line:col, as the validator does (`external-malformed`).
- Material writes `page.meta.title` and `page.meta.description` into `<title>`, the
  `<meta>` and Open Graph tags, the header and the navigation as they are: HTML. MkDocs'
  Jinja environment does not autoescape, so a `<script>` in a title ran on every page.
  Here each becomes text: `<`, `>` and `"` turn into entities, so the value can neither
  open a tag nor leave a double-quoted attribute, wherever a template puts it. `&` is
  left alone, so plain-text readers of the title (link-preview cards, the linking page)
  still see "A & B". The validator refuses such values anyway (`fm-unsafe-char`): this
  is the second line of defence, for a build run without it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from esxidocs import page_check
from esxidocs.build_cache import Marks, cache_dir
from esxidocs.findings import Finding
from esxidocs.validator.external_url import unsplittable
from esxidocs.validator.markdown_scan import scan_markdown
from esxidocs.validator.raw_html import check_built_page, scan_markdown_html

# What the build itself refuses in a page's raw HTML, validator or not: what would run in
# the reader's browser, and in the page's text images it would fetch from another host as
# the page opens, which tell that host who reads what. The rest of the policy (file:
# links, rel=attachment, the allow list) is the validator's; the PDF renderer never
# fetches outside the site anyway.
REFUSED = frozenset({"html-active", "html-form", "html-style", "link-third-party"})

_TEXT = str.maketrans({"<": "&lt;", ">": "&gt;", '"': "&quot;"})


def as_text(value: str) -> str:
    """`value` made inert wherever a template inserts it unescaped."""
    return value.translate(_TEXT)


def outside_links(folder: Path, root: Path) -> list[tuple[Path, str]]:
    """Symbolic links under `folder` whose target (resolved) is not inside `root`."""
    found = []
    for current, dirs, names in os.walk(folder, followlinks=False):
        for name in [*dirs, *names]:
            path = Path(current, name)
            if path.is_symlink():
                target = os.path.realpath(path)
                if not Path(target).is_relative_to(root):
                    found.append((path, target))
    return found


def on_config(config: Any) -> Any:
    root = Path(config["config_file_path"]).resolve().parent
    folders = [Path(config["docs_dir"])]
    custom_dir = config["theme"].custom_dir
    if custom_dir:
        folders.append(Path(custom_dir))
    for folder in folders:
        if not folder.resolve().is_relative_to(root):
            raise PluginError(f"{folder} is outside the repository {root}; refusing to build")
        for path, target in outside_links(folder, root):
            shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
            message = (
                f"symbolic link to {target}, outside the repository {root}; "
                "refusing to publish it (copy the file into the repository instead)"
            )
            raise PluginError(str(Finding(shown, 1, 1, "file-outside-repo", message)))
    return config


def _first_line(markdown: str, page: Any) -> int:
    """Line of the source file where `markdown` (the page without front matter) starts."""
    source = page.file.content_string
    index = source.find(markdown) if markdown else -1
    return source.count("\n", 0, index) + 1 if index >= 0 else 1


def active_html(markdown: str, first_line: int) -> list[Finding]:
    """Raw HTML that would run in the reader's browser (relative findings)."""
    return [item for item in scan_markdown_html(markdown, first_line) if item.code in REFUSED]


# A host ("//...") holding a bracket or a non-ASCII character: the only URLs `urlsplit`
# can reject. Pages without one (nearly all) are not scanned a second time. "Not ASCII" is
# written as a negated class: the range up to U+10FFFF took 2.5 ms to compile, every build.
_SUSPECT_HOST = re.compile(r"//[^/?#\s]*(?:[\[\]]|[^\x00-\x7f])")


def _no_ids(text: str, separator: str) -> str:
    return ""  # headings do not matter here, only links


def unsplittable_urls(markdown: str, first_line: int) -> list[Finding]:
    """Link, image and raw HTML URLs that `urlsplit` rejects (relative findings)."""
    if not _SUSPECT_HOST.search(markdown):
        return []
    return [
        finding
        for link in scan_markdown(markdown, first_line, _no_ids).links
        if link.kind != "ref" and (finding := unsplittable(link.target, link.line, link.col))
    ]


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    first_line = _first_line(markdown, page)
    found = active_html(markdown, first_line) + unsplittable_urls(markdown, first_line)
    if found:
        root = Path(config["config_file_path"]).resolve().parent
        where = Path(page.file.abs_src_path).resolve()
        where = where.relative_to(root) if where.is_relative_to(root) else where
        raise PluginError("\n".join(str(item.at(str(where))) for item in found[:10]))
    for key, value in page.meta.items():  # title, description, status, icon...
        if isinstance(value, str):
            page.meta[key] = as_text(value)
    return markdown


def on_post_page(output: str, page: Any, config: Any) -> str:
    """The written page, theme and hooks included (an inlined SVG, a title in the nav).

    A page passed before, byte for byte and by the same code, is not checked again: the
    verdict is a function of those alone (esxidocs/build_cache.py's `confine/` marks).
    """
    passed = Marks(cache_dir(config, "confine"))
    digest = page_check.page_digest(output)
    if passed.has(digest):
        return output
    if page_check.clean(output):  # the same verdict without re-parsing the navigation
        passed.add(digest)
        return output
    found = [item for item in check_built_page(page.url, output).findings if item.code in REFUSED]
    if found:
        where = f"{page.file.src_uri} (built page {page.url or '/'})"
        raise PluginError("\n".join(str(item.at(where)) for item in found[:10]))
    return output


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    if "title" not in page.meta and page.title:
        # A title taken from the first heading is HTML; Material prints it through
        # `striptags`, which un-escapes entities. Give Material a text title instead.
        page.meta["title"] = as_text(_heading_text(str(page.title)))
    return html


def _heading_text(title: str) -> str:
    """The text of a heading's HTML (entities decoded, tags dropped)."""
    if "<" not in title and "&" not in title:
        return title  # already text: most headings, and BeautifulSoup's import is not free
    from bs4 import BeautifulSoup

    return BeautifulSoup(title, "html.parser").get_text()
