"""RangeSet's interface: construction, membership, views, immutability."""

from __future__ import annotations

import copy
import pickle

import pytest

from rangespec import U64_MAX, ErrorCode, Interval, RangeSet, RangeSpecError, Version, parse


def test_not_constructed_directly() -> None:
    with pytest.raises(TypeError, match="parse"):
        RangeSet()


def test_named_constructors() -> None:
    assert RangeSet.empty() == parse("")
    assert not RangeSet.empty()
    assert RangeSet.singleton(Version(2, 1)) == parse("2.1.0")
    full = RangeSet.full()
    assert Version(0) in full
    assert Version(10**30) in full
    assert full == ~RangeSet.empty()
    with pytest.raises(TypeError):
        RangeSet.singleton("2.1")  # type: ignore[arg-type]


def test_membership_with_strings_and_versions() -> None:
    s = parse("2.0.2-2.0.4,2.1.0+")
    assert "2.1.3" in s
    assert Version(2, 1, 3) in s
    assert "2.1.3\n" in s  # as read from sysfs
    assert "3.0.0" not in s


def test_membership_of_an_over_long_version_string_is_an_error() -> None:
    with pytest.raises(RangeSpecError) as info:
        _ = "1." * 3000 + "1" in parse("1.*")
    assert info.value.code == ErrorCode.TOO_LONG


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2.x", ErrorCode.UNEXPECTED_CHARACTER),
        ("", ErrorCode.UNEXPECTED_END),
        ("02", ErrorCode.LEADING_ZERO),
    ],
)
def test_membership_of_a_non_version_string_is_an_error(text: str, code: ErrorCode) -> None:
    # A typo must never read as "not compatible".
    with pytest.raises(RangeSpecError) as info:
        _ = text in parse("2.*")
    assert info.value.code == code


@pytest.mark.parametrize("bad", [2, 2.1, None, (2, 1)])
def test_membership_of_other_types_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError):
        _ = bad in parse("2.*")


def test_operators_reject_other_types() -> None:
    s = parse("2.*")
    with pytest.raises(TypeError):
        _ = s | "3.*"  # type: ignore[operator]
    with pytest.raises(TypeError):
        s.union("3.*")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _ = s <= "3.*"  # type: ignore[operator]
    assert s != "2.*"


def test_intervals_view() -> None:
    intervals = parse("2.0.2-2.0.4,2.1.0+").intervals
    assert intervals == (
        Interval(Version(2, 0, 2), True, Version(2, 0, 4), True),
        Interval(Version(2, 1), True, Version(3), False),
    )
    assert [str(i) for i in intervals] == ["[2.0.2, 2.0.4]", "[2.1.0, 3.0.0)"]
    assert Version(2, 0, 3) in intervals[0]
    assert Version(3) not in intervals[1]


def test_repr_shows_intervals_for_every_set() -> None:
    assert repr(parse("2.0.2-2.0.4,2.1.0+")) == "<RangeSet {[2.0.2, 2.0.4], [2.1.0, 3.0.0)}>"
    assert repr(~parse("2.*")) == "<RangeSet {[0.0.0, 2.0.0), [3.0.0, +inf)}>"
    assert repr(RangeSet.empty()) == "<RangeSet {}>"


NOT_REPRESENTABLE = [
    # no upper end
    (lambda: ~parse("2.*"), "has no upper end", "[3.0.0, +inf)"),
    (RangeSet.full, "has no upper end", "[0.0.0, +inf)"),
    # an open lower end
    (lambda: parse("2.0.2-2.0.4") - parse("2.0.3"), "open lower end", "(2.0.3, 2.0.4]"),
    # a bound past the u64 ceiling
    (
        lambda: parse("1.*") - parse("1.0-1.18446744073709551615.*"),
        "above 18446744073709551615",
        "[1.18446744073709551616.0, 2.0.0)",
    ),
    # versions past the ceiling can also come in through singleton()
    (
        lambda: parse(f"1.{U64_MAX}-1.{U64_MAX}.*") | RangeSet.singleton(Version(1, U64_MAX + 1)),
        "above 18446744073709551615",
        "[1.18446744073709551615.0, 1.18446744073709551616.0]",
    ),
    (
        lambda: parse("1.*") - RangeSet.singleton(Version(1, U64_MAX + 2)),
        "above 18446744073709551615",
        "[1.0.0, 1.18446744073709551617.0)",
    ),
]


@pytest.mark.parametrize(("make", "why", "interval"), NOT_REPRESENTABLE)
def test_sets_without_text(make: object, why: str, interval: str) -> None:
    s = make()  # type: ignore[operator]
    assert not s.is_representable
    with pytest.raises(RangeSpecError) as info:
        str(s)
    err = info.value
    assert err.code == ErrorCode.NOT_REPRESENTABLE
    assert why in err.message
    assert err.text[err.offset : err.end] == interval
    assert interval in repr(s)


def test_difference_can_stay_representable() -> None:
    s = parse("2.*") - parse("2.1")
    assert repr(s) == "<RangeSet {[2.0.0, 2.1.0), (2.1.0, 3.0.0)}>"
    assert str(parse("2.*") - parse("2.0-2.1.*")) == "2.2.0+"
    assert str(parse("2.*") - parse("2.1.*")) == "2.0.*,2.2.0+"


def test_immutable_and_hashable() -> None:
    s = parse("2.*")
    with pytest.raises(AttributeError):
        s._cuts = ()
    assert {s: 1}[parse("2.0.0+")] == 1


def test_pickle_and_copy() -> None:
    for s in (parse("2.0.2-2.0.4,2.1.0+"), ~parse("2.*"), RangeSet.empty()):
        for clone in (pickle.loads(pickle.dumps(s)), copy.copy(s), copy.deepcopy(s)):
            assert clone == s
