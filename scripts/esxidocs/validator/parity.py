"""Translation parity: every page in every language, same heading ids, same images."""

from __future__ import annotations

import difflib
from collections import Counter

from esxidocs.findings import Finding

from .pages import PageScan
from .sources import SourceIndex, is_page


def _split(rel: str, languages: tuple[str, ...]) -> tuple[str, str] | None:
    head, _, rest = rel.partition("/")
    return (head, rest) if head in languages and rest else None


def _section_ids(page: PageScan) -> list[tuple[str, int]]:
    # h1 ids are slugs of the (translated) title: only h2 and below must match. Headings a
    # hook inserts at one marker share its line (the glossary: one per term, in each
    # language's alphabetical order), so within a line they are compared as a set.
    found = [(h.anchor, h.line) for h in page.headings if h.level >= 2]
    return sorted(found, key=lambda item: (item[1], item[0]))


def _compare_headings(default: PageScan, other: PageScan, out: list[Finding]) -> None:
    want = _section_ids(default)
    have = _section_ids(other)
    a = [anchor for anchor, _ in want]
    b = [anchor for anchor, _ in have]
    if a == b:
        return
    last = have[-1][1] if have else 1
    where = default.display
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            theirs = a[i1 + k] if i1 + k < i2 else None
            ours = have[j1 + k] if j1 + k < j2 else None
            if theirs is not None and ours is not None:
                message = f"heading id '{ours[0]}' is '{theirs}' at this position in {where}"
                out.append(
                    Finding.of(other.display, ours[1], 1, "parity-headings", message, theirs)
                )
            elif theirs is not None:
                line = have[j1][1] if j1 < len(have) else last
                message = f"heading id '{theirs}' of {where} is missing here"
                out.append(Finding.of(other.display, line, 1, "parity-headings", message))
            elif ours is not None:
                message = f"heading id '{ours[0]}' does not exist in {where}"
                out.append(Finding.of(other.display, ours[1], 1, "parity-headings", message))


def _compare_images(default: PageScan, other: PageScan, out: list[Finding]) -> None:
    want = default.images
    have = other.images
    missing = Counter(k for k, _ in want) - Counter(k for k, _ in have)
    extra = Counter(k for k, _ in have) - Counter(k for k, _ in want)
    for key in sorted(missing):
        message = f"image '{key}' of {default.display} is missing here"
        out.append(
            Finding.of(other.display, have[0][1] if have else 1, 1, "parity-images", message)
        )
    for key, line in have:
        if extra[key] > 0:
            extra[key] -= 1
            message = f"image '{key}' does not exist in {default.display}"
            out.append(Finding.of(other.display, line, 1, "parity-images", message))


def check_parity(index: SourceIndex) -> list[Finding]:
    languages = index.project.languages
    default = languages[0]
    out: list[Finding] = []
    by_key: dict[str, dict[str, str]] = {}
    for rel in sorted(index.files):
        split = _split(rel, languages)
        if split:
            by_key.setdefault(split[1], {})[split[0]] = rel
    for key, present in by_key.items():
        anchor_lang = default if default in present else next(iter(present))
        at = index.project.docs_display(present[anchor_lang])
        for lang in languages:
            if lang not in present:
                missing = index.project.docs_display(f"{lang}/{key}")
                code, what = (
                    ("parity-missing", "translation")
                    if is_page(key)
                    else ("parity-asset", "counterpart")
                )
                out.append(
                    Finding.of(at, 1, 1, code, f"no '{lang}' {what}: {missing} does not exist")
                )
        if not is_page(key) or default not in present:
            continue
        base = index.pages[present[default]]
        for lang in languages[1:]:
            other = index.pages.get(present.get(lang, ""))
            if other is None or not (base.parsed and other.parsed):
                continue
            if base.anchors_known and other.anchors_known:
                _compare_headings(base, other, out)
            _compare_images(base, other, out)
    return out
