"""The fast front end agrees with the grammar's front end, which defines the language.

On every text the fast path either declines (None), exactly when the
grammar rejects the text, or builds exactly the items, intervals and
versions the grammar's path builds (which test_grammar_driver.py checks
against Lark itself). These tests run whatever RANGESPEC_NO_FAST_PATH says,
since they call both front ends directly.
"""

from __future__ import annotations

from typing import cast

from hypothesis import example, given
from hypothesis import strategies as st

from rangespec import RangeSpecError, Version, _fastpath, _grammar
from rangespec._cuts import AT
from rangespec._lalr import Run, Unexpected
from rangespec._normalize import to_cuts
from rangespec._record import Record
from rangespec.strategies import grammar_texts

from model import U64_MAX, Item
from strategies import ALPHABET, item_lists, near_misses, text_of, versions


def _shape(value: object) -> object:
    """Items compared field by field, versions by their components as written."""
    if isinstance(value, Version):
        return ("Version", value.components)
    if isinstance(value, tuple):
        return tuple(_shape(v) for v in value)
    if isinstance(value, Record):
        return (type(value).__name__, *(_shape(getattr(value, f)) for f in value.__slots__))
    return value


def _grammar_items(text: str) -> object:
    try:
        return _grammar.grammar_list(text, every_error=False)
    except RangeSpecError:
        return None


def _agree(text: str) -> None:
    expected = _grammar_items(text)
    fast = _fastpath.list_items(text)
    assert _shape(fast) == _shape(expected)
    cuts = _fastpath.list_cuts(text)
    assert cuts == (None if expected is None else to_cuts(expected))  # type: ignore[arg-type]


@given(item_lists, st.booleans())
def test_valid_texts(items: list[Item], newline: bool) -> None:
    text = text_of(items, newline)
    assert _grammar_items(text) is not None
    _agree(text)


@given(near_misses())
def test_near_misses(text: str) -> None:
    _agree(text)


@given(grammar_texts())
@example(f"1.{U64_MAX}.*")
@example(f"1.{U64_MAX + 1}")
@example("3-2")
@example("2.1-2.0.*")
@example("4096.4095-4096.4096")
@example("2.1.0-2.1")  # equal ends, different arity
@example("2.1.0.0-2.1.0.*")
def test_grammar_derived_texts(text: str) -> None:
    _agree(text)


@given(st.text(ALPHABET, max_size=30) | st.text(max_size=30))
def test_any_text(text: str) -> None:
    _agree(text)


def _grammar_version(text: str) -> Version | None:
    run = Run("single_version", _grammar._on_token(text), _grammar._on_rule(text))
    try:
        return cast(Version, run.parse(text).version)  # type: ignore[attr-defined]
    except (Unexpected, _grammar._Rejected):
        return None


@given(versions.map(lambda v: ".".join(map(str, v))) | st.text(ALPHABET, max_size=12))
@example("0")
@example("0.0.0")
@example("0.0")
@example("1.0.0")
@example("1.20.0")
@example("0.1.0.0.0")
@example("1..0")
@example("01.0.0")
@example("2.1.0\n")
@example("4096.1")
def test_versions(text: str) -> None:
    expected = _grammar_version(text)
    fast = _fastpath.version(text)
    assert _shape(fast) == _shape(expected)
    probe = _fastpath.version_probe(text)
    if probe is not None:
        # the probe may decline a valid version, never accept a bad one
        assert expected is not None
        assert probe == (*expected._key, AT)
