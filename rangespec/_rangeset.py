"""RangeSet: an immutable set of versions, closed under set algebra.

>>> from rangespec import parse
>>> a, b = parse("2.0.2-2.0.4,2.1.0+"), parse("2.1.*")
>>> str(a & b), str(a - b), str(a | b)
('2.1.*', '2.0.2-2.0.4,2.2.0+', '2.0.2-2.0.4,2.1.0+')
>>> (~a).is_representable
False
>>> ~a
<RangeSet {[0.0.0, 2.0.2), (2.0.4, 2.1.0), [3.0.0, +inf)}>
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Callable

from . import _canonical, _fastpath
from ._cuts import AFTER, AT, BEFORE, BOTTOM, Cut, check, combine, complement, contains, cut, pairs
from ._frontend import parse_version
from .interval import Interval, notation
from .version import Version

__all__ = ["RangeSet"]


def _no_probe(text: str) -> None:
    return None


_version_probe = _fastpath.version_probe if _fastpath.ENABLED else _no_probe


class RangeSet:
    """A set of versions: a finite union of intervals, held in one canonical form.

    Build one with :func:`rangespec.parse` or :meth:`empty`, :meth:`full`,
    :meth:`singleton`, and combine them like frozensets. ``==`` and ``hash``
    compare the versions held, whatever text or operations made the set.

    Every set has a ``repr`` in interval notation, but only some have
    rangespec text: difference and complement can make intervals that no
    item can write (an open lower end, no upper end). ``str`` of such a set
    raises :class:`rangespec.RangeSpecError` (``not-representable``);
    :attr:`is_representable` says beforehand. Union and intersection of
    representable sets are representable.
    """

    __slots__ = ("_cuts",)

    #: The canonical cut tuple (see rangespec._cuts): strictly increasing, keys
    #: without trailing zeros; an odd length means no upper end.
    _cuts: tuple[Cut, ...]

    def __init__(self) -> None:
        raise TypeError(
            "RangeSet is built by rangespec.parse() or RangeSet.empty(), "
            "RangeSet.full() and RangeSet.singleton()"
        )

    @classmethod
    def _from_cuts(cls, cuts: tuple[Cut, ...]) -> RangeSet:
        """The one factory: every RangeSet is made here."""
        check(cuts)
        self = object.__new__(cls)
        object.__setattr__(self, "_cuts", cuts)
        return self

    @classmethod
    def empty(cls) -> RangeSet:
        """No version: the set of the empty text."""
        return cls._from_cuts(())

    @classmethod
    def full(cls) -> RangeSet:
        """Every version (not representable: it has no upper end)."""
        return cls._from_cuts((BOTTOM,))

    @classmethod
    def singleton(cls, version: Version) -> RangeSet:
        """Just ``version``."""
        if not isinstance(version, Version):
            raise TypeError(f"expected a Version, not {type(version).__name__}")
        key = version._key
        return cls._from_cuts((cut(key, BEFORE), cut(key, AFTER)))

    # -- membership -------------------------------------------------------

    def __contains__(self, version: object) -> bool:
        """``version in self`` for a Version or a version string: O(log n).

        A string that is not a version raises RangeSpecError, never False:
        a typo must not read as "not compatible".
        """
        # Inlined _cuts.contains: this is the hot path of a scheduler.
        if type(version) is str:
            probe = _version_probe(version)
            if probe is None:  # not a plain version: the front end decides, or raises
                probe = (*parse_version(version)._key, AT)
            return bisect_left(self._cuts, probe) % 2 == 1
        if isinstance(version, Version):
            return bisect_left(self._cuts, (*version._key, AT)) % 2 == 1
        if isinstance(version, str):
            return contains(self._cuts, parse_version(version)._key)
        raise TypeError(f"expected a Version or str, not {type(version).__name__}")

    # -- set algebra ------------------------------------------------------

    def _combine(self, other: RangeSet, keep: Callable[[bool, bool], bool]) -> RangeSet:
        if not isinstance(other, RangeSet):
            raise TypeError(f"expected a RangeSet, not {type(other).__name__}")
        return RangeSet._from_cuts(combine(self._cuts, other._cuts, keep))

    def union(self, other: RangeSet) -> RangeSet:
        """Versions in either set: O(n + m)."""
        return self._combine(other, operator.or_)

    def intersection(self, other: RangeSet) -> RangeSet:
        """Versions in both sets: O(n + m)."""
        return self._combine(other, operator.and_)

    def difference(self, other: RangeSet) -> RangeSet:
        """Versions in this set and not in ``other``: O(n + m)."""
        return self._combine(other, _and_not)

    def symmetric_difference(self, other: RangeSet) -> RangeSet:
        """Versions in exactly one of the sets: O(n + m)."""
        return self._combine(other, operator.xor)

    def complement(self) -> RangeSet:
        """Every version not in this set: O(n)."""
        return RangeSet._from_cuts(complement(self._cuts))

    def issubset(self, other: RangeSet) -> bool:
        """Whether every version of this set is in ``other``."""
        return not self._combine(other, _and_not)

    def issuperset(self, other: RangeSet) -> bool:
        """Whether every version of ``other`` is in this set."""
        return not self._combine(other, _not_and)

    def isdisjoint(self, other: RangeSet) -> bool:
        """Whether no version is in both sets."""
        return not self._combine(other, operator.and_)

    def __or__(self, other: RangeSet) -> RangeSet:
        return self.union(other) if isinstance(other, RangeSet) else NotImplemented

    def __and__(self, other: RangeSet) -> RangeSet:
        return self.intersection(other) if isinstance(other, RangeSet) else NotImplemented

    def __sub__(self, other: RangeSet) -> RangeSet:
        return self.difference(other) if isinstance(other, RangeSet) else NotImplemented

    def __xor__(self, other: RangeSet) -> RangeSet:
        return self.symmetric_difference(other) if isinstance(other, RangeSet) else NotImplemented

    def __invert__(self) -> RangeSet:
        return self.complement()

    def __le__(self, other: RangeSet) -> bool:
        return self.issubset(other) if isinstance(other, RangeSet) else NotImplemented

    def __ge__(self, other: RangeSet) -> bool:
        return self.issuperset(other) if isinstance(other, RangeSet) else NotImplemented

    def __lt__(self, other: RangeSet) -> bool:
        if not isinstance(other, RangeSet):
            return NotImplemented
        return self != other and self.issubset(other)

    def __gt__(self, other: RangeSet) -> bool:
        if not isinstance(other, RangeSet):
            return NotImplemented
        return self != other and self.issuperset(other)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RangeSet):
            return NotImplemented
        return self._cuts == other._cuts

    def __hash__(self) -> int:
        return hash(self._cuts)

    def __bool__(self) -> bool:
        """False for the empty set only."""
        return bool(self._cuts)

    # -- views ------------------------------------------------------------

    @property
    def intervals(self) -> tuple[Interval, ...]:
        """The maximal disjoint intervals, ascending."""
        return tuple(Interval._from_cuts(lo, hi) for lo, hi in pairs(self._cuts))

    @property
    def is_representable(self) -> bool:
        """Whether rangespec text can express this set (so ``str`` will not raise)."""
        return _canonical.first_problem(self._cuts) is None

    def to_text(self) -> str:
        """The canonical rangespec text; RangeSpecError if there is none.

        >>> from rangespec import parse
        >>> parse("2.1.0+,1.5-1.9,2.0.*").to_text()
        '1.5.0-1.9.0,2.*'
        """
        return _canonical.to_text(self._cuts)

    def __str__(self) -> str:
        return self.to_text()

    def __repr__(self) -> str:
        return f"<RangeSet {notation(self.intervals)}>"

    # -- immutability -----------------------------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("RangeSet is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("RangeSet is immutable")

    def __reduce__(self) -> tuple[Callable[[tuple[Cut, ...]], RangeSet], tuple[object]]:
        return (RangeSet._from_cuts, (self._cuts,))


def _and_not(a: bool, b: bool) -> bool:
    return a and not b


def _not_and(a: bool, b: bool) -> bool:
    return b and not a
