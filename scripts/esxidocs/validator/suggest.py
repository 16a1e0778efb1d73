"""'Did you mean ...?' suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

# Beyond this many candidates difflib gets slow and its guesses get poor.
_MAX_CANDIDATES = 5000


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most similar to `word`, or None when nothing is close."""
    pool = [c for c in candidates if c != word][:_MAX_CANDIDATES]
    if not pool or not word:
        return None
    match = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return match[0] if match else None
