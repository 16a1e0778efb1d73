#!/usr/bin/env python3
"""Benchmark esxidocs validate on a synthetic bilingual site, against linkchecker and MkDocs.

    esxidocs bench-validate [--pages 5000] [--site-pages 500] [--repeat 3]

1. Sources: generates `--pages` pages per language (front matter, headings with ids,
   relative links with anchors, images, code blocks, admonitions) and times the source
   check. Target: 2 x 5000 pages in under 5 s on 2 cores.
2. Built site: generates `--site-pages` pages per language, builds them with
   `mkdocs build --strict` (timed: MkDocs' own validation), injects known broken links,
   anchors and images into a few pages, then times `validate --site-dir` and linkchecker
   (with its AnchorCheck plugin) serving the same site from 127.0.0.1. Target: at least
   10x faster than linkchecker, finding everything it finds.

A benchmark, not a test: it prints figures and exits 0 unless a tool fails to run.
"""

from __future__ import annotations

import argparse
import builtins
import csv
import functools
import http.server
import io
import json
import os
import posixpath
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

from esxidocs import cliargs

ROOT = Path(__file__).resolve().parents[2]  # the project: scripts/esxidocs/..
VENV_BIN = Path(sys.executable).parent
LANGS = ("es", "en")
DIAGRAMS = 10
SECTIONS = 4
# Broken things injected into the built site: (href or src, kind) per victim page.
INJECTED = (
    ('<a href="../missing-page-{n}/">missing page</a>', "page"),
    ('<a href="../page-00002/#no-such-anchor-{n}">missing anchor</a>', "anchor"),
    ('<img src="../assets/diagrams/missing-{n}.svg" alt="">', "image"),
    ('<a href="#local-missing-{n}">missing local anchor</a>', "local anchor"),
)
VICTIMS = 5
print = functools.partial(builtins.print, flush=True)

CONFIG = """\
site_name: Benchmark
site_url: {site_url}
use_directory_urls: true
theme:
  name: material
  language: es
  font: false
  features: [navigation.indexes, navigation.top, navigation.tracking, toc.follow]
plugins:
  - search
  - i18n:
      docs_structure: folder
      fallback_to_default: false
      languages:
        - locale: es
          name: Español
          default: true
        - locale: en
          name: English
markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
extra:
  generator: false
"""

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>\n'


def page_path(i: int) -> str:
    """Every third page lives in a sub-folder, so links need real relative paths."""
    name = f"page-{i:05d}.md"
    return f"part-{i % 4}/{name}" if i % 3 == 0 else name


def page_text(lang: str, i: int, n: int) -> str:
    here = posixpath.dirname(page_path(i))

    def link(j: int, anchor: str = "") -> str:
        target = posixpath.relpath(page_path(j % n), here or ".")
        return f"{target}#{anchor}" if anchor else target

    def image(k: int) -> str:
        return posixpath.relpath(f"assets/diagrams/diagram-{k % DIAGRAMS}.svg", here or ".")

    word = "Página" if lang == "es" else "Page"
    lines = [
        "---",
        f'title: "{word} {i}"',
        f'description: "Synthetic benchmark page {i} of {n} ({lang}), with links, anchors, '
        'images and code."',
        "article: none",
        "---",
        "",
        f"# {word} {i}",
        "",
        f"Intro with a [link]({link(i + 1)}) and [a section]({link(i + 2, 'sec-2')}).",
        "",
    ]
    for s in range(1, SECTIONS + 1):
        lines += [
            f"## Section {s} {{#sec-{s}}}",
            "",
            f"Text with ![Diagram]({image(i + s)}) and a [same-page link](#sec-{s % SECTIONS + 1}),"
            f" plus `[code](not-a-link.md)`.",
            "",
            f"- [Item]({link(i * 7 + s, f'sec-{s}')})",
            f"- [Other]({link(i + 17 * s)})",
            "",
            "```text",
            "[fenced](not-a-link-either.md)",
            "```",
            "",
            '!!! note "Note"',
            f"    See [page]({link(i + 31 + s, 'sec-1')}).",
            "",
        ]
    return "\n".join(lines)


