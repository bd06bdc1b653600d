"""Items -> normalized intervals: the second stage of the pipeline.

Each item is one interval (docs/spec.md, "Items"); the list is their union,
merged into the canonical cut tuple of ``rangespec._cuts``.
"""

from __future__ import annotations

from collections.abc import Iterable

from ._cuts import AFTER, BEFORE, Cut, after_prefix, cut, from_intervals
from ._items import Closed, ClosedToWildcard, Exact, Item, SameMajor, Wildcard

__all__ = ["item_bounds", "to_cuts"]


def item_bounds(item: Item) -> tuple[Cut, Cut]:
    """The lower and upper cut of the one interval an item stands for."""
    match item:
        case Exact(version=v):
            return cut(v._key, BEFORE), cut(v._key, AFTER)
        case Closed(lower=a, upper=b):
            return cut(a._key, BEFORE), cut(b._key, AFTER)
        case SameMajor(lower=a):
            return cut(a._key, BEFORE), cut((a.major + 1,), BEFORE)
        case Wildcard(prefix=p):
            return cut(p._key, BEFORE), cut(after_prefix(p.components), BEFORE)
        case ClosedToWildcard(lower=a, prefix=p):
            return cut(a._key, BEFORE), cut(after_prefix(p.components), BEFORE)
        case _:
            raise TypeError(f"not an item: {item!r}")


def to_cuts(items: Iterable[Item]) -> tuple[Cut, ...]:
    """The union of the items, as a canonical cut tuple."""
    return from_intervals(map(item_bounds, items))
