"""Generators of versions, valid texts and near misses, valid by construction.

Every generator takes ``choose(lo, hi)``, which returns an int in
``lo..hi``. Hypothesis drives them through ``rangespec.strategies`` (where
``lo`` is what an example shrinks towards, so choices are ordered simplest
first); ``rangespec.vectors`` drives them with a seeded ``random.Random``,
so the same seed gives the same vectors without Hypothesis.

Nothing is filtered: ranges are ordered when built, wildcard ends are put
past their lower end, and each near miss is one change to a valid text at a
place where the grammar must reject it, so its error code and offset are
known when it is made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final, NamedTuple

from ._cuts import after_prefix, strip_zeros
from ._errors import ErrorCode
from ._interval import Interval
from ._limits import U64_MAX
from ._version import Version

__all__ = [
    "Choose",
    "InvalidText",
    "intervals",
    "invalid_text",
    "item_text",
    "valid_text",
    "version",
]

Choose = Callable[[int, int], int]


def component(choose: Choose, max_value: int = U64_MAX) -> int:
    """Small numbers (and so zeros) most of the time, the ceiling often."""
    kind = choose(0, 3)
    if kind == 0:
        return choose(0, min(3, max_value))
    if kind == 1:
        return choose(0, min(20, max_value))
    if kind == 2:
        return max_value - choose(0, min(2, max_value))
    return choose(0, max_value)


def version(
    choose: Choose, min_components: int = 1, max_components: int = 5, max_value: int = U64_MAX
) -> tuple[int, ...]:
    """Components of a version: mixed arity, trailing zeros, values near the ceiling."""
    return tuple(
        component(choose, max_value) for _ in range(choose(min_components, max_components))
    )


def _text(v: tuple[int, ...]) -> str:
    return ".".join(map(str, v))


def _head(v: tuple[int, ...], n: int) -> tuple[int, ...]:
    return (v + (0,) * n)[:n]


def item_text(choose: Choose) -> str:
    """One valid item, of any of the forms."""
    form = choose(0, 5)
    a = version(choose)
    if form == 0:
        return _text(a)
    if form == 1:
        b = version(choose)
        lo, hi = (a, b) if strip_zeros(a) <= strip_zeros(b) else (b, a)
        return f"{_text(lo)}-{_text(hi)}"
    if form in (2, 3):
        return _text(a) + "+-"[form - 2]
    # P is a's first n components (n may reach one past a), and for A-P.*
    # its last raised by d >= 0, so a lies before the end of P.*.
    n = choose(1, len(a) + 1)
    p = _head(a, n)
    if form == 4:
        return f"{_text(p)}.*"
    d = choose(0, min(3, U64_MAX - p[-1]))
    return f"{_text(a)}-{_text((*p[:-1], p[-1] + d))}.*"


def _items(choose: Choose, min_items: int, max_items: int) -> list[str]:
    """Valid items; some repeat an earlier one, so duplicates are common."""
    items: list[str] = []
    for _ in range(choose(min_items, max_items)):
        if items and choose(0, 4) == 4:
            items.append(items[choose(0, len(items) - 1)])
        else:
            items.append(item_text(choose))
    return items


def valid_text(choose: Choose, min_items: int = 0, max_items: int = 8) -> str:
    """A valid list: items in any order, overlapping, repeated; maybe a newline."""
    return ",".join(_items(choose, min_items, max_items)) + ("\n" if choose(0, 3) == 3 else "")


def intervals(
    choose: Choose, max_intervals: int = 5, unbounded: bool | None = None
) -> list[Interval]:
    """The intervals of any set: open and closed ends, the empty set, and with
    ``unbounded`` (or by chance, when None) a last interval with no upper end.

    Bounds are positions just before or just after a version, sorted with
    repeats dropped, so they strictly increase; the order of versions is
    dense, so every interval between two of them holds a version. Each
    bound is (key, side), side 0 just before the version and 1 just after.
    """
    count = choose(0, 2 * max_intervals)
    positions = sorted({(strip_zeros(version(choose)), choose(0, 1)) for _ in range(count)})
    odd = len(positions) % 2 == 1 if unbounded is None else unbounded
    if odd and len(positions) % 2 == 0:
        positions = positions[:-1] if positions else [((), 0)]
    elif not odd and len(positions) % 2 == 1:
        positions = positions[:-1]

    def v(key: tuple[int, ...]) -> Version:
        return Version(*key) if key else Version(0)

    found = []
    for k in range(0, len(positions), 2):
        (low, low_side) = positions[k]
        if k + 1 == len(positions):
            found.append(Interval(v(low), low_side == 0, None, False))
        else:
            (high, high_side) = positions[k + 1]
            found.append(Interval(v(low), low_side == 0, v(high), high_side == 1))
    return found


class InvalidText(NamedTuple):
    """A near miss: the text, and the error rangespec must report for it."""

    text: str
    code: ErrorCode
    offset: int


_NEAR_MISSES: Final = (
    "leading zero",
    "number out of place",
    "reversed range",
    "empty range",
    "doubled comma",
    "trailing comma",
    "leading comma",
    "whitespace",
    "look-alike",
    "overflow",
    "stray character",
    "over-long",
)
_WHITESPACE: Final = " \t\r\f\v\u00a0"
# fullwidth, Arabic-Indic and Devanagari digits; hyphens, dashes and minus; ...
_LOOK_ALIKES: Final = {
    "digit": "\uff10\uff11\uff12\u0660\u0661\u0662\u06f1\u0967",
    "-": "\u2010\u2011\u2012\u2013\u2212",
    ".": "\u00b7\u2024\uff0e",  # middle dot, one-dot leader, fullwidth stop
    ",": "\uff0c\u201a",  # fullwidth comma, low quote
    "+": "\uff0b",
    "*": "\u2217\uff0a",
}
_STRAY: Final = "abvxX;:/_=#~!?@$%^&()[]{}<>|'\"`\\é\u00e0\u4e00\U0001f600\x00\x7f"


def _numbers(text: str) -> list[tuple[int, int]]:
    """(start, end) of each number in a text."""
    spans, start = [], -1
    for i, c in enumerate(text + " "):
        if c.isdigit() and c.isascii():
            start = i if start < 0 else start
        elif start >= 0:
            spans.append((start, i))
            start = -1
    return spans


def invalid_text(choose: Choose, max_length: int = 4096) -> InvalidText:
    """One change to a valid text, where the grammar must reject it.

    The text before the change is a valid prefix, so the change is the first
    error the grammar meets, at the offset given. A change that makes the
    text longer than ``max_length`` is reported as what it then is: too long.
    """
    bad = _near_miss(choose, max_length)
    if len(bad.text) > max_length:
        return InvalidText(bad.text, ErrorCode.TOO_LONG, max_length)
    return bad


def _near_miss(choose: Choose, max_length: int) -> InvalidText:
    kind = _NEAR_MISSES[choose(0, len(_NEAR_MISSES) - 1)]
    items = _items(choose, 0, 5)
    k = choose(0, len(items))  # where a new item goes, or which one is changed
    before = ",".join(items[:k]) + ("," if k else "")
    after = ("," if k < len(items) else "") + ",".join(items[k:])
    body = ",".join(items)
    if kind in ("reversed range", "empty range"):
        bad = _reversed(choose) if kind == "reversed range" else _empty(choose)
        code = ErrorCode.REVERSED_RANGE if kind == "reversed range" else ErrorCode.EMPTY_RANGE
        return InvalidText(before + bad + after, code, len(before))
    if kind == "doubled comma":
        j = choose(1, max(len(items), 1))
        head = ",".join(items[:j])
        offset = len(head) + 1 if head else 0
        return InvalidText(
            head + ",," + ",".join(items[j:]), ErrorCode.UNEXPECTED_CHARACTER, offset
        )
    if kind == "trailing comma":
        if not body:
            return InvalidText(",", ErrorCode.UNEXPECTED_CHARACTER, 0)
        return InvalidText(body + ",", ErrorCode.UNEXPECTED_END, len(body) + 1)
    if kind == "leading comma":
        return InvalidText("," + body, ErrorCode.UNEXPECTED_CHARACTER, 0)
    if kind == "number out of place":
        # A number where the grammar allows none, right after "+" or ".*";
        # its size must not matter: the grammar's error comes first.
        a = version(choose)
        item = _text(a) + "+" if choose(0, 1) else f"{_text(_head(a, choose(1, len(a))))}.*"
        digits = str(choose(1, 9)) if choose(0, 1) == 0 else str(U64_MAX + 1 + choose(0, 10**6))
        return InvalidText(
            before + item + digits + after, ErrorCode.UNEXPECTED_CHARACTER, len(before) + len(item)
        )
    if kind == "over-long":
        filler = (body + "," if body else "") + "1," * (max_length // 2 + 1)
        text = filler[: max_length + 1 + choose(0, 8)]
        return InvalidText(text, ErrorCode.TOO_LONG, max_length)
    numbers = _numbers(body)
    if kind in ("leading zero", "overflow") and numbers:
        start, end = numbers[choose(0, len(numbers) - 1)]
        if kind == "leading zero":
            # The number after the zero may be too large: the zero is the error.
            rest = body[start:end] if choose(0, 1) == 0 else str(U64_MAX + 1 + choose(0, 10**6))
            return InvalidText(
                body[:start] + "0" + rest + body[end:], ErrorCode.LEADING_ZERO, start
            )
        big = str(U64_MAX + 1 + choose(0, 10 ** choose(0, 30)))
        return InvalidText(body[:start] + big + body[end:], ErrorCode.NUMBER_TOO_LARGE, start)
    if kind == "look-alike":
        spots = [i for i, c in enumerate(body) if c in "-.,+*" or c.isdigit()]
        if spots:
            i = spots[choose(0, len(spots) - 1)]
            choices = _LOOK_ALIKES["digit" if body[i].isdigit() else body[i]]
            swapped = body[:i] + choices[choose(0, len(choices) - 1)] + body[i + 1 :]
            return InvalidText(swapped, ErrorCode.UNEXPECTED_CHARACTER, i)
    # whitespace or a stray character, anywhere (also the fallback when the
    # text has no number or no character to swap)
    pool = _WHITESPACE if kind == "whitespace" else _STRAY
    i = choose(0, len(body))
    text = body[:i] + pool[choose(0, len(pool) - 1)] + body[i:]
    return InvalidText(text, ErrorCode.UNEXPECTED_CHARACTER, i)


def _reversed(choose: Choose) -> str:
    """``B-A`` with A < B."""
    a = version(choose)
    b = version(choose)
    if strip_zeros(a) == strip_zeros(b):
        b = (*a, choose(1, 9))
    lo, hi = (a, b) if strip_zeros(a) < strip_zeros(b) else (b, a)
    return f"{_text(hi)}-{_text(lo)}"


def _empty(choose: Choose) -> str:
    """``A-P.*`` with A at or past the end of P.*."""
    p = version(choose, max_value=U64_MAX - 20)
    end = after_prefix(p)
    tail = version(choose, min_components=0, max_components=2)
    a = (*end[:-1], end[-1] + choose(0, 3), *tail)
    return f"{_text(a)}-{_text(p)}.*"
