"""Front end: text -> items, by the shipped Lark grammar.

``parse_items`` and ``parse_version`` are the only ways in. Each tries the
fast twin (``_fastpath``) first; when the twin rejects a text, the Lark
parser runs to produce the diagnostic, so messages and offsets always come
from the grammar.

Errors are found in one left-to-right pass, and the first one found is
raised: a number is checked as soon as it is read, an item as soon as it is
complete (the parser sees the ``,``, newline or end after it).
"""

from __future__ import annotations

import functools
import unicodedata
from importlib.resources import files
from typing import Final, Literal, NamedTuple, cast

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from . import _fastpath
from ._limits import DEFAULT_MAX_LENGTH
from .errors import ErrorCode, RangeSpecError
from .items import Closed, ClosedToWildcard, Exact, Item, SameMajor, Wildcard
from .version import U64_MAX, Version, _after_prefix, _prefix_text

__all__ = ["DEFAULT_MAX_LENGTH", "check_text", "parse_items", "parse_version"]


_LIST: Final = "compatible_list"
_VERSION: Final = "single_version"
_U64_DIGITS: Final = len(str(U64_MAX))

# How the parser's terminal names read in "Expected ..." messages.
_EXPECTED_NAMES: Final = {
    "NUMBER": "a number",
    "_DOT": "'.'",
    "STAR": "'*'",
    "HYPHEN": "'-'",
    "PLUS": "'+'",
    "_COMMA": "','",
    "_NL": "a newline",
    "$END": "the end of the text",
}


def parse_items(text: str, max_length: int = DEFAULT_MAX_LENGTH) -> tuple[Item, ...]:
    """The items of an ``interface_version_compatible`` text, in text order.

    Raises RangeSpecError for invalid text, TypeError for a non-str.
    """
    check_text(text, max_length)
    if _fastpath.ENABLED:
        items = _fastpath.parse_items(text)
        if items is not None:
            return items
    return cast("tuple[Item, ...]", _run(text, _LIST))


def parse_version(text: str, max_length: int = DEFAULT_MAX_LENGTH) -> Version:
    """The version an ``interface_version`` text holds (one trailing newline allowed)."""
    check_text(text, max_length)
    if _fastpath.ENABLED:
        version = _fastpath.parse_version(text)
        if version is not None:
            return version
    return cast(_Spelled, _run(text, _VERSION)).version


def check_text(text: str, max_length: int) -> None:
    """The checks before any parsing: a str, not longer than ``max_length``."""
    if not isinstance(text, str):
        raise TypeError(f"rangespec text must be str, not {type(text).__name__}")
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 0:
        raise ValueError(f"max_length must be an int >= 0, not {max_length!r}")
    # Bounded before any other work, so a huge input costs nothing.
    if len(text) > max_length:
        raise RangeSpecError(
            ErrorCode.TOO_LONG,
            f"Expected at most {max_length} characters, found {len(text)}",
            text,
            max_length,
            len(text),
        )


class _Spelled(NamedTuple):
    """A version and where it was written."""

    version: Version
    start: int
    end: int


class _Rejected(Exception):
    """A check failed while parsing; ``_run`` adds the text to make the error."""

    def __init__(self, code: ErrorCode, message: str, start: int, end: int) -> None:
        super().__init__(code, message, start, end)
        self.code, self.message, self.start, self.end = code, message, start, end


def _check_number(token: Token) -> Token:
    # Counting digits first keeps int() away from huge strings (and from
    # Python's int-digit limit when max_length is raised).
    if len(token) > _U64_DIGITS or int(token) > U64_MAX:
        raise _Rejected(
            ErrorCode.NUMBER_TOO_LARGE,
            f"Expected a number of at most {U64_MAX} (2^64-1)",
            token.start_pos or 0,
            token.end_pos or 0,
        )
    return token