def generate(root: Path, n: int, site_url: str) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG.format(site_url=site_url), encoding="utf-8")
    for lang in LANGS:
        base = root / "docs" / lang
        (base / "assets" / "diagrams").mkdir(parents=True)
        for part in range(4):
            (base / f"part-{part}").mkdir()
        for k in range(DIAGRAMS):
            (base / "assets" / "diagrams" / f"diagram-{k}.svg").write_text(SVG, encoding="utf-8")
        index = (
            "---\ntitle: Inicio\ndescription: Synthetic benchmark home page with a link to "
            "the first page of the set.\narticle: none\n---\n\n# Home\n\n[First](page-00001.md)\n"
        )
        (base / "index.md").write_text(index, encoding="utf-8")
        for i in range(n):
            (base / page_path(i)).write_text(page_text(lang, i, n), encoding="utf-8")
    root.chmod(0o755)  # linkchecker drops root privileges and must still read its config


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return elapsed, done.stdout


def best_of(repeat: int, run: Callable[[], tuple[float, str]]) -> tuple[float, str]:
    results = [run() for _ in range(repeat)]
    return min(results, key=lambda r: r[0])


def validate(config: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "esxidocs", "validate", "--config", str(config), *extra]


def permalinks(config: Path) -> list[str]:
    return [sys.executable, "-m", "esxidocs", "permalinks", "--config", str(config)]


def summary_line(output: str) -> str:
    return output.strip().splitlines()[-1] if output.strip() else "(no output)"


def bench_sources(work: Path, n: int, repeat: int) -> float:
    project = work / "sources"
    generate(project, n, "https://bench.example.org/")
    config = project / "mkdocs.yml"
    subprocess.run(
        permalinks(config),
        check=True,
        capture_output=True,
    )
    elapsed, output = best_of(repeat, lambda: timed(validate(config)))
    print(
        f"sources  2 x {n} pages: validate {elapsed:.2f} s (best of {repeat}, "
        f"{os.cpu_count()} cores) -> {summary_line(output)}"
    )
    return elapsed


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def inject(site: Path) -> int:
    """Add broken links to a few built pages; returns how many were added."""
    count = 0
    for victim in range(1, VICTIMS + 1):
        page = site / f"page-{3 * victim + 1:05d}" / "index.html"  # top-level pages
        html = page.read_text(encoding="utf-8")
        extra = "".join(snippet.format(n=victim) for snippet, _ in INJECTED)
        page.write_text(html.replace("</body>", f"{extra}</body>", 1), encoding="utf-8")
        count += len(INJECTED)
    return count


class _Handler(http.server.SimpleHTTPRequestHandler):
    def end_headers(self) -> None:
        # linkchecker limits itself to 10 requests/s per host unless the server sends this.
        self.send_header("LinkChecker", "allow")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def linkchecker(site: Path, port: int, work: Path) -> tuple[float, set[str]]:
    """Run linkchecker with AnchorCheck against the site served on 127.0.0.1."""
    rc = work / "linkcheckerrc"
    rc.write_text("[checking]\nmaxrequestspersecond=1000\n[AnchorCheck]\n", encoding="utf-8")
    rc.chmod(0o644)
    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        elapsed, output = timed(
            [
                str(VENV_BIN / "linkchecker"),
                "-f",
                str(rc),
                "-o",
                "csv",
                "--no-status",
                f"http://127.0.0.1:{port}/",
            ]
        )
    finally:
        server.shutdown()
        server.server_close()
    broken: set[str] = set()
    rows = [line for line in output.splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(rows)), delimiter=";"):
        if row.get("valid") == "False":
            broken.add(row["url"])
        elif "Anchor `" in (row.get("warningstring") or ""):
            # Same-page anchors come back with the page's own URL: rebuild from the href.
            broken.add(urljoin(row["parentname"], row["urlname"]))
    return elapsed, broken


