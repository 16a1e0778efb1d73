"""Output formats: text lines, JSON, GitHub Actions annotations."""

from __future__ import annotations

import json
from collections.abc import Sequence

from esxidocs.findings import Finding

FORMATS = ("text", "json", "github")


def summary(problems: Sequence[Finding], files: int) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return (
        f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)} "
        f"in {files} file{'s' * (files != 1)}"
    )


def as_text(problems: Sequence[Finding], files: int) -> str:
    lines = [str(p) for p in problems]  # path:line:col: severity[code]: message
    return "\n".join([*lines, summary(problems, files)])


def as_json(problems: Sequence[Finding], files: int) -> str:
    errors = sum(p.severity == "error" for p in problems)
    document = {
        "problems": [
            {
                "path": p.path,
                "line": p.line,
                "col": p.col,
                "severity": p.severity,
                "code": p.code,
                "message": p.text,
                "suggestion": p.suggestion,
            }
            for p in problems
        ],
        "errors": errors,
        "warnings": len(problems) - errors,
        "files": files,
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Sequence[Finding], files: int) -> str:
    """Workflow commands that GitHub Actions shows as annotations on the diff."""
    lines = [
        f"::{p.severity} file={_escape_property(p.path)},line={p.line},col={p.col},"
        f"title={_escape_property(p.code)}::{_escape_data(p.text)}"
        for p in problems
    ]
    return "\n".join([*lines, summary(problems, files)])


def render(fmt: str, problems: Sequence[Finding], files: int) -> str:
    return {"text": as_text, "json": as_json, "github": as_github}[fmt](problems, files)
