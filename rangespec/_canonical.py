"""Normalized intervals -> canonical text: the last stage of the pipeline.

The canonical text lists the maximal intervals in ascending order, each in
the shortest item form the spec allows (docs/spec.md, "Canonical text"), so
equal sets get equal text and parsing it gives the set back.
"""

from __future__ import annotations

from typing import Final

from ._cuts import AFTER, BEFORE, Cut, key_of, pairs
from .errors import ErrorCode, RangeSpecError
from .interval import Interval, notation
from .version import U64_MAX, Version, _strip_zeros

__all__ = ["first_problem", "to_text"]


class _Unwritable(Exception):
    """An interval no item can express; the argument says why."""


_NO_UPPER: Final = "has no upper end"
_OPEN_LOWER: Final = "has an open lower end (every item includes its lower end)"
_TOO_LARGE: Final = f"needs a number above {U64_MAX} (2^64-1)"


def _write(lower: Cut, upper: Cut | None) -> str:
    """The item for one interval, or _Unwritable."""
    if upper is None:
        raise _Unwritable(_NO_UPPER)
    if lower[-1] != BEFORE:
        raise _Unwritable(_OPEN_LOWER)
    a, x = key_of(lower), key_of(upper)
    if upper[-1] == AFTER:  # [A, B]
        numbers = a + x
        text = str(Version._from_key(a)) if a == x else f"{_v(a)}-{_v(x)}"
    else:  # [A, X): X is the first version after the prefix P.
        p = (*x[:-1], x[-1] - 1)
        numbers = a + p
        if a == _strip_zeros(p):
            text = f"{'.'.join(map(str, p))}.*"
        elif len(p) == 1 and p[0] == (a[0] if a else 0):
            text = f"{_v(a)}+"
        else:
            text = f"{_v(a)}-{'.'.join(map(str, p))}.*"
    if any(n > U64_MAX for n in numbers):
        raise _Unwritable(_TOO_LARGE)
    return text


def _v(key: tuple[int, ...]) -> str:
    return str(Version._from_key(key))


def first_problem(cuts: tuple[Cut, ...]) -> tuple[int, str] | None:
    """The index of the first interval no item can write, and why; None if all can."""
    for index, (lower, upper) in enumerate(pairs(cuts)):
        try:
            _write(lower, upper)
        except _Unwritable as exc:
            return index, str(exc)
    return None


def to_text(cuts: tuple[Cut, ...]) -> str:
    """The canonical text of a set, or RangeSpecError(not-representable)."""
    stretches = pairs(cuts)
    written = []
    for index, (lower, upper) in enumerate(stretches):
        try:
            written.append(_write(lower, upper))
        except _Unwritable as exc:
            raise _not_representable(stretches, index, str(exc)) from None
    return ",".join(written)


def _not_representable(
    stretches: list[tuple[Cut, Cut | None]], index: int, why: str
) -> RangeSpecError:
    # The error points into the set's interval notation, as repr shows it.
    intervals = [Interval._from_cuts(lower, upper) for lower, upper in stretches]
    offset = 1 + sum(len(str(i)) + 2 for i in intervals[:index])
    bad = str(intervals[index])
    return RangeSpecError(
        ErrorCode.NOT_REPRESENTABLE,
        f"This set cannot be written as rangespec text: interval {bad} {why}",
        notation(intervals),
        offset,
        offset + len(bad),
    )
