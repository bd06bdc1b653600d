"""Compatibility policies: the list a device of a given version should publish.

>>> from rangespec import parse_version
>>> str(semver_policy(parse_version("2.1.3")))
'2.0.0-2.1.*'
>>> str(semver_policy(parse_version("2.0.5")))
'2.0.*'
"""

from __future__ import annotations

from ._cuts import BEFORE, cut, from_intervals
from .rangeset import RangeSet
from .version import Version, _after_prefix, _strip_zeros

__all__ = ["semver_policy"]


def semver_policy(version: Version) -> RangeSet:
    """The common rule: same major, a source minor not newer than ours, any patch.

    For a device at M.m.p that is M.0 <= v < M.(m+1).
    """
    components = (*version.components, 0)[:2]
    lower = _strip_zeros(components[:1])
    return RangeSet._from_cuts(
        from_intervals([(cut(lower, BEFORE), cut(_after_prefix(components), BEFORE))])
    )
