"""Record: the base of the small immutable value types (items, edits, diagnostics).

It gives what a frozen, slotted dataclass gives (equality, hash and repr
from the fields, no assignment after construction, pickling by value)
without importing ``dataclasses``, which imports ``inspect``: on the way
to a one-shot command's answer that import costs more than the answer.

A subclass lists its fields in ``__slots__``, in the order its
``__init__`` takes them (pickling calls it with them in that order; keep
ruff from sorting them, RUF023), and sets each once with ``_set``.

>>> class Point(Record):
...     __slots__ = ("x", "y")
...     def __init__(self, x: int, y: int) -> None:
...         self._set(x=x, y=y)
>>> Point(1, 2) == Point(1, 2), Point(1, 2)
(True, Point(x=1, y=2))
"""

from __future__ import annotations

__all__ = ["Record"]


class Record:
    """Equality, hash, repr and pickling from ``__slots__``; immutable once built."""

    __slots__: tuple[str, ...] = ()

    def _set(self, **fields: object) -> None:
        for name, value in fields.items():
            object.__setattr__(self, name, value)

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash((type(self).__name__, self._fields()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __reduce__(self) -> tuple[type[Record], tuple[object, ...]]:
        # By value, through the constructor, which takes the fields in order.
        return (type(self), self._fields())
