"""Rendered books kept by content, so a book whose input did not change is copied, not laid
out again.

WeasyPrint takes about 8 s of CPU a language: two thirds of `esxidocs build`. The cover
prints the commit and its date, so a new commit lays every book out afresh; what is saved is
each further build of the same commit (`make check` then `make build`, a build run again
after a failed or interrupted step, the test suite's rebuild). A PDF's bytes are a function
of (render.py says how they are kept reproducible):

- the book's HTML (the pages, the print CSS, the date and version, the paper size);
- the files WeasyPrint asks for in the built site through `SiteFetcher` (an image a page
  shows), known only once the book is laid out;
- the fonts fontconfig offers, and the code: render.py, WeasyPrint, pydyf, and the shared
  libraries that shape and rasterise text (Pango, HarfBuzz, fontconfig, FreeType, FriBidi).

The key hashes the HTML and the last group (font files and libraries by path, size and
modification time: a package upgrade changes them). The files asked for are listed in a
manifest beside the PDF, as ccache does for headers, each with its digest or as refused
(missing, or a link leaving the site): a hit needs each of them as it was in the site being
built, and the PDF's own digest to match, so an image added since, a truncated or an
altered entry is rendered afresh rather than published. Where fontconfig's file list or
the process's library map cannot be read, nothing is cached.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import BinaryIO

from esxidocs import build_cache
from esxidocs.pdfbook import render

KIND = "pdf"  # the build cache's subfolder (esxidocs/build_cache.py)
# The shared libraries whose versions decide layout and glyphs, as /proc/self/maps names them.
_LIBRARIES = re.compile(r"/lib(pango|pangoft2|harfbuzz|fontconfig|freetype|fribidi)[^/]*\.so")


def _stat_line(path: str) -> str:
    info = os.stat(path)
    return f"{path}\0{info.st_size}\0{info.st_mtime_ns}\n"


@cache
def environment_digest() -> str | None:
    """The rendering code, fonts and libraries; None when they cannot all be read."""
    import pydyf  # type: ignore[import-untyped]
    import weasyprint  # type: ignore[import-untyped]
    from weasyprint.text.ffi import pango  # type: ignore[import-untyped]  # loads the libraries

    digest = hashlib.sha256(Path(render.__file__).read_bytes())
    digest.update(
        f"{weasyprint.__version__}\0{pydyf.__version__}\0{pango.pango_version()}".encode()
    )
    try:
        fonts = subprocess.run(
            ["fc-list", "--format", "%{file}\n"], capture_output=True, text=True, check=True
        ).stdout.splitlines()  # one path a line: a path may hold spaces
        maps = Path("/proc/self/maps").read_text(encoding="utf-8")
        libraries = {line.split()[-1] for line in maps.splitlines() if _LIBRARIES.search(line)}
        if not fonts or not libraries:
            return None
        for path in sorted(set(fonts)) + sorted(libraries):
            digest.update(_stat_line(path).encode())
    except (OSError, subprocess.CalledProcessError):
        return None
    return digest.hexdigest()


@dataclass(frozen=True)
class BookCache:
    """PDFs under `folder`/<2 hex>/<key>.pdf, each with <key>.json: the PDF's digest and the
    site files it read. `folder` None: caching is off."""

    folder: Path | None

    @classmethod
    def for_config(cls, config_file: Path) -> BookCache:
        return cls(build_cache.cache_folder(str(config_file), KIND))

    def _entry(self, html: str) -> Path | None:
        environment = environment_digest() if self.folder is not None else None
        if self.folder is None or environment is None:
            return None
        key = hashlib.sha256(f"{environment}\0{html}".encode()).hexdigest()
        return self.folder / key[:2] / key

    def fetch(self, html: str, site: Path, target: Path) -> bool:
        """Copy the cached PDF of `html` to `target` if it is there and every site file it
        read is unchanged in `site`; True on a hit."""
        entry = self._entry(html)
        if entry is None:
            return False
        pdf, manifest = entry.with_suffix(".pdf"), entry.with_suffix(".json")
        root = site.resolve()
        try:
            recorded = json.loads(manifest.read_text(encoding="utf-8"))
            for name, digest in recorded["fetched"].items():
                if render.site_digest(name, root) != digest:
                    return False
            data = pdf.read_bytes()
            if hashlib.sha256(data).hexdigest() != recorded["pdf"]:
                return False
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return False  # not cached, half-gone or not ours: render afresh
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        build_cache.used(pdf)
        build_cache.used(manifest)
        return True

    def store(self, html: str, pdf: Path, fetched: dict[str, str]) -> None:
        """Keep `pdf` for `html`, with the digests of the site files it read."""
        entry = self._entry(html)
        if entry is None:
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written costs speed only
            data = pdf.read_bytes()
            manifest = {"pdf": hashlib.sha256(data).hexdigest(), "fetched": fetched}
            entry.parent.mkdir(parents=True, exist_ok=True)
            _replace(entry.with_suffix(".pdf"), lambda out: out.write(data))
            # The manifest last: an entry is used only once both are whole.
            text = json.dumps(manifest, sort_keys=True).encode()
            _replace(entry.with_suffix(".json"), lambda out: out.write(text))


def _replace(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """Write `path` through a temporary file and a rename: never seen half-written."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
