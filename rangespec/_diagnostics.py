"""Diagnostics and reports: what ``validate`` says about a text.

A :class:`Report` holds every problem found, each a :class:`Diagnostic` with
a stable code, a severity, a message and the span of the text it is about.
Errors carry the codes of :class:`rangespec.ErrorCode`; warnings, for text
that parses but is probably not what its author meant, the codes of
:class:`WarningCode`. docs/diagnostics.md lists them all with examples.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Literal

from .errors import RangeSpecError
from .rangeset import RangeSet
from .version import Version

__all__ = ["Diagnostic", "Report", "Severity", "WarningCode"]

Severity = Literal["error", "warning"]


class WarningCode(enum.StrEnum):
    """Stable codes of warnings; values never change meaning once released."""

    UNSORTED = "unsorted"
    REDUNDANT = "redundant"
    OVERLAP = "overlap"
    SINGLE_VERSION_RANGE = "single-version-range"
    CROSS_MAJOR = "cross-major"
    HYPHEN_SPELLING = "hyphen-spelling"
    EMPTY_LIST = "empty-list"
    OWN_VERSION_REJECTED = "own-version-rejected"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem, about ``text[offset:end]`` of the report's text.

    ``fix``, when present, is a whole replacement text that means the same
    set of versions (for warnings: the canonical text).
    """

    code: str
    severity: Severity
    message: str
    offset: int
    end: int
    fix: str | None = None

    @classmethod
    def _from_error(cls, err: RangeSpecError) -> Diagnostic:
        return cls(err.code.value, "error", err.message, err.offset, err.end)

    def to_json(self) -> dict[str, Any]:
        """The JSON form (docs/diagnostics.md, "JSON")."""
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "offset": self.offset,
            "end": self.end,
            "fix": self.fix,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """What validation found in one text.

    Invariants: ``diagnostics`` are sorted by offset; ``rangeset`` (for a
    list) or ``version`` (for a version attribute) is set exactly when there
    are no errors.
    """

    text: str
    kind: Literal["list", "version"]
    diagnostics: tuple[Diagnostic, ...]
    rangeset: RangeSet | None = None
    version: Version | None = None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "warning")

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not self.errors

    def to_json(self) -> dict[str, Any]:
        """The JSON form (docs/diagnostics.md, "JSON")."""
        value: str | None = None
        if self.rangeset is not None:
            value = str(self.rangeset)
        elif self.version is not None:
            value = str(self.version)
        return {
            "text": self.text,
            "kind": self.kind,
            "ok": self.ok,
            "canonical": value,
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }
