"""rangespec's front end agrees with Lark's own parser on the shipped grammar.

rangespec runs its own LALR driver over the tables Lark built
(rangespec/_tables.py) and, for valid text, a fast regular-expression twin.
Both must give exactly what Lark's LALR parser and contextual lexer give
(tests/properties/lark_reference.py): the same items for valid text, and
for invalid text the same error, code, span and message, whichever part of
the front end finds it.
"""

from __future__ import annotations

from unittest import mock

import lark_reference
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rangespec import U64_MAX, RangeSpecError, Version, _fastpath, _frontend, _grammar
from rangespec._record import Record
from rangespec.strategies import grammar_texts, invalid_texts

from strategies import ALPHABET, item_lists, near_misses, text_of


def _shape(value: object) -> object:
    """Items compared field by field, versions by their components as written."""
    if isinstance(value, Version):
        return ("Version", value.components)
    if isinstance(value, tuple | list):
        return tuple(_shape(v) for v in value)
    if isinstance(value, Record):
        return (type(value).__name__, *(_shape(getattr(value, f)) for f in value.__slots__))
    return value


def _ours(text: str, start: str) -> object:
    try:
        if start == lark_reference.LIST:
            return _shape(_frontend.list_items(text, len(text)))
        version = _frontend.version(text, len(text))
        return _shape(version)
    except RangeSpecError as err:
        return lark_reference.Failure(err.code.value, err.offset, err.end, err.message)


def _theirs(text: str, start: str) -> object:
    found = lark_reference.parse(text, start)
    if isinstance(found, lark_reference.Failure):
        return found
    if start == lark_reference.VERSION:
        return _shape(found.version)  # type: ignore[attr-defined]
    return _shape(found)


def _agree(text: str) -> None:
    for start in (lark_reference.LIST, lark_reference.VERSION):
        assert _ours(text, start) == _theirs(text, start), (text, start)


# A number where the grammar allows none must get the grammar's error, not
# the number check's; and the other way round where a number is allowed.
EXAMPLES = [
    "018446744073709551616",
    "018446744073709551615",
    f"1+{U64_MAX + 1}",
    f"1-{U64_MAX + 1}",
    f"1.*{U64_MAX + 1}",
    f"1,0{U64_MAX + 1}",
    f"2.1\n{U64_MAX + 1}",
    f"{U64_MAX + 1}x",
    "3-2,x",
    "3-2x",
    "2.1-2.0.*,x",
    "1,2,3x,4",
    "2,,",
    ",",
    "\n\n",
    "2.1.3\r\n",
    "0123",
]


@pytest.mark.parametrize("text", EXAMPLES)
def test_examples(text: str) -> None:
    _agree(text)


@given(item_lists, st.booleans())
def test_valid_texts(items: list[object], newline: bool) -> None:
    _agree(text_of(items, newline))  # type: ignore[arg-type]


@given(near_misses())
def test_near_misses(text: str) -> None:
    _agree(text)


@given(invalid_texts(max_length=200).map(lambda bad: bad.text))
def test_generated_near_misses(text: str) -> None:
    _agree(text)


@given(grammar_texts())
@example(f"1.{U64_MAX}.*")
@example("4096.4095-4096.4096")
@example("2.1.0.0-2.1.0.*")
def test_grammar_derived_texts(text: str) -> None:
    _agree(text)


@given(st.text(ALPHABET, max_size=30) | st.text(max_size=20))
def test_any_text(text: str) -> None:
    _agree(text)


def _every_error(text: str) -> list[tuple[object, ...]]:
    try:
        _grammar.grammar_list(text, every_error=True)
    except _frontend.ListErrors as found:
        return [(e.code, e.offset, e.end, e.message) for e in found.errors]
    return []


PIECES = ["1", "0", "x", ",", "2.", "3-2", "1+", "2.*", "\n", f"{U64_MAX + 1}", "2.1-2.0.*"]


@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_starting_at_the_resume_point_changes_nothing(pieces: list[str]) -> None:
    # The grammar may start where the fast path says the first error can be:
    # every error found, and every message, is that of a parse from the start.
    text = "".join(pieces)
    _agree(text)
    resumed = _every_error(text)
    with mock.patch.object(_fastpath, "resume_point", return_value=0):
        assert _every_error(text) == resumed
    point = _fastpath.resume_point(text)
    assert 0 <= point <= len(text)
    assert point == 0 or text[point - 1] == ","


@given(st.lists(st.sampled_from([*PIECES, ",,", ",,,"]), max_size=12))
def test_runs_of_empty_items_read_as_the_parser_reads_them(pieces: list[str]) -> None:
    # validate writes the errors of a run of commas without parsing each
    text = "".join(pieces)
    found = _every_error(text)
    with mock.patch.object(_grammar, "_empty_items", lambda text, comma, errors: comma):
        assert _every_error(text) == found
