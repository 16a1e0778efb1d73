"""Line breaking for diagram labels, measured with `metrics.Font.width`."""

from __future__ import annotations

import re
from collections.abc import Iterable

from esxidocs.diagrams.metrics import Font

BREAK_AFTER = re.compile(r"(?<=[./])(?=.)")  # where a long name may break: after . or /


def wrap(text: str, font: Font, width: float) -> list[str]:
    """Greedy word wrap to `width`; a single word longer than `width` gets its own line."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def widest(texts: Iterable[str], font: Font) -> float:
    return max((font.width(t) for t in texts), default=0.0)


def _split_long(word: str, font: Font, width: float) -> list[str]:
    """A word wider than `width` (ScratchConfig.ConfiguredScratchLocation) in pieces that
    each end at a dot or slash; a piece with no such place stays whole."""
    pieces = [""]
    for part in BREAK_AFTER.split(word):
        if pieces[-1] and font.width(pieces[-1] + part) > width:
            pieces.append(part)
        else:
            pieces[-1] += part
    return pieces


def wrap_narrow(text: str, font: Font, width: float) -> list[str]:
    """`wrap`, and words too long for the column break after a dot or slash."""
    lines: list[str] = []
    for word in text.split():
        pieces = [word] if font.width(word) <= width else _split_long(word, font, width)
        for i, piece in enumerate(pieces):
            joined = f"{lines[-1]}{piece}" if i else f"{lines[-1]} {piece}" if lines else piece
            if lines and font.width(joined) <= width:
                lines[-1] = joined
            else:
                lines.append(piece)
    return lines
