"""Laws of the value types' public surface: a total str, text that reads back,
intervals that rebuild the set, pickles by value, constructors from text."""

from __future__ import annotations

import pickle

from hypothesis import given
from hypothesis import strategies as st

from rangespec import Interval, RangeSet, RangeSpecError, Version, parse, parse_version
from rangespec.strategies import range_sets, range_texts, versions

from strategies import ALPHABET


@given(range_sets())
def test_str_never_raises(s: RangeSet) -> None:
    shown = str(s)
    assert f"{s}" == "%s" % s == shown  # noqa: UP031 - %-formatting must work too
    assert shown == (s.to_text() if s.is_representable else shown)


@given(range_sets())
def test_text_reads_back_as_the_set(s: RangeSet) -> None:
    text = s.to_text()
    if text is None:
        assert not s.is_representable
        return
    assert parse(text) == s
    assert RangeSet(text) == s


@given(range_sets(representable=False))
def test_sets_without_text_say_so(s: RangeSet) -> None:
    assert s.to_text() is None
    assert str(s).startswith("{")


@given(range_sets())
def test_intervals_rebuild_the_set(s: RangeSet) -> None:
    assert RangeSet.from_intervals(s.intervals) == s
    assert RangeSet.from_intervals(reversed(s.intervals)) == s
    # every interval is valid as built by its public constructor
    for i in s.intervals:
        assert Interval(i.lower, i.lower_closed, i.upper, i.upper_closed) == i


@given(range_sets(), st.integers(0, pickle.HIGHEST_PROTOCOL))
def test_pickle_round_trips(s: RangeSet, protocol: int) -> None:
    again = pickle.loads(pickle.dumps(s, protocol))
    assert again == s
    assert hash(again) == hash(s)
    assert again.intervals == s.intervals


@given(versions())
def test_version_text_round_trips(v: Version) -> None:
    assert Version(str(v)) == v
    assert pickle.loads(pickle.dumps(v)) == v


def _outcome(f: object, text: str) -> object:
    try:
        return f(text)  # type: ignore[operator]
    except RangeSpecError as err:
        return (err.code, err.offset, err.end, err.message)


@given(st.one_of(st.text(ALPHABET, max_size=20), range_texts(), st.text(max_size=10)))
def test_constructors_from_text_are_parse(text: str) -> None:
    assert _outcome(Version, text) == _outcome(parse_version, text)
    assert _outcome(RangeSet, text) == _outcome(parse, text)
