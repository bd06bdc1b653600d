"""Versions: dot-separated non-negative integers, ordered numerically.

Missing trailing components count as zero, so ``2.1 == 2.1.0`` and
``2.1.0.0 < 2.1.0.1 < 2.1.1 < 2.10``.

>>> Version(2, 1) == Version(2, 1, 0, 0)
True
>>> sorted([Version(2, 10), Version(2, 1, 0, 1), Version(2, 1)])
[Version(2, 1), Version(2, 1, 0, 1), Version(2, 10)]
>>> str(Version(2)), str(Version(2, 1, 0, 5)), str(Version(2, 1, 0, 0))
('2.0.0', '2.1.0.5', '2.1.0')
"""

from __future__ import annotations

import functools
from typing import Final

__all__ = ["U64_MAX", "Version"]

#: The largest number a version component may have in rangespec *text*, so
#: that C code can read any accepted string into u64 fields. Version values
#: themselves are unbounded: set arithmetic needs the version just past
#: ``x.18446744073709551615``.
U64_MAX: Final = 2**64 - 1


def _strip_zeros(components: tuple[int, ...]) -> tuple[int, ...]:
    """``components`` without trailing zeros: the comparison key of a version.

    Keys compare correctly as plain tuples: a proper prefix is smaller, and
    with no trailing zeros a longer key always has a non-zero tail.
    """
    end = len(components)
    while end and not components[end - 1]:
        end -= 1
    return components[:end]


@functools.total_ordering
class Version:
    """An immutable, hashable, totally ordered release version.

    Invariants:
      1. ``components`` is a non-empty tuple of ints >= 0, kept as given.
      2. ``_key`` is ``components`` without trailing zeros; equality, hash and
         order look at ``_key`` only.

    ``str`` is the canonical spelling: at least three components, zero
    components past the third dropped. ``repr`` keeps the components given.
    """

    __slots__ = ("_components", "_key")

    _components: tuple[int, ...]
    _key: tuple[int, ...]

    def __init__(self, *components: int) -> None:
        if not components:
            raise ValueError("a version has at least one component")
        for c in components:
            # bool is an int subclass; True as a component is surely a bug.
            if isinstance(c, bool) or not isinstance(c, int):
                raise TypeError(f"version components are ints, not {type(c).__name__}")
            if c < 0:
                raise ValueError(f"version components are >= 0, not {c}")
        object.__setattr__(self, "_components", tuple(int(c) for c in components))
        object.__setattr__(self, "_key", _strip_zeros(self._components))

    @classmethod
    def _trusted(cls, components: tuple[int, ...]) -> Version:
        """The version with these components (trusted: a non-empty tuple of ints >= 0)."""
        self = object.__new__(cls)
        object.__setattr__(self, "_components", components)
        object.__setattr__(self, "_key", _strip_zeros(components))
        return self

    @classmethod
    def _from_key(cls, key: tuple[int, ...]) -> Version:
        """The version with comparison key ``key`` (trusted, already stripped)."""
        self = object.__new__(cls)
        object.__setattr__(self, "_components", key or (0,))
        object.__setattr__(self, "_key", key)
        return self

    @property
    def components(self) -> tuple[int, ...]:
        """The components as given, trailing zeros included."""
        return self._components

    @property
    def major(self) -> int:
        """The first component."""
        return self._components[0]

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[type[Version], tuple[int, ...]]:
        return (Version, self._components)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key == other._key

    def __lt__(self, other: Version) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._key < other._key

    def __hash__(self) -> int:
        return hash(self._key)

    def __str__(self) -> str:
        shown = self._key + (0,) * (3 - len(self._key))
        return ".".join(map(str, shown))

    def __repr__(self) -> str:
        return f"Version({', '.join(map(str, self._components))})"


def _after_prefix(prefix: tuple[int, ...]) -> tuple[int, ...]:
    """The key of the first version after all versions that start with ``prefix``.

    >>> _after_prefix((2, 1)), _after_prefix((2, 0, 0))
    ((2, 2), (2, 0, 1))
    """
    return _strip_zeros((*prefix[:-1], prefix[-1] + 1))


def _prefix_text(prefix: Version) -> str:
    """A wildcard prefix as written: its own components, no padding."""
    return ".".join(map(str, prefix.components))
