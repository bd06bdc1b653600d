"""Record: the base of the small immutable value types (items, edits, diagnostics).

It gives what a frozen, slotted dataclass gives (equality, hash and repr
from the fields, no assignment after construction, pickling by value)
without importing ``dataclasses``, which imports ``inspect``: on the way
to a one-shot command's answer that import costs more than the answer.

A subclass lists its fields in ``__slots__``, in the order its
``__init__`` takes them (pickling calls it with them in that order; keep
ruff from sorting them, RUF023), and sets them all once with ``_set``,
in that same order. A subclass is final: it cannot be subclassed again.

>>> class Point(Record):
...     __slots__ = ("x", "y")
...     def __init__(self, x: int, y: int) -> None:
...         self._set(x, y)
>>> Point(1, 2) == Point(1, 2), Point(1, 2)
(True, Point(x=1, y=2))
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, ClassVar

__all__ = ["Record"]


class Record:
    """Equality, hash, repr and pickling from ``__slots__``; immutable once built."""

    __slots__: tuple[str, ...] = ()
    #: Each field's slot setter, in ``__slots__`` order.
    _setters: ClassVar[tuple[Callable[[Any, object], None], ...]] = ()

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Final: equality, hash, repr and pickling read this class's own
        # __slots__, so a subclass with fields of its own would get them wrong.
        for base in cls.__mro__[1:]:
            if base is not Record and issubclass(base, Record):
                raise TypeError(f"{base.__name__} is a value type, not meant to be subclassed")
        cls._setters = tuple(getattr(cls, name).__set__ for name in cls.__slots__)
        cls._set = _setter(cls._setters)  # type: ignore[method-assign]

    def _set(self, *values: object) -> None:
        """Set every field, in ``__slots__`` order (each subclass gets its own)."""
        raise TypeError(f"{type(self).__name__} has no fields")

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


def _setter(setters: tuple[Callable[[Any, object], None], ...]) -> Callable[..., None]:
    """A ``_set`` for these slot setters: positional, through the slots' own
    setters (which __setattr__ does not guard), unrolled for the common
    sizes: validate() makes several records per item, and a text full of
    redundant items spent a quarter of its time here before."""
    if len(setters) == 3:
        first, second, third = setters

        def set3(self: object, a: object, b: object, c: object) -> None:
            first(self, a)
            second(self, b)
            third(self, c)

        return set3
    if len(setters) == 4:
        first, second, third, fourth = setters

        def set4(self: object, a: object, b: object, c: object, d: object) -> None:
            first(self, a)
            second(self, b)
            third(self, c)
            fourth(self, d)

        return set4
    if len(setters) == 6:
        first, second, third, fourth, fifth, sixth = setters

        def set6(
            self: object, a: object, b: object, c: object, d: object, e: object, f: object
        ) -> None:
            first(self, a)
            second(self, b)
            third(self, c)
            fourth(self, d)
            fifth(self, e)
            sixth(self, f)

        return set6

    def set_any(self: object, *values: object) -> None:
        if len(values) != len(setters):
            raise TypeError(f"{len(setters)} fields, {len(values)} values")
        for setter, value in zip(setters, values, strict=True):
            setter(self, value)

    return set_any
