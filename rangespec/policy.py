"""Compatibility policies: the list a device of a given version should publish.

>>> str(semver_policy("2.1.3"))
'2.0.0-2.1.*'
>>> str(semver_policy("2.0.5"))
'2.0.*'
"""

from __future__ import annotations

from ._cuts import BEFORE, after_prefix, cut, from_intervals, strip_zeros
from ._rangeset import RangeSet
from ._version import Version

__all__ = ["semver_policy"]


def semver_policy(version: Version | str) -> RangeSet:
    """The common rule: same major, a source minor not newer than ours, any patch.

    For a device at M.m.p that is M.0 <= v < M.(m+1):

    >>> semver_policy("2.1.3") == RangeSet("2.0.0-2.1.*")
    True
    """
    if isinstance(version, str):
        version = Version(version)
    if not isinstance(version, Version):
        raise TypeError(f"version must be a Version or str, not {type(version).__name__}")
    components = (*version.components, 0)[:2]
    lower = strip_zeros(components[:1])
    return RangeSet._from_cuts(
        from_intervals([(cut(lower, BEFORE), cut(after_prefix(components), BEFORE))])
    )
