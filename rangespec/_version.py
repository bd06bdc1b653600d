"""Versions: dot-separated non-negative integers, ordered numerically.

Missing trailing components count as zero, so ``2.1 == 2.1.0`` and
``2.1.0.0 < 2.1.0.1 < 2.1.1 < 2.10``.

>>> Version("2.1") == Version(2, 1, 0, 0)
True
>>> sorted([Version(2, 10), Version(2, 1, 0, 1), Version(2, 1)])
[Version(2, 1), Version(2, 1, 0, 1), Version(2, 10)]
>>> str(Version(2)), str(Version(2, 1, 0, 5)), str(Version(2, 1, 0, 0))
('2.0.0', '2.1.0.5', '2.1.0')
"""

from __future__ import annotations

import functools
import sys

from ._cuts import Key, strip_zeros
from ._limits import DEFAULT_MAX_LENGTH, U64_MAX

# typing is imported for type checkers only: the package's start-up stays
# light. At run time @overload only marks signatures the last definition
# replaces, so a no-op does its work.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, overload
else:

    def overload(function: object) -> object:
        return function


__all__ = ["Version", "parse_version"]

# The digits of one component in an order key: enough for 2^64.
_ORDER_KEY_WIDTH = 20


#: The largest component: one past the largest a text may write.
_LARGEST: Final = U64_MAX + 1


