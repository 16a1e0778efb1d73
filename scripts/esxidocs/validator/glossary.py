"""Glossary ids per language: the glossary hook turns them into headings at build time."""

from __future__ import annotations

import re

from esxidocs.glossary_data import GlossaryError, load_glossary

from . import files
from .problems import Problem
from .project import Project

_WHERE = re.compile(r"^.*?:(\d+): (.*)$", re.S)


def glossary_ids(project: Project) -> tuple[dict[str, tuple[str, ...]], list[Problem], int]:
    """language -> ids in file order, problems, and how many files were read."""
    ids: dict[str, tuple[str, ...]] = {}
    problems: list[Problem] = []
    read = 0
    for lang in project.languages:
        path = project.data_dir / f"glossary.{lang}.yml"
        if not path.exists():
            continue
        read += 1
        display = project.display(path)
        # The shared loader reads the file itself: check first that it is safe to read.
        text = files.read_text(path, project.root)
        if isinstance(text, files.FileIssue):
            problems.append(Problem(display, text.line, text.col, text.code, text.message))
            continue
        try:
            ids[lang] = tuple(entry.id for entry in load_glossary(path))
        except GlossaryError as exc:
            match = _WHERE.match(str(exc))
            line, message = (int(match.group(1)), match.group(2)) if match else (1, str(exc))
            problems.append(Problem(display, line, 1, "glossary-invalid", message))
        except (RecursionError, ValueError, TypeError, AttributeError) as exc:
            # The loader trusts its YAML shape; hostile input must not stop the run.
            problems.append(Problem(display, 1, 1, "glossary-invalid", f"unreadable: {exc}"))
    return ids, problems, read
