"""Warnings for lists that parse but are probably not what the author meant.

Each check looks at the items of a valid list (docs/diagnostics.md defines
them). The ones about spelling are removed by writing the canonical text
(``CANONICAL_REMOVES``), and those that one local edit removes carry that
edit as their fix; the ones about meaning (a range across majors, an empty
list, a device that rejects its own version) have no fix, since no rewrite
keeps the set and removes the problem.
"""

from __future__ import annotations

from bisect import bisect_left

from ._cuts import Cut
from ._diagnostics import Diagnostic, Edit, Fix, Severity, WarningCode
from ._excerpt import clip
from ._items import Closed, Item, SameMajor
from ._rangeset import RangeSet
from ._version import Version

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final


__all__ = ["CANONICAL_REMOVES", "lint"]

#: The warnings that writing the canonical text removes.
CANONICAL_REMOVES: Final = frozenset(
    {
        WarningCode.UNSORTED,
        WarningCode.REDUNDANT,
        WarningCode.OVERLAP,
        WarningCode.SINGLE_VERSION_RANGE,
        WarningCode.HYPHEN_SPELLING,
    }
)


def lint(
    text: str,
    items: tuple[Item, ...],
    bounds: list[tuple[Cut, Cut]],
    rangeset: RangeSet,
    own_version: Version | None,
) -> list[Diagnostic]:
    """Every warning for a valid list, in no particular order.

    ``bounds`` are the items' ``item_bounds``, ``rangeset`` their union.
    """
    linter = _Linter(text, items, bounds)
    body_end = len(text.removesuffix("\n"))
    if not items:
        linter.warn_span(
            WarningCode.EMPTY_LIST,
            "The list is empty: no source version is compatible",
            body_end,
        )
    if own_version is not None and own_version not in rangeset:
        linter.warn_span(
            WarningCode.OWN_VERSION_REJECTED,
            f"The list does not accept the device's own version {clip(str(own_version))}, "
            f"so no device of this kind can migrate to it",
            body_end,
        )
    # A redundant item is to be left out, so it gets no other advice.
    redundant = linter.redundant()
    linter.spelling(redundant)
    linter.unsorted(redundant)
    linter.overlapping(redundant)
    return linter.out


