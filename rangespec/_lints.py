"""Warnings for lists that parse but are probably not what the author meant.

Each check looks at the items of a valid list (docs/diagnostics.md defines
them). The ones about spelling are removed by writing the canonical text
(``CANONICAL_REMOVES``), and those that one local edit removes carry that
edit as their fix; the ones about meaning (a range across majors, an empty
list, a device that rejects its own version) have no fix, since no rewrite
keeps the set and removes the problem.
"""

from __future__ import annotations

import heapq

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

    def removal(self, k: int, last_kept: int, spelled: str) -> Fix:
        """Leave item k out (``spelled`` as ``spelled(k)`` gives it): the item
        and the comma after it, or before it when no kept item follows. So
        the removals of all redundant items never overlap, and can all be
        applied together."""
        item = self.items[k]
        if k < last_kept:
            span = (item.start, self.items[k + 1].start)
        else:
            span = (self.items[k - 1].end, item.end)
        return Fix(f"Remove {spelled}", (Edit(*span, ""),))

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
        items the second goes. See ``_redundant`` for how, in O(n log n).
        """
        found = _redundant(self.bounds)
        last_kept = max((k for k in range(len(self.items)) if k not in found), default=-1)
        for k in sorted(found):
            spelled = self.spelled(k)
            self.warn(
                WarningCode.REDUNDANT,
                k,
                f"{spelled} is covered by the other items; leave it out",
                self.removal(k, last_kept, spelled),
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


def _redundant(bounds: list[tuple[Cut, Cut]]) -> set[int]:
    """The redundant items, judged from the last back, in O(n log n).

    Cut the line at every bound into segments. All earlier items always
    count as "others", so an item k is covered by the others exactly when
    each segment that no earlier item covers (those k "owns": the lowest
    item covering them is k) is covered by a later item still kept.

        items      0: [=======)       segments owned:  0 owns a, b
                   1:     [=======)                     1 owns c
                   2:     [==)                          2 owns nothing
        segments   a   b   c   d

    So: one sweep with a heap finds each segment's lowest coverer; then,
    from the last item back, a kept item marks its segments covered
    (a union-find skips covered ones, so each is marked once), and an item
    is redundant when every segment it owns is marked.
    """
    cuts = sorted({c for b in bounds for c in b})
    index = {c: k for k, c in enumerate(cuts)}
    spans = [(index[lo], index[hi]) for lo, hi in bounds]  # segments lo..hi-1
    segments = max(len(cuts) - 1, 0)
    starting: list[list[int]] = [[] for _ in range(segments + 1)]
    for k, (lo, _) in enumerate(spans):
        starting[lo].append(k)
    owned: list[list[int]] = [[] for _ in spans]
    active: list[int] = []  # a heap of the items covering the current segment
    for s in range(segments):
        for k in starting[s]:
            heapq.heappush(active, k)
        while active and spans[active[0]][1] <= s:
            heapq.heappop(active)  # ended; the rest are dropped when they surface
        if active:
            owned[active[0]].append(s)
    # parent[s] is s while segment s is not covered by a kept later item;
    # covered segments point onwards (with path halving).
    parent = list(range(segments + 1))

    def uncovered(s: int) -> int:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    found: set[int] = set()
    for k in reversed(range(len(spans))):
        if all(uncovered(s) != s for s in owned[k]):
            found.add(k)
            continue
        lo, hi = spans[k]
        s = uncovered(lo)
        while s < hi:
            parent[s] = s + 1
            s = uncovered(s + 1)
    return found
