"""What every `esxidocs <command>` shares: flag names, messages, exit status.

- `--site-dir DIR`: a built site (the one the command reads, or writes for `build`);
- `--config FILE`: the project's MkDocs config, `mkdocs.yml` in the current folder by
  default; its folder is the project root;
- `--format text|json|github`: how a command that reports findings prints them;
- exit status 0 on success, 1 when findings (or a failed step) stop it, 2 for a usage
  error, which argparse reports (`parser.error`);
- every message to the terminal starts with `esxidocs <command>:`.

Each command builds its parser with `parser("validate", ...)` and the `add_*` helpers
here, so a flag is spelled, defaulted and explained the same way everywhere.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

FORMATS = ("text", "json", "github")


def parser(command: str, description: str, **kwargs: Any) -> argparse.ArgumentParser:
    """An argument parser whose usage and errors read `esxidocs <command>`."""
    return argparse.ArgumentParser(prog=f"esxidocs {command}", description=description, **kwargs)


def add_site_dir(
    parser: argparse.ArgumentParser,
    help: str = "a built site",
    default: Path | None = Path("site"),
    deprecated: Sequence[str] = (),
) -> None:
    """`--site-dir DIR`; `deprecated` names old spellings that still work, with a warning,
    and are left out of --help."""
    shown = f"{help} (default: %(default)s)" if default is not None else help
    parser.add_argument("--site-dir", type=Path, default=default, metavar="DIR", help=shown)
    for old in deprecated:
        parser.add_argument(
            old, dest="site_dir", type=Path, action=_Deprecated, help=argparse.SUPPRESS
        )


def add_config(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        type=Path,
        default=Path("mkdocs.yml"),
        metavar="FILE",
        help="the project's MkDocs config; its folder is the project root (default: %(default)s)",
    )


def add_format(parser: argparse.ArgumentParser, choices: Sequence[str] = FORMATS) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default="text",
        help="findings as path:line:col text lines, one JSON document or GitHub Actions "
        "annotations (default: %(default)s)",
    )


def say(command: str, message: str) -> None:
    """`message` on stderr as `esxidocs <command>: message`."""
    print(f"esxidocs {command}: {message}", file=sys.stderr)


class _Deprecated(argparse.Action):
    """An old flag name: stores like the new one and says which one to use."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        new = f"--{self.dest.replace('_', '-')}"
        print(f"{parser.prog}: {option_string} is deprecated; use {new}", file=sys.stderr)
        setattr(namespace, self.dest, values)
