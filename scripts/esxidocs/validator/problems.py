"""The one record every check produces."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codes import CODES, Severity


@dataclass(frozen=True, order=True)
class Problem:
    """One finding at `path:line:col` (1-based; path relative to the repository root)."""

    path: str
    line: int
    col: int
    code: str
    message: str
    suggestion: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:  # a typo in a check must fail loudly, not print garbage
            raise ValueError(f"unknown problem code {self.code!r}")

    @property
    def severity(self) -> Severity:
        return CODES[self.code][0]

    @property
    def text(self) -> str:
        """The message with its "did you mean" suggestion, if any."""
        if self.suggestion is None:
            return self.message
        return f"{self.message}; did you mean '{self.suggestion}'?"
