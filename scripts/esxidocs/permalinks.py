#!/usr/bin/env python3
"""Regenerate docs/_data/permalinks.yml, the list of public page URLs and anchors.

    esxidocs permalinks [--config mkdocs.yml] [--check]

Run it (`make permalinks`) after adding, renaming or removing pages or anchors, and
commit the result. Entries of redirected pages are kept, so removing the redirect later
is caught; URLs and anchors dropped from the list are printed, because links to them
from other sites will break.
"""

from __future__ import annotations

import os
import sys

from esxidocs import cliargs
from esxidocs.validator import permalinks
from esxidocs.validator.project import ConfigError, load_project
from esxidocs.validator.runner import scan_sources


def main(argv: list[str] | None = None) -> int:
    parser = cliargs.parser("permalinks", __doc__.split("\n\n")[0])
    cliargs.add_config(parser)
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 if the list is out of date"
    )
    args = parser.parse_args(argv)
    try:
        project = load_project(args.config)
    except ConfigError as exc:
        cliargs.say("permalinks", f"configuration error: {exc}")
        return 2
    index, _, _ = scan_sources(project, os.cpu_count() or 1)
    unknown = sorted(p.display for p in index.pages.values() if not p.anchors_known)
    if unknown:
        # Unreadable, or a glossary page whose glossary is: writing now would drop anchors.
        message = f"the anchors of {', '.join(unknown)} are unknown; run esxidocs validate"
        cliargs.say("permalinks", message)
        return 1
    path = project.permalinks_path
    display = project.display(path)
    published, load_problems = permalinks.load(path, project.root, display)
    if load_problems:
        cliargs.say("permalinks", f"{load_problems[0]}; fix or delete the file")
        return 1
    mapping, dropped = permalinks.merged(index, published)
    text = permalinks.render(mapping)
    old = path.read_text(encoding="utf-8") if path.is_file() else None
    if args.check:
        if old != text:
            cliargs.say("permalinks", f"{display} is out of date; run `make permalinks`")
            return 1
        return 0
    for item in dropped:
        cliargs.say("permalinks", f"dropped {item}: links to it from other sites will break")
    if old != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {display}: {len(mapping)} pages, {sum(map(len, mapping.values()))} anchors")
    else:
        print(f"{display} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
