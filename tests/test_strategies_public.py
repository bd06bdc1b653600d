"""rangespec.strategies: what each strategy claims, the edges it reaches,
how it shrinks, and how it checks its arguments."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from rangespec import U64_MAX, ErrorCode, RangeSet, RangeSpecError, Version, parse
from rangespec.strategies import (
    InvalidText,
    grammar_texts,
    invalid_texts,
    range_sets,
    range_texts,
    versions,
)

T = TypeVar("T")
_FIND = settings(max_examples=5000, database=None, suppress_health_check=list(HealthCheck))


def _reaches(strategy: st.SearchStrategy[T], condition: Callable[[T], bool]) -> T:
    return find(strategy, condition, settings=_FIND)


# -- versions ------------------------------------------------------------------


@given(versions())
def test_versions_are_versions(v: Version) -> None:
    assert isinstance(v, Version)
    assert all(0 <= c <= U64_MAX for c in v.components)
    assert 1 <= len(v.components) <= 5


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda v: 0 in v.components, id="zero"),
        pytest.param(lambda v: len(v.components) > 1 and v.components[-1] == 0, id="trailing zero"),
        pytest.param(lambda v: len(v.components) == 1, id="one component"),
        pytest.param(lambda v: len(v.components) == 5, id="five components"),
        pytest.param(lambda v: U64_MAX in v.components, id="2^64-1"),
        pytest.param(lambda v: U64_MAX - 1 in v.components, id="2^64-2"),
    ],
)
def test_versions_reach(condition: Callable[[Version], bool]) -> None:
    _reaches(versions(), condition)


def test_versions_shrink_to_zero() -> None:
    assert _reaches(versions(), lambda v: True).components == (0,)
    three = _reaches(versions(), lambda v: len(v.components) >= 3).components
    assert len(three) == 3
    assert max(three) <= 3


@given(versions(min_components=3, max_components=3, max_value=9))
def test_versions_options(v: Version) -> None:
    assert len(v.components) == 3
    assert max(v.components) <= 9


@pytest.mark.parametrize(
    "kwargs",
    [
        {"min_components": 0},
        {"min_components": 3, "max_components": 2},
        {"max_value": -1},
        {"max_value": U64_MAX + 1},
        {"max_components": "5"},
        {"min_components": True},
    ],
)
def test_versions_check_arguments(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidArgument):
        versions(**kwargs).example()  # type: ignore[arg-type]


# -- range_texts -------------------------------------------------------------------


@given(range_texts())
def test_range_texts_are_valid(text: str) -> None:
    parse(text)


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda t: t == "", id="empty"),
        pytest.param(lambda t: t.endswith("\n"), id="trailing newline"),
        pytest.param(lambda t: any(i.endswith("-") for i in t.strip().split(",")), id="A- alias"),
        pytest.param(lambda t: any(i.endswith("+") for i in t.strip().split(",")), id="A+"),
        pytest.param(
            lambda t: any("-" in i and i.endswith(".*") for i in t.strip().split(",")), id="A-P.*"
        ),
        pytest.param(lambda t: len(set(t.split(","))) < len(t.split(",")), id="a duplicate"),
        pytest.param(lambda t: str(parse(t)).count(",") < t.count(","), id="items that merge"),
        pytest.param(lambda t: t != "" and str(parse(t)) != t.strip(), id="not canonical"),
    ],
)
def test_range_texts_reach(condition: Callable[[str], bool]) -> None:
    _reaches(range_texts(), condition)


def test_range_texts_shrink() -> None:
    assert _reaches(range_texts(), lambda t: True) == ""
    assert len(_reaches(range_texts(), lambda t: "*" in t)) <= 5  # "0.*", or "0,0.*"


@given(range_texts(min_items=2, max_items=3))
def test_range_texts_options(text: str) -> None:
    assert 2 <= text.count(",") + 1 <= 3


def test_range_texts_check_arguments() -> None:
    with pytest.raises(InvalidArgument):
        range_texts(min_items=3, max_items=1).example()


# -- range_sets ---------------------------------------------------------------------


@given(range_sets())
def test_range_sets_are_sets(s: RangeSet) -> None:
    assert isinstance(s, RangeSet)
    assert len(s.intervals) <= 5


@given(range_sets(representable=True))
def test_representable_sets_have_text(s: RangeSet) -> None:
    assert parse(str(s)) == s


@given(range_sets(representable=False))
def test_unrepresentable_sets_have_none(s: RangeSet) -> None:
    assert not s.is_representable
    assert s.to_text() is None


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda s: not s, id="the empty set"),
        pytest.param(lambda s: s.intervals and s.intervals[-1].upper is None, id="no upper end"),
        pytest.param(
            lambda s: any(not i.lower_closed for i in s.intervals), id="an open lower end"
        ),
        pytest.param(lambda s: s.is_representable and ".*" in str(s), id="a wildcard end"),
        pytest.param(lambda s: len(s.intervals) >= 3, id="several intervals"),
    ],
)
def test_range_sets_reach(condition: Callable[[RangeSet], bool]) -> None:
    _reaches(range_sets(), condition)


def test_range_sets_shrink_to_the_empty_set() -> None:
    assert _reaches(range_sets(), lambda s: True) == RangeSet.empty()


def test_range_sets_check_arguments() -> None:
    with pytest.raises(InvalidArgument):
        range_sets(representable="yes").example()  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        range_sets(max_intervals=0, representable=False).example()


# -- invalid_texts -----------------------------------------------------------------


@given(invalid_texts())
def test_invalid_texts_fail_where_they_say(bad: InvalidText) -> None:
    with pytest.raises(RangeSpecError) as info:
        parse(bad.text)
    assert (info.value.code, info.value.offset) == (bad.code, bad.offset)


@given(invalid_texts(max_length=40))
def test_invalid_texts_with_a_length_limit(bad: InvalidText) -> None:
    with pytest.raises(RangeSpecError) as info:
        parse(bad.text, max_length=40)
    assert (info.value.code, info.value.offset) == (bad.code, bad.offset)


@pytest.mark.parametrize("code", list(ErrorCode))
def test_invalid_texts_reach_every_code(code: ErrorCode) -> None:
    _reaches(invalid_texts(), lambda bad: bad.code == code)


@pytest.mark.parametrize(
    ("condition", "longest"),
    [
        pytest.param(lambda b: b.code == ErrorCode.LEADING_ZERO, 4, id="leading zero"),
        pytest.param(lambda b: b.code == ErrorCode.REVERSED_RANGE, 5, id="reversed range"),
        pytest.param(lambda b: any(c.isspace() for c in b.text), 3, id="whitespace"),
        pytest.param(lambda b: "\uff10" in b.text or "\u2010" in b.text, 5, id="look-alike"),
    ],
)
def test_invalid_texts_shrink(condition: Callable[[InvalidText], bool], longest: int) -> None:
    assert len(_reaches(invalid_texts(), condition).text) <= longest


def test_invalid_texts_check_arguments() -> None:
    with pytest.raises(InvalidArgument):
        invalid_texts(max_length=3).example()


# -- grammar_texts, from_type, the import guard ------------------------------------


# only the rules the grammar cannot express may reject a grammar-derived text
_SEMANTIC = {ErrorCode.NUMBER_TOO_LARGE, ErrorCode.REVERSED_RANGE, ErrorCode.EMPTY_RANGE}


@given(grammar_texts())
def test_grammar_texts_are_syntactically_valid(text: str) -> None:
    codes = set()
    try:
        parse(text)
    except RangeSpecError as err:
        codes.add(err.code)
    assert codes <= _SEMANTIC


@given(st.from_type(Version), st.from_type(RangeSet))
def test_from_type_is_registered(v: Version, s: RangeSet) -> None:
    assert isinstance(v, Version)
    assert isinstance(s, RangeSet)


def test_clear_import_error_without_hypothesis() -> None:
    block = "import sys; sys.modules['hypothesis'] = None; "
    code = block + "import rangespec.strategies"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "pip install 'rangespec[hypothesis]'" in done.stderr
    # the rest of rangespec does not need it
    code = block + "import rangespec; print(rangespec.parse('2+'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "2.*\n")
