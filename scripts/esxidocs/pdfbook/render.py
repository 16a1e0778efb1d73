"""Render an HTML book to a tagged, reproducible PDF with WeasyPrint."""

from __future__ import annotations

import hashlib
import mimetypes
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


def site_file(url: str, root: Path) -> Path:
    """The file a `file:` URL names, if its real path (symlinks resolved) is inside `root`."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise RefusedURL(f"not a local file URL: {url}")
    try:
        path = Path(url2pathname(parts.path)).resolve(strict=True)
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
        # Each site file served, relative to the root: its SHA-256 (what pdfbook/cache.py's
        # manifest needs to tell whether a cached book read the same files).
        self.fetched: dict[str, str] = {}

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return super().fetch(url, headers)
        # Read the checked path ourselves: urllib would resolve the URL a second time.
        path = site_file(url, self.root)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = path.read_bytes()
        self.fetched[path.relative_to(self.root).as_posix()] = hashlib.sha256(data).hexdigest()
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": mime})


def render_pdf(html: str, base: Path, target: Path) -> dict[str, str]:
    """Write `html` as a PDF; identical input gives identical bytes. Returns the files of
    `base` it read, each with its SHA-256."""
    fetcher = SiteFetcher(base)
    document = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The file identifier is derived from the HTML, not random, so rebuilds match.
    identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32].encode("ascii")
    document.write_pdf(target, pdf_variant=PDF_VARIANT, pdf_identifier=identifier)
    return fetcher.fetched
