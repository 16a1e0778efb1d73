"""Lighthouse report for every page of the built site, in both languages.

Builds the site into a temporary folder (or takes `--site-dir DIR`), serves it on 127.0.0.1
with gzip as any real host would, and runs Lighthouse (npm, pinned in package.json; `npm ci`) in
Debian's Chromium on each page listed in the sitemap, one after the other so that timings do
not disturb each other. Prints the four category scores of each page and every audit that
cost points; JSON reports go to artifacts/lighthouse/. Mobile by default, `--desktop` for
Lighthouse's desktop preset. A report, not a test: it fails only if Lighthouse cannot run,
or with `--fail-under N` when a score is below N.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import subprocess
import sys
import tempfile
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from esxidocs import cliargs

ROOT = Path(__file__).resolve().parents[2]  # the project: scripts/esxidocs/..
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = Path("/usr/bin/chromium")  # Lighthouse audits the browser readers run
# Playwright (the browser tests, bench-search) drives Chromium's headless shell, as
# Playwright does by default since 1.49: the same Blink and V8, built by Debian from the same
# chromium source and kept at the same version (both packages depend on chromium-common of
# their own version). It leaves out the full browser's UI layers: the browser tests took
# two thirds of the CPU time (131 CPU seconds against 204, both workers, one after the
# other), and screenshots of a page in light and dark matched the full browser's pixel for
# pixel.
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
# Root needs --no-sandbox; the rest keep Chromium from calling Google's services mid-audit.
# Also what bench_search.py and the browser tests launch Chromium with (Playwright adds
# headless itself).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
CHROME_FLAGS = ["--headless=new", *CHROMIUM_ARGS]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
REPORTS = ROOT / "artifacts" / "lighthouse"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it: hosts compress text, and Lighthouse's
    simulated mobile network would otherwise time the site's uncompressed bytes."""

    # Keep-alive, as real hosts do: over HTTP/1.0, Lighthouse's network simulation would
    # charge a new connection for every file.
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per request drowns the report

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not urlsplit(self.path).path.endswith("/"):
                return super().send_head()  # which redirects "/dir" to "/dir/"
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """The file-like object send_head returns; do_GET copies it to the socket."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 and a free port for the duration of the block."""
    handler = functools.partial(GzipHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def page_paths(site: Path) -> list[str]:
    """URL paths of every page, from the sitemap (every language's pages are listed there)."""
    tree = ET.parse(site / "sitemap.xml")
    locations = [loc.text or "" for loc in tree.getroot().iterfind("sm:url/sm:loc", SITEMAP_NS)]
    return sorted({urlsplit(loc).path for loc in locations})


@dataclass(frozen=True)
class PageReport:
    path: str
    scores: dict[str, int]  # category id -> 0..100
    failures: list[str]  # audits that cost points: "category: id (score) title"


def run_lighthouse(url: str, desktop: bool, output: Path) -> dict[str, Any]:
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}"]
    cmd += [f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    if desktop:
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not output.is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{result.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(output.read_text(encoding="utf-8"))
    return report


def summarise(path: str, report: dict[str, Any]) -> PageReport:
    scores: dict[str, int] = {}
    failures: list[str] = []
    audits = report["audits"]
    for category in CATEGORIES:
        data = report["categories"][category]
        scores[category] = round((data["score"] or 0) * 100)
        for ref in data["auditRefs"]:
            audit = audits[ref["id"]]
            # Only what is scored and weighs in the category: the points actually lost.
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                failures.append(
                    f"{category}: {ref['id']} ({audit['score']:.2f}) {audit['title']}"
                    + (f" [{value}]" if value else "")
                )
    return PageReport(path, scores, failures)


def audit(site: Path, desktop: bool, only: list[str], runs: int) -> list[PageReport]:
    form = "desktop" if desktop else "mobile"
    REPORTS.mkdir(parents=True, exist_ok=True)
    reports = []
    with serve(site) as origin:
        paths = only or page_paths(site)
        # A first, discarded run: the first Chromium start of a session pays for cold disk
        # and font caches, which showed as a worse score for whichever page came first.
        run_lighthouse(f"{origin}{paths[0]}", desktop, REPORTS / f"warm-up.{form}.json")
        for path in paths:
            name = path.strip("/").replace("/", "_") or "index"
            tries = []
            for run in range(runs):
                output = REPORTS / f"{name}.{form}{f'.{run + 1}' if runs > 1 else ''}.json"
                tries.append(summarise(path, run_lighthouse(f"{origin}{path}", desktop, output)))
            # Timings vary from run to run on a busy machine; Lighthouse's advice is the median.
            page = sorted(tries, key=lambda t: t.scores["performance"])[len(tries) // 2]
            print(format_page(page), flush=True)
            reports.append(page)
    return reports


def format_page(page: PageReport) -> str:
    scores = "  ".join(f"{category} {page.scores[category]:3d}" for category in CATEGORIES)
    lines = [f"{page.path:<28} {scores}"]
    lines += [f"    {failure}" for failure in page.failures]
    return "\n".join(lines)


def build(site: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "esxidocs", "build", "--site-dir", str(site)], cwd=ROOT, check=False
    )
    if result.returncode != 0:
        raise SystemExit("esxidocs audit: the site does not build")


def main(argv: list[str] | None = None) -> int:
    parser = cliargs.parser("audit", __doc__.splitlines()[0])
    cliargs.add_site_dir(
        parser, "an already built site (default: build one)", default=None, deprecated=["--site"]
    )
    parser.add_argument("--desktop", action="store_true", help="desktop preset (default mobile)")
    parser.add_argument("--fail-under", type=int, default=0, help="exit 1 if a score is lower")
    parser.add_argument("--page", action="append", default=[], help="only this URL path, e.g. /en/")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the median is shown")
    args = parser.parse_args(argv)
    for tool, hint in ((LIGHTHOUSE, "run `npm ci`"), (CHROMIUM, "install Debian's chromium")):
        if not tool.exists():
            raise SystemExit(f"esxidocs audit: {tool} missing: {hint}")
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        site = args.site_dir
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        reports = audit(site.resolve(), args.desktop, args.page, max(1, args.runs))
    lowest = {c: min(r.scores[c] for r in reports) for c in CATEGORIES}
    print(f"\n{len(reports)} pages; lowest: " + ", ".join(f"{c} {s}" for c, s in lowest.items()))
    print(f"JSON reports: {REPORTS.relative_to(ROOT)}/")
    return 1 if min(lowest.values()) < args.fail_under else 0


if __name__ == "__main__":
    sys.exit(main())
