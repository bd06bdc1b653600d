"""The fast twin of the front end: text -> items without Lark.

It accepts exactly what the grammar accepts and builds exactly the items the
Lark front end builds; on anything else it returns None and the caller runs
the Lark front end, which raises the diagnostic. So error messages and
offsets always come from the grammar, and this module only has to be right
about valid text. tests/properties/test_fastpath.py checks the equivalence,
and RANGESPEC_NO_FAST_PATH=1 switches this module off.

Three things make it fast:
  * one compiled regular expression (the grammar's language is regular)
    validates the whole text in C;
  * a table of the canonical spellings of small numbers turns components
    into ints with a dict lookup, which also rejects anything that is not a
    canonical number;
  * ``parse_cuts`` goes from the scanned items straight to the interval
    bounds, so ``parse`` builds no item or Version objects at all.
"""

from __future__ import annotations

import functools
import os
import re

from ._cuts import AFTER, AT, BEFORE, Cut, after_prefix, from_intervals, strip_zeros
from ._limits import DEFAULT_MAX_LENGTH, fits_u64
from ._version import Version

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from typing import Final

    from ._items import Item

__all__ = ["ENABLED", "list_cuts", "list_items", "resume_point", "version", "version_probe"]

#: False when the environment sets RANGESPEC_NO_FAST_PATH (to any non-empty
#: value): then only the Lark front end runs, which is how the test suite
#: proves the two agree.
ENABLED: Final = not os.environ.get("RANGESPEC_NO_FAST_PATH")

# The grammar's terminals and rules, as one expression (grammar/rangespec.lark).
# The quantifiers are possessive (*+, ?+): the language never needs to take
# a character back, and without backtracking state the match takes constant
# memory (a greedy pattern kept ~135 bytes per character of input).
_NUMBER: Final = r"(?:0|[1-9][0-9]*+)"
_VERSION: Final = rf"{_NUMBER}(?:\.{_NUMBER})*+"
_ITEM: Final = rf"{_VERSION}(?:-(?:{_VERSION}(?:\.\*)?+)?+|\+|\.\*)?+"
# Each item is followed by a comma that is not the last character, or by the
# end: one copy of the item pattern instead of two, which halves the compile
# time every process pays on its first parse, and matches no slower.
_is_list = re.compile(rf"(?:{_ITEM}(?:,(?!\n?\Z)|(?=\n?\Z)))*+\n?").fullmatch


# Compiled on first use: a command that checks versions against a list
# never needs it (version_probe reads plain versions without it).
@functools.cache
def _version_pattern() -> Callable[[str], re.Match[str] | None]:
    return re.compile(rf"{_VERSION}\n?").fullmatch


@functools.cache
def _prefix_patterns() -> tuple[
    Callable[[str], re.Match[str] | None], Callable[..., Iterator[re.Match[str]]]
]:
    """For diagnostics only, so compiled on first use: the longest run of
    items that each end in a comma, and one such item."""
    return re.compile(rf"(?:{_ITEM},)*+").match, re.compile(rf"({_ITEM}),").finditer


# Exactly the canonical spellings: "7" is here; "07", "+7", " 7" are not.
# Components past the table take int(). 1024 covers the numbers drivers
# publish (535.104.5) at a quarter of the cost of building 4096 entries,
# which a one-shot command pays at start-up.
_SMALL: Final = {str(n): n for n in range(1024)}
_value = _SMALL.__getitem__

# A scanned item: (form, first version, second version or prefix, start, end),
# where form is one of "V", "A-B", "+", "-", "P.*", "A-P.*". Versions are
# component tuples as written.
_Scanned = tuple[str, tuple[int, ...], tuple[int, ...], int, int]


def _numbers(text: str) -> tuple[int, ...] | None:
    """The components of a version the regex has already checked; None past 2^64-1."""
    parts = text.split(".")
    try:
        if len(parts) == 3:  # by hand for the common length: twice as quick as map
            major, minor, patch = parts
            return (_SMALL[major], _SMALL[minor], _SMALL[patch])
        return tuple(map(_value, parts))
    except KeyError:
        pass
    return tuple(map(int, parts)) if all(map(fits_u64, parts)) else None


# Past this length (only with a raised max_length) a text's items are all
# checked, keeping none, before any is built: a text that fails on its last
# item then never holds a half-built set (docs/performance.md, the error path).
_CHECK_FIRST: Final = 1 << 16
_pieces = re.compile("[^,]+").finditer


def _scan(text: str) -> list[_Scanned] | None:
    """The items of a valid list, in text order; None if the text is not one."""
    if _is_list(text) is None:
        return None
    body = text[:-1] if text[-1:] == "\n" else text
    if not body:
        return []
    if len(body) > _CHECK_FIRST:
        for match in _pieces(body):
            if _scan_item(match.group(), match.start()) is None:
                return None
    scanned: list[_Scanned] = []
    start = 0
    for piece in body.split(","):
        item = _scan_item(piece, start)
        if item is None:
            return None
        scanned.append(item)
        start += len(piece) + 1
    return scanned


def _scan_item(piece: str, start: int) -> _Scanned | None:
    """One item the regex has already checked; None if it breaks a rule the
    grammar cannot express (docs/spec.md, section 2)."""
    last = piece[-1]
    dash = piece.find("-")
    if last == "+" or last == "-":
        form, first, second = last, piece[:-1], ""
    elif last == "*":
        form, first, second = (
            ("P.*", "", piece[:-2]) if dash < 0 else ("A-P.*", piece[:dash], piece[dash + 1 : -2])
        )
    elif dash < 0:
        form, first, second = "V", piece, ""
    else:
        form, first, second = "A-B", piece[:dash], piece[dash + 1 :]
    a = _numbers(first) if first else ()
    b = _numbers(second) if second else ()
    if a is None or b is None:
        return None
    if form == "A-B" and strip_zeros(a) > strip_zeros(b):
        return None
    if form == "A-P.*" and strip_zeros(a) >= after_prefix(b):
        return None
    return (form, a, b, start, start + len(piece))


