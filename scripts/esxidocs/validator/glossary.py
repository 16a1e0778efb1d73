"""Glossary ids per language: the glossary hook turns them into headings at build time."""

from __future__ import annotations

from esxidocs.findings import Finding
from esxidocs.glossary_data import GlossaryError, load_glossary

from . import files
from .project import Project


def glossary_ids(
    project: Project,
) -> tuple[dict[str, tuple[str, ...] | None], list[Finding], int]:
    """language -> ids in file order (None: the file is there but unreadable, so the
    glossary page's headings are unknown), problems, and how many files were read."""
    ids: dict[str, tuple[str, ...] | None] = {}
    problems: list[Finding] = []
    read = 0
    for lang in project.languages:
        path = project.data_dir / f"glossary.{lang}.yml"
        if not path.exists():
            continue
        read += 1
        display = project.display(path)
        # The shared loader reads the file itself: check first that it is safe to read.
        text = files.read_text(path, project.root)
        ids[lang] = None  # until it is read
        if isinstance(text, Finding):
            problems.append(text.at(display))
            continue
        try:
            ids[lang] = tuple(entry.id for entry in load_glossary(path))
        except GlossaryError as exc:
            problems.append(exc.finding.at(display))
        except (RecursionError, ValueError, TypeError, AttributeError) as exc:
            # The loader trusts its YAML shape; hostile input must not stop the run.
            problems.append(Finding.of(display, 1, 1, "glossary-invalid", f"unreadable: {exc}"))
    return ids, problems, read
