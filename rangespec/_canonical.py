"""Normalized intervals -> canonical text: the last stage of the pipeline.

The canonical text lists the maximal intervals in ascending order, each in
the shortest item form the spec allows (docs/spec.md, "Canonical text"), so
equal sets get equal text and parsing it gives the set back.

Some sets have no text: every item includes its lower end and has an upper
end, and every number in a text is at most 2^64-1. ``to_text`` returns None
for those, never a text ``parse`` would reject.
"""

from __future__ import annotations

from ._cuts import AFTER, BEFORE, Cut, Key, key_of, pairs, strip_zeros
from ._limits import U64_MAX

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = ["item_text", "to_text", "why_not"]

_NO_UPPER: Final = "it has no upper end"
_OPEN_LOWER: Final = "its lower end is open (every item includes its lower end)"
_TOO_LARGE: Final = f"it needs a number above {U64_MAX} (2^64-1)"


def item_text(lower: Cut, upper: Cut | None) -> str | None:
    """The item that writes one interval, or None if no item can."""
    return _write(lower, upper)[0]


def why_not(lower: Cut, upper: Cut | None) -> str | None:
    """Why no item can write an interval; None if one can."""
    return _write(lower, upper)[1]


def _write(lower: Cut, upper: Cut | None) -> tuple[str | None, str | None]:
    """The item for one interval and None, or None and the reason there is none."""
    if upper is None:
        return None, _NO_UPPER
    if lower[-1] != BEFORE:
        return None, _OPEN_LOWER
    a, x = key_of(lower), key_of(upper)
    if upper[-1] == AFTER:  # [A, B]
        numbers = a + x
        text = _v(a) if a == x else f"{_v(a)}-{_v(x)}"
    else:  # [A, X): X is the first version after the prefix P.
        p = (*x[:-1], x[-1] - 1)
        numbers = a + p
        if a == strip_zeros(p):
            text = f"{'.'.join(map(str, p))}.*"
        elif len(p) == 1 and p[0] == (a[0] if a else 0):
            text = f"{_v(a)}+"
        else:
            text = f"{_v(a)}-{'.'.join(map(str, p))}.*"
    if any(n > U64_MAX for n in numbers):
        return None, _TOO_LARGE
    return text, None


def _v(key: Key) -> str:
    """A version in its canonical spelling: at least three components."""
    return ".".join(map(str, key + (0,) * (3 - len(key))))


def to_text(cuts: tuple[Cut, ...]) -> str | None:
    """The canonical text of a set, or None if no text can write it."""
    written = []
    for lower, upper in pairs(cuts):
        text = _write(lower, upper)[0]
        if text is None:
            return None
        written.append(text)
    return ",".join(written)
