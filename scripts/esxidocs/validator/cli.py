"""Command line of `esxidocs validate`."""

from __future__ import annotations

import argparse
import math
import os
from collections.abc import Sequence
from pathlib import Path

from esxidocs import cliargs

from . import codes, report
from .external import Settings
from .project import ConfigError, load_project
from .runner import run

DESCRIPTION = """\
Validate the bilingual MkDocs sources (front matter, links and anchors, translation
parity, permalink stability) and optionally the built site and external links.
Run from the repository root. One line per problem:
  path:line:col: error[code]: message
sorted, then a summary line. Exit status: 0 clean (warnings allowed unless --strict),
1 problems found, 2 usage or configuration error."""


def _parser() -> argparse.ArgumentParser:
    parser = cliargs.parser(
        "validate",
        DESCRIPTION,
        epilog="problem codes:\n" + codes.help_table(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    cliargs.add_config(parser)
    # --site was this flag's name before every command said --site-dir.
    cliargs.add_site_dir(
        parser, "also check this built site (e.g. site/)", default=None, deprecated=["--site"]
    )
    parser.add_argument(
        "--external", action="store_true", help="also check external http(s) links over the network"
    )
    cliargs.add_format(parser, report.FORMATS)
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="worker processes for large trees (default: CPU count, %(default)s)",
    )
    external = parser.add_argument_group("external links (--external)")
    defaults = Settings()
    external.add_argument(
        "--timeout",
        type=float,
        default=defaults.timeout,
        metavar="S",
        help="total seconds per request: connect, headers and every redirect "
        "(default: %(default)s)",
    )
    external.add_argument(
        "--run-timeout",
        type=float,
        default=defaults.run_timeout,
        metavar="S",
        help="total seconds for all external checks; URLs not settled by then are "
        "reported unreachable (default: %(default)s)",
    )
    external.add_argument(
        "--workers",
        type=int,
        default=defaults.workers,
        metavar="N",
        help="concurrent requests overall (default: %(default)s)",
    )
    external.add_argument(
        "--per-host",
        type=int,
        default=defaults.per_host,
        metavar="N",
        help="concurrent requests per host (default: %(default)s)",
    )
    external.add_argument(
        "--retries",
        type=int,
        default=defaults.retries,
        metavar="N",
        help="retries after a timeout, 5xx or 429 (default: %(default)s)",
    )
    external.add_argument(
        "--cache-ttl",
        type=float,
        default=defaults.cache_ttl,
        metavar="S",
        help="seconds a working URL stays cached; 0 disables (default: %(default)s)",
    )
    external.add_argument(
        "--cache-file",
        type=Path,
        metavar="FILE",
        help="cache location (default: .cache/validate-external.json under the repository root)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.jobs < 1 or args.workers < 1 or args.per_host < 1 or args.retries < 0:
        parser.error("--jobs, --workers and --per-host must be at least 1, --retries at least 0")
    if not all(0 < value < math.inf for value in (args.timeout, args.run_timeout)):
        parser.error("--timeout and --run-timeout must be positive numbers of seconds")
    if args.site_dir is not None and not args.site_dir.is_dir():
        parser.error(f"--site-dir {args.site_dir} is not a directory")
    try:
        project = load_project(args.config)
    except ConfigError as exc:
        cliargs.say("validate", f"configuration error: {exc}")
        return 2
    settings = None
    if args.external:
        settings = Settings(
            timeout=args.timeout,
            workers=args.workers,
            per_host=args.per_host,
            retries=args.retries,
            run_timeout=args.run_timeout,
            cache_ttl=args.cache_ttl,
            cache_path=args.cache_file or project.root / ".cache" / "validate-external.json",
        )
    result = run(project, args.site_dir, settings, args.jobs)
    print(report.render(args.format, result.problems, result.files))
    failing = [p for p in result.problems if args.strict or p.severity == "error"]
    return 1 if failing else 0
