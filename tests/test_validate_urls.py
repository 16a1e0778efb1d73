"""URLs that cannot be split, or that carry a password, without --external (no network).

`http://[::1/` in a link crashes MkDocs itself (urlsplit raises ValueError), so the
always-on link check reports it with path:line:col before any build, and the confine hook
stops a plain `mkdocs build` with the same position instead of a traceback. A password
in a link is flagged and printed as `***` by every check that quotes the link.
"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from esxidocs.validator.external import Settings
from esxidocs.validator.external_url import UrlError, parse
from esxidocs.validator.report import render
from support import cli, make_project, refresh_permalinks, validate, write

_FRONT = (
    "---\ntitle: T\n"
    "description: Página con enlaces que no se pueden analizar o que llevan contraseña.\n"
    "article: none\n---\n"
)
# Line 9 onwards of docs/es/urls.md (the front matter, a blank line, "# T", a blank line).
_MALFORMED = (
    "[a](http://[::1/) ![i](http://[x]/i.png) [c](http://\u2100.com/)\n"
    "\n"
    '<a href="http://[::1/">x</a> <img src="//[::1/a.png" alt="">\n'
    "\n"
    "<http://[::1/> y `[no](http://[::1/)` en código\n"
)
_MALFORMED_AT = {(9, 5), (9, 24), (9, 46), (11, 10), (11, 40), (13, 2)}
_SECRETS = (
    "[d](http://user:hunter2@example.com/) [e](ftp://u:hunter2@example.com/)\n"
    "\n"
    "[f](https://u:hunter2@docs.example.org/target/) [g](http://user:hunter2/x@example.com/)\n"
)


def _page(tmp_path: Path, body: str) -> Path:
    root = make_project(tmp_path)
    write(root, "es/urls.md", _FRONT + "\n# T\n\n" + body)
    refresh_permalinks(root)
    return root


def test_malformed_urls_are_errors_without_external(tmp_path: Path) -> None:
    root = _page(tmp_path, _MALFORMED)
    found = [p for p in validate(root) if p.path == "docs/es/urls.md"]
    malformed = {(p.line, p.col) for p in found if p.code == "external-malformed"}
    # Markdown link, image, raw HTML href and src, autolink; not the code span.
    assert malformed == _MALFORMED_AT
    assert all(p.severity == "error" for p in found if p.code == "external-malformed")


def test_malformed_urls_reported_once_with_external(tmp_path: Path) -> None:
    root = _page(tmp_path, _MALFORMED)
    settings = Settings(run_timeout=5, cache_path=tmp_path / "cache.json")
    found = Counter(
        (p.line, p.col)
        for p in validate(root, external=settings)
        if p.path == "docs/es/urls.md" and p.code.startswith("external-")
    )
    assert set(found) == _MALFORMED_AT
    assert set(found.values()) == {1}, found


def test_passwords_flagged_and_never_printed_without_external(tmp_path: Path) -> None:
    root = _page(tmp_path, _SECRETS)
    found = [p for p in validate(root) if p.path == "docs/es/urls.md"]
    assert {(p.line, p.col, p.code) for p in found if p.code.startswith(("external", "link"))} == {
        (9, 5, "external-credentials"),
        (9, 43, "external-credentials"),
        (11, 5, "external-credentials"),
        # the password holds "/", so the URL does not even parse: its port is "hunter2"
        (11, 53, "external-malformed"),
    }
    for fmt in ("text", "json", "github"):
        assert "hunter2" not in render(fmt, found, 1)
    assert "user:***@example.com" in render("text", found, 1)


def test_cli_prints_no_password_and_no_traceback(tmp_path: Path) -> None:
    root = _page(tmp_path, _SECRETS + "\n" + _MALFORMED)
    done = cli("--config", str(root / "mkdocs.yml"), "--format", "json", cwd=root)
    assert done.returncode == 1, done.stderr
    assert "hunter2" not in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    codes = Counter(p["code"] for p in json.loads(done.stdout)["problems"])
    assert codes["external-credentials"] == 3 and codes["external-malformed"] == 7, codes


@pytest.mark.parametrize(
    "url",
    [
        "http://u:hunter2@\u2100.com/",  # urlsplit quotes the netloc
        "http://user:hunter2/x@example.com/",  # ... or the port, here the password
    ],
)
def test_parse_errors_never_quote_the_url(url: str) -> None:
    with pytest.raises(UrlError) as caught:
        parse(url)
    assert "hunter2" not in str(caught.value)


def test_sources_record_with_malformed_or_secret_url(tmp_path: Path) -> None:
    root = make_project(tmp_path)
    record = (
        "- id: {id}\n  title: T\n  publisher: P\n  url: {url}\n  kind: kb\n"
        "  supports:\n    es: Algo.\n    en: Something.\n  confirmed: here\n"
    )
    text = record.format(id="ok", url="https://example.com/") + record.format(
        id="broken", url="http://[::1/"
    )
    text += record.format(id="secret", url="https://u:hunter2@example.com/")
    (root / "docs" / "_data" / "sources.yml").write_text(text, encoding="utf-8")
    found = [p for p in validate(root) if p.path == "docs/_data/sources.yml"]
    invalid = {(p.line, p.message) for p in found if p.code == "sources-invalid"}
    assert invalid == {
        (10, "url cannot be parsed (brackets, port or host)"),
        (19, "url must not contain a user name or password"),
    }
    assert "hunter2" not in render("text", found, 1)


def test_confine_hook_lists_unsplittable_urls_only() -> None:
    confine = importlib.import_module("esxidocs.stages.confine")
    markdown = "# T\n\n[a](http://[::1/) `http://[::1/` [ok](https://[::1]/) [b](https://ex.com/)\n"
    assert [str(f.at("x.md")) for f in confine.unsplittable_urls(markdown, 5)] == [
        "x.md:7:5: error[external-malformed]: http://[::1/: malformed URL: unbalanced [ or ] "
        "in the host (Invalid IPv6 URL)"
    ]
    assert confine.unsplittable_urls("[b](https://ex.com/) `a` <b>x</b>\n", 1) == []


def test_plain_mkdocs_build_stops_with_the_position_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    config = "site_name: M\nplugins:\n  - esxidocs\n"
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    (tmp_path / "docs" / "index.md").write_text(
        "# M\n\nTexto.\n\n[a](http://[::1/) y ![i](http://[x]/i.png)\n", encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr and "ValueError" not in done.stderr
    assert "docs/index.md:5:5: error[external-malformed]: http://[::1/: malformed" in done.stderr
    assert "docs/index.md:5:26: error[external-malformed]: http://[x]/i.png: malf" in done.stderr


def test_diagrams_hook_skips_an_unsplittable_src() -> None:
    diagrams = importlib.import_module("esxidocs.stages.diagrams")
    assert diagrams.diagram_name("http://[::1/assets/diagrams/boot-banks.svg") is None
    assert diagrams.diagram_name("../assets/diagrams/boot-banks.svg") == "boot-banks"