@v_args(inline=True)
class _ToItems(Transformer[Token, object]):
    """Builds items during the LALR parse, checking each as it completes."""

    def version(self, *numbers: Token) -> _Spelled:
        return _Spelled(
            Version(*map(int, numbers)), numbers[0].start_pos or 0, numbers[-1].end_pos or 0
        )

    def exact(self, v: _Spelled) -> Exact:
        return Exact(v.version, v.start, v.end)

    def closed(self, lower: _Spelled, _hyphen: Token, upper: _Spelled) -> Closed:
        if lower.version > upper.version:
            raise _Rejected(
                ErrorCode.REVERSED_RANGE,
                f"Expected the lower end of a range to be at most its upper end "
                f"({lower.version} > {upper.version})",
                lower.start,
                upper.end,
            )
        return Closed(lower.version, upper.version, lower.start, upper.end)

    def same_major(self, lower: _Spelled, mark: Token) -> SameMajor:
        spelling: Literal["+", "-"] = "+" if mark == "+" else "-"
        return SameMajor(lower.version, spelling, lower.start, mark.end_pos or 0)

    def prefix_wildcard(self, *tokens: Token) -> _Spelled:
        *numbers, star = tokens
        return _Spelled(Version(*map(int, numbers)), numbers[0].start_pos or 0, star.end_pos or 0)

    def wildcard(self, prefix: _Spelled) -> Wildcard:
        return Wildcard(prefix.version, prefix.start, prefix.end)

    def closed_to_wildcard(
        self, lower: _Spelled, _hyphen: Token, prefix: _Spelled
    ) -> ClosedToWildcard:
        end = prefix.end
        if lower.version._key >= _after_prefix(prefix.version.components):
            raise _Rejected(
                ErrorCode.EMPTY_RANGE,
                f"Expected the lower end of a range to lie before the end of "
                f"{_prefix_text(prefix.version)}.*",
                lower.start,
                end,
            )
        return ClosedToWildcard(lower.version, prefix.version, lower.start, end)

    def compatible_list(self, *items: Item) -> tuple[Item, ...]:
        return items

    def single_version(self, v: _Spelled) -> _Spelled:
        return v


def _grammar() -> str:
    return files("rangespec").joinpath("rangespec.lark").read_text(encoding="utf-8")


@functools.cache
def _parser() -> Lark:
    # The transformer runs inside the LALR parser: no tree is built.
    return Lark(
        _grammar(),
        parser="lalr",
        lexer="contextual",
        start=[_LIST, _VERSION],
        transformer=_ToItems(),
        lexer_callbacks={"NUMBER": _check_number},
    )


@functools.cache
def _bare_parser() -> Lark:
    # For error messages only: asking which terminals a parser state accepts
    # must not run the item checks.
    return Lark(_grammar(), parser="lalr", lexer="contextual", start=[_LIST, _VERSION])


def _run(text: str, start: str) -> object:
    """Parse ``text`` from the grammar rule ``start``, or raise RangeSpecError."""
    try:
        return _parser().parse(text, start=start)
    except _Rejected as exc:
        raise RangeSpecError(exc.code, exc.message, text, exc.start, exc.end) from exc
    except UnexpectedInput as exc:
        raise _syntax_error(text, start, exc) from exc


def _syntax_error(text: str, start: str, exc: UnexpectedInput) -> RangeSpecError:
    if isinstance(exc, UnexpectedToken) and exc.token.type == "$END":
        offset = len(text)
    elif isinstance(exc, (UnexpectedToken, UnexpectedCharacters)):
        offset = exc.pos_in_stream if exc.pos_in_stream is not None else len(text)
    else:  # UnexpectedEOF: its position is -1
        offset = len(text)
    if offset >= len(text):
        expected = _expected(text, start, len(text))
        message = f"Expected {expected}, found the end of the text"
        return RangeSpecError(ErrorCode.UNEXPECTED_END, message, text, len(text))
    if text[offset] in _DIGITS and offset and text[offset - 1] == "0":
        # NUMBER is maximal munch, so only a "0" token can be followed by a
        # digit: the number starting at that "0" has a leading zero.
        end = offset
        while end < len(text) and text[end] in _DIGITS:
            end += 1
        return RangeSpecError(
            ErrorCode.LEADING_ZERO,
            "Expected a number without leading zeros",
            text,
            offset - 1,
            end,
        )
    expected = _expected(text, start, offset)
    end = offset + 1
    if isinstance(exc, UnexpectedToken) and exc.token.end_pos is not None:
        end = exc.token.end_pos
    return RangeSpecError(
        ErrorCode.UNEXPECTED_CHARACTER,
        f"Expected {expected}, found {_describe(text[offset])}",
        text,
        offset,
        end,
    )


_DIGITS: Final = frozenset("0123456789")


def _expected(text: str, start: str, offset: int) -> str:
    """What the grammar accepts at ``offset``, given that ``text[:offset]`` parsed."""
    interactive = _bare_parser().parse_interactive(text[:offset], start=start)
    interactive.exhaust_lexer()
    # Lark leaves accepts() unannotated; it returns terminal names.
    accepted = cast("set[str]", interactive.accepts())  # type: ignore[no-untyped-call]
    names = [_EXPECTED_NAMES[t] for t in sorted(accepted, key=_ORDER.__getitem__)]
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
    name = unicodedata.name(char, "")
    if not name:  # control characters and lone surrogates have no name
        return f"the character U+{ord(char):04X}"
    return f"{char!r} (U+{ord(char):04X} {name})"
