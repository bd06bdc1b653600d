"""Interval: one maximal stretch of a RangeSet, in interval notation.

>>> from rangespec import parse
>>> [str(i) for i in parse("2.0.2-2.0.4,2.1.0+").intervals]
['[2.0.2, 2.0.4]', '[2.1.0, 3.0.0)']
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ._cuts import AFTER, BEFORE, Cut, cut, key_of
from .version import Version

__all__ = ["Interval"]


@dataclass(frozen=True, slots=True)
class Interval:
    """A non-empty interval of versions.

    ``upper is None`` means there is no upper end (and ``upper_closed`` is
    False). There is always a lower end: no version lies below 0.
    """

    lower: Version
    lower_closed: bool
    upper: Version | None
    upper_closed: bool

    @classmethod
    def _from_cuts(cls, lower: Cut, upper: Cut | None) -> Interval:
        low = Version._from_key(key_of(lower))
        if upper is None:
            return cls(low, lower[-1] == BEFORE, None, False)
        return cls(low, lower[-1] == BEFORE, Version._from_key(key_of(upper)), upper[-1] == AFTER)

    def _cuts(self) -> tuple[Cut, Cut | None]:
        """The inverse of ``_from_cuts``."""
        lower = cut(self.lower._key, BEFORE if self.lower_closed else AFTER)
        if self.upper is None:
            return lower, None
        return lower, cut(self.upper._key, AFTER if self.upper_closed else BEFORE)

    def __contains__(self, version: object) -> bool:
        if not isinstance(version, Version):
            raise TypeError(f"expected a Version, not {type(version).__name__}")
        above = version > self.lower if not self.lower_closed else version >= self.lower
        if self.upper is None:
            return above
        below = version < self.upper if not self.upper_closed else version <= self.upper
        return above and below

    def __str__(self) -> str:
        left = "[" if self.lower_closed else "("
        if self.upper is None:
            return f"{left}{self.lower}, +inf)"
        right = "]" if self.upper_closed else ")"
        return f"{left}{self.lower}, {self.upper}{right}"


def notation(intervals: Iterable[Interval]) -> str:
    """A set in interval notation: ``{[2.0.2, 2.0.4], [2.1.0, 3.0.0)}``."""
    return "{" + ", ".join(map(str, intervals)) + "}"
