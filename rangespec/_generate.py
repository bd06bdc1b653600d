"""Generators of versions, valid texts, near misses and probe versions,
valid by construction.

Every generator takes ``choose(lo, hi)``, which returns an int in
``lo..hi``. Hypothesis drives them through ``rangespec.strategies`` (where
``lo`` is what an example shrinks towards, so choices are ordered simplest
first); ``rangespec.vectors`` drives them with a seeded ``random.Random``,
so the same seed gives the same vectors without Hypothesis.

Nothing is filtered: ranges are ordered when built, wildcard ends are put
past their lower end, and each near miss is one change to a valid text at a
place where the grammar must reject it, so its error code and offset are
known when it is made.

They aim where implementations go wrong: the versions of a text are often
``related`` (the same version in another arity, a descendant, a neighbour,
the end of a prefix, a number sharing a string prefix), so its bounds are
adjacent, touching, nested or ordered differently as numbers and as
strings; near misses put whitespace at token boundaries, vary the line
ending, misplace a wildcard; and ``probe`` picks versions around a text's
``bounds`` by the same relations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final, NamedTuple

from ._cuts import after_prefix, strip_zeros
from ._errors import ErrorCode
from ._interval import Interval
from ._limits import U64_MAX
from ._rangeset import parse
from ._version import Version

__all__ = [
    "RELATIONS",
    "Choose",
    "InvalidText",
    "bounds",
    "intervals",
    "invalid_text",
    "item_text",
    "near_misses",
    "neighbours",
    "probe",
    "related",
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


#: How many relations ``related`` knows; relation 0 is the version itself.
RELATIONS: Final = 8


def related(choose: Choose, v: tuple[int, ...]) -> tuple[int, ...]:
    """A version beside ``v`` in the order, or one a careless implementation
    confuses with it; the simplest choice is ``v`` itself.

    The relations, in the order ``choose`` picks them: ``v``; ``v`` in
    another arity (``2.1`` and ``2.1.0.0``); a descendant (``2.1.7`` under
    ``2.1``); the next sibling (``2.0.5`` after ``2.0.4``); the one before
    (``2.0.3``, or ``2.0.3.18446744073709551615`` just below ``2.0.4``); a
    number that shares a string prefix with a component (``2.10`` for
    ``2.1``, ``1`` for ``10``); the first version after a prefix of ``v``
    (``2.2`` after ``2.1.*``, ``3`` where ``2.1+`` ends); an ancestor
    (``2`` for ``2.1``). Every component stays at most 2^64-1, so the
    result can always be written.

    >>> picks = iter([5, 1, 0])  # a string-prefix sibling, of component 1, digit 0
    >>> related(lambda lo, hi: next(picks), (2, 1))
    (2, 10)
    """
    kind = choose(0, RELATIONS - 1)
    last = v[-1]
    if kind == 0:
        return v
    if kind == 1:
        base = strip_zeros(v) or (0,)
        other = base + (0,) * choose(0, 2)
        return other if other != v else (*v, 0)
    if kind == 2:
        return (*v, component(choose))
    if kind == 3:
        return (*v[:-1], last + 1) if last < U64_MAX else (*v, 1)
    if kind == 4:
        if last == 0:
            return v
        below = (*v[:-1], last - 1)
        return (*below, U64_MAX) if choose(0, 1) else below
    if kind == 5:
        i = choose(0, len(v) - 1)
        digits = str(v[i])
        if len(digits) > 1 and choose(0, 1):
            number = int(digits[:-1])
        else:
            # "0" has no longer spelling: a leading zero is no number
            number = int(digits + str(choose(0, 9))) if v[i] else 10
            if number > U64_MAX:
                number = int(digits[:-1])
        return (*v[:i], number, *v[i + 1 :])
    if kind == 6:
        prefix = v[: choose(1, len(v))]
        if prefix[-1] == U64_MAX:
            return v
        return (*prefix[:-1], prefix[-1] + 1)
    return v[: choose(1, len(v))]


def neighbours(v: tuple[int, ...]) -> list[tuple[int, ...]]:
    """A fixed few of ``related``'s versions around ``v``, for callers without
    a ``choose``: zero-padded, the first descendant, the next and previous
    siblings, the string-prefix sibling of the last component, and the first
    version after ``v``'s major.

    >>> neighbours((2, 1))
    [(2, 1, 0), (2, 1, 1), (2, 2), (2, 0), (2, 10), (3,)]
    """
    found: list[tuple[int, ...]] = []
    for picks in ([1, 1], [2, 0, 1], [3], [4, 0], [5, len(v) - 1, 0], [6, 1]):
        r = related(_replay(picks), v)
        if r != v and r not in found:
            found.append(r)
    return found


def _replay(picks: list[int]) -> Choose:
    """A ``choose`` that makes the given choices (clamped to range), then the simplest."""
    it = iter(picks)

    def choose(lo: int, hi: int) -> int:
        return min(max(next(it, lo), lo), hi)

    return choose


def _pick(choose: Choose, pool: list[tuple[int, ...]]) -> tuple[int, ...]:
    """A new version (the simplest choice), or one related to a version of
    ``pool``, counted from the latest, so that dropping an earlier item
    while shrinking leaves the relation as it was."""
    if pool and choose(0, 1):
        return related(choose, pool[-1 - choose(0, len(pool) - 1)])
    return version(choose)


def item_text(choose: Choose, pool: list[tuple[int, ...]] | None = None) -> str:
    """One valid item, of any of the forms.

    ``pool`` holds the versions of the text so far: an item often takes its
    versions related to one of them (``related``), so that the bounds of a
    list are adjacent, touching, nested, equal in another arity or ordered
    differently as numbers and as strings. The item's versions are added.
    """
    pool = [] if pool is None else pool
    form = choose(0, 5)
    a = _pick(choose, pool)
    pool.append(a)
    if form == 0:
        return _text(a)
    if form == 1:
        b = _pick(choose, pool)
        pool.append(b)
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
    end = (*p[:-1], p[-1] + d)
    pool.append(end)
    return f"{_text(a)}-{_text(end)}.*"


def _items(choose: Choose, min_items: int, max_items: int) -> list[str]:
    """Valid items, their versions often related; some repeat an earlier item.

    Each item past ``min_items`` is preceded by a choice to go on (0 stops),
    not counted up front, so that shrinking drops an item by dropping its
    choices alone; four in five go on.
    """
    items: list[str] = []
    pool: list[tuple[int, ...]] = []
    while len(items) < max_items and (len(items) < min_items or choose(0, 4)):
        if items and choose(0, 4) == 4:
            items.append(items[choose(0, len(items) - 1)])
        else:
            items.append(item_text(choose, pool))
    return items


def valid_text(choose: Choose, min_items: int = 0, max_items: int = 8) -> str:
    """A valid list: items in any order, overlapping, repeated, with related
    bounds; maybe a newline."""
    return ",".join(_items(choose, min_items, max_items)) + ("\n" if choose(0, 3) == 3 else "")


_VERSION_TEXT: Final = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def bounds(text: str) -> list[tuple[int, ...]]:
    """The versions written in a valid ``text`` and the ends of its set's
    intervals that a text can write, each once, in the order found: what
    ``probe`` draws around.

    >>> bounds("2.1.*")
    [(2, 1), (2, 2)]
    """
    found = [tuple(map(int, m.group().split("."))) for m in _VERSION_TEXT.finditer(text)]
    for interval in parse(text).intervals:
        for end in (interval.lower, interval.upper):
            if end is not None and all(c <= U64_MAX for c in end.components):
                found.append(end.components)
    return list(dict.fromkeys(found))


def probe(choose: Choose, around: list[tuple[int, ...]]) -> tuple[int, ...]:
    """A version to ask a set about: mostly related to one of ``around`` (a
    text's ``bounds``), where membership is decided; sometimes any version.
    The simplest is the first of ``around`` itself."""
    if around and choose(0, 3) < 3:
        return related(choose, around[choose(0, len(around) - 1)])
    return version(choose)


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
    """A near miss: the text, and the error rangespec must report for it.

    >>> from rangespec import ErrorCode, RangeSpecError, parse
    >>> bad = InvalidText("2.0.2-2.0.4,02.1.0+", ErrorCode.LEADING_ZERO, 12)
    >>> try:
    ...     parse(bad.text)
    ... except RangeSpecError as err:
    ...     (err.code, err.offset) == (bad.code, bad.offset)
    True
    """

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
    "whitespace at a boundary",
    "line ending",
    "wildcard out of place",
)
# Where tokens meet: habits of other list formats put whitespace here.
_PUNCTUATION: Final = ",-+.*"
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
    kind = _NEAR_MISSES[choose(0, len(_NEAR_MISSES) - 1)]
    return _bounded(_near_miss(choose, kind, _items(choose, 0, 5), max_length), max_length)


def near_misses(choose: Choose, items: list[str], max_length: int = 4096) -> list[InvalidText]:
    """One near miss of every kind, each one change to the list of ``items``
    (valid items): what ``invalid_text`` draws from, all at once, so that
    one valid text is tried at every place implementations go wrong.

    >>> misses = near_misses(lambda lo, hi: lo, ["2.1.*"])
    >>> [bad.text for bad in misses][:4]
    ['02.1.*', '0.*1,2.1.*', '0.1-0,2.1.*', '1-0.*,2.1.*']
    >>> len(misses) == len(_NEAR_MISSES)
    True
    """
    return [
        _bounded(_near_miss(choose, kind, items, max_length), max_length) for kind in _NEAR_MISSES
    ]


def _bounded(bad: InvalidText, max_length: int) -> InvalidText:
    if len(bad.text) > max_length:
        return InvalidText(bad.text, ErrorCode.TOO_LONG, max_length)
    return bad


def _near_miss(choose: Choose, kind: str, items: list[str], max_length: int) -> InvalidText:
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
    if kind == "wildcard out of place":
        return _misplaced_wildcard(choose, before, after)
    if kind == "over-long":
        return _over_long(choose, body, max_length)
    if kind == "line ending":
        return _line_ending(choose, items)
    if kind == "whitespace at a boundary":
        # at the start, the end, or before or after one of the punctuation
        # marks, each kind of place as likely as the others; the newline
        # after it (if any) is where sysfs puts one: the whitespace is the error
        places: dict[str, list[int]] = {"start": [0], "end": [len(body)]}
        for j, c in enumerate(body):
            if c in _PUNCTUATION:
                places.setdefault(f"before {c}", []).append(j)
                places.setdefault(f"after {c}", []).append(j + 1)
        spots = list(places.values())[choose(0, len(places) - 1)]
        i = spots[choose(0, len(spots) - 1)]
        space = _WHITESPACE[choose(0, len(_WHITESPACE) - 1)]
        newline = "\n" if choose(0, 1) else ""
        return InvalidText(body[:i] + space + body[i:] + newline, ErrorCode.UNEXPECTED_CHARACTER, i)
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


def _over_long(choose: Choose, body: str, max_length: int) -> InvalidText:
    """A text just over ``max_length``: valid items cut anywhere past the
    limit, or a valid list of exactly ``max_length`` characters whose
    trailing newline is one too many (the limit counts it)."""
    if choose(0, 1) == 0:
        filler = (body + "," if body else "") + "1," * (max_length // 2 + 1)
        return InvalidText(filler[: max_length + 1 + choose(0, 8)], ErrorCode.TOO_LONG, max_length)
    exact = ("1," * (max_length // 2 + 1))[:max_length]
    if exact.endswith(","):  # "...,1," becomes "...,10": as long, and valid
        exact = exact[:-2] + "10"
    return InvalidText(exact + "\n", ErrorCode.TOO_LONG, max_length)


def _line_ending(choose: Choose, items: list[str]) -> InvalidText:
    """A valid list with a line ending other than one trailing ``\\n``: a
    second newline, CRLF, a lone CR after an item, text after the newline,
    or a line break inside the list."""
    body = ",".join(items)
    ends = [len(",".join(items[: j + 1])) for j in range(len(items))]  # where items end
    variant = choose(0, 4)
    if variant == 0:
        return InvalidText(body + "\n\n", ErrorCode.UNEXPECTED_CHARACTER, len(body) + 1)
    if variant == 1:
        return InvalidText(body + "\r\n", ErrorCode.UNEXPECTED_CHARACTER, len(body))
    if variant == 2:
        i = ends[choose(0, len(ends) - 1)] if ends else 0
        return InvalidText(body[:i] + "\r" + body[i:], ErrorCode.UNEXPECTED_CHARACTER, i)
    if variant == 3 or len(items) < 2:
        text = body + "\n" + item_text(choose)
        return InvalidText(text, ErrorCode.UNEXPECTED_CHARACTER, len(body) + 1)
    # before a comma: the newline would end the list, so the comma is the error
    i = ends[choose(0, len(ends) - 2)]
    return InvalidText(body[:i] + "\n" + body[i:], ErrorCode.UNEXPECTED_CHARACTER, i + 1)


def _misplaced_wildcard(choose: Choose, before: str, after: str) -> InvalidText:
    """A wildcard where the grammar allows none: ``*`` alone, or ``P.*``
    followed by ``-B`` (a wildcard lower end), ``.*``, ``+`` or ``*``."""
    variant = choose(0, 4)
    if variant == 4:
        return InvalidText(before + "*" + after, ErrorCode.UNEXPECTED_CHARACTER, len(before))
    a = version(choose)
    wildcard = _text(_head(a, choose(1, len(a)))) + ".*"
    rest = ("-" + _text(version(choose)), ".*", "+", "*")[variant]
    return InvalidText(
        before + wildcard + rest + after,
        ErrorCode.UNEXPECTED_CHARACTER,
        len(before) + len(wildcard),
    )


def _reversed(choose: Choose) -> str:
    """``B-A`` with A < B; B is often related to A (another arity, the next
    sibling, a longer number), so the two are close in the order."""
    a = version(choose)
    b = related(choose, a) if choose(0, 1) else version(choose)
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
