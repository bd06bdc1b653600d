"""The interval-set engine: version keys, cuts, and sets as ascending tuples of cuts.

All arithmetic on version keys lives here.

A version's *key* is its components without trailing zeros
(``strip_zeros``), so equal versions have equal keys and keys compare as
plain tuples in version order: a proper prefix is smaller, and with no
trailing zeros a longer key always has a non-zero tail.

A *cut* is a position between versions, just before or just after one::

             (v, BEFORE)   v   (v, AFTER)
    ------------|----------*----------|------------>

so every bound of an interval is a cut::

    [v  lower, closed  -> (v, BEFORE)      v]  upper, closed  -> (v, AFTER)
    (v  lower, open    -> (v, AFTER)       v)  upper, open    -> (v, BEFORE)

A set is a tuple of cuts ``c0 < c1 < c2 < ...``: it holds the versions
between ``c0`` and ``c1``, between ``c2`` and ``c3``, and so on; an odd count
means the last stretch has no upper end.

A cut is a version's key with the side appended: the cut
just after 2.1 is ``(2, 1, AFTER)``. The sides are negative, below every
component, so flat tuples compare as positions do: ``(2, 1, AFTER)`` is
below ``(2, 1, 0, 1, BEFORE)`` because -1 < 0, just as 2.1 < 2.1.0.1. A
version v sits at ``(*v, AT)``, between its two cuts. Flat tuples make a
lookup one shallow tuple comparison per step.

Invariants (``check``, run by every RangeSet constructor when the test
suite sets CHECK_INVARIANTS):
  1. keys have no trailing zeros, so each position has exactly one cut;
  2. the last element, the side, is BEFORE or AFTER;
  3. cuts strictly increase.
Because the order is dense (between two versions lies another), 3 makes
every stretch non-empty and leaves a gap between neighbours: equal sets have
equal tuples, so ``==`` and ``hash`` of the tuple are those of the set.
"""

from __future__ import annotations

from _bisect import bisect_left  # not bisect.py: one module less at start-up
from collections.abc import Callable, Iterable
from itertools import pairwise, zip_longest
from operator import itemgetter

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = [
    "AFTER",
    "AT",
    "BEFORE",
    "BOTTOM",
    "Cut",
    "Key",
    "after_prefix",
    "check",
    "combine",
    "complement",
    "contains",
    "cut",
    "from_intervals",
    "key_of",
    "pairs",
    "strip_zeros",
]

Key = tuple[int, ...]
#: A version key with a side appended.
Cut = tuple[int, ...]

BEFORE: Final = -3
AT: Final = -2
AFTER: Final = -1

#: The lowest position: just before version 0, below which nothing lies.
BOTTOM: Final[Cut] = (BEFORE,)


def strip_zeros(components: tuple[int, ...]) -> Key:
    """``components`` without trailing zeros: the key of that version.

    >>> strip_zeros((2, 1, 0, 0)), strip_zeros((0, 0))
    ((2, 1), ())
    """
    end = len(components)
    while end and not components[end - 1]:
        end -= 1
    return components[:end]


def after_prefix(prefix: tuple[int, ...]) -> Key:
    """The key of the first version after all versions that start with ``prefix``.

    >>> after_prefix((2, 1)), after_prefix((2, 0, 0))
    ((2, 2), (2, 0, 1))
    """
    return strip_zeros((*prefix[:-1], prefix[-1] + 1))


def cut(key: Key, side: int) -> Cut:
    """The cut on ``side`` of the version with ``key``."""
    return (*key, side)


def key_of(c: Cut) -> Key:
    """The key of the version a cut is next to."""
    return c[:-1]


def contains(cuts: tuple[Cut, ...], key: Key) -> bool:
    """Whether the version with ``key`` is in the set: O(log n).

    The number of cuts below the version's position is odd exactly when a
    stretch has started and not ended there.
    """
    return bisect_left(cuts, (*key, AT)) % 2 == 1


def combine(
    a: tuple[Cut, ...], b: tuple[Cut, ...], keep: Callable[[bool, bool], bool]
) -> tuple[Cut, ...]:
    """The set of versions v with ``keep(v in a, v in b)``: one merge, O(n + m).

    Walk the cuts of both in order, tracking membership in each; a cut of
    the result is wherever ``keep`` changes value. Membership is constant
    between consecutive cuts of ``a`` and ``b``, so these are the only
    places it can change; at a cut both share, both toggle before ``keep``
    is asked, and a change that cancels out leaves no cut, which is what
    merges touching intervals.
    """
    out: list[Cut] = []
    i = j = 0
    in_a = in_b = inside = False
    while i < len(a) or j < len(b):
        cut = a[i] if j == len(b) or (i < len(a) and a[i] <= b[j]) else b[j]
        if i < len(a) and a[i] == cut:
            in_a = not in_a
            i += 1
        if j < len(b) and b[j] == cut:
            in_b = not in_b
            j += 1
        now = keep(in_a, in_b)
        if now != inside:
            out.append(cut)
            inside = now
    return tuple(out)


def complement(cuts: tuple[Cut, ...]) -> tuple[Cut, ...]:
    """All versions not in the set: toggle a stretch starting at the bottom.

    Prepending BOTTOM shifts every cut's parity, which flips membership
    everywhere above it; if the set already starts at BOTTOM, dropping it
    does the same. The tail needs nothing: parity also decides whether the
    last stretch runs on forever.
    """
    if cuts and cuts[0] == BOTTOM:
        return cuts[1:]
    return (BOTTOM, *cuts)


def from_intervals(intervals: Iterable[tuple[Cut, Cut | None]]) -> tuple[Cut, ...]:
    """The union of intervals ``(lower, upper)``, ``None`` meaning no upper end.

    Each interval must be non-empty (``lower < upper``). Sorting by lower
    cut and sweeping once merges the ones that overlap or touch.
    """
    out: list[Cut] = []
    unbounded = False
    for lower, upper in sorted(intervals, key=itemgetter(0)):
        if unbounded:
            break
        if out and lower <= out[-1]:
            if upper is None:
                out.pop()
                unbounded = True
            elif upper > out[-1]:
                out[-1] = upper
        else:
            out.append(lower)
            if upper is None:
                unbounded = True
            else:
                out.append(upper)
    return tuple(out)


def pairs(cuts: tuple[Cut, ...]) -> list[tuple[Cut, Cut | None]]:
    """The stretches as (lower, upper) cuts, ``None`` for no upper end."""
    return list(zip_longest(cuts[::2], cuts[1::2]))


#: When True, every RangeSet checks the invariants as it is made. The test
#: suite turns it on; it is off by default because the check costs as much
#: as parsing a short list.
CHECK_INVARIANTS = False


def check(cuts: tuple[Cut, ...]) -> None:
    """Raise AssertionError unless ``cuts`` meets the invariants above.

    Does nothing unless CHECK_INVARIANTS is set.
    """
    if not CHECK_INVARIANTS:
        return
    for c in cuts:
        assert len(c) == 1 or c[-2] != 0, f"cut {c} has a trailing zero"
        assert c[-1] in (BEFORE, AFTER), f"bad side in {c}"
        assert all(n >= 0 for n in c[:-1]), f"negative component in {c}"
    assert all(x < y for x, y in pairwise(cuts)), f"cuts not increasing: {cuts}"
