"""Check every link, image and raw HTML URL written in the Markdown sources.

Two phases, for speed on large trees. `LinkChecker.check_page` runs in the worker that
scanned the page: it knows every file of the docs tree (walked before scanning) but not
the other pages' anchors, so it settles everything else and leaves `(page, anchor)` pairs
in `page.anchor_refs`; `check_anchors` then looks those up once every page is scanned.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote

from esxidocs.findings import Finding

from .external_url import CredentialsError, UrlError, has_credentials, parse, redact, unsplittable
from .markdown_scan import Link
from .pages import PageScan
from .project import join_url
from .site_url import SiteOrigin
from .sources import SourceIndex, is_page
from .suggest import closest

UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
# Browsers ignore ASCII tab/newline and leading controls/spaces in URLs: `java\tscript:`.
_IGNORED = re.compile(r"[\x00-\x20\x7f]")
_IMAGE_SUFFIXES = frozenset({".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"})


def scheme_of(url: str) -> str | None:
    match = _SCHEME.match(_IGNORED.sub("", url).lower())
    return match.group(1) if match else None


def is_external(url: str) -> bool:
    return ":" in url and scheme_of(url) in ("http", "https")


def _relative(target: str, from_dir: str) -> str:
    return posixpath.relpath(target, from_dir or ".")


class LinkChecker:
    """Everything about a page's links that does not need other pages' anchors."""

    def __init__(self, index: SourceIndex) -> None:
        self.index = index
        self.project = index.project
        self.origin = SiteOrigin.from_site_url(index.project.site_url)

    def check_page(self, page: PageScan) -> None:
        folder = posixpath.dirname(page.rel)
        settled = [self._check(page, link, folder) for link in page.links]
        # Only what later phases need crosses the process boundary: external links that
        # can be fetched (an unusable one is reported here, with or without --external).
        page.images = self._images(page, folder)
        page.links = [
            link
            for link, unusable in zip(page.links, settled, strict=True)
            if not unusable and is_external(link.target)
        ]

    # --- one link ---------------------------------------------------------------------

    def _check(self, page: PageScan, link: Link, folder: str) -> bool:
        """Report what is wrong with `link`; True when its URL is unusable (see `_unusable`)."""
        target = link.target
        if link.kind == "ref":
            page.report(
                "link-undefined-ref", f"reference '[{target}]' is not defined", link.line, link.col
            )
            return False
        if not target or target.isspace():
            what = "image" if link.kind == "image" else "link"
            page.report("link-empty", f"{what} with an empty target", link.line, link.col)
            return False
        # Most links are relative paths: only a ':' or '//' can make a URL with a scheme.
        scheme = scheme_of(target) if ":" in target else None
        if scheme in UNSAFE_SCHEMES:
            page.report(
                "link-unsafe-scheme", f"{scheme}: URLs are not allowed", link.line, link.col
            )
            return False
        # Only a URL with a host ("//") can fail to split or carry credentials.
        if (scheme in ("http", "https") or "//" in target) and _unusable(page, link, scheme):
            return True
        own = self.origin.own(target) if scheme or target.startswith("//") else None
        if own is not None:
            self._absolute(page, link, folder, own, self_url=True)
        elif scheme == "http":
            page.report(
                "link-insecure", f"insecure http:// link {redact(target)}", link.line, link.col
            )
        elif scheme is not None or target.startswith("//"):
            pass  # external: checked with --external
        else:
            fragment = unquote(target.partition("#")[2])
            path = unquote(target.partition("#")[0].partition("?")[0])
            if not path:
                self._anchor(page, link, page.rel, fragment)
            elif path.startswith("/"):
                self._absolute(page, link, folder, path, self_url=False)
            elif link.kind == "html":
                self._html(page, link, folder, path, fragment)
            else:
                self._relative(page, link, folder, path, fragment)
        return False

    def _anchor(self, page: PageScan, link: Link, rel: str, fragment: str) -> None:
        if not fragment:
            return
        if rel == page.rel:
            if page.anchors_known and fragment not in page.ids:
                page.report(
                    "link-anchor",
                    f"anchor '#{fragment}' does not exist in this page",
                    link.line,
                    link.col,
                    closest(fragment, page.ids),
                )
        else:
            page.anchor_refs.append((rel, fragment, link.line, link.col))

    def _absolute(self, page: PageScan, link: Link, folder: str, path: str, self_url: bool) -> None:
        """Links by absolute URL or path to this site: errors, with the link meant."""
        base = self.origin.base_path  # site_url may have a path of its own
        site_path = unquote(path.partition("#")[0].partition("?")[0])
        if site_path.startswith(base):
            site_path = "/" + site_path[len(base) :]
        rel = self.index.by_url.get(site_path) or self.index.by_url.get(f"{site_path}/")
        suggestion = None
        if rel is not None:
            fragment = link.target.partition("#")[2]
            suggestion = _relative(rel, folder) + (f"#{fragment}" if fragment else "")
        if self_url:
            message = (
                f"absolute link to this site ({redact(link.target)}); "
                "links between pages must be relative"
            )
            page.report("link-self-url", message, link.line, link.col, suggestion)
        else:
            message = f"absolute path '{redact(link.target)}'; use a relative link"
            page.report("link-absolute-path", message, link.line, link.col, suggestion)

    def _other_language(self, page: PageScan, link: Link, folder: str, resolved: str) -> bool:
        own = self.project.language_of(page.rel)
        theirs = self.project.language_of(resolved)
        if own is None or theirs is None or own == theirs:
            return False
        twin = f"{own}/{resolved.split('/', 1)[1]}"
        page.report(
            "link-other-language",
            f"link into the '{theirs}' tree ({redact(link.target)}); the language switcher links "
            "translations",
            link.line,
            link.col,
            _relative(twin, folder) if twin in self.index.files else None,
        )
        return True

    def _shared_file(self, page: PageScan, link: Link, folder: str, resolved: str) -> bool:
        """A file outside every language folder, linked from a page of another language
        than the default: mkdocs-static-i18n publishes such files for the default language
        only (no fallback), so `mkdocs build` warns and the link breaks in that language."""
        own = self.project.language_of(page.rel)
        if own in (None, self.project.default_language) or self.project.language_of(resolved):
            return False
        twin = f"{own}/{resolved}"
        page.report(
            "link-missing",
            f"'{redact(link.target)}' is outside docs/{own}/: files shared at the docs root are "
            f"published for the default language only; keep a copy in each language's folder "
            f"(docs/<lang>/{resolved}) and link that",
            link.line,
            link.col,
            _relative(twin, folder) if twin in self.index.files else None,
        )
        return True

    def _relative(self, page: PageScan, link: Link, folder: str, path: str, fragment: str) -> None:
        index = self.index
        resolved = posixpath.normpath(posixpath.join(folder, path))
        if resolved == ".." or resolved.startswith("../"):
            page.report(
                "link-outside-docs",
                f"'{redact(link.target)}' points outside the docs directory",
                link.line,
                link.col,
            )
        elif self._other_language(page, link, folder, resolved):
            pass
        elif resolved in index.files:
            if self._shared_file(page, link, folder, resolved):
                pass
            elif resolved in index.page_files:
                self._anchor(page, link, resolved, fragment)
        elif resolved in index.excluded:
            page.report(
                "link-missing",
                f"'{redact(link.target)}' is excluded from the build (exclude_docs)",
                link.line,
                link.col,
            )
        elif resolved in index.dirs or resolved == ".":
            index_md = posixpath.join(resolved, "index.md")
            suggestion = _relative(index_md, folder) if index_md in index.files else None
            page.report(
                "link-directory",
                f"'{redact(link.target)}' is a directory; link a .md file",
                link.line,
                link.col,
                suggestion,
            )
        else:
            kind = "page" if is_page(resolved) else "image" if link.kind == "image" else "file"
            page.report(
                "link-missing",
                f"{kind} '{redact(link.target)}' does not exist",
                link.line,
                link.col,
                self._missing_suggestion(folder, resolved),
            )

    def _missing_suggestion(self, folder: str, resolved: str) -> str | None:
        target_dir = posixpath.dirname(resolved)
        wanted_page = is_page(resolved)
        names = [
            posixpath.basename(c)
            for c in self.index.in_dir(target_dir)
            if is_page(c) == wanted_page
        ]
        name = closest(posixpath.basename(resolved), names)
        return _relative(posixpath.join(target_dir, name), folder) if name else None

    def _html(self, page: PageScan, link: Link, folder: str, path: str, fragment: str) -> None:
        # MkDocs rewrites Markdown links only: raw HTML URLs are relative to the page's URL.
        index = self.index
        page_url = self.project.url_of(page.rel)
        base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
        url = join_url(base, path)
        rel = index.by_url.get(url) or (None if url.endswith("/") else index.by_url.get(f"{url}/"))
        if rel is not None:
            if not self._other_language(page, link, folder, rel) and rel in index.page_files:
                self._anchor(page, link, rel, fragment)
            return
        from_source = posixpath.normpath(posixpath.join(folder, path))
        hint, suggestion = "", None
        if from_source in index.files:
            wanted = self.project.url_of(from_source)
            suggestion = posixpath.relpath(wanted, base) + ("/" if wanted.endswith("/") else "")
            hint = " (MkDocs does not rewrite raw HTML: its URLs are relative to the page's URL)"
        page.report(
            "link-missing",
            f"'{redact(link.target)}' does not resolve from {page_url}{hint}",
            link.line,
            link.col,
            suggestion,
        )

    # --- images, for translation parity --------------------------------------------------

    def _images(self, page: PageScan, folder: str) -> list[tuple[str, int]]:
        """Images as language-independent keys (path inside the language tree), with lines."""
        lang = self.project.language_of(page.rel)
        found = []
        for link in page.links:
            path = link.target.partition("#")[0]
            if link.kind == "image":
                key = path if ":" in path else posixpath.normpath(posixpath.join(folder, path))
            elif link.kind == "html" and posixpath.splitext(path)[1].lower() in _IMAGE_SUFFIXES:
                if ":" in path or path.startswith("//"):
                    key = path  # an absolute URL, compared as written
                else:
                    page_url = self.project.url_of(page.rel)
                    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url)
                    url = join_url(base, path)
                    key = self.index.by_url.get(url, url)
            else:
                continue
            if lang and key.startswith(f"{lang}/"):
                key = key[len(lang) + 1 :]
            found.append((key, link.line))
        return found


def _unusable(page: PageScan, link: Link, scheme: str | None) -> bool:
    """Report a URL that must never reach the build or a request; True if reported.

    - one `urlsplit` rejects (`http://[::1/`): MkDocs itself crashes on it with a
      traceback, so it is an error here, before any build (`external-malformed`);
    - an http(s) URL that cannot be fetched as written (bad port, host, spaces), the same
      check as --external's, so the report does not depend on that flag;
    - a user name or password in any URL (`external-credentials`): published, it gives the
      secret to every reader. The message prints it as `***`.
    """
    if scheme not in ("http", "https"):
        malformed = unsplittable(link.target, link.line, link.col)
        if malformed is not None:
            page.add(malformed)
            return True
    try:
        if scheme in ("http", "https"):
            parse(link.target)
        elif has_credentials(link.target):
            raise CredentialsError("contains a user name or password")
    except CredentialsError as exc:
        message = f"{redact(link.target)}: {exc}; remove it (a link must not carry secrets)"
        page.report("external-credentials", message, link.line, link.col)
        return True
    except UrlError as exc:
        message = f"{redact(link.target)}: malformed URL: {exc}"
        page.report("external-malformed", message, link.line, link.col)
        return True
    return False


def check_anchors(index: SourceIndex) -> list[Finding]:
    """Anchors into other pages, once every page is scanned."""
    problems = []
    for page in index.pages.values():
        for rel, fragment, line, col in page.anchor_refs:
            target = index.pages.get(rel)
            if target is None or not target.anchors_known or fragment in target.ids:
                continue
            problems.append(
                Finding.of(
                    page.display,
                    line,
                    col,
                    "link-anchor",
                    f"anchor '#{fragment}' does not exist in {target.display}",
                    closest(fragment, target.ids),
                )
            )
    return problems
