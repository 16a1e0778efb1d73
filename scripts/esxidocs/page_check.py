"""The confinement check of a written page, without parsing again what every page repeats.

The confine stage runs the validator's raw-HTML policy on every page the build writes
(esxidocs/stages/confine.py). Most of a page is the theme's: the header, the footer and the
navigation, which lists every page of the language, so parsing it on each page made the check
grow with the square of the site (a quarter of a 2x500-page build). Here the page is fed to
the same streaming policy in segments, cut before each navigation entry
(`<li class="md-nav__item`) and around each `<svg>` (Material's icons, the inlined diagrams).

The policy's verdict on a segment, and the state it leaves the policy in, depend only on the
segment's text and on the state it starts from: the open elements (tag and class, which
decide where a script or a form may be), whether the article is open, and nothing pending in
the tokenizer (no partial tag, comment or text, not inside a script or style). So each
segment that added no finding is remembered with the state before and after it; met again
from the same state, it is not parsed: the state after it is restored. Long segments are
page-specific and not remembered, but for a whole inline SVG: a diagram is the same text on
every page that shows it and in every rebuild of `mkdocs serve`. Only the line numbers
differ, and `clean()` answers exactly what the full check answers; when it finds anything,
the caller runs the full check, which gives the positions.
"""

from __future__ import annotations

import hashlib
import sys
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from esxidocs.validator import html_fragments, raw_html
from esxidocs.validator.raw_html import HtmlPolicy  # the validator's policy, unchanged

CUT = '<li class="md-nav__item'  # Material's navigation and table-of-contents entries
# Where segments start: before each entry and each <svg>, and after each </svg>. A cut that
# falls inside a comment, a script or a tag makes a segment that starts from no known state.
_BEFORE = (CUT, "<svg")
_AFTER = ("</svg>",)
MAX_SEGMENT = 4096  # longer segments are page-specific (the last one holds the article)
# ...but for an inline SVG, a file's content (a diagram) inlined the same wherever its figure
# is: remembered whatever its size, within this many characters in all.
MAX_SVG_TEXT = 8_000_000
MAX_KNOWN = 100_000  # `mkdocs serve` rebuilds for hours: start over past this many

# (open elements, depth of the open article)
State = tuple[tuple[tuple[str, str], ...], int | None]

# States are numbered, so that a skipped segment costs one lookup, not a tuple to hash.
_states: list[State] = []
_state_ids: dict[State, int] = {}
_known: dict[tuple[int, str], int] = {}  # (state before, segment) -> state after
_svg_text = 0  # characters of the long SVG segments in _known


def _state_id(state: State) -> int:
    found = _state_ids.get(state)
    if found is None:
        found = _state_ids[state] = len(_states)
        _states.append(state)
    return found


class _Segments(HtmlPolicy):
    """The validator's policy, whose state between tags can be read and restored."""

    def __init__(self) -> None:
        super().__init__(markdown=False)

    def state(self) -> State | None:
        """The state that decides the verdict on what follows; None while anything is pending."""
        if self.rawdata or self.cdata_elem is not None or self._style_start is not None:
            return None
        return tuple(self.stack), self.article_depth

    def restore(self, state: State) -> None:
        self.stack[:] = state[0]
        self.article_depth = state[1]

    def updatepos(self, i: int, j: int) -> int:
        """No line and column count: `clean` answers yes or no, and when it says no the full
        check, which counts them, gives the positions (a tenth of the parse saved)."""
        return j


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
    global _svg_text
    if len(_known) >= MAX_KNOWN or _svg_text > MAX_SVG_TEXT:
        _known.clear()
        _state_ids.clear()
        _states.clear()
        _svg_text = 0
    policy = _Segments()
    start = policy.state()
    assert start is not None
    current: int | None = _state_id(start)
    restore: int | None = None  # the state skipped segments left, not yet set in the policy
    try:
        for segment in segments(page):
            if current is not None:
                after = _known.get((current, segment))
                if after is not None:
                    current = restore = after
                    continue
            if restore is not None:
                policy.restore(_states[restore])
                restore = None
            before = current
            policy.feed(segment)
            if policy.findings:
                return False
            state = policy.state()
            current = None if state is None else _state_id(state)
            if before is None or current is None:
                continue
            if len(segment) <= MAX_SEGMENT:
                _known[(before, segment)] = current
            elif segment.startswith("<svg") and segment.endswith("</svg>"):
                _known[(before, segment)] = current
                _svg_text += len(segment)
        if restore is not None:
            policy.restore(_states[restore])
        policy.close()
    except (AssertionError, ValueError):  # html.parser gave up: the full check reports it
        return False
    return not policy.findings


@lru_cache(maxsize=1)
def code_digest() -> str:
    """What decides the verdict besides the page: this module, the validator's policy (and
    its table of what a tag loads) and the Python whose `html.parser` tokenizes (a cached
    verdict names them all)."""
    digest = hashlib.sha256(sys.version.encode())
    for module in (__file__, raw_html.__file__, html_fragments.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def page_digest(page: str) -> str:
    """The key of a verdict on `page`: its text and the code that judged it."""
    return hashlib.sha256(code_digest().encode() + b"\0" + page.encode()).hexdigest()
