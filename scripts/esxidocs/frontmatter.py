"""The page front matter schema, shared by the build tests and `esxidocs validate`.

Every page in `docs/<lang>/` starts with a YAML block:

    ---
    title: Partición scratch                # page title (tab, navigation, PDF outline)
    description: Una frase de 50-160 ...    # <meta name="description"> and link previews
    article: "4"                            # part of the source article the page develops
    ---

`check(meta)` returns coded `Issue`s (the validator's `fm-*` codes); `problems(meta)`
returns the same findings as plain `(key, message)` pairs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Final

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


@dataclass(frozen=True)
class Issue:
    code: str  # fm-* code of esxidocs/validator/codes.py
    key: str | None  # the key concerned, None for the block as a whole
    message: str
    suggestion: str | None = None


# C0 and C1 control characters and DEL.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _text_issues(key: str, value: str) -> list[Issue]:
    found = []
    bad = sorted(set(value) & UNSAFE_CHARS)
    if bad:
        found.append(
            Issue(
                "fm-unsafe-char",
                key,
                f"'{key}' contains {' '.join(bad)}, unsafe in HTML attributes",
            )
        )
    if _CONTROL.search(value):
        found.append(Issue("fm-control-char", key, f"'{key}' contains control characters"))
    return found


def _optional_issues(meta: dict[object, object]) -> list[Issue]:
    found: list[Issue] = []
    hide = meta.get("hide")
    if "hide" in meta:
        if not isinstance(hide, list) or not all(isinstance(v, str) for v in hide):
            found.append(Issue("fm-type", "hide", "'hide' must be a list of strings"))
        else:
            for value in hide:
                if value not in HIDE_VALUES:
                    found.append(
                        Issue(
                            "fm-value",
                            "hide",
                            f"'hide' accepts {', '.join(HIDE_VALUES)}; got {value!r}",
                            _close(value, HIDE_VALUES),
                        )
                    )
    search = meta.get("search")
    if "search" in meta:
        if not isinstance(search, dict):
            found.append(Issue("fm-type", "search", "'search' must be a mapping"))
        else:
            for key, value in search.items():
                if key not in SEARCH_KEYS:
                    found.append(
                        Issue(
                            "fm-unknown-key",
                            "search",
                            f"unknown key 'search.{key}'",
                            _close(str(key), SEARCH_KEYS),
                        )
                    )
                elif key == "exclude" and not isinstance(value, bool):
                    found.append(
                        Issue("fm-type", "search", "'search.exclude' must be true or false")
                    )
                elif key == "boost" and (
                    isinstance(value, bool) or not isinstance(value, (int, float))
                ):
                    found.append(Issue("fm-type", "search", "'search.boost' must be a number"))
    for key in ("status", "icon", "template"):
        value = meta.get(key)
        if key in meta and (not isinstance(value, str) or not value.strip()):
            found.append(Issue("fm-type", key, f"'{key}' must be a non-empty string"))
        elif isinstance(value, str):
            # Material writes these into class names and paths: the same rules as titles.
            found.extend(_text_issues(key, value))
    template = meta.get("template")
    if isinstance(template, str) and template.strip() and not template.endswith(".html"):
        found.append(Issue("fm-value", "template", "'template' must name an .html file"))
    return found


def _close(word: str, choices: tuple[str, ...]) -> str | None:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return match[0] if match else None


def check(meta: object) -> list[Issue]:
    """Schema issues of one parsed front matter block."""
    if not isinstance(meta, dict):
        return [Issue("fm-not-mapping", None, "front matter must be a YAML mapping")]
    found: list[Issue] = []
    for key in REQUIRED_KEYS:
        if key not in meta:
            found.append(Issue("fm-required", None, f"missing required key '{key}'"))
    for key in meta:
        if key not in KNOWN_KEYS:
            found.append(
                Issue(
                    "fm-unknown-key", str(key), f"unknown key '{key}'", _close(str(key), KNOWN_KEYS)
                )
            )
    for key in ("title", "description"):
        value = meta.get(key)
        if key in meta and (not isinstance(value, str) or not value.strip()):
            found.append(Issue("fm-type", key, f"'{key}' must be a non-empty string"))
        elif isinstance(value, str):
            found.extend(_text_issues(key, value))
    title = meta.get("title")
    if isinstance(title, str) and len(title) > TITLE_MAX:
        found.append(
            Issue(
                "fm-length", "title", f"title is {len(title)} characters; keep it under {TITLE_MAX}"
            )
        )
    desc = meta.get("description")
    if (
        isinstance(desc, str)
        and desc.strip()
        and not DESCRIPTION_MIN <= len(desc) <= DESCRIPTION_MAX
    ):
        found.append(
            Issue(
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
            Issue(
                "fm-value",
                "article",
                f"article must be one of {', '.join(ARTICLE_VALUES)}; got {meta['article']!r}",
                _close(str(meta["article"]), ARTICLE_VALUES),
            )
        )
    found.extend(_optional_issues(meta))
    return found


def problems(meta: object) -> list[tuple[str | None, str]]:
    """Schema problems of one parsed front matter block as (key, message) pairs."""
    return [(issue.key, issue.message) for issue in check(meta)]
