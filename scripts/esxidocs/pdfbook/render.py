"""Render an HTML book to a tagged, reproducible PDF with WeasyPrint."""

from __future__ import annotations

import hashlib
import mimetypes
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint import HTML, URLFetcher  # type: ignore[import-untyped]
from weasyprint.urls import URLFetcherResponse  # type: ignore[import-untyped]

# PDF/UA-1 gives a tagged PDF (structure tree, MarkInfo, /Lang, DisplayDocTitle) that
# screen readers follow.
PDF_VARIANT = "pdf/ua-1"


class RefusedURL(ValueError):
    """A resource the book may not load; WeasyPrint logs it and leaves the resource out."""


def _local_path(url: str) -> Path:
    """The path a local `file:` URL spells, as written (not resolved)."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"not a local file URL: {url}")
    return Path(url2pathname(parts.path))


def site_file(url: str, root: Path) -> Path:
    """The file a `file:` URL names, if its real path (symlinks resolved) is inside `root`."""
    try:
        path = _local_path(url).resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        raise RefusedURL(f"cannot read {url}: {exc}") from exc
    if not path.is_relative_to(root) or not path.is_file():
        raise RefusedURL(f"outside the built site: {url}")
    return path


class SiteFetcher(URLFetcher):
    """Serves `data:` URLs and files inside the built site, and nothing else.

    A page is contributed content: an `<img src="file:///proc/self/environ">`, a
    `<link rel="attachment" href="../../secret">` or an `https:` image would otherwise put
    a file of the build machine, or a network request, into the published PDF.
    """

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.root = root.resolve()
        # What pdfbook/cache.py's manifest needs to tell whether a cached book read the same
        # files: each URL asked for inside the site (relative name), with the SHA-256 of
        # what it gave, or "" when it was refused (missing, or a link leaving the site).
        self.fetched: dict[str, str] = {}

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        name = site_name(url, self.root)
        try:
            # Read the checked path ourselves: urllib would resolve the URL a second time.
            path = site_file(url, self.root)
            data = path.read_bytes()
        except (RefusedURL, OSError):
            if name is not None:
                self.fetched[name] = ""
            raise
        if name is not None:
            self.fetched[name] = hashlib.sha256(data).hexdigest()
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": mime})


def site_name(url: str, root: Path) -> str | None:
    """The name under `root` that a `file:` URL spells (symlinks not followed), else None."""
    try:
        path = Path(os.path.normpath(_local_path(url)))
    except RefusedURL:
        return None
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else None


def site_digest(name: str, root: Path) -> str:
    """What `SiteFetcher` would record for `name` now: its file's SHA-256, or "" if refused."""
    try:
        return hashlib.sha256(site_file((root / name).as_uri(), root).read_bytes()).hexdigest()
    except (RefusedURL, OSError):
        return ""


def render_pdf(html: str, base: Path, target: Path) -> dict[str, str]:
    """Write `html` as a PDF; identical input gives identical bytes. Returns what it asked
    `base` for (`SiteFetcher.fetched`): each name with its SHA-256, or "" if refused."""
    fetcher = SiteFetcher(base)
    document = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The file identifier is derived from the HTML, not random, so rebuilds match.
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document.write_pdf(target, pdf_variant=PDF_VARIANT, pdf_identifier=identifier)
    return fetcher.fetched
