"""``validate``: every problem of a text at once, never an exception for bad text.

>>> report = validate("2.1.0-,2.0.2-2.0.4,02")
>>> [(d.code.value, d.offset) for d in report.diagnostics]
[('leading-zero', 19)]
>>> report = validate("2.1.0-,2.0.2-2.0.4")
>>> [(d.code.value, d.offset) for d in report.diagnostics], report.fix
([('hyphen-spelling', 0), ('unsorted', 7)], '2.0.2-2.0.4,2.1.0+')
"""

from __future__ import annotations

from ._frontend import ListErrors, overlong, version
from ._limits import DEFAULT_MAX_LENGTH
from ._rangeset import RangeSet, parse, read_list
from ._version import Version

# typing is imported for type checkers only; reports, lints and repairs
# when a text needs them, so that `rangespec validate` of a clean text
# starts as fast as `rangespec contains`.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

    from ._diagnostics import Report

__all__ = ["clean", "overlong_report", "validate", "validate_version"]


def validate(
    text: str,
    *,
    own_version: Version | str | None = None,
    max_length: int = DEFAULT_MAX_LENGTH,
) -> Report:
    """Check an ``interface_version_compatible`` text; report every problem.

    The first error is the one :func:`rangespec.parse` raises; after it,
    checking resumes at the next comma, so each bad item gets one error.
    Where a correction is unambiguous (blanks around a separator, a
    carriage return, a ``v``) an error has a safe fix; a leading zero gets
    an unsafe one, to be confirmed.
    Warnings are looked for only when there is no error. ``own_version`` is
    the device's own ``interface_version``: a list that rejects it is
    warned about.

    Raises TypeError for a non-str text, and RangeSpecError if
    ``own_version`` is a string that is not a version.

    >>> [d.code.value for d in validate("3-2,x,2.1").errors]
    ['reversed-range', 'unexpected-character']
    """
    from ._diagnostics import Diagnostic, Report
    from ._errors import RangeSpecError
    from ._lints import CANONICAL_REMOVES, lint
    from ._repairs import fix_for

    own = _own_version(own_version)
    try:
        rangeset, items, bounds = read_list(text, max_length, items=True, every_error=True)
    except RangeSpecError as err:  # too long: nothing else is read
        return Report(text, "list", (Diagnostic._from_error(err),))
    except ListErrors as found:
        errors = tuple(Diagnostic._from_error(e, fix_for(e)) for e in found.errors)
        return Report(text, "list", errors)
    if own is None and _is_clean(text, rangeset):  # the common case: no lint to run
        return Report(text, "list", (), rangeset=rangeset)
    warnings = sorted(lint(text, items, bounds, rangeset, own), key=lambda d: (d.offset, d.end))
    rewrite = any(d.code in CANONICAL_REMOVES for d in warnings)
    fix = rangeset.to_text() if rewrite else None
    return Report(text, "list", tuple(warnings), rangeset=rangeset, fix=fix)


def clean(text: str, max_length: int = DEFAULT_MAX_LENGTH) -> bool:
    """Whether ``validate(text, max_length=max_length)`` reports nothing at
    all, told without building items or diagnostics: True is certain, and
    False only means that ``validate`` must look.

    A text is clean when it is valid, not empty, its own canonical text
    (so sorted, merged, no redundant item, no older spelling) and no range
    ``A-B`` of it crosses a major. For such a text, clean is exact: a
    canonical text is clean if and only if ``validate`` finds nothing.

    >>> clean("2.0.2-2.0.4,2.1.0+\\n"), clean("2.1.0-"), clean("1.5.0-2.1.0"), clean("")
    (True, False, False, False)
    """
    return _clean(text, max_length) is not None


def _clean(text: str, max_length: int) -> RangeSet | None:
    """The set of a clean text (``clean``), else None."""
    try:
        rangeset = parse(text, max_length=max_length)
    except ValueError:  # invalid text, or a bad max_length: validate says which
        return None
    return rangeset if _is_clean(text, rangeset) else None


def _is_clean(text: str, rangeset: RangeSet) -> bool:
    """Whether the valid ``text``, whose set is ``rangeset``, is clean."""
    body = text.removesuffix("\n")
    if not body or body != rangeset.to_text():
        return False
    for item in body.split(","):
        lower, dash, upper = item.partition("-")
        # A-P.* may cross a major: only A-B is warned about (CROSS_MAJOR)
        if dash and not upper.endswith("*") and lower.partition(".")[0] != upper.partition(".")[0]:
            return False
    return True


def validate_version(text: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> Report:
    """Check an ``interface_version`` text: one version, optional trailing newline.

    >>> validate_version("2.1.3\\n").version, validate_version("2.1.3 ").ok
    (Version(2, 1, 3), False)
    """
    from ._diagnostics import Diagnostic, Report
    from ._errors import RangeSpecError
    from ._repairs import fix_for

    try:
        found = version(text, max_length)
    except RangeSpecError as err:
        return Report(text, "version", (Diagnostic._from_error(err, fix_for(err, "version")),))
    return Report(text, "version", (), version=found)


def overlong_report(prefix: str, kind: Literal["list", "version"]) -> Report:
    """The report of a text too long to be read whole, of which ``prefix`` was read."""
    from ._diagnostics import Diagnostic, Report

    return Report(prefix, kind, (Diagnostic._from_error(overlong(prefix, DEFAULT_MAX_LENGTH)),))


def _own_version(value: object) -> Version | None:
    if value is None or isinstance(value, Version):
        return value
    if isinstance(value, str):
        return Version(value)
    raise TypeError(f"own_version must be a Version, a str or None, not {type(value).__name__}")


# Tracebacks, reprs, pickles and the reference name these rangespec.NAME,
# not the private module they are defined in.
for _public in (validate, validate_version):
    _public.__module__ = "rangespec"
del _public
