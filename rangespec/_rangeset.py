"""RangeSet: an immutable set of versions, closed under set algebra.

>>> from rangespec import parse
>>> a, b = parse("2.0.2-2.0.4,2.1.0+"), parse("2.1.*")
>>> str(a & b), str(a - b), str(a | b)
('2.1.*', '2.0.2-2.0.4,2.2.0+', '2.0.2-2.0.4,2.1.0+')
>>> (~a).is_representable, (~a).to_text()
(False, None)
>>> print(~a)
{[0.0.0, 2.0.2), (2.0.4, 2.1.0), [3.0.0, +inf)}
"""

from __future__ import annotations

import operator
import sys
from _bisect import bisect_left  # not bisect.py: one module less at start-up
from collections.abc import Callable, Iterable

from . import _cuts, _fastpath, _frontend
from ._cuts import (
    AFTER,
    AT,
    BEFORE,
    BOTTOM,
    Cut,
    after_prefix,
    check,
    combine,
    complement,
    cut,
    from_intervals,
    pairs,
)
from ._limits import DEFAULT_MAX_LENGTH, U64_MAX
from ._version import Version

# Only for type checkers: items, intervals and the canonical text are
# built only when a caller asks for them, so `rangespec contains` never
# imports their modules.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._interval import Interval
    from ._items import Item

__all__ = ["RangeSet", "parse", "read_list"]


def _no_probe(text: str) -> None:
    return None


_version_probe = _fastpath.version_probe if _fastpath.ENABLED else _no_probe


