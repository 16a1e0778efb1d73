"""The page front matter schema, shared by the build tests and `esxidocs validate`.

Every page in `docs/<lang>/` starts with a YAML block:

    ---
    title: Partición scratch                # page title (tab, navigation, PDF outline)
    description: Una frase de 50-160 ...    # <meta name="description"> and link previews
    article: "4"                            # part of the source article the page develops
    ---

`check(meta, where)` returns relative `Finding`s with the validator's `fm-*` codes, each
placed by `where(key)` at the key it concerns (None: the block as a whole); `problems(meta)`
returns just their messages.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import Final

from esxidocs.findings import Finding

# Parts of the source article: its introduction, its five numbered points and the
# closing Auto Deploy paragraphs; `none` marks pages we add (glossary, sources...).
ARTICLE_PARTS: Final = ("intro", "1", "2", "3", "4", "5", "auto-deploy")
ARTICLE_VALUES: Final = (*ARTICLE_PARTS, "none")

REQUIRED_KEYS: Final = ("title", "description", "article")
# Material's own page-level keys that a page may also set.
OPTIONAL_KEYS: Final = ("hide", "search", "status", "icon", "template")
KNOWN_KEYS: Final = (*REQUIRED_KEYS, *OPTIONAL_KEYS)

TITLE_MAX: Final = 70
DESCRIPTION_MIN: Final = 50
DESCRIPTION_MAX: Final = 160
# MkDocs and Material write title/description into HTML attributes unescaped.
UNSAFE_CHARS: Final = frozenset('"<>')
# What Material's `hide` understands, and the keys of its `search` mapping.
HIDE_VALUES: Final = ("navigation", "toc", "footer", "path", "tags", "feedback")
SEARCH_KEYS: Final = ("exclude", "boost")


# Where a finding about a key (None: the whole block) goes: (line, col) in the file.
Where = Callable[[str | None], tuple[int, int]]


def _nowhere(key: str | None) -> tuple[int, int]:
    return 1, 1


def _at(
    where: Where, code: str, key: str | None, message: str, suggestion: str | None = None
) -> Finding:
    line, col = where(key)
    return Finding("", line, col, code, message, suggestion=suggestion)


# C0 and C1 control characters and DEL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _text_issues(key: str, value: str, where: Where) -> list[Finding]:
    found = []
    bad = sorted(set(value) & UNSAFE_CHARS)
    if bad:
        found.append(
            _at(
                where,
                "fm-unsafe-char",
                key,
                f"'{key}' contains {' '.join(bad)}, unsafe in HTML attributes",
            )
        )
    if _CONTROL.search(value):
        found.append(_at(where, "fm-control-char", key, f"'{key}' contains control characters"))
    return found


def _optional_issues(meta: dict[object, object], where: Where) -> list[Finding]:
    found: list[Finding] = []
    hide = meta.get("hide")
    if "hide" in meta:
        if not isinstance(hide, list) or not all(isinstance(v, str) for v in hide):
            found.append(_at(where, "fm-type", "hide", "'hide' must be a list of strings"))
        else:
            for value in hide:
                if value not in HIDE_VALUES:
                    found.append(
                        _at(
                            where,
                            "fm-value",
                            "hide",
                            f"'hide' accepts {', '.join(HIDE_VALUES)}; got {value!r}",
                            _close(value, HIDE_VALUES),
                        )
                    )
    search = meta.get("search")
    if "search" in meta:
        if not isinstance(search, dict):
            found.append(_at(where, "fm-type", "search", "'search' must be a mapping"))
        else:
            for key, value in search.items():
                if key not in SEARCH_KEYS:
                    found.append(
                        _at(
                            where,
                            "fm-unknown-key",
                            "search",
                            f"unknown key 'search.{key}'",
                            _close(str(key), SEARCH_KEYS),
                        )
                    )
                elif key == "exclude" and not isinstance(value, bool):
                    found.append(
                        _at(where, "fm-type", "search", "'search.exclude' must be true or false")
                    )
                elif key == "boost" and (
                    isinstance(value, bool) or not isinstance(value, (int, float))
                ):
                    found.append(_at(where, "fm-type", "search", "'search.boost' must be a number"))
    for key in ("status", "icon", "template"):
        value = meta.get(key)
        if key in meta and (not isinstance(value, str) or not value.strip()):
            found.append(_at(where, "fm-type", key, f"'{key}' must be a non-empty string"))
        elif isinstance(value, str):
            # Material writes these into class names and paths: the same rules as titles.
            found.extend(_text_issues(key, value, where))
    template = meta.get("template")
    if isinstance(template, str) and template.strip() and not template.endswith(".html"):
        found.append(_at(where, "fm-value", "template", "'template' must name an .html file"))
    return found


def _close(word: str, choices: tuple[str, ...]) -> str | None:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return match[0] if match else None


def check(meta: object, where: Where = _nowhere) -> list[Finding]:
    """Schema problems of one parsed front matter block, placed by `where`."""
    if not isinstance(meta, dict):
        return [_at(where, "fm-not-mapping", None, "front matter must be a YAML mapping")]
    found: list[Finding] = []
    for key in REQUIRED_KEYS:
        if key not in meta:
            found.append(_at(where, "fm-required", None, f"missing required key '{key}'"))
    for key in meta:
        if key not in KNOWN_KEYS:
            found.append(
                _at(
                    where,
                    "fm-unknown-key",
                    str(key),
                    f"unknown key '{key}'",
                    _close(str(key), KNOWN_KEYS),
                )
            )
    for key in ("title", "description"):
        value = meta.get(key)
        if key in meta and (not isinstance(value, str) or not value.strip()):
            found.append(_at(where, "fm-type", key, f"'{key}' must be a non-empty string"))
        elif isinstance(value, str):
            found.extend(_text_issues(key, value, where))
    title = meta.get("title")
    if isinstance(title, str) and len(title) > TITLE_MAX:
        found.append(
            _at(
                where,
                "fm-length",
                "title",
                f"title is {len(title)} characters; keep it under {TITLE_MAX}",
            )
        )
    desc = meta.get("description")
    if (
        isinstance(desc, str)
        and desc.strip()
        and not DESCRIPTION_MIN <= len(desc) <= DESCRIPTION_MAX
    ):
        found.append(
            _at(
                where,
                "fm-length",
                "description",
                f"description is {len(desc)} characters; it must be "
                f"{DESCRIPTION_MIN}-{DESCRIPTION_MAX}",
            )
        )
    if "article" in meta and (
        isinstance(meta["article"], bool) or str(meta["article"]) not in ARTICLE_VALUES
    ):
        found.append(
            _at(
                where,
                "fm-value",
                "article",
                f"article must be one of {', '.join(ARTICLE_VALUES)}; got {meta['article']!r}",
                _close(str(meta["article"]), ARTICLE_VALUES),
            )
        )
    found.extend(_optional_issues(meta, where))
    return found


def problems(meta: object) -> list[str]:
    """The messages of `check(meta)`: what a test of a whole page wants to print."""
    return [finding.message for finding in check(meta)]
