"""Every `esxidocs <command>`: one set of flag names, one way to fail, `main(argv)` in-process.

The convention (esxidocs/cliargs.py): `--site-dir` for a built site, `--config` for
mkdocs.yml, usage errors exit 2 through argparse, findings exit 1, success 0, and every
message starts with `esxidocs <command>:`. No site is built here.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from esxidocs.cli import COMMANDS
from support import make_project, refresh_permalinks, write

# Commands that read or write a built site, and those that read the project's mkdocs.yml.
SITE_DIR = {"build", "validate", "pdf", "offline", "bench-search", "bench-pdf", "audit"}
CONFIG = {"build", "validate", "pdf", "offline", "permalinks", "bench-pdf", "diagrams"}
FINDING = re.compile(r"^docs/\S+:\d+:\d+: (error|warning)\[[a-z-]+\]: .+$", re.M)
FRONT = (
    "---\ntitle: T\n"
    "description: Página con un enlace roto para probar la línea de órdenes.\n"
    "article: none\n---\n"
)


def run(command: str, *argv: str) -> int:
    """`esxidocs <command> argv...` in this process; SystemExit (argparse) as its status."""
    module = importlib.import_module(COMMANDS[command][0])
    try:
        status: int = module.main(list(argv))
    except SystemExit as stop:
        return stop.code if isinstance(stop.code, int) else 1
    return status


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_names_the_shared_flags(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(command, "--help") == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: esxidocs {command} "), out[:80]
    options = set(re.findall(r"^ {2}(--[a-z-]+)", out, re.M))  # the options list
    assert ("--site-dir" in options) == (command in SITE_DIR), options
    assert ("--config" in options) == (command in CONFIG), options
    assert "--site" not in options, "the old name still works but is not advertised"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_bad_flag_is_a_usage_error(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(command, "--no-such-flag") == 2
    err = capsys.readouterr().err
    assert f"esxidocs {command}: error: unrecognized arguments: --no-such-flag" in err, err


def _broken(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    write(root, "es/broken.md", FRONT + "\n# T\n\n[a](targte.md)\n")
    write(root, "en/broken.md", FRONT + "\n# T\n\n[a](target.md)\n")
    refresh_permalinks(root)
    return root


def test_validate_prints_findings_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _broken(tmp_path)
    assert run("validate", "--config", str(root / "mkdocs.yml")) == 1
    out = capsys.readouterr().out
    assert FINDING.findall(out), out
    assert "docs/es/broken.md:9:5: error[link-missing]: page 'targte.md' does not exist" in out


def test_validate_site_dir_and_its_old_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = make_project(tmp_path)
    config = str(root / "mkdocs.yml")
    missing = str(tmp_path / "no-site")
    assert run("validate", "--config", config, "--site-dir", missing) == 2
    assert f"esxidocs validate: error: --site-dir {missing} is not a directory" in (
        capsys.readouterr().err
    )
    # --site still works for old scripts, and says what to write instead.
    assert run("validate", "--config", config, "--site", missing) == 2
    err = capsys.readouterr().err
    assert "esxidocs validate: --site is deprecated; use --site-dir" in err
    assert f"--site-dir {missing} is not a directory" in err


def test_a_missing_config_names_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nope = str(tmp_path / "nope.yml")
    for command in ("validate", "permalinks", "build"):
        assert run(command, "--config", nope) == 2, command
        err = capsys.readouterr().err
        assert err.startswith(f"esxidocs {command}: "), err
        assert "nope.yml" in err


@pytest.mark.parametrize("command", ["pdf", "offline"])
def test_a_folder_without_a_site_is_refused(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(command, "--site-dir", str(tmp_path)) == 2
    assert f"esxidocs {command}: error: {tmp_path}" in capsys.readouterr().err


def test_permalinks_check_exits_1_when_out_of_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _broken(tmp_path)
    config = str(root / "mkdocs.yml")
    assert run("permalinks", "--config", config, "--check") == 0
    write(root, "es/new.md", FRONT + "\n# T\n\n## Nueva {#new}\n")
    write(root, "en/new.md", FRONT + "\n# T\n\n## New {#new}\n")
    assert run("permalinks", "--config", config, "--check") == 1
    assert capsys.readouterr().err.startswith("esxidocs permalinks: ")
