"""The grammar's front end: text -> items by the grammar's own tables, or the diagnostics.

This is where a text goes when the fast twin (``_fastpath``) declines it:
``_lalr`` runs the tables Lark built from grammar/rangespec.lark, and the
rules here build the items and check what the grammar cannot express.
Every message and offset comes from here, so from the grammar. It is
loaded only when a text needs it: valid text never does.

Errors are found in one left-to-right pass, and the first one found is
raised: a number is checked when it is read in a place the grammar allows a
number, an item when it is complete (the parser sees the ``,``, newline or
end after it).
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from collections.abc import Callable
from typing import Final, Literal, NamedTuple, cast

from . import _fastpath
from ._cuts import after_prefix
from ._errors import ErrorCode, RangeSpecError
from ._excerpt import clip
from ._frontend import ListErrors
from ._items import Closed, ClosedToWildcard, Exact, Item, SameMajor, Wildcard
from ._lalr import END_OF_TEXT, OnRule, OnToken, Run, Saved, Unexpected
from ._limits import U64_MAX, fits_u64
from ._version import Version

__all__ = ["LIST", "VERSION", "grammar_list", "grammar_version"]

LIST: Final = "compatible_list"
VERSION: Final = "single_version"


def grammar_version(text: str) -> Version:
    """The version of an ``interface_version`` text, or its diagnostic."""
    try:
        spelled = Run(VERSION, _on_token(text), _on_rule(text)).parse(text)
    except (Unexpected, _Rejected) as exc:
        raise _error(text, exc) from None
    return cast(_Spelled, spelled).version


def grammar_list(text: str, *, every_error: bool) -> tuple[Item, ...]:
    """Parse a list with the grammar: its items, or its diagnostics.

    When the fast twin has looked at the text first, the grammar starts at
    the first item that can hold an error: all items before it are valid
    and end in a comma, and every item after a comma starts in the same
    parser state, so the diagnostics are those of a parse from the start.
    (Only the diagnostics: the items before that point are not built, so a
    text found valid after all is parsed again from the start.)
    """
    start = _fastpath.resume_point(text) if _fastpath.ENABLED else 0
    run = Run(LIST, _on_token(text), _on_rule(text))
    after_comma = _after_comma()
    if start:
        run.restore(after_comma)
    errors: list[RangeSpecError] = []

    def resume(error: RangeSpecError) -> int:
        """Note the error; go on after the next comma, in the state after a
        comma, so each bad item gets one error, as it would read in place."""
        errors.append(error)
        comma = text.find(",", error.offset)
        if comma < 0:
            raise ListErrors(errors)
        comma = _empty_items(text, comma, errors)
        run.restore(after_comma)
        return comma + 1

    def on_error(offset: int, end: int, expected: tuple[str, ...]) -> int:
        return resume(_unexpected(text, offset, end, expected))

    while True:
        try:
            items = run.parse(text, start, on_error if every_error else None)
        except (Unexpected, _Rejected) as exc:
            error = _error(text, exc)
            if not every_error:
                raise error from None
            try:
                start = resume(error)
            except ListErrors:
                raise ListErrors(errors) from None
            continue
        if errors:
            raise ListErrors(errors)
        if run.resumed:
            return _from_start(text)
        return tuple(cast("list[Item]", items))


def _from_start(text: str) -> tuple[Item, ...]:
    try:
        items = Run(LIST, _on_token(text), _on_rule(text)).parse(text)
    except (Unexpected, _Rejected) as exc:  # pragma: no cover - the resumed parse found none
        raise _error(text, exc) from None
    return tuple(cast("list[Item]", items))


def _empty_items(text: str, comma: int, errors: list[RangeSpecError]) -> int:
    """The errors of the empty items in the run of commas from ``comma``; the
    last comma of the run.

    Each comma of the run after the first is an empty item read in the
    state after a comma, so its error is known without parsing it: that
    state's "Expected ..., found ','". A text of thousands of commas costs
    an error each, not a parse step each.
    """
    while text.startswith(",", comma + 1):
        comma += 1
        errors.append(
            RangeSpecError(ErrorCode.UNEXPECTED_CHARACTER, _empty_item(), text, comma, comma + 1)
        )
    return comma


@functools.cache
def _empty_item() -> str:
    """The message of a comma where an item must start."""
    run = Run(LIST, _on_token(""), _on_rule(""))
    run.restore(_after_comma())
    return _message(run.expected(), ",")


_AFTER_COMMA: list[Saved] = []


def _after_comma() -> Saved:
    """The parser's state after ``0,``: where every item but the first starts."""
    if not _AFTER_COMMA:
        run = Run(LIST, _on_token("0,"), _on_rule("0,"))
        with contextlib.suppress(Unexpected):  # the end after a comma: the state wanted
            run.parse("0,")
        _AFTER_COMMA.append(run.copy_state())
    return _AFTER_COMMA[0]