class RangeSet:
    """A set of versions: a finite union of intervals, held in one canonical form.

    Build one from a list's text, like ``parse``, or with the named
    constructors, and combine them like frozensets:

    >>> s = RangeSet("2.0.2-2.0.4,2.1.0+")
    >>> s == RangeSet.closed("2.0.2", "2.0.4") | RangeSet.same_major("2.1.0")
    True
    >>> from rangespec import Interval
    >>> RangeSet.from_intervals([Interval("2.1.0", True, "3", False)])
    <RangeSet {[2.1.0, 3.0.0)}>

    ``==`` and ``hash`` compare the versions held, whatever text or
    operations made the set.

    ``str`` always works: it is the canonical text when the set has one,
    and the interval notation otherwise (which starts with ``{``, so it can
    never be taken for a text). Difference and complement can make sets no
    text can write (an open lower end, no upper end, a number above
    2^64-1); :meth:`to_text` returns None for them, and is the one to use
    when writing a text back. Union and intersection of sets that have a
    text always have one.
    """

    __slots__ = ("_cuts",)

    #: The canonical cut tuple (see rangespec._cuts): strictly increasing, keys
    #: without trailing zeros; an odd length means no upper end.
    _cuts: tuple[Cut, ...]

    def __new__(cls, text: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> RangeSet:
        """The set a list's text accepts: the same as ``parse(text)``."""
        return read_list(text, max_length)[0]

    @classmethod
    def _from_cuts(cls, cuts: tuple[Cut, ...]) -> RangeSet:
        """The one factory: every RangeSet is made here."""
        if _cuts.CHECK_INVARIANTS:  # read here: a call per set costs parse 5%
            check(cuts)
        self = object.__new__(cls)
        _set_cuts(self, cuts)
        return self

    # -- named constructors -----------------------------------------------

    @classmethod
    def empty(cls) -> RangeSet:
        """No version: the set of the empty text.

        >>> RangeSet.empty() == RangeSet("")
        True
        """
        return cls._from_cuts(())

    @classmethod
    def full(cls) -> RangeSet:
        """Every version. No text can write it: it has no upper end.

        >>> RangeSet.full().to_text() is None, "7.7.7" in RangeSet.full()
        (True, True)
        """
        return cls._from_cuts((BOTTOM,))

    @classmethod
    def singleton(cls, version: Version | str) -> RangeSet:
        """Just ``version``: the item ``V``.

        >>> str(RangeSet.singleton("2.1"))
        '2.1.0'
        """
        key = _version(version, "version")._key
        return cls._from_cuts((cut(key, BEFORE), cut(key, AFTER)))

    @classmethod
    def closed(cls, lower: Version | str, upper: Version | str) -> RangeSet:
        """``lower`` through ``upper``, both included: the item ``A-B``.

        >>> str(RangeSet.closed("2.0.2", "2.0.4"))
        '2.0.2-2.0.4'
        """
        low, high = _version(lower, "lower"), _version(upper, "upper")
        if high < low:
            raise ValueError(f"the range {low}-{high} is empty: its lower end is above its upper")
        return cls._from_cuts((cut(low._key, BEFORE), cut(high._key, AFTER)))

    @classmethod
    def same_major(cls, lower: Version | str) -> RangeSet:
        """From ``lower`` up to, not including, its next major: the item ``A+``.

        >>> str(RangeSet.same_major("2.1.0")), "3.0" in RangeSet.same_major("2.1.0")
        ('2.1.0+', False)
        """
        low = _writable(_version(lower, "lower"), "lower")
        return cls._from_cuts((cut(low._key, BEFORE), cut((low.major + 1,), BEFORE)))

    @classmethod
    def wildcard(cls, prefix: Version | str) -> RangeSet:
        """Every version whose leading components are ``prefix``'s: the item ``P.*``.

        >>> str(RangeSet.wildcard("2.1")), str(RangeSet.wildcard(Version(2, 0, 0)))
        ('2.1.*', '2.0.0.*')
        """
        p = _writable(_version(prefix, "prefix"), "prefix")
        return cls._from_cuts((cut(p._key, BEFORE), cut(after_prefix(p.components), BEFORE)))

    @classmethod
    def from_intervals(cls, intervals: Iterable[Interval]) -> RangeSet:
        """The union of ``intervals``, in any order, overlapping or not.

        The inverse of :attr:`intervals`: ``RangeSet.from_intervals(s.intervals) == s``.

        >>> s = RangeSet("2.0.2-2.0.4,2.1.0+")
        >>> RangeSet.from_intervals(s.intervals) == s
        True
        """
        from ._interval import Interval

        bounds = []
        for interval in intervals:
            if not isinstance(interval, Interval):
                raise TypeError(
                    f"from_intervals() takes Interval values, not {type(interval).__name__}"
                )
            bounds.append(interval._cuts())
        return cls._from_cuts(from_intervals(bounds))

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
                probe = (*_frontend.version(version, DEFAULT_MAX_LENGTH)._key, AT)
            return bisect_left(self._cuts, probe) % 2 == 1
        if isinstance(version, Version):
            return bisect_left(self._cuts, (*version._key, AT)) % 2 == 1
        if isinstance(version, str):  # a str subclass
            return self.__contains__(str(version))
        raise TypeError(f"expected a Version or str, not {type(version).__name__}")

    # -- set algebra ------------------------------------------------------

    def _combine(self, other: RangeSet, keep: Callable[[bool, bool], bool]) -> RangeSet:
        if not isinstance(other, RangeSet):
            raise TypeError(f"expected a RangeSet, not {type(other).__name__}")
        return RangeSet._from_cuts(combine(self._cuts, other._cuts, keep))

    def union(self, other: RangeSet) -> RangeSet:
        """Versions in either set: O(n + m).

        >>> str(RangeSet("2.0.*").union(RangeSet("2.1.*")))
        '2.0.0-2.1.*'
        """
        return self._combine(other, operator.or_)

    def intersection(self, other: RangeSet) -> RangeSet:
        """Versions in both sets: O(n + m).

        >>> str(RangeSet("2.*").intersection(RangeSet("2.1.0+")))
        '2.1.0+'
        """
        return self._combine(other, operator.and_)

    def difference(self, other: RangeSet) -> RangeSet:
        """Versions in this set and not in ``other``: O(n + m).

        >>> str(RangeSet("2.*").difference(RangeSet("2.0.*")))
        '2.1.0+'
        """
        return self._combine(other, _and_not)

    def symmetric_difference(self, other: RangeSet) -> RangeSet:
        """Versions in exactly one of the sets: O(n + m).

        >>> str(RangeSet("2.0.*").symmetric_difference(RangeSet("2.*")))
        '2.1.0+'
        """
        return self._combine(other, operator.xor)

    def complement(self) -> RangeSet:
        """Every version not in this set: O(n).

        >>> RangeSet("2.*").complement()
        <RangeSet {[0.0.0, 2.0.0), [3.0.0, +inf)}>
        """
        return RangeSet._from_cuts(complement(self._cuts))

    def issubset(self, other: RangeSet) -> bool:
        """Whether every version of this set is in ``other``.

        >>> RangeSet("2.1.*").issubset(RangeSet("2.*"))
        True
        """
        return not self._combine(other, _and_not)

    def issuperset(self, other: RangeSet) -> bool:
        """Whether every version of ``other`` is in this set.

        >>> RangeSet("2.1.*").issuperset(RangeSet("2.*"))
        False
        """
        return not self._combine(other, _not_and)

    def isdisjoint(self, other: RangeSet) -> bool:
        """Whether no version is in both sets.

        >>> RangeSet("2.0.*").isdisjoint(RangeSet("2.1.*"))
        True
        """
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
        """The maximal disjoint intervals, ascending.

        >>> [str(i) for i in RangeSet("2.1.0+,2.0.2-2.0.4").intervals]
        ['[2.0.2, 2.0.4]', '[2.1.0, 3.0.0)']
        """
        from ._interval import Interval

        return tuple(Interval._from_cuts(lo, hi) for lo, hi in pairs(self._cuts))

    @property
    def is_representable(self) -> bool:
        """Whether a text can write this set, so that :meth:`to_text` gives one.

        >>> RangeSet("2.*").is_representable, (~RangeSet("2.*")).is_representable
        (True, False)
        """
        return self.to_text() is not None

    def to_text(self) -> str | None:
        """The canonical text, to write back; None if no text can write this set.

        Whatever it returns, ``parse`` accepts and reads back as this set.

        >>> RangeSet("2.1.0+,1.5-1.9,2.0.*").to_text()
        '1.5.0-1.9.0,2.*'
        >>> print((RangeSet("2.0.2-2.0.4") - RangeSet("2.0.3")).to_text())
        None
        """
        from ._canonical import to_text

        return to_text(self._cuts)

    def __str__(self) -> str:
        """The canonical text, or the interval notation when there is none."""
        text = self.to_text()
        if text is None:
            from ._interval import notation

            return notation(self.intervals)
        return text

    def __repr__(self) -> str:
        from ._interval import notation

        return f"<RangeSet {notation(self.intervals)}>"

    # -- immutability and pickling ----------------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("RangeSet is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("RangeSet is immutable")

    def __reduce__(
        self,
    ) -> tuple[Callable[[Iterable[Interval]], RangeSet], tuple[tuple[Interval, ...]]]:
        # By value, through public constructors only: the intervals, each
        # pickled as Interval(Version(ints...), bool, ...). The private cut
        # encoding never reaches a pickle, so it can change freely.
        return (RangeSet.from_intervals, (self.intervals,))


def _version(value: object, name: str) -> Version:
    if isinstance(value, Version):
        return value
    if isinstance(value, str):
        return Version(value)
    raise TypeError(f"{name} must be a Version or str, not {type(value).__name__}")


def _writable(version: Version, name: str) -> Version:
    """``version``, if a text could write it: the end of ``A+`` and of ``P.*`` is
    one past a component, and no Version holds a component past 2^64."""
    if max(version.components) > U64_MAX:
        raise ValueError(f"{name} has a component above 2^64-1, which no item can write")
    return version


def _and_not(a: bool, b: bool) -> bool:
    return a and not b


def _not_and(a: bool, b: bool) -> bool:
    return b and not a


def read_list(
    text: str,
    max_length: int = DEFAULT_MAX_LENGTH,
    *,
    items: bool = False,
    every_error: bool = False,
) -> tuple[RangeSet, tuple[Item, ...], list[tuple[Cut, Cut]]]:
    """Text -> RangeSet: the one way a list's text becomes a set, with its
    items and their bounds when asked for (else none).

    Without ``items`` the fast path goes straight from text to cuts. Raises
    RangeSpecError for invalid text, or with ``every_error``
    ``_frontend.ListErrors`` holding each bad item's first error.
    """
    if not items:
        return RangeSet._from_cuts(_frontend.list_cuts(text, max_length)), (), []
    from ._normalize import item_bounds

    found = _frontend.list_items(text, max_length, every_error=every_error)
    bounds = [item_bounds(item) for item in found]
    return RangeSet._from_cuts(from_intervals(bounds)), found, bounds


def parse(text: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> RangeSet:
    """The set of versions an ``interface_version_compatible`` text accepts.

    The empty text (and a lone newline) is the empty set; one trailing
    newline is allowed. Texts longer than ``max_length`` characters are
    rejected before parsing.

    Raises:
        RangeSpecError: the text is not valid; ``code`` and ``offset`` say
            what and where.
        TypeError: ``text`` is not a str.

    >>> parse("2.0.2-2.0.4,2.0.4-2.0.6\\n")
    <RangeSet {[2.0.2, 2.0.6]}>
    >>> parse("2.01")
    Traceback (most recent call last):
    ...
    rangespec.RangeSpecError: Expected a number without leading zeros, found '01' ...
    """
    return RangeSet._from_cuts(_frontend.list_cuts(text, max_length))


# The slot's own setter: what __setattr__ refuses, at half the cost of
# object.__setattr__ (a measurable share of parsing a short list).
_set_cuts = RangeSet.__dict__["_cuts"].__set__

# Tracebacks, reprs, pickles and the reference name these rangespec.NAME,
# not the private module they are defined in.
for _public in (RangeSet, parse):
    _public.__module__ = "rangespec"
del _public

# With Hypothesis already imported, its plugin hook ran before this type
# existed: register it now (rangespec._hypothesis_plugin).
if sys.modules.get("hypothesis") is not None:
    from ._hypothesis_plugin import register

    register(RangeSet)
