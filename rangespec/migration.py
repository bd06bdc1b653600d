"""May a device migrate? The answer, and why.

>>> print(check_migration(Version(2, 1, 3), "2.0.2-2.0.4,2.1.0+").reason)
2.1.3 is accepted by the item '2.1.0+' at offset 12
>>> print(check_migration(Version(2, 0, 5), "2.0.2-2.0.4,2.1.0+").reason)
2.0.5 is not accepted: it lies between [2.0.2, 2.0.4] and [2.1.0, 3.0.0)
"""

from __future__ import annotations

from dataclasses import dataclass

from ._cuts import AT
from ._frontend import DEFAULT_MAX_LENGTH, parse_items
from ._normalize import item_bounds, to_cuts
from .rangeset import RangeSet
from .version import Version

__all__ = ["Verdict", "check_migration"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether ``version`` is in ``compatible``, and a sentence saying why."""

    allowed: bool
    version: Version
    compatible: RangeSet
    reason: str


def check_migration(
    source_version: Version, destination_compatible: str, *, max_length: int = DEFAULT_MAX_LENGTH
) -> Verdict:
    """Whether a source device at ``source_version`` may migrate to a destination
    that publishes ``destination_compatible``.

    Raises RangeSpecError if ``destination_compatible`` is not valid: an
    unreadable list must never read as a yes or a no.
    """
    items = parse_items(destination_compatible, max_length)
    compatible = RangeSet._from_cuts(to_cuts(items))
    v = source_version
    at = (*v._key, AT)
    for item in items:
        lower, upper = item_bounds(item)
        if lower < at < upper:
            spelled = destination_compatible[item.start : item.end]
            reason = f"{v} is accepted by the item '{spelled}' at offset {item.start}"
            return Verdict(True, v, compatible, reason)
    # v is in no interval, so each lies wholly below or wholly above it.
    below = [i for i in compatible.intervals if i.upper is not None and i.upper <= v]
    above = [i for i in compatible.intervals if v <= i.lower]
    if not below and not above:
        where = "the list is empty"
    elif not below:
        where = f"it lies below {above[0]}"
    elif not above:
        where = f"it lies above {below[-1]}"
    else:
        where = f"it lies between {below[-1]} and {above[0]}"
    return Verdict(False, v, compatible, f"{v} is not accepted: {where}")
