"""``validate``: every problem of a text at once, never an exception for bad text.

>>> report = validate("2.1.0-,2.0.2-2.0.4,02")
>>> [(d.code, d.offset) for d in report.diagnostics]
[('leading-zero', 19)]
>>> report = validate("2.1.0-,2.0.2-2.0.4")
>>> [(d.code, d.offset, d.fix) for d in report.diagnostics]
[('hyphen-spelling', 0, '2.0.2-2.0.4,2.1.0+'), ('unsorted', 7, '2.0.2-2.0.4,2.1.0+')]
"""

from __future__ import annotations

from collections.abc import Iterator

from ._cuts import from_intervals
from ._frontend import DEFAULT_MAX_LENGTH, parse_items
from ._frontend import parse_version as _parse_version
from ._lints import lint
from ._normalize import item_bounds
from .diagnostics import Diagnostic, Report
from .errors import ErrorCode, RangeSpecError
from .rangeset import RangeSet
from .version import Version

__all__ = ["validate", "validate_version"]


def validate(
    text: str,
    *,
    own_version: Version | str | None = None,
    max_length: int = DEFAULT_MAX_LENGTH,
) -> Report:
    """Check an ``interface_version_compatible`` text; report every problem.

    The first error is the one :func:`rangespec.parse` raises; after it,
    checking resumes at the next comma, so each bad item gets one error.
    Warnings are looked for only when there is no error. ``own_version`` is
    the device's own ``interface_version``: a list that rejects it is
    warned about.

    Raises TypeError for a non-str text, and RangeSpecError if
    ``own_version`` is a string that is not a version.
    """
    own = _parse_version(own_version) if isinstance(own_version, str) else own_version
    try:
        items = parse_items(text, max_length)
    except RangeSpecError as first:
        errors = [first]
        if first.code != ErrorCode.TOO_LONG:
            errors.extend(_errors_after(text, first.offset))
        diagnostics = tuple(Diagnostic._from_error(e) for e in errors)
        return Report(text, "list", diagnostics)
    bounds = [item_bounds(item) for item in items]
    rangeset = RangeSet._from_cuts(from_intervals(bounds))
    warnings = sorted(lint(text, items, bounds, rangeset, own), key=lambda d: (d.offset, d.end))
    return Report(text, "list", tuple(warnings), rangeset=rangeset)


def validate_version(text: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> Report:
    """Check an ``interface_version`` text: one version, optional trailing newline."""
    try:
        version = _parse_version(text, max_length)
    except RangeSpecError as err:
        return Report(text, "version", (Diagnostic._from_error(err),))
    return Report(text, "version", (), version=version)


def _errors_after(text: str, offset: int) -> Iterator[RangeSpecError]:
    """The first error of each item after the one holding ``offset``.

    Every item after a comma starts in the same parser state, so an item is
    checked alone by parsing it behind a stand-in item ``0,``; a comma after
    it goes along, so that "found ','" reads as in the whole text, and the
    parse then only fails by running out of text after that comma.
    """
    comma = text.find(",", offset)
    while comma >= 0:
        start = comma + 1
        comma = text.find(",", start)
        end = len(text) if comma < 0 else comma + 1
        probe = "0," + text[start:end]
        try:
            parse_items(probe, len(probe))
        except RangeSpecError as err:
            ran_out = err.code == ErrorCode.UNEXPECTED_END and err.offset == len(probe)
            if comma < 0 or not ran_out:
                shift = start - 2
                yield RangeSpecError(
                    err.code, err.message, text, err.offset + shift, err.end + shift
                )