@functools.total_ordering
class Version:
    """An immutable, hashable, totally ordered release version.

    Build one from its text, with exactly the rules and errors of
    :func:`parse_version` (one trailing newline allowed), or from its
    components:

    >>> Version("2.1.3"), Version(2, 1, 3)
    (Version(2, 1, 3), Version(2, 1, 3))
    >>> Version("2.01")
    Traceback (most recent call last):
    ...
    rangespec.RangeSpecError: Expected a number without leading zeros, found '01' ...

    Invariants:
      1. ``components`` is a non-empty tuple of ints from 0 to 2^64, kept
         as given. A *text* writes at most 2^64-1; set operations reach one
         past it (the end of ``18446744073709551615.*`` is ``2^64``), and
         nothing needs more, so a larger int is refused before any work.
      2. ``_key`` is ``components`` without trailing zeros; equality, hash and
         order look at ``_key`` only.

    ``str`` is the canonical spelling: at least three components, zero
    components past the third dropped. ``repr`` keeps the components given.
    """

    __slots__ = ("_components", "_key")

    _components: tuple[int, ...]
    _key: Key

    @overload
    def __init__(self, text: str, /) -> None: ...
    @overload
    def __init__(self, *components: int) -> None: ...  # noqa: F811 - an overload

    def __init__(self, *components: int | str) -> None:  # noqa: F811 - the implementation
        if len(components) == 1 and isinstance(components[0], str):
            parsed = parse_version(components[0])
            components = parsed._components
        elif not components:
            raise TypeError("Version() needs a version text or at least one component")
        for c in components:
            # bool is an int subclass; True as a component is surely a bug.
            if isinstance(c, bool) or not isinstance(c, int):
                raise TypeError(
                    f"Version() takes one version text or int components, not {type(c).__name__}"
                )
        # Checked after the conversion: an int subclass may convert to another value.
        numbers = tuple(int(c) for c in components)
        for n in numbers:
            if n < 0:
                raise ValueError("version components are >= 0, not negative")
            if n > _LARGEST:
                # not the number itself: a huge int cannot even be printed
                raise ValueError(
                    f"version components are at most 2^64, not a {n.bit_length()}-bit number"
                )
        object.__setattr__(self, "_components", numbers)
        object.__setattr__(self, "_key", strip_zeros(numbers))

    @classmethod
    def _trusted(cls, components: tuple[int, ...]) -> Version:
        """The version with these components (trusted: a non-empty tuple of ints >= 0)."""
        self = object.__new__(cls)
        object.__setattr__(self, "_components", components)
        object.__setattr__(self, "_key", strip_zeros(components))
        return self

    @classmethod
    def _from_key(cls, key: Key) -> Version:
        """The version with comparison key ``key`` (trusted, already stripped)."""
        self = object.__new__(cls)
        object.__setattr__(self, "_components", key or (0,))
        object.__setattr__(self, "_key", key)
        return self

    @property
    def components(self) -> tuple[int, ...]:
        """The components as given, trailing zeros included.

        >>> Version("2.1.0").components
        (2, 1, 0)
        """
        return self._components

    @property
    def major(self) -> int:
        """The first component.

        >>> Version("2.1.3").major
        2
        """
        return self._components[0]

    def order_key(self) -> str:
        """A fixed-width text whose plain string order is the version order.

        Each component is written as 20 decimal digits, zero-padded, and the
        components are joined with ``.``; trailing zero components are
        dropped, except the first. So equal versions have equal keys, and
        comparing two keys byte by byte (SQL ``ORDER BY`` or ``<`` on text
        under a binary collation, ``COLLATE "C"`` in PostgreSQL) compares
        the versions: every component takes the same place in every key,
        and a key that is a proper prefix of another is the smaller version,
        because the longer key's tail holds a non-zero component.

        Twenty digits hold every component a Version can have: every number
        a text can name (up to ``18446744073709551615``, 2^64-1) and the
        bound just past it (2^64, the open upper end of
        ``x.18446744073709551615.*``).

        >>> Version("2.1.3").order_key()
        '00000000000000000002.00000000000000000001.00000000000000000003'
        >>> Version("2.1").order_key() == Version(2, 1, 0, 0).order_key()
        True
        >>> keys = [Version(v).order_key() for v in ("2.1", "2.1.0.1", "2.10")]
        >>> keys == sorted(keys)
        True
        >>> Version(0).order_key()
        '00000000000000000000'
        """
        parts = self._key or (0,)
        return ".".join(f"{c:0{_ORDER_KEY_WIDTH}d}" for c in parts)

    @classmethod
    def from_order_key(cls, key: str) -> Version:
        """The version whose :meth:`order_key` is ``key``; ValueError for any other text.

        Only the exact key is accepted (20 digits per component, no zero
        component at the end unless it is the only one), so every version
        has one key and every key one version.

        >>> Version.from_order_key("00000000000000000002.00000000000000000001")
        Version(2, 1)
        >>> Version.from_order_key("00000000000000000002.00000000000000000000")
        Traceback (most recent call last):
        ...
        ValueError: not a version order key: '00000000000000000002.00000000000000000000'
        """
        if not isinstance(key, str):
            raise TypeError(f"an order key is a str, not {type(key).__name__}")
        parts = key.split(".")
        if not all(len(p) == _ORDER_KEY_WIDTH and p.isascii() and p.isdigit() for p in parts):
            raise ValueError(f"not a version order key: {key[:100]!r}")
        components = tuple(int(p) for p in parts)
        if (len(components) > 1 and components[-1] == 0) or max(components) > _LARGEST:
            raise ValueError(f"not a version order key: {key[:100]!r}")
        return cls._trusted(components)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[type[Version], tuple[int, ...]]:
        # Pickled by value, through the public constructor.
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


def parse_version(text: str, *, max_length: int = DEFAULT_MAX_LENGTH) -> Version:
    """The version an ``interface_version`` text holds.

    Same rules as a version inside a list; one trailing newline is allowed,
    as sysfs ``show()`` functions end the value with one. Nothing else may
    stand around the version.

    Raises:
        RangeSpecError: the text is not one version.
        TypeError: ``text`` is not a str.

    >>> parse_version("2.1.3\\n")
    Version(2, 1, 3)
    """
    from ._frontend import version  # the front end builds Versions, so it comes later

    return version(text, max_length)


def prefix_text(prefix: Version) -> str:
    """A wildcard prefix as written: its own components, no padding."""
    return ".".join(map(str, prefix.components))


# Tracebacks, reprs, pickles and the reference name these rangespec.NAME,
# not the private module they are defined in.
for _public in (Version, parse_version):
    _public.__module__ = "rangespec"
del _public

# With Hypothesis already imported, its plugin hook ran before this type
# existed: register it now (rangespec._hypothesis_plugin).
if sys.modules.get("hypothesis") is not None:
    from ._hypothesis_plugin import register

    register(Version)
