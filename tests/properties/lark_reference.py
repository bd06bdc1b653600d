"""rangespec's front end as Lark itself runs it: the oracle for the table-driven parser.

rangespec parses with its own LALR driver over the tables Lark computed
(rangespec/_tables.py). This module parses the same grammar file with Lark's
own LALR parser and contextual lexer, and builds the same items and errors,
so tests/properties/test_grammar_driver.py can check the two agree on every
text: tokens, reductions, expected sets and error positions.

It shares no parsing code with rangespec; only the item types and the
message wording are the same, as they must be.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any, NamedTuple

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken, VisitError

from rangespec import U64_MAX, Version
from rangespec._items import Closed, ClosedToWildcard, Exact, SameMajor, Wildcard

GRAMMAR = Path(__file__).parents[2] / "grammar" / "rangespec.lark"
LIST, VERSION = "compatible_list", "single_version"


class Failure(NamedTuple):
    """An error as the reference finds it."""

    code: str
    offset: int
    end: int
    message: str


class _Spelled(NamedTuple):
    version: Version
    start: int
    end: int


class _Rejected(Exception):
    """A range check failed: its code, and the spans of the two ends."""

    def __init__(self, code: str, lower: _Spelled, upper: _Spelled) -> None:
        super().__init__(code, lower, upper)
        self.code, self.lower, self.upper = code, lower, upper


def _quote(s: str, limit: int = 24) -> str:
    if len(s) > limit:
        half = (limit - 3) // 2
        s = f"{s[:half]}...{s[-half:]}"
    return f"'{s}'"


@v_args(inline=True)
class _Items(Transformer[Token, Any]):
    def version(self, *numbers: Token) -> _Spelled:
        return _Spelled(
            Version(*map(int, numbers)), numbers[0].start_pos or 0, numbers[-1].end_pos or 0
        )

    def prefix_wildcard(self, *tokens: Token) -> _Spelled:
        *numbers, star = tokens
        return _Spelled(Version(*map(int, numbers)), numbers[0].start_pos or 0, star.end_pos or 0)

    def exact(self, v: _Spelled) -> Exact:
        return Exact(v.version, v.start, v.end)

    def closed(self, lower: _Spelled, _: Token, upper: _Spelled) -> Closed:
        if lower.version > upper.version:
            raise _Rejected("reversed-range", lower, upper)
        return Closed(lower.version, upper.version, lower.start, upper.end)

    def same_major(self, lower: _Spelled, mark: Token) -> SameMajor:
        return SameMajor(lower.version, "+" if mark == "+" else "-", lower.start, mark.end_pos or 0)

    def wildcard(self, p: _Spelled) -> Wildcard:
        return Wildcard(p.version, p.start, p.end)

    def closed_to_wildcard(self, lower: _Spelled, _: Token, p: _Spelled) -> ClosedToWildcard:
        # lower lies before the end of P.* when its leading components are <= P
        padded = (*lower.version.components, *(0,) * len(p.version.components))
        if padded[: len(p.version.components)] > p.version.components:
            raise _Rejected("empty-range", lower, p)
        return ClosedToWildcard(lower.version, p.version, lower.start, p.end)

    def compatible_list(self, *items: object) -> tuple[object, ...]:
        return items

    def single_version(self, v: _Spelled) -> _Spelled:
        return v


@functools.cache
def _bare() -> Lark:
    return Lark(GRAMMAR.read_text(), parser="lalr", lexer="contextual", start=[LIST, VERSION])


@functools.cache
def _parser() -> Lark:
    return Lark(
        GRAMMAR.read_text(),
        parser="lalr",
        lexer="contextual",
        start=[LIST, VERSION],
        transformer=_Items(),
    )


def parse(text: str, start: str) -> object:
    """The items (or the spelled version) of ``text``, or its Failure."""
    interactive = _parser().parse_interactive(text, start=start)
    try:
        for token in interactive.iter_parse():
            # The contextual lexer only yields tokens the state accepts, so a
            # number is checked only where the grammar allows one.
            if token.type == "NUMBER" and (len(token) > 20 or int(token) > U64_MAX):
                return Failure(
                    "number-too-large",
                    token.start_pos or 0,
                    token.end_pos or 0,
                    f"Expected a number of at most {U64_MAX} (2^64-1), found {_quote(str(token))}",
                )
        return interactive.feed_eof()  # type: ignore[no-untyped-call]
    except _Rejected as exc:
        return _rejected(text, exc)
    except VisitError as exc:
        if isinstance(exc.orig_exc, _Rejected):
            return _rejected(text, exc.orig_exc)
        raise
    except UnexpectedInput as exc:
        return _syntax(text, start, exc)


def _rejected(text: str, exc: _Rejected) -> Failure:
    lower = _quote(text[exc.lower.start : exc.lower.end])
    upper = _quote(text[exc.upper.start : exc.upper.end])
    if exc.code == "reversed-range":
        message = (
            f"Expected the lower end of a range to be at most its upper end, found {lower} above "
            f"{upper}"
        )
    else:
        message = (
            f"Expected the lower end of a range to lie before the end of {upper}, found {lower}"
        )
    return Failure(exc.code, exc.lower.start, exc.upper.end, message)


_NAMES = {
    "NUMBER": "a number",
    "_DOT": "'.'",
    "STAR": "'*'",
    "HYPHEN": "'-'",
    "PLUS": "'+'",
    "_COMMA": "','",
    "_NL": "a newline",
    "$END": "the end of the text",
}


def _expected(text: str, start: str, offset: int) -> str:
    interactive = _bare().parse_interactive(text[:offset], start=start)
    interactive.exhaust_lexer()
    accepted = sorted(interactive.accepts(), key=list(_NAMES).index)  # type: ignore[no-untyped-call]
    names = [_NAMES[t] for t in accepted]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _syntax(text: str, start: str, exc: UnexpectedInput) -> Failure:
    if isinstance(exc, UnexpectedToken) and exc.token.type == "$END":
        offset = len(text)
    elif isinstance(exc, UnexpectedToken | UnexpectedCharacters):
        offset = exc.pos_in_stream if exc.pos_in_stream is not None else len(text)
    else:
        offset = len(text)
    if offset >= len(text):
        message = f"Expected {_expected(text, start, len(text))}, found the end of the text"
        return Failure("unexpected-end", len(text), len(text), message)
    if text[offset] in "0123456789" and offset and text[offset - 1] == "0":
        end = offset
        while end < len(text) and text[end] in "0123456789":
            end += 1
        message = f"Expected a number without leading zeros, found {_quote(text[offset - 1 : end])}"
        return Failure("leading-zero", offset - 1, end, message)
    end = offset + 1
    if isinstance(exc, UnexpectedToken) and exc.token.end_pos is not None:
        end = exc.token.end_pos
    return Failure(
        "unexpected-character",
        offset,
        end,
        f"Expected {_expected(text, start, offset)}, found {_describe(text[offset])}",
    )


def _describe(char: str) -> str:
    names = {"\n": "a newline", "\r": "a carriage return", "\t": "a tab", " ": "a space"}
    if char in names:
        return names[char]
    if char == "\x00":
        return "a NUL"
    if char.isascii() and char.isprintable():
        return f"'{char}'"
    name = unicodedata.name(char, "")
    if not name:
        return f"the character U+{ord(char):04X}"
    return f"{char!r} (U+{ord(char):04X} {name})"
