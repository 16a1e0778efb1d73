"""One record for "something is wrong at this place", shared by every check.

The data loaders (glossary, sources, YAML), the validator, the glyph check and the build's
stages (limits, confinement, citations) all produce a `Finding`, and everything that prints
or stops on one prints it the same way, the format editors and CI jump from:

    docs/es/scratch.md:12:5: error[link-missing]: 'x.md' does not resolve from /scratch/

A scanner that does not know its file, or where its text starts in it (a YAML reader, the
limits on a page body), makes a *relative* finding: path "" and positions within its text.
Its caller anchors it to the file with `at(path)` and moves it with `shifted(lines)`.
Positions are 1-based, as editors count.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from esxidocs.validator.codes import CODES

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One problem at `path:line:col` (path relative to the repository root, or "")."""

    path: str
    line: int
    col: int
    code: str  # one of esxidocs/validator/codes.py, which also gives its severity
    message: str
    severity: Severity = "error"
    # A "did you mean" hint: printed after the message, kept apart in JSON.
    suggestion: str | None = field(default=None, compare=False, kw_only=True)

    def __post_init__(self) -> None:
        # A typo in a check, or a warning reported as an error, must fail loudly at once,
        # not print a code no one can look up.
        known = CODES.get(self.code)
        if known is None:
            raise ValueError(f"unknown finding code {self.code!r}")
        if known[0] != self.severity:
            raise ValueError(f"{self.code} is a{'n' * (known[0] == 'error')} {known[0]}")

    @classmethod
    def of(
        cls, path: str, line: int, col: int, code: str, message: str, suggestion: str | None = None
    ) -> Finding:
        """A finding with the severity the code table gives `code`, for a check whose code
        may be a warning (`link-insecure`, `citation-unused`...)."""
        severity = CODES[code][0] if code in CODES else "error"  # unknown: __post_init__
        return cls(path, line, col, code, message, severity, suggestion=suggestion)

    @property
    def text(self) -> str:
        """The message with its "did you mean" suggestion, if any."""
        if self.suggestion is None:
            return self.message
        return f"{self.message}; did you mean '{self.suggestion}'?"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.code}]: {self.text}"

    def at(self, path: str) -> Finding:
        """This finding in file `path` (a relative finding anchored, or another file)."""
        return replace(self, path=path)

    def shifted(self, lines: int = 0, cols: int = 0) -> Finding:
        """This finding moved down `lines` lines (and right `cols` columns): a position in
        a text made a position in the file the text starts `lines` lines into."""
        return replace(self, line=self.line + lines, col=self.col + cols)


class FindingError(ValueError):
    """A loader refused its input: `finding` says where and why; `str()` prints it."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(str(finding))
        self.finding = finding
