"""The confinement check of a written page, without parsing again what every page repeats.

The confine stage runs the validator's raw-HTML policy on every page the build writes
(esxidocs/stages/confine.py). Most of a page is the navigation, and the navigation lists
every page of the language: parsing it on each page made the check grow with the square of
the site (a quarter of a 2x500-page build). Here the page is fed to the same streaming policy
in segments, cut before each navigation entry (`<li class="md-nav__item`) and around each
`<svg>` (Material's icons, the inlined diagrams); a segment already seen to be *neutral* is
skipped when the parser is between tags where it starts.

A segment is neutral when, fed from a clean parser state, it (1) added no finding, (2) opened
no `<script>`, `<form>` or `<article>` (the only tags whose verdict depends on where they
are), (3) closed only elements it opened and left every one of them closed, and (4) ended
with nothing pending in the tokenizer. Its findings then do not depend on what comes before
it, and it leaves the parser as it found it: skipping it changes nothing but the line numbers.
So `clean()` answers exactly what the full check answers; when it finds anything, the caller
runs the full check, which gives the positions.
"""

from __future__ import annotations

import re
from itertools import pairwise

from esxidocs.validator.raw_html import _Policy  # the validator's policy, unchanged

CUT = '<li class="md-nav__item'  # Material's navigation and table-of-contents entries
# Where segments start: before each entry and each <svg>, and after each </svg>. A cut that
# falls inside a comment, a script or a tag only makes a segment that is never skipped.
_BEFORE = (CUT, "<svg")
_AFTER = ("</svg>",)
# Tags whose verdict depends on their place (in the article or not, their parent).
_CONTEXTUAL = re.compile(r"<(?:script|form|article)", re.IGNORECASE)
MAX_SEGMENT = 4096  # longer segments are page-specific (the last one holds the article)
MAX_KNOWN = 100_000  # `mkdocs serve` rebuilds for hours: start over past this many

_neutral: set[str] = set()


class _Segments(_Policy):
    """The policy, noting whether the segment being fed could be skipped next time."""

    def __init__(self) -> None:
        super().__init__(markdown=False)
        self.floor = 0  # stack depth where the current segment started
        self.neutral = True

    def start_segment(self) -> None:
        self.floor = len(self.stack)
        self.neutral = True

    def handle_endtag(self, tag: str) -> None:
        if len(self.stack) <= self.floor or self.stack[-1][0] != tag:
            self.neutral = False  # not the innermost element the segment opened
        super().handle_endtag(tag)

    @property
    def between_tags(self) -> bool:
        """Nothing pending: no partial tag, comment or text, not inside a script or style."""
        return not self.rawdata and self.cdata_elem is None and self._style_start is None


def segments(page: str) -> list[str]:
    """`page` cut at the places above (str.find: a regular expression took a third longer)."""
    cuts = {0, len(page)}
    for needles, shift in ((_BEFORE, False), (_AFTER, True)):
        for needle in needles:
            index = page.find(needle)
            while index >= 0:
                cuts.add(index + len(needle) if shift else index)
                index = page.find(needle, index + 1)
    ordered = sorted(cuts)
    return [page[start:end] for start, end in pairwise(ordered)]


def clean(page: str) -> bool:
    """True when the policy finds nothing in `page`; False: run the full check."""
    first, *rest = segments(page) or [""]
    policy = _Segments()
    try:
        policy.feed(first)
        for segment in rest:
            start_clean = policy.between_tags
            if start_clean and segment in _neutral:
                continue
            policy.start_segment()
            if _CONTEXTUAL.search(segment):
                policy.neutral = False
            policy.feed(segment)
            if policy.findings:
                return False
            if (
                start_clean
                and policy.neutral
                and len(segment) <= MAX_SEGMENT
                and len(policy.stack) == policy.floor
                and policy.between_tags
            ):
                if len(_neutral) >= MAX_KNOWN:
                    _neutral.clear()
                _neutral.add(segment)
        policy.close()
    except (AssertionError, ValueError):  # html.parser gave up: the full check reports it
        return False
    return not policy.findings
