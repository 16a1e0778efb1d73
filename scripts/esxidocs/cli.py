"""One command, a sub-command per job: `esxidocs build --site-dir site`, `esxidocs validate`...

Each job is a module with `main(argv) -> int` (tested in-process); this picks the module,
imported when asked for (`esxidocs validate` does not load WeasyPrint), and gives every
command the same stop: SIGTERM/SIGHUP exit with 128 + N after `finally` blocks ran.
"""

from __future__ import annotations

import importlib
import signal
import sys
from collections.abc import Sequence

COMMANDS = {
    "build": ("esxidocs.build", "validate, build site, PDFs and ZIP, swap into place"),
    "validate": ("esxidocs.validator.cli", "check sources (and a built site) for problems"),
    "pdf": ("esxidocs.pdfbook.cli", "write each language's PDF book into a built site"),
    "offline": ("esxidocs.offline", "write the offline ZIP into a built site"),
    "diagrams": ("esxidocs.diagrams.cli", "regenerate the SVG diagrams from their data"),
    "permalinks": ("esxidocs.permalinks", "regenerate docs/_data/permalinks.yml"),
    "bench-build": ("esxidocs.bench_build", "build time: ours against stock Material"),
    "bench-search": ("esxidocs.bench_search", "search quality per language in Chromium"),
    "bench-validate": ("esxidocs.bench_validate", "validator speed against other checkers"),
    "bench-pdf": ("esxidocs.bench_pdf", "time and size of the PDF books"),
    "audit": ("esxidocs.audit", "Lighthouse scores of every page"),
}


def exit_on_stop_signals() -> None:
    """Turn the first SIGTERM or SIGHUP into SystemExit(128 + N), so `finally` blocks and
    context managers clean up; ignore repeats, so the cleanup itself is not cut short."""

    def handler(signum: int, frame: object) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_IGN)
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, handler)


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {text}" for name, (_, text) in COMMANDS.items()]
    return "usage: esxidocs <command> [options]\n\ncommands:\n" + "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in {"-h", "--help"}:
        print(usage())
        return 0 if args else 2
    if args[0] not in COMMANDS:
        print(f"esxidocs: unknown command {args[0]!r}\n{usage()}", file=sys.stderr)
        return 2
    exit_on_stop_signals()
    module = importlib.import_module(COMMANDS[args[0]][0])
    result: int = module.main(args[1:])
    return result
