#!/usr/bin/env python3
"""A hand-written implementation of the syntax, with one realistic bug to plant.

Run as `rangespec fuzz --cmd 'python3 examples/adapter_buggy.py --bug NAME'`.
It does not use rangespec: it is a second, independent implementation, the
way a driver or an agent would write one (a scanner, a list of items, a
merge for the canonical text). With `--bug none` it is correct, and the
fuzzer finds nothing; each other `--bug` makes one mistake that
hand-written implementations of this and similar list formats make
(`BUGS` below; docs/fuzzing.md lists what the fuzzer finds for each, and
fuzz/mutation_score.py checks that it finds them all).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any, NamedTuple

U64_MAX = 2**64 - 1
MAX_LENGTH = 4096

#: Every planted bug, and the mistake it makes.
BUGS = {
    "none": "no bug: a correct implementation",
    # reading numbers
    "leading-zeros": "numbers are read with int(), so 02 is taken for 2",
    "unicode-digits": "digits are matched with str.isdecimal() (or \\d), so a fullwidth 2 is one",
    "u64-unchecked": "numbers are Python ints: above 2^64-1 is accepted",
    "u64-wraps": "numbers are accumulated in u64 arithmetic and wrap past 2^64-1",
    # what may stand around the list, habits of other kernel list formats
    "cpulist-whitespace": "spaces and tabs around items and tokens are skipped (cpulist)",
    "crlf": "a trailing CRLF is taken for the newline",
    "newlines-stripped": "every trailing newline is stripped (rstrip)",
    "first-line-only": "only the first line is read",
    "empty-items": "empty items are skipped (split(',') then drop the empty)",
    # the grammar and its errors
    "wildcard-lower-end": "a range may start with a wildcard: 2.*-3",
    "reversed-range-offset": "a reversed range is reported at its upper end",
    "trailing-comma-offset": "a trailing comma is reported at the comma",
    "empty-range-check": "A-P.* is refused unless A <= P (not: A before the end of P.*)",
    # comparing versions
    "string-compare": "versions are compared as strings: 2.10 < 2.9",
    "tuple-compare": "versions are compared as tuples, without padding zeros: 2.1 < 2.1.0",
    "zip-compare": "versions are compared with zip(): extra components are ignored",
    # membership
    "plus-uncapped": "A+ holds every version from A on, not only up to A's major",
    "wildcard-string-prefix": "P.* holds the versions whose text starts with P: 2.1.* holds 2.10",
    "wildcard-end-inclusive": "P.* holds the first version after it: 2.1.* holds 2.2",
    # the canonical text
    "touching-not-merged": "intervals merge only when they overlap, not when they touch",
    "adjacent-merged": "2.0.4 and 2.0.5 count as adjacent and merge, as cpulist's 3 and 4",
    "wildcards-not-merged": "an interval open at X does not merge with one starting at X",
    "prefix-as-version": "P.* is printed with the version printer: 2.* as 2.0.0.*",
    "zeros-kept": "versions print their zeros past the third component: 2.1.0.0",
    "plus-not-collapsed": "A+ is printed as such even when it is P.*: 2.0.0+ for 2.*",
    # the length limit
    "length-after-newline": "the length limit is checked after the newline is stripped",
}

#: The bug planted; leading-zeros when none is chosen, for the README's example.
BUG = "leading-zeros"

Key = tuple[int, ...]


class Error(Exception):
    def __init__(self, code: str, offset: int) -> None:
        super().__init__(code, offset)
        self.code, self.offset = code, offset


class Item(NamedTuple):
    """``lo`` to ``hi`` (None: to the first version after prefix ``end``),
    as written; ``kind`` is exact, range, plus, wildcard or range-wildcard."""

    kind: str
    lo: Key
    hi: Key
    start: int


# -- comparing versions ----------------------------------------------------------------


def key(v: Key) -> Key:
    """Trailing zeros do not count: 2.1 == 2.1.0."""
    end = len(v)
    while end and v[end - 1] == 0:
        end -= 1
    return v[:end]


def compare(a: Key, b: Key) -> int:
    if BUG == "string-compare":
        sa, sb = show(a), show(b)
        return (sa > sb) - (sa < sb)
    if BUG == "tuple-compare":
        return (a > b) - (a < b)
    if BUG == "zip-compare":
        for x, y in zip(a, b, strict=False):
            if x != y:
                return (x > y) - (x < y)
        return 0
    ka, kb = key(a), key(b)
    return (ka > kb) - (ka < kb)


def after(prefix: Key) -> Key:
    """The first version after every version that starts with ``prefix``."""
    return (*prefix[:-1], prefix[-1] + 1)


def show(v: Key) -> str:
    return ".".join(map(str, v))


# -- reading -----------------------------------------------------------------------


class Scanner:
    def __init__(self, text: str) -> None:
        self.text, self.pos = text, 0

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_blanks(self) -> None:
        if BUG == "cpulist-whitespace":
            while self.peek() in (" ", "\t"):
                self.pos += 1

    def fail(self) -> Error:
        if self.pos >= len(self.text):
            return Error("unexpected-end", self.pos)
        return Error("unexpected-character", self.pos)

    def number(self) -> int:
        self.skip_blanks()
        start = self.pos
        is_digit: Callable[[str], bool] = (
            str.isdecimal if BUG == "unicode-digits" else lambda c: c in "0123456789"
        )
        while self.peek() and is_digit(self.peek()):
            self.pos += 1
        digits = self.text[start : self.pos]
        if not digits:
            raise self.fail()
        if len(digits) > 1 and int(digits[0]) == 0 and BUG != "leading-zeros":
            raise Error("leading-zero", start)
        value = 0
        for digit in digits:
            value = value * 10 + int(digit)
            if BUG == "u64-wraps":
                value &= U64_MAX
        if value > U64_MAX and BUG != "u64-unchecked":
            raise Error("number-too-large", start)
        self.skip_blanks()
        return value

    def version(self) -> tuple[Key, bool]:
        """A version, or a prefix and True when it ends in ``.*``."""
        parts = [self.number()]
        while self.peek() == ".":
            self.pos += 1
            self.skip_blanks()
            if self.peek() == "*":
                self.pos += 1
                self.skip_blanks()
                return tuple(parts), True
            parts.append(self.number())
        return tuple(parts), False

    def item(self) -> Item:
        start = self.pos
        a, wildcard = self.version()
        if wildcard:
            if BUG == "wildcard-lower-end" and self.peek() == "-":
                self.pos += 1
                b, _ = self.version()
                return Item("range", a, b, start)
            return Item("wildcard", a, a, start)
        if self.peek() == "+":
            self.pos += 1
            return Item("plus", a, a, start)
        if self.peek() == "-":
            self.pos += 1
            if self.peek() in ("", ",", "\n"):
                return Item("plus", a, a, start)  # the A- spelling of A+
            upper = self.pos
            b, wildcard = self.version()
            if wildcard:
                return Item("range-wildcard", a, b, start)
            return Item("range", a, b, upper if BUG == "reversed-range-offset" else start)
        return Item("exact", a, a, start)


def check(item: Item) -> None:
    """The rules the grammar cannot express, once the item is complete."""
    if item.kind == "range" and compare(item.lo, item.hi) > 0:
        raise Error("reversed-range", item.start)
    if item.kind == "range-wildcard":
        end = item.hi if BUG == "empty-range-check" else after(item.hi)
        if compare(item.lo, end) >= (1 if BUG == "empty-range-check" else 0):
            raise Error("empty-range", item.start)


def parse(text: str) -> list[Item]:
    if BUG == "length-after-newline":
        if len(text.removesuffix("\n")) > MAX_LENGTH:
            raise Error("too-long", MAX_LENGTH)
    elif len(text) > MAX_LENGTH:
        raise Error("too-long", MAX_LENGTH)
    if BUG == "crlf" and text.endswith("\r\n"):
        text = text[:-2] + "\n"
    if BUG == "newlines-stripped":
        text = text.rstrip("\n")
    if BUG == "first-line-only":
        text = text.split("\n", 1)[0]
    if BUG == "empty-items":
        text = ",".join(piece for piece in text.split(",") if piece)
    s = Scanner(text)
    items: list[Item] = []
    if s.peek() not in ("", "\n"):
        while True:
            item = s.item()
            after_item = s.peek()
            if after_item not in ("", ",", "\n"):
                raise s.fail()
            check(item)
            items.append(item)
            if after_item != ",":
                break
            s.pos += 1
            if not s.peek():
                raise Error(
                    "unexpected-end", s.pos - 1 if BUG == "trailing-comma-offset" else s.pos
                )
    if s.peek() == "\n":
        s.pos += 1
    if s.peek():
        raise s.fail()
    return items


# -- sets -----------------------------------------------------------------------------


class Interval(NamedTuple):
    """From ``lo`` (always included) to ``hi``, included or not."""

    lo: Key
    hi: Key
    closed: bool


def interval(item: Item) -> Interval:
    if item.kind in ("exact", "range"):
        return Interval(item.lo, item.hi, True)
    if item.kind == "plus":
        return Interval(item.lo, (item.lo[0] + 1,), False)
    return Interval(item.lo, after(item.hi), BUG == "wildcard-end-inclusive")


def contains(item: Item, v: Key) -> bool:
    if item.kind == "plus" and BUG == "plus-uncapped":
        return compare(item.lo, v) <= 0
    if item.kind == "wildcard" and BUG == "wildcard-string-prefix":
        return show(v).startswith(show(item.lo))
    i = interval(item)
    return compare(i.lo, v) <= 0 and (compare(v, i.hi) < 0 or (i.closed and compare(v, i.hi) == 0))


def merge(intervals: list[Interval]) -> list[Interval]:
    """The disjoint intervals of their union, in order."""
    merged: list[Interval] = []
    for i in sorted(intervals, key=lambda i: key(i.lo)):
        if merged and touches(merged[-1], i):
            last = merged[-1]
            order = compare(i.hi, last.hi)
            if order > 0 or (order == 0 and i.closed):
                merged[-1] = Interval(last.lo, i.hi, i.closed)
        else:
            merged.append(i)
    return merged


def touches(a: Interval, b: Interval) -> bool:
    """Whether b (starting at or after a's start) overlaps or touches a."""
    order = compare(b.lo, a.hi)
    if BUG == "adjacent-merged" and a.closed and b.lo == (*a.hi[:-1], a.hi[-1] + 1):
        return True
    if BUG == "touching-not-merged":
        return order < 0
    if BUG == "wildcards-not-merged":
        return order < 0 or (order == 0 and a.closed)
    return order <= 0


def version_text(v: Key) -> str:
    """At least three components; zeros past the third dropped."""
    parts = list(v) + [0] * (3 - len(v))
    if BUG != "zeros-kept":
        while len(parts) > 3 and parts[-1] == 0:
            parts.pop()
    return show(tuple(parts))


def interval_text(i: Interval) -> str:
    if i.closed:
        if compare(i.lo, i.hi) == 0:
            return version_text(i.lo)
        return f"{version_text(i.lo)}-{version_text(i.hi)}"
    end = key(i.hi)
    p = (*end[:-1], end[-1] - 1)  # the prefix whose end is hi
    prefix = version_text(p) if BUG == "prefix-as-version" else show(p)
    if compare(i.lo, p) == 0 and not (BUG == "plus-not-collapsed" and len(p) == 1):
        return f"{prefix}.*"
    if p == (i.lo[0],):
        return f"{version_text(i.lo)}+"
    return f"{version_text(i.lo)}-{prefix}.*"


def canonical(items: list[Item]) -> str:
    return ",".join(interval_text(i) for i in merge([interval(item) for item in items]))


# -- the protocol ---------------------------------------------------------------------


def answer(request: dict[str, Any]) -> dict[str, Any]:
    try:
        items = parse(request["text"])
    except Error as err:
        return {"valid": False, "offset": err.offset, "code": err.code}
    if request["op"] == "parse":
        return {"valid": True}
    if request["op"] == "canonical":
        return {"canonical": canonical(items)}
    v = tuple(int(part) for part in request["version"].split("."))
    return {"contains": any(contains(item, v) for item in items)}


def main() -> None:
    global BUG
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bug", choices=sorted(BUGS), default=BUG, help=f"the bug ({BUG})")
    parser.add_argument("--list", action="store_true", help="list the bugs and exit")
    args = parser.parse_args()
    if args.list:
        for name, what in BUGS.items():
            print(f"{name}\t{what}")
        return
    BUG = args.bug
    for line in sys.stdin:
        request = json.loads(line)
        print(json.dumps({"id": request["id"], **answer(request)}), flush=True)


if __name__ == "__main__":
    main()