class _Linter:
    def __init__(self, text: str, items: tuple[Item, ...], bounds: list[tuple[Cut, Cut]]) -> None:
        self.text = text
        self.items = items
        self.bounds = bounds
        self.out: list[Diagnostic] = []

    def written(self, k: int) -> str:
        item = self.items[k]
        return self.text[item.start : item.end]

    def spelled(self, k: int) -> str:
        """Item k quoted for a message (cut short when long)."""
        return clip(self.written(k))

    def warn(self, code: WarningCode, k: int, message: str, fix: Fix | None = None) -> None:
        item = self.items[k]
        self.out.append(Diagnostic(code, Severity.WARNING, message, item.start, item.end, fix))

    def warn_span(self, code: WarningCode, message: str, end: int) -> None:
        """A warning about the whole list, without a fix."""
        self.out.append(Diagnostic(code, Severity.WARNING, message, 0, end))

    def removal(self, k: int, last_kept: int) -> Fix:
        """Leave item k out: the item and the comma after it, or before it when
        no kept item follows. So the removals of all redundant items never
        overlap, and can all be applied together."""
        item = self.items[k]
        if k < last_kept:
            span = (item.start, self.items[k + 1].start)
        else:
            span = (self.items[k - 1].end, item.end)
        return Fix(f"Remove {self.spelled(k)}", (Edit(*span, ""),))

    def spelling(self, skip: set[int]) -> None:
        """The older ``A-`` spelling, ``A-A`` ranges, and ``A-B`` across majors."""
        for k, item in enumerate(self.items):
            if k in skip:
                continue
            if isinstance(item, SameMajor) and item.spelling == "-":
                plus = clip(self.written(k)[:-1] + "+")
                self.warn(
                    WarningCode.HYPHEN_SPELLING,
                    k,
                    f"{self.spelled(k)} is the older spelling of {plus}",
                    Fix(f"Write {plus}", (Edit(item.end - 1, item.end, "+"),)),
                )
            if isinstance(item, Closed) and item.lower == item.upper:
                lower = self.written(k).partition("-")[0]
                self.warn(
                    WarningCode.SINGLE_VERSION_RANGE,
                    k,
                    f"{self.spelled(k)} is the single version {clip(lower)}; "
                    "write just the version",
                    Fix(f"Write {clip(lower)}", (Edit(item.start, item.end, lower),)),
                )
            if isinstance(item, Closed) and item.lower.major != item.upper.major:
                self.warn(
                    WarningCode.CROSS_MAJOR,
                    k,
                    f"{self.spelled(k)} crosses from major version {item.lower.major} "
                    f"to {item.upper.major}, and majors are incompatible by default",
                )

    def unsorted(self, skip: set[int]) -> None:
        """Items whose lower end is below that of an item written before them."""
        highest = -1  # the item written so far with the highest lower end
        for k, (lower, _) in enumerate(self.bounds):
            if k in skip:
                continue
            if highest >= 0 and lower < self.bounds[highest][0]:
                self.warn(
                    WarningCode.UNSORTED,
                    k,
                    f"{self.spelled(k)} starts below {self.spelled(highest)}, "
                    "which is written before it; lists read best in ascending order",
                )
            elif highest < 0 or lower > self.bounds[highest][0]:
                highest = k

    def redundant(self) -> set[int]:
        """Items the list does not need: leaving them all out keeps the set.

        Judged from the last item back: an item is redundant when the items
        before it and the later items still kept cover it, so of two equal
        items the second goes. Counting how many kept items cover each
        stretch between consecutive bounds, in a min-tree, makes this
        O(n log n): an item is covered by others when every stretch inside
        it is covered at least twice.
        """
        cuts = sorted({c for b in self.bounds for c in b})
        spans = [(bisect_left(cuts, lo), bisect_left(cuts, hi)) for lo, hi in self.bounds]
        tree = _MinTree(len(cuts))
        for lo, hi in spans:
            tree.add(lo, hi, 1)
        found: set[int] = set()
        for k in reversed(range(len(self.items))):
            lo, hi = spans[k]
            if tree.min(lo, hi) >= 2:
                tree.add(lo, hi, -1)
                found.add(k)
        last_kept = max((k for k in range(len(self.items)) if k not in found), default=-1)
        for k in sorted(found):
            self.warn(
                WarningCode.REDUNDANT,
                k,
                f"{self.spelled(k)} is covered by the other items; leave it out",
                self.removal(k, last_kept),
            )
        return found

    def overlapping(self, skip: set[int]) -> None:
        """Items that overlap or touch another item that is kept, so the two merge."""
        kept = sorted(
            (k for k in range(len(self.items)) if k not in skip),
            key=self.bounds.__getitem__,
        )
        reach = -1  # among the items seen, the one that reaches highest
        for k in kept:
            lower, upper = self.bounds[k]
            if reach >= 0 and lower <= self.bounds[reach][1]:
                how = "overlap" if lower < self.bounds[reach][1] else "touch"
                first, second = sorted((k, reach))
                self.warn(
                    WarningCode.OVERLAP,
                    second,
                    f"{self.spelled(first)} and {self.spelled(second)} {how}, "
                    "so they merge into one interval; write it as one item",
                )
            if reach < 0 or upper > self.bounds[reach][1]:
                reach = k


class _MinTree:
    """Range add and range minimum over ``size`` counters, each O(log size)."""

    def __init__(self, size: int) -> None:
        self.size = max(size, 1)
        self.low = [0] * (4 * self.size)  # the minimum under a node
        self.pending = [0] * (4 * self.size)  # added to the whole node, not yet below

    def add(self, lo: int, hi: int, amount: int, node: int = 1, a: int = 0, b: int = -1) -> None:
        """Add ``amount`` to counters lo..hi-1."""
        b = self.size if b < 0 else b
        if hi <= a or b <= lo:
            return
        if lo <= a and b <= hi:
            self.low[node] += amount
            self.pending[node] += amount
            return
        mid = (a + b) // 2
        self.add(lo, hi, amount, 2 * node, a, mid)
        self.add(lo, hi, amount, 2 * node + 1, mid, b)
        self.low[node] = self.pending[node] + min(self.low[2 * node], self.low[2 * node + 1])

    def min(self, lo: int, hi: int, node: int = 1, a: int = 0, b: int = -1) -> int:
        """The smallest of counters lo..hi-1 (lo < hi)."""
        b = self.size if b < 0 else b
        if hi <= a or b <= lo:
            return 1 << 62
        if lo <= a and b <= hi:
            return self.low[node]
        mid = (a + b) // 2
        below = min(self.min(lo, hi, 2 * node, a, mid), self.min(lo, hi, 2 * node + 1, mid, b))
        return self.pending[node] + below
