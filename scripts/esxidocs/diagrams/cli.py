"""`esxidocs diagrams`: draw the SVG diagrams from `docs/_data/diagrams.yml`.

Writes the files that differ from the data; with `--check`, writes nothing and exits 1
naming each stale file. Bad data, a missing font or a configuration that names no
language exit 2 with the problem at `path:line:col` where there is one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from esxidocs.diagrams.loader import DiagramDataError, load_data
from esxidocs.diagrams.metrics import FontError
from esxidocs.diagrams.render import build_all, stale_files
from esxidocs.site_model import SiteModelError, load_site


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="esxidocs diagrams", description=__doc__.split("\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 naming each SVG that differs from the data",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        help="MkDocs config: the site's languages and docs_dir (default: mkdocs.yml)",
    )
    parser.add_argument(
        "--data", type=Path, help="data file (default: <docs_dir>/_data/diagrams.yml)"
    )
    parser.add_argument(
        "--docs", type=Path, help="folder holding <lang>/assets/diagrams/ (default: docs_dir)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        site = load_site(args.config)
        docs = args.docs or site.docs_dir
        data = load_data(args.data or site.docs_dir / "_data" / "diagrams.yml", site.locales)
        expected = build_all(data, docs)
    except (DiagramDataError, SiteModelError) as exc:  # a finding: path:line:col: ...
        print(exc, file=sys.stderr)
        return 1
    except FontError as exc:
        print(f"esxidocs diagrams: {exc}", file=sys.stderr)
        return 2
    stale = stale_files(expected)
    if args.check:
        for path in stale:
            print(f"stale diagram: {path} (run esxidocs diagrams)", file=sys.stderr)
        return 1 if stale else 0
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(expected[path].encode("utf-8"))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