def ours_broken(output: str, project: Path, site: Path, site_url: str) -> set[str]:
    found: set[str] = set()
    for problem in json.loads(output)["problems"]:
        if problem["code"] not in ("site-link", "site-anchor"):
            continue
        page = (project / problem["path"]).resolve().relative_to(site.resolve()).as_posix()
        page_url = urljoin(
            site_url, page[: -len("index.html")] if page.endswith("index.html") else page
        )
        written = problem["message"].split(" does not resolve")[0].split(": no id")[0]
        found.add(urljoin(page_url, written))
    return found


def bench_site(work: Path, n: int, repeat: int, skip_linkchecker: bool) -> None:
    project = work / "site-project"
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    generate(project, n, site_url)
    config = project / "mkdocs.yml"
    subprocess.run(
        permalinks(config),
        check=True,
        capture_output=True,
    )
    site = project / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build_time, _ = timed(
        [str(VENV_BIN / "mkdocs"), "build", "--strict", "-q", "-f", str(config), "-d", str(site)],
        env,
    )
    source_time, _ = best_of(repeat, lambda: timed(validate(config)))
    html = list(site.rglob("*.html"))
    size = sum(p.stat().st_size for p in html) / 1e6
    print(
        f"mkdocs   2 x {n} pages: mkdocs build --strict {build_time:.1f} s; validate "
        f"sources {source_time:.2f} s ({build_time / source_time:.0f}x faster)"
    )
    injected = inject(site)
    site_time, output = best_of(
        repeat, lambda: timed(validate(config, "--site-dir", str(site), "--format", "json"))
    )
    ours = ours_broken(output, project, site, site_url)
    print(
        f"site     2 x {n} pages ({len(html)} HTML files, {size:.0f} MB): validate --site-dir "
        f"{site_time:.2f} s (best of {repeat}; sources included); "
        f"{len(ours)} broken URLs found, {injected} injected"
    )
    if skip_linkchecker:
        return
    checker_time, theirs = linkchecker(site, port, work)
    missed = sorted(theirs - ours)
    print(
        f"linkcheck 2 x {n} pages: linkchecker {checker_time:.1f} s -> validate is "
        f"{checker_time / site_time:.0f}x faster; linkchecker found {len(theirs)} broken "
        f"URLs, validate found {len(theirs & ours)} of them"
        + (f"; MISSED: {', '.join(missed[:10])}" if missed else "")
        + "; validate only: "
        f"{len(ours - theirs)} {sorted(ours - theirs)[:10]}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = cliargs.parser(
        "bench-validate",
        __doc__.split("\n\n")[0],
        epilog=__doc__.split("\n\n", 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--pages",
        type=int,
        default=5000,
        metavar="N",
        help="pages per language for the source check (default: %(default)s)",
    )
    parser.add_argument(
        "--site-pages",
        type=int,
        default=500,
        metavar="N",
        help="pages per language for the built-site check (default: %(default)s)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        metavar="N",
        help="runs per timing; the best is printed (default: %(default)s)",
    )
    parser.add_argument(
        "--skip-site",
        action="store_true",
        help="only the source check (no MkDocs build, no linkchecker)",
    )
    parser.add_argument(
        "--skip-linkchecker",
        action="store_true",
        help="build and check the site, but do not run linkchecker",
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="where to generate the projects (default: a temporary folder, removed afterwards)",
    )
    args = parser.parse_args(argv)
    if args.pages < 40 or args.site_pages < 40 or args.repeat < 1:
        parser.error("--pages and --site-pages must be at least 40, --repeat at least 1")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-validate-"))
    work.mkdir(parents=True, exist_ok=True)
    work.chmod(0o755)
    try:
        bench_sources(work, args.pages, args.repeat)
        if not args.skip_site:
            bench_site(work, args.site_pages, args.repeat, args.skip_linkchecker)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