class _Spelled(NamedTuple):
    """A version and where it was written."""

    version: Version
    start: int
    end: int


class _Rejected(Exception):
    """A check failed while parsing; ``_error`` adds the text to make the error."""

    def __init__(self, code: ErrorCode, message: str, start: int, end: int) -> None:
        super().__init__(code, message, start, end)
        self.code, self.message, self.start, self.end = code, message, start, end


def _on_token(text: str) -> OnToken:
    def token(terminal: str, start: int, end: int) -> object:
        if terminal != "NUMBER":
            return text[start:end]  # the mark: "+", "-", "*" (the rest are dropped)
        numeral = text[start:end]
        if not fits_u64(numeral):
            raise _Rejected(
                ErrorCode.NUMBER_TOO_LARGE,
                f"Expected a number of at most {U64_MAX} (2^64-1), found {clip(numeral)}",
                start,
                end,
            )
        return int(numeral)  # at most 20 digits: cheap; small ones are shared

    return token


def _on_rule(text: str) -> OnRule:
    def rule(name: str, children: list[object], start: int, end: int) -> object:
        return _RULES[name](text, start, end, *children)

    return rule


def _version(text: str, start: int, end: int, *numbers: int) -> _Spelled:
    return _Spelled(Version._trusted(numbers), start, end)


def _prefix(text: str, start: int, end: int, *numbers_and_star: object) -> _Spelled:
    numbers = cast("tuple[int, ...]", numbers_and_star[:-1])
    return _Spelled(Version._trusted(numbers), start, end)


def _exact(text: str, start: int, end: int, v: _Spelled) -> Exact:
    return Exact(v.version, start, end)


def _closed(text: str, start: int, end: int, lower: _Spelled, _: str, upper: _Spelled) -> Closed:
    if lower.version > upper.version:
        raise _Rejected(
            ErrorCode.REVERSED_RANGE,
            "Expected the lower end of a range to be at most its upper end, found "
            f"{clip(text[lower.start : lower.end])} above {clip(text[upper.start : upper.end])}",
            start,
            end,
        )
    return Closed(lower.version, upper.version, start, end)


def _same_major(text: str, start: int, end: int, lower: _Spelled, mark: str) -> SameMajor:
    spelling: Literal["+", "-"] = "+" if mark == "+" else "-"
    return SameMajor(lower.version, spelling, start, end)


def _wildcard(text: str, start: int, end: int, prefix: _Spelled) -> Wildcard:
    return Wildcard(prefix.version, start, end)


def _closed_to_wildcard(
    text: str, start: int, end: int, lower: _Spelled, _: str, prefix: _Spelled
) -> ClosedToWildcard:
    if lower.version._key >= after_prefix(prefix.version.components):
        raise _Rejected(
            ErrorCode.EMPTY_RANGE,
            "Expected the lower end of a range to lie before the end of "
            f"{clip(text[prefix.start : prefix.end])}, found {clip(text[lower.start : lower.end])}",
            start,
            end,
        )
    return ClosedToWildcard(lower.version, prefix.version, start, end)


