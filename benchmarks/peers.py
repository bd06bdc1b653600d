"""The peers rangespec is measured against, given the same sets.

Each peer gets its input already translated (specifier strings for
packaging, tuple bounds for portion), and the translation is not timed: the
comparison favours the peers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import portion
from packaging.ranges import VersionRange
from packaging.specifiers import SpecifierSet
from packaging.version import Version as PackagingVersion

from rangespec import RangeSet, Version

__all__ = [
    "packaging_builder",
    "packaging_version",
    "portion_builder",
    "regex_tuples",
    "regex_validate",
]


# The floor: the grammar (grammar/rangespec.lark) as one compiled pattern,
# with possessive quantifiers; it only says yes or no.
_NUMBER = r"(?:0|[1-9][0-9]*+)"
_VERSION = rf"{_NUMBER}(?:\.{_NUMBER})*+"
_ITEM = rf"{_VERSION}(?:-(?:{_VERSION}(?:\.\*)?+)?+|\+|\.\*)?+"
regex_validate: Callable[[str], Any] = re.compile(rf"(?:{_ITEM}(?:,{_ITEM})*+)?+\n?").fullmatch

_TOKEN = re.compile(r"(\d+(?:\.\d+)*)(?:-(\d+(?:\.\d+)*))?")


def regex_tuples(text: str) -> list[tuple[tuple[int, ...], tuple[int, ...] | None]]:
    """The floor of parsing: a minimal regex parser that splits into int tuples."""
    return [
        (tuple(map(int, a.split("."))), tuple(map(int, b.split("."))) if b else None)
        for a, b in _TOKEN.findall(text)
    ]


def _specifiers(s: RangeSet) -> list[str]:
    out = []
    for i in s.intervals:
        assert i.upper is not None
        assert i.lower_closed
        upper = f"<={i.upper}" if i.upper_closed else f"<{i.upper}"
        out.append(f">={i.lower},{upper}")
    return out


def packaging_builder(s: RangeSet) -> Callable[[], VersionRange]:
    """Builds the equivalent VersionRange: one SpecifierSet per interval, united."""
    specs = _specifiers(s)

    def build() -> VersionRange:
        result = VersionRange.empty()
        for spec in specs:
            result = result | SpecifierSet(spec).to_range()
        return result

    return build


def portion_builder(s: RangeSet) -> Callable[[], Any]:
    """Builds the equivalent portion interval union over version key tuples."""
    bounds = []
    for i in s.intervals:
        assert i.upper is not None
        make = portion.closed if i.upper_closed else portion.closedopen
        bounds.append((make, key(i.lower), key(i.upper)))

    def build() -> Any:
        result = portion.empty()
        for make, lo, hi in bounds:
            result = result | make(lo, hi)
        return result

    return build


def key(v: Version) -> tuple[int, ...]:
    """A version's components without trailing zeros: equal versions, equal keys."""
    components = list(v.components)
    while components and components[-1] == 0:
        components.pop()
    return tuple(components)


def packaging_version(v: Version) -> PackagingVersion:
    return PackagingVersion(str(v))