def resume_point(text: str) -> int:
    """Where the grammar must start to find the first error of an invalid list.

    Every item before the offset returned is valid and followed by a comma,
    so a parse from there, in the state after a comma, meets the same first
    error as a parse from the start (0: start from the start). Items are
    checked one at a time and kept nowhere, so memory stays constant.
    """
    items_prefix, item_then_comma = _prefix_patterns()
    prefix = items_prefix(text)  # matches, if only the empty string
    end = prefix.end() if prefix else 0
    for match in item_then_comma(text, 0, end):
        if _scan_item(match.group(1), match.start()) is None:
            return match.start()
    return end


def list_items(text: str) -> tuple[Item, ...] | None:
    """The items of a valid list, as the Lark front end builds them; None otherwise."""
    scanned = _scan(text)
    if scanned is None:
        return None
    from ._items import Closed, ClosedToWildcard, Exact, SameMajor, Wildcard

    items: list[Item] = []
    for form, a, b, start, end in scanned:
        if form == "V":
            items.append(Exact(Version._trusted(a), start, end))
        elif form == "A-B":
            items.append(Closed(Version._trusted(a), Version._trusted(b), start, end))
        elif form == "+" or form == "-":
            items.append(SameMajor(Version._trusted(a), "+" if form == "+" else "-", start, end))
        elif form == "P.*":
            items.append(Wildcard(Version._trusted(b), start, end))
        else:
            items.append(ClosedToWildcard(Version._trusted(a), Version._trusted(b), start, end))
    return tuple(items)


# A cut is a key plus its side; concatenating a one-tuple is quicker than
# unpacking the key into a new tuple.
_BEFORE: Final = (BEFORE,)
_AFTER: Final = (AFTER,)


def list_cuts(text: str) -> tuple[Cut, ...] | None:
    """``to_cuts(list_items(text))`` without building items; None if not valid.

    One pass from each item's text to its two bounds. A list whose items
    come in order and apart (every canonical list) needs no sort and no
    merge: its bounds are the cuts.
    """
    if _is_list(text) is None:
        return None
    body = text[:-1] if text[-1:] == "\n" else text
    if not body:
        return ()
    if len(body) > _CHECK_FIRST and _scan(text) is None:
        return None
    cuts: list[Cut] = []
    ordered = True
    for piece in body.split(","):
        last = piece[-1]
        dash = piece.find("-")
        if last == "*":
            prefix = _numbers(piece[dash + 1 : -2])
            if prefix is None:
                return None
            end = after_prefix(prefix)
            if dash < 0:
                lower = strip_zeros(prefix) + _BEFORE
            else:
                a = _numbers(piece[:dash])
                if a is None or strip_zeros(a) >= end:
                    return None
                lower = (a if a[-1] else strip_zeros(a)) + _BEFORE
            upper = end + _BEFORE
        elif last == "+" or last == "-":
            a = _numbers(piece[:-1])
            if a is None:
                return None
            lower = (a if a[-1] else strip_zeros(a)) + _BEFORE
            upper = (a[0] + 1, BEFORE)
        elif dash < 0:
            a = _numbers(piece)
            if a is None:
                return None
            key = a if a[-1] else strip_zeros(a)
            lower, upper = key + _BEFORE, key + _AFTER
        else:
            a, b = _numbers(piece[:dash]), _numbers(piece[dash + 1 :])
            if a is None or b is None:
                return None
            low = a if a[-1] else strip_zeros(a)
            high = b if b[-1] else strip_zeros(b)
            if low > high:
                return None
            lower, upper = low + _BEFORE, high + _AFTER
        if cuts and lower <= cuts[-1]:
            ordered = False  # it overlaps, touches or precedes the item before
        cuts.append(lower)
        cuts.append(upper)
    if ordered:
        return tuple(cuts)
    return from_intervals(zip(cuts[::2], cuts[1::2], strict=True))


def version(text: str) -> Version | None:
    """The version of a valid ``interface_version`` text; None otherwise."""
    if _version_pattern()(text) is None:
        return None
    numbers = _numbers(text.removesuffix("\n"))
    return None if numbers is None else Version._trusted(numbers)


def version_probe(text: str) -> Cut | None:
    """Where a version text sits among cuts, ``(*key, AT)``; None if the
    text is not a plain version of small numbers (the caller then asks the
    front end, which handles every other case and raises for bad text).

    The hot path of ``"2.1.3" in rangeset``: no Version object is built,
    and trailing zeros are dropped while the components are still strings.
    """
    if len(text) > DEFAULT_MAX_LENGTH:
        return None
    parts = text.split(".")
    try:
        # The common lengths are unpacked by hand, and their trailing zeros
        # (which the key drops) found by comparing strings: about twice as
        # quick as a map over the parts, and this is most of a containment test.
        if len(parts) == 3:
            major, minor, patch = parts
            if patch != "0":
                return (_SMALL[major], _SMALL[minor], _SMALL[patch], AT)
            if minor != "0":
                return (_SMALL[major], _SMALL[minor], AT)
            return (_SMALL[major], AT) if major != "0" else (AT,)
        if len(parts) == 2:
            major, minor = parts
            if minor != "0":
                return (_SMALL[major], _SMALL[minor], AT)
            return (_SMALL[major], AT) if major != "0" else (AT,)
        while parts and parts[-1] == "0":  # the key has no trailing zeros
            parts.pop()
        return (*map(_value, parts), AT)
    except KeyError:
        return None