def _items(text: str, start: int, end: int, *items: Item) -> list[Item]:
    return list(items)


def _single(text: str, start: int, end: int, v: _Spelled) -> _Spelled:
    return v


_RULES: Final[dict[str, Callable[..., object]]] = {
    "version": _version,
    "prefix_wildcard": _prefix,
    "exact": _exact,
    "closed": _closed,
    "same_major": _same_major,
    "wildcard": _wildcard,
    "closed_to_wildcard": _closed_to_wildcard,
    "compatible_list": _items,
    "single_version": _single,
}


# -- diagnostics -------------------------------------------------------------


# How the grammar's terminal names read in "Expected ..." messages, in the
# order they are listed.
_EXPECTED_NAMES: Final = {
    "NUMBER": "a number",
    "_DOT": "'.'",
    "STAR": "'*'",
    "HYPHEN": "'-'",
    "PLUS": "'+'",
    "_COMMA": "','",
    "_NL": "a newline",
    END_OF_TEXT: "the end of the text",
}
_DIGITS: Final = frozenset("0123456789")


def _error(text: str, exc: Unexpected | _Rejected) -> RangeSpecError:
    if isinstance(exc, _Rejected):
        return RangeSpecError(exc.code, exc.message, text, exc.start, exc.end)
    return _unexpected(text, exc.offset, exc.end, exc.expected)


def _unexpected(text: str, offset: int, end: int, expected: tuple[str, ...]) -> RangeSpecError:
    """The error for a symbol at ``offset..end`` the grammar does not allow there."""
    if offset >= len(text):
        message = _message(expected, "")
        return RangeSpecError(ErrorCode.UNEXPECTED_END, message, text, len(text))
    if text[offset] in _DIGITS and offset and text[offset - 1] == "0":
        # A number is maximal munch, so only a "0" token can be followed by
        # a digit: the number starting at that "0" has a leading zero.
        end = _digits(text, offset).end()  # type: ignore[union-attr]  # "*" always matches
        return RangeSpecError(
            ErrorCode.LEADING_ZERO,
            f"Expected a number without leading zeros, found {clip(text[offset - 1 : end])}",
            text,
            offset - 1,
            end,
        )
    return RangeSpecError(
        ErrorCode.UNEXPECTED_CHARACTER, _message(expected, text[offset]), text, offset, end
    )


_digits: Final = re.compile("[0-9]*").match


@functools.lru_cache(maxsize=1024)
def _message(terminals: tuple[str, ...], found: str) -> str:
    """ "Expected ..., found ..." for a character, or ``""``, the end of the text.

    Cached: a text with thousands of bad items asks the same few questions.
    """
    what = _describe(found) if found else "the end of the text"
    return f"Expected {_expected(terminals)}, found {what}"


def _expected(terminals: tuple[str, ...]) -> str:
    names = [_EXPECTED_NAMES[t] for t in sorted(terminals, key=_ORDER.__getitem__)]
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


_ORDER: Final = {name: i for i, name in enumerate(_EXPECTED_NAMES)}


_CHARACTER_NAMES: Final = {
    "\n": "a newline",
    "\r": "a carriage return",
    "\t": "a tab",
    " ": "a space",
    "\x00": "a NUL",
}


def _describe(char: str) -> str:
    """An unexpected character, named so that look-alikes cannot confuse."""
    if char in _CHARACTER_NAMES:
        return _CHARACTER_NAMES[char]
    if char.isascii() and char.isprintable():
        return f"'{char}'"
    if "\udc80" <= char <= "\udcff":
        # a byte that was not UTF-8, kept by surrogateescape (argv, file names):
        # named as the byte the excerpt shows, not as the surrogate
        return f"the byte 0x{ord(char) - 0xDC00:02x} (not UTF-8)"
    name = unicodedata.name(char, "")
    if not name:  # control characters and lone surrogates have no name
        return f"the character U+{ord(char):04X}"
    return f"{char!r} (U+{ord(char):04X} {name})"
