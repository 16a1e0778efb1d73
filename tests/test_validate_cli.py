"""The command line: output formats, exit codes, --help, and the real docs/ passing clean."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from esxidocs.findings import Finding
from esxidocs.validator.codes import CODES
from support import REPO, cli, make_project, refresh_permalinks, write

LINE = re.compile(
    r"^(?P<path>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning)"
    r"\[(?P<code>[a-z-]+)\]: (?P<message>.+)$"
)
FRONT = (
    "---\ntitle: T\n"
    "description: Página con problemas para probar la línea de órdenes.\n"
    "article: none\n---\n"
)


def _broken(tmp_path: Path) -> Path:
    root = make_project(tmp_path)
    write(root, "es/broken.md", FRONT + "\n# T\n\n[a](targte.md) [b](http://example.org/)\n")
    write(root, "en/broken.md", FRONT + "\n# T\n\n[a](target.md)\n")
    refresh_permalinks(root)
    return root


def test_text_format_sorted_with_summary(tmp_path: Path) -> None:
    root = _broken(tmp_path)
    done = cli("--config", str(root / "mkdocs.yml"), cwd=root)
    assert done.returncode == 1
    *lines, summary = done.stdout.strip().split("\n")
    assert lines == sorted(lines, key=lambda text: (text.split(":")[0], int(text.split(":")[1])))
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert lines[0] == (
        "docs/es/broken.md:9:5: error[link-missing]: page 'targte.md' does not "
        "exist; did you mean 'target.md'?"
    )
    assert lines[1].startswith("docs/es/broken.md:9:20: warning[link-insecure]:")
    assert summary == "1 error, 1 warning in 13 files"


def test_exit_codes(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    assert cli("--config", str(root / "mkdocs.yml"), cwd=root).returncode == 0
    write(root, "es/warn.md", FRONT + "\n# T\n\n[b](http://example.org/)\n")
    write(root, "en/warn.md", FRONT + "\n# T\n\n[b](https://example.org/)\n")
    refresh_permalinks(root)
    assert cli("--config", str(root / "mkdocs.yml"), cwd=root).returncode == 0  # warnings only
    assert cli("--config", str(root / "mkdocs.yml"), "--strict", cwd=root).returncode == 1
    missing = cli("--config", str(tmp_path / "nope.yml"))
    assert missing.returncode == 2 and "configuration error" in missing.stderr
    assert cli("--format", "xml").returncode == 2  # argparse usage error
    assert cli("--site-dir", str(tmp_path / "no-site")).returncode == 2
    (tmp_path / "bad.yml").write_text("site_name: x\nplugins: [search]\n")
    assert cli("--config", str(tmp_path / "bad.yml")).returncode == 2  # no i18n plugin


def test_json_shape(tmp_path: Path) -> None:
    root = _broken(tmp_path)
    done = cli("--config", str(root / "mkdocs.yml"), "--format", "json", cwd=root)
    document = json.loads(done.stdout)
    assert set(document) == {"problems", "errors", "warnings", "files"}
    assert (document["errors"], document["warnings"], document["files"]) == (1, 1, 13)
    first = document["problems"][0]
    assert first == {
        "path": "docs/es/broken.md",
        "line": 9,
        "col": 5,
        "severity": "error",
        "code": "link-missing",
        "suggestion": "target.md",
        "message": "page 'targte.md' does not exist; did you mean 'target.md'?",
    }


def test_github_format(tmp_path: Path) -> None:
    root = _broken(tmp_path)
    done = cli("--config", str(root / "mkdocs.yml"), "--format", "github", cwd=root)
    lines = done.stdout.strip().split("\n")
    assert lines[0] == (
        "::error file=docs/es/broken.md,line=9,col=5,title=link-missing::page "
        "'targte.md' does not exist; did you mean 'target.md'?"
    )
    assert lines[1].startswith("::warning file=docs/es/broken.md,line=9,col=20,")


def test_help_explains_options_and_codes() -> None:
    done = cli("--help")
    assert done.returncode == 0
    for option in (
        "--config",
        "--site-dir",
        "--external",
        "--format",
        "--strict",
        "--jobs",
        "--timeout",
        "--per-host",
        "--retries",
        "--cache-ttl",
        "--cache-file",
    ):
        assert option in done.stdout
    assert all(code in done.stdout for code in CODES)
    assert "--site " not in done.stdout  # the old name still works, but is not advertised


def test_real_docs_pass_clean() -> None:
    """The project's own docs/: no errors and no warnings."""
    done = cli("--config", str(REPO / "mkdocs.yml"), "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().startswith("0 errors, 0 warnings in ")


def test_a_finding_prints_as_the_validator_prints_it() -> None:
    # What a scanner returns (no path, positions in its text), anchored by its caller.
    found = Finding("", 3, 5, "link-missing", "page 'targte.md' does not exist", suggestion="t.md")
    assert str(found.shifted(6).at("docs/es/broken.md")) == (
        "docs/es/broken.md:9:5: error[link-missing]: page 'targte.md' does not exist; "
        "did you mean 't.md'?"
    )
    assert LINE.match(str(Finding.of("a.md", 1, 2, "link-insecure", "http://x/")))


def test_a_finding_with_an_unknown_code_or_the_wrong_severity_fails_at_once() -> None:
    with pytest.raises(ValueError, match="unknown finding code"):
        Finding("a.md", 1, 1, "link-mising", "typo in a check")
    with pytest.raises(ValueError, match="link-insecure is a warning"):
        Finding("a.md", 1, 1, "link-insecure", "http://x/")
    assert Finding.of("a.md", 1, 1, "link-insecure", "http://x/").severity == "warning"
