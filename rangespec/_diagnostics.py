"""Diagnostics and reports: what ``validate`` says about a text.

A :class:`Report` holds every problem found, each a :class:`Diagnostic` with
a stable code, a severity, a message, the span of the text it is about and,
where a correction is unambiguous, a :class:`Fix` made of :class:`Edit`\\ s.
Errors carry the codes of :class:`rangespec.ErrorCode`; warnings, for text
that parses but is probably not what its author meant, the codes of
:class:`WarningCode`. docs/diagnostics.md lists them all with examples.
"""

from __future__ import annotations

import enum

from ._errors import ErrorCode, RangeSpecError
from ._rangeset import RangeSet
from ._record import Record
from ._version import Version

# typing and the JSON layouts are imported for type checkers only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, Literal

    from .schemas import DiagnosticJSON, EditJSON, FixJSON, ReportJSON

__all__ = ["Applicability", "Diagnostic", "Edit", "Fix", "Report", "Severity", "WarningCode"]


class Severity(enum.StrEnum):
    """How bad a diagnostic is: an error makes a text invalid, a warning does not.

    >>> Severity("warning") is Severity.WARNING
    True
    """

    ERROR = "error"
    WARNING = "warning"


class WarningCode(enum.StrEnum):
    """Stable codes of warnings; values never change meaning once released.

    >>> WarningCode("hyphen-spelling").name
    'HYPHEN_SPELLING'
    """

    UNSORTED = "unsorted"
    REDUNDANT = "redundant"
    OVERLAP = "overlap"
    SINGLE_VERSION_RANGE = "single-version-range"
    CROSS_MAJOR = "cross-major"
    HYPHEN_SPELLING = "hyphen-spelling"
    EMPTY_LIST = "empty-list"
    OWN_VERSION_REJECTED = "own-version-rejected"


class Applicability(enum.StrEnum):
    """Whether a fix may be applied without asking.

    ``safe``: the result means what the author evidently meant (for a
    warning: the same set of versions). ``unsafe``: the result is a
    different string that is probably meant, and a person must confirm it
    (``535.104.05`` -> ``535.104.5``).

    >>> Applicability.SAFE.value
    'safe'
    """

    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(Record):
    """Replace ``text[offset:end]`` with ``replacement``.

    >>> Edit(5, 6, "+").apply("2.1.0-")
    '2.1.0+'
    """

    __slots__ = ("offset", "end", "replacement")  # noqa: RUF023 - in __init__'s order
    offset: int
    end: int
    replacement: str

    def __init__(self, offset: int, end: int, replacement: str) -> None:
        self._set(offset, end, replacement)

    def apply(self, text: str) -> str:
        """``text`` with this edit made."""
        return text[: self.offset] + self.replacement + text[self.end :]

    def to_json(self) -> EditJSON:
        """The JSON form (docs/diagnostics.md, "JSON")."""
        return {"offset": self.offset, "end": self.end, "replacement": self.replacement}


class Fix(Record):
    """A correction of one diagnostic: edits that never overlap, in text order.

    >>> fix = Fix("Write '2.1.0+'", (Edit(5, 6, "+"),))
    >>> fix.apply("2.1.0-"), fix.applicability
    ('2.1.0+', <Applicability.SAFE: 'safe'>)

    Nothing in rangespec applies a fix by itself; the fixes of different
    diagnostics may overlap, so apply one at a time and validate again, or
    take the report's whole-text :attr:`Report.fix`.
    """

    __slots__ = ("message", "edits", "applicability")  # noqa: RUF023 - in __init__'s order
    message: str
    edits: tuple[Edit, ...]
    applicability: Applicability

    def __init__(
        self,
        message: str,
        edits: tuple[Edit, ...],
        applicability: Applicability = Applicability.SAFE,
    ) -> None:
        self._set(message, tuple(edits), applicability)

    def apply(self, text: str) -> str:
        """``text`` with every edit of this fix made."""
        for edit in sorted(self.edits, key=lambda e: e.offset, reverse=True):
            text = edit.apply(text)
        return text

    def to_json(self) -> FixJSON:
        """The JSON form (docs/diagnostics.md, "JSON")."""
        return {
            "message": self.message,
            "applicability": self.applicability.value,
            "edits": [e.to_json() for e in self.edits],
        }


