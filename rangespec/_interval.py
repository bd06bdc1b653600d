"""Interval: one maximal stretch of a RangeSet, in interval notation.

>>> from rangespec import parse
>>> [str(i) for i in parse("2.0.2-2.0.4,2.1.0+").intervals]
['[2.0.2, 2.0.4]', '[2.1.0, 3.0.0)']
"""

from __future__ import annotations

from collections.abc import Iterable

from ._cuts import AFTER, BEFORE, Cut, cut, key_of
from ._version import Version

__all__ = ["Interval", "notation"]


class Interval:
    """A non-empty interval of versions.

    >>> Interval("2.0.2", True, "2.0.4", True)
    Interval(Version(2, 0, 2), True, Version(2, 0, 4), True)
    >>> Version("2.0.3") in Interval("2.0.2", True, "2.0.4", False)
    True
    >>> Interval("3", True, "2", True)
    Traceback (most recent call last):
    ...
    ValueError: an interval is never empty: [3.0.0, 2.0.0]

    Invariants, checked when one is built:
      1. ``lower`` is a Version; ``upper`` is a Version, or None for no
         upper end (then ``upper_closed`` is False). There is always a lower
         end: no version lies below 0.
      2. The interval holds at least one version: ``lower < upper``, or
         ``lower == upper`` with both ends closed.

    Versions may be given as text. Intervals are immutable and hashable,
    and equal when their ends are.
    """

    __slots__ = ("lower", "lower_closed", "upper", "upper_closed")

    lower: Version
    lower_closed: bool
    upper: Version | None
    upper_closed: bool

    def __init__(
        self,
        lower: Version | str,
        lower_closed: bool,
        upper: Version | str | None,
        upper_closed: bool,
    ) -> None:
        low = _version(lower, "lower")
        high = None if upper is None else _version(upper, "upper")
        for name, flag in (("lower_closed", lower_closed), ("upper_closed", upper_closed)):
            if not isinstance(flag, bool):
                raise TypeError(f"Interval() argument {name} must be a bool, not {flag!r}")
        if high is None and upper_closed:
            raise ValueError("an interval with no upper end cannot have a closed upper end")
        if high is not None and (
            high < low or (high == low and not (lower_closed and upper_closed))
        ):
            shown = f"{'[' if lower_closed else '('}{low}, {high}{']' if upper_closed else ')'}"
            raise ValueError(f"an interval is never empty: {shown}")
        object.__setattr__(self, "lower", low)
        object.__setattr__(self, "lower_closed", lower_closed)
        object.__setattr__(self, "upper", high)
        object.__setattr__(self, "upper_closed", upper_closed)

    @classmethod
    def _from_cuts(cls, lower: Cut, upper: Cut | None) -> Interval:
        """The interval between two cuts (trusted: ``lower < upper``)."""
        self = object.__new__(cls)
        object.__setattr__(self, "lower", Version._from_key(key_of(lower)))
        object.__setattr__(self, "lower_closed", lower[-1] == BEFORE)
        object.__setattr__(
            self, "upper", None if upper is None else Version._from_key(key_of(upper))
        )
        object.__setattr__(self, "upper_closed", upper is not None and upper[-1] == AFTER)
        return self

    def _cuts(self) -> tuple[Cut, Cut | None]:
        """The inverse of ``_from_cuts``."""
        lower = cut(self.lower._key, BEFORE if self.lower_closed else AFTER)
        if self.upper is None:
            return lower, None
        return lower, cut(self.upper._key, AFTER if self.upper_closed else BEFORE)

    def __contains__(self, version: object) -> bool:
        if isinstance(version, str):
            version = Version(version)
        if not isinstance(version, Version):
            raise TypeError(f"expected a Version or str, not {type(version).__name__}")
        above = version >= self.lower if self.lower_closed else version > self.lower
        if self.upper is None:
            return above
        below = version <= self.upper if self.upper_closed else version < self.upper
        return above and below

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return self._cuts() == other._cuts()

    def __hash__(self) -> int:
        return hash(self._cuts())

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Interval is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Interval is immutable")

    def __reduce__(self) -> tuple[type[Interval], tuple[Version, bool, Version | None, bool]]:
        # Pickled by value, through the public constructor.
        return (Interval, (self.lower, self.lower_closed, self.upper, self.upper_closed))

    def __repr__(self) -> str:
        return f"Interval({self.lower!r}, {self.lower_closed}, {self.upper!r}, {self.upper_closed})"

    def __str__(self) -> str:
        left = "[" if self.lower_closed else "("
        if self.upper is None:
            return f"{left}{self.lower}, +inf)"
        right = "]" if self.upper_closed else ")"
        return f"{left}{self.lower}, {self.upper}{right}"


def _version(value: object, name: str) -> Version:
    if isinstance(value, Version):
        return value
    if isinstance(value, str):
        return Version(value)
    raise TypeError(f"Interval() argument {name} must be a Version or str, not {value!r}")


def notation(intervals: Iterable[Interval]) -> str:
    """A set in interval notation: ``{[2.0.2, 2.0.4], [2.1.0, 3.0.0)}``."""
    return "{" + ", ".join(map(str, intervals)) + "}"


# Tracebacks, reprs, pickles and the reference name these rangespec.NAME,
# not the private module they are defined in.
for _public in (Interval,):
    _public.__module__ = "rangespec"
del _public
