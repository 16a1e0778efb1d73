"""The page front matter schema, shared by the build tests and `scripts/validate.py`.

Every page in `docs/<lang>/` starts with a YAML block:

    ---
    title: Partición scratch                # page title (tab, navigation, PDF outline)
    description: Una frase de 50-160 ...    # <meta name="description"> and link previews
    article: "4"                            # part of the source article the page develops
    ---
"""

from __future__ import annotations

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


def problems(meta: object) -> list[tuple[str | None, str]]:
    """Schema problems of one parsed front matter block as (key, message) pairs."""
    if not isinstance(meta, dict):
        return [(None, "front matter must be a YAML mapping")]
    found: list[tuple[str | None, str]] = []
    for key in REQUIRED_KEYS:
        if key not in meta:
            found.append((None, f"missing required key '{key}'"))
    for key in meta:
        if key not in KNOWN_KEYS:
            found.append((str(key), f"unknown key '{key}'"))
    for key in ("title", "description"):
        value = meta.get(key)
        if key in meta and (not isinstance(value, str) or not value.strip()):
            found.append((key, f"'{key}' must be a non-empty string"))
        elif isinstance(value, str):
            bad = sorted(set(value) & UNSAFE_CHARS)
            if bad:
                found.append((key, f"'{key}' contains {' '.join(bad)}, unsafe in HTML attributes"))
            if any(ord(c) < 32 or ord(c) == 127 for c in value):
                found.append((key, f"'{key}' contains control characters"))
    title = meta.get("title")
    if isinstance(title, str) and len(title) > TITLE_MAX:
        found.append(("title", f"title is {len(title)} characters; keep it under {TITLE_MAX}"))
    desc = meta.get("description")
    if isinstance(desc, str) and not DESCRIPTION_MIN <= len(desc) <= DESCRIPTION_MAX:
        found.append(
            (
                "description",
                f"description is {len(desc)} characters; it must be "
                f"{DESCRIPTION_MIN}-{DESCRIPTION_MAX}",
            )
        )
    if "article" in meta and str(meta["article"]) not in ARTICLE_VALUES:
        found.append(
            (
                "article",
                f"article must be one of {', '.join(ARTICLE_VALUES)}; got {meta['article']!r}",
            )
        )
    return found
