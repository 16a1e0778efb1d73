"""Check one built HTML page against the list of the site's files.

Runs in worker processes. Each page is checked as far as it can be alone: every URL is
resolved and looked up among the site's files, fragments into the page itself are
checked; only fragments into other pages are handed back (`HtmlPage.cross`), with the
page's ids, for the cross-page pass.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import lxml.etree
import lxml.html

from esxidocs.findings import Finding

from . import files
from .html_fragments import RESOURCE_ATTRS, loads, srcset_urls
from .site_url import SiteOrigin
from .suggest import closest

MAX_HTML_BYTES = 64 * 1024 * 1024
_SKIPPED_SCHEMES = frozenset({"mailto", "tel", "javascript", "data", "blob", "about", "sms"})
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.I)
_REFRESH = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.I)
_CODES = {
    "link": "site-link",
    "resource": "site-link",
    "refresh": "site-link",
    "canonical": "site-canonical",
    "alternate": "site-hreflang",
}
# Only elements that can hold an id or a URL reach Python: the rest stay in libxml2.
_INTERESTING = lxml.etree.XPath(
    "//*[@id or @name or @href or @src or @srcset or @data or @poster or @style]"
    " | //style | //meta[@http-equiv]"
)


@dataclass(frozen=True)
class SiteFiles:
    """What every worker knows of the whole built site."""

    site_dir: Path
    files: frozenset[str]
    by_dir: dict[str, list[str]]
    origin: SiteOrigin

    def exists(self, target: str) -> str | None:
        """The file a web server returns for `target` (directory index included)."""
        if target in self.files:
            return target
        index = f"{target}/index.html"
        return index if index in self.files else None

    def suggest(self, target: str) -> str | None:
        folder = posixpath.dirname(target)
        name = closest(posixpath.basename(target), self.by_dir.get(folder, []))
        return posixpath.join(folder, name) if name else None


@dataclass
class HtmlPage:
    rel: str
    ids: str = ""  # the page's ids joined by newlines: one string pickles fast
    issues: list[tuple[str, int, str, str | None]] = field(default_factory=list)
    cross: list[tuple[str, str, int, str]] = field(default_factory=list)  # page, anchor, line, url


def _scheme(url: str) -> str | None:
    head, sep, _ = url.partition(":")
    return head.lower() if sep and head.isalpha() and "/" not in head else None


class _PageChecker:
    def __init__(self, rel: str, site: SiteFiles) -> None:
        self.page = HtmlPage(rel)
        self.site = site
        self.rel = rel
        folder = posixpath.dirname(rel)
        self.folder = f"{folder}/" if folder else ""
        self.ids: set[str] = set()
        self.local: list[tuple[str, int, str]] = []  # same-page fragments, checked at the end

    def issue(self, code: str, line: int, message: str, suggestion: str | None = None) -> None:
        self.page.issues.append((code, line, message, suggestion))

    def _resolve(self, url: str) -> tuple[str | None, str] | None:
        """(site file, fragment) for a URL on this site; None for another origin.

        The file is None when the URL climbs above the site root.
        """
        path, _, fragment = url.partition("#")
        path = path.partition("?")[0]
        if not path:
            return self.rel, fragment
        if ":" in path or path.startswith("//"):
            own = self.site.origin.own(path)
            if own is None:
                return None
            path = own
        base = self.site.origin.base_path
        if path.startswith("/"):
            if not path.startswith(base):
                return "", fragment
            target = path[len(base) :]
        else:
            target = self.folder + path
        if "%" in target:
            target = unquote(target)
        normal = posixpath.normpath(target) if target else "."
        if normal.startswith(".."):
            return "", fragment
        if target.endswith("/") or normal == ".":
            normal = "index.html" if normal == "." else f"{normal}/index.html"
        return normal, fragment

    def ref(self, line: int, kind: str, url: str) -> None:
        url = url.strip()
        if not url or (":" in url and _scheme(url) in _SKIPPED_SCHEMES):
            return
        resolved = self._resolve(url)
        if resolved is None:
            if kind == "resource":
                self.issue("site-third-party", line, f"loads {url} from another origin")
            elif kind in ("canonical", "alternate"):
                self.issue(_CODES[kind], line, f"{kind} URL {url} is not on site_url")
            return
        target, fragment = resolved
        code = _CODES[kind]
        if not target:
            self.issue(code, line, f"{url} points outside the site")
            return
        found = self.site.exists(target)
        if found is None:
            self.issue(
                code,
                line,
                f"{url} does not resolve ({target} does not exist)",
                self.site.suggest(target),
            )
        elif fragment and found.endswith((".html", ".htm")):
            anchor = unquote(fragment)
            if found == self.rel:
                self.local.append((anchor, line, url))
            else:
                self.page.cross.append((found, anchor, line, url))

    def css(self, line: int, text: str) -> None:
        for match in CSS_URL.finditer(text):
            if self.site.origin.own(match.group(1)) is None:
                self.issue("site-third-party", line, f"loads {match.group(1)} from another origin")

    def element(self, el: lxml.html.HtmlElement) -> None:
        attrib = el.attrib
        tag = el.tag
        line = el.sourceline if isinstance(el.sourceline, int) else 1
        anchor = attrib.get("id")
        if anchor:
            self.ids.add(anchor)
        if tag == "a" and "name" in attrib:
            self.ids.add(attrib["name"])
        if "href" in attrib and tag in ("a", "area"):
            self.ref(line, "link", attrib["href"])
        elif tag == "link" and "href" in attrib:
            rels = set(attrib.get("rel", "").lower().split())
            if "canonical" in rels:
                kind = "canonical"
            elif "alternate" in rels and "hreflang" in attrib:
                kind = "alternate"
            else:
                kind = "resource" if loads(tag, "href", attrib.get("rel", "")) else "link"
            self.ref(line, kind, attrib["href"])
        elif tag in RESOURCE_ATTRS:
            for name in RESOURCE_ATTRS[tag]:
                value = attrib.get(name)
                if value:
                    for url in srcset_urls(value) if name == "srcset" else [value]:
                        self.ref(line, "resource", url)
        elif tag == "meta" and attrib.get("http-equiv", "").lower() == "refresh":
            match = _REFRESH.search(attrib.get("content", ""))
            if match:
                self.ref(line, "refresh", match.group(1))
        elif tag == "style" and el.text:
            self.css(line, el.text)
        style = attrib.get("style")
        if style and "url(" in style:
            self.css(line, style)

    def finish(self) -> HtmlPage:
        for anchor, line, url in self.local:
            if anchor not in self.ids:
                self.issue(
                    "site-anchor",
                    line,
                    f"{url}: no id '{anchor}' in {self.rel}",
                    closest(anchor, self.ids),
                )
        self.page.ids = "\n".join(self.ids)
        return self.page


def check_page(rel: str, site: SiteFiles) -> HtmlPage:
    checker = _PageChecker(rel, site)
    data = files.read_bytes(site.site_dir / rel, site.site_dir, MAX_HTML_BYTES)
    text = data if isinstance(data, Finding) else files.decode_text(data)
    if isinstance(text, Finding):
        checker.issue(text.code, text.line, text.message)
        return checker.page
    try:
        document = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        checker.issue("file-unreadable", 1, f"cannot parse HTML: {exc}")
        return checker.page
    found = _INTERESTING(document)
    for el in found if isinstance(found, list) else ():
        if isinstance(el, lxml.html.HtmlElement):
            checker.element(el)
    return checker.finish()