class Diagnostic(Record):
    """One problem, about ``text[offset:end]`` of the report's text.

    >>> from rangespec import validate
    >>> d = validate("2.1.0-").diagnostics[0]
    >>> d.code.value, d.severity.value, d.offset, d.end, d.fix.apply("2.1.0-")
    ('hyphen-spelling', 'warning', 0, 6, '2.1.0+')
    """

    __slots__ = ("code", "severity", "message", "offset", "end", "fix")  # noqa: RUF023 - in __init__'s order
    code: ErrorCode | WarningCode
    severity: Severity
    message: str
    offset: int
    end: int
    fix: Fix | None

    def __init__(
        self,
        code: ErrorCode | WarningCode,
        severity: Severity,
        message: str,
        offset: int,
        end: int,
        fix: Fix | None = None,
    ) -> None:
        self._set(code, severity, message, offset, end, fix)

    @staticmethod
    def _from_error(err: RangeSpecError, fix: Fix | None = None) -> Diagnostic:
        # One per bad item, and validate("," * 4096) has 4096: set the slots
        # directly rather than through __init__ and Record._set.
        self = object.__new__(Diagnostic)
        _set_code(self, err.code)
        _set_severity(self, _ERROR)
        _set_message(self, err.message)
        _set_offset(self, err.offset)
        _set_end(self, err.end)
        _set_fix(self, fix)
        return self

    def to_json(self) -> DiagnosticJSON:
        """The JSON form (docs/diagnostics.md, "JSON")."""
        return {
            "code": self.code.value,
            "severity": self.severity.value,
            "message": self.message,
            "offset": self.offset,
            "end": self.end,
            "fix": None if self.fix is None else self.fix.to_json(),
        }


_set_code, _set_severity, _set_message, _set_offset, _set_end, _set_fix = Diagnostic._setters
_ERROR: Final = Severity.ERROR


class Report(Record):
    """What validation found in one text.

    >>> from rangespec import validate
    >>> report = validate("2.1.0+,2.0.2-2.0.4")
    >>> report.ok, [d.code.value for d in report.warnings], report.fix
    (True, ['unsorted'], '2.0.2-2.0.4,2.1.0+')

    Invariants: ``diagnostics`` are sorted by offset; ``rangeset`` (for a
    list) or ``version`` (for a version attribute) is set exactly when there
    are no errors; ``fix`` is set only then too.
    """

    __slots__ = ("text", "kind", "diagnostics", "rangeset", "version", "fix")  # noqa: RUF023 - in __init__'s order
    text: str
    kind: Literal["list", "version"]
    diagnostics: tuple[Diagnostic, ...]
    rangeset: RangeSet | None
    version: Version | None
    #: The canonical text, when it would remove a warning: the one fix for
    #: the whole text, held once here rather than in every warning.
    fix: str | None

    def __init__(
        self,
        text: str,
        kind: Literal["list", "version"],
        diagnostics: tuple[Diagnostic, ...],
        rangeset: RangeSet | None = None,
        version: Version | None = None,
        fix: str | None = None,
    ) -> None:
        self._set(text, kind, tuple(diagnostics), rangeset, version, fix)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity error."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The diagnostics of severity warning."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when there are no errors (warnings allowed)."""
        return not self.errors

    @property
    def canonical(self) -> str | None:
        """The canonical text of the value, when the text is valid."""
        if self.rangeset is not None:
            return self.rangeset.to_text()
        return None if self.version is None else str(self.version)

    def to_json(self) -> ReportJSON:
        """The JSON form (docs/diagnostics.md, "JSON")."""
        return {
            "text": self.text,
            "kind": self.kind,
            "ok": self.ok,
            "canonical": self.canonical,
            "fix": self.fix,
            "diagnostics": [d.to_json() for d in self.diagnostics],
        }


# Tracebacks, reprs, pickles and the reference name these rangespec.NAME,
# not the private module they are defined in.
for _public in (Applicability, Diagnostic, Edit, Fix, Report, Severity, WarningCode):
    _public.__module__ = "rangespec"
del _public
