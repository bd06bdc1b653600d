"""RangeSet's interface: construction, membership, views, immutability."""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from pathlib import Path

import pytest

from rangespec import U64_MAX, ErrorCode, Interval, RangeSet, RangeSpecError, Version, parse
from rangespec._canonical import why_not
from rangespec._interval import notation

GOLDEN_PICKLES = Path(__file__).parent / "golden" / "pickles-1.0.pickle"


def test_built_from_text_like_parse() -> None:
    assert RangeSet("2.0.2-2.0.4,2.1.0+\n") == parse("2.0.2-2.0.4,2.1.0+")
    assert RangeSet("") == RangeSet.empty()
    with pytest.raises(RangeSpecError) as info:
        RangeSet("2.01")
    assert (info.value.code, info.value.offset) == (ErrorCode.LEADING_ZERO, 2)
    with pytest.raises(RangeSpecError):
        RangeSet("2.1", max_length=2)
    with pytest.raises(TypeError):
        RangeSet()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="str"):
        RangeSet(2)  # type: ignore[arg-type]


def test_items_past_the_ceiling_are_refused_by_the_named_constructors() -> None:
    # the end of A+ and of P.* is one past a component: from 2^64 it would be
    # a component no Version holds, and such a set could not be pickled back
    with pytest.raises(ValueError, match=r"lower has a component above 2\^64-1"):
        RangeSet.same_major(Version(U64_MAX + 1))
    with pytest.raises(ValueError, match=r"prefix has a component above 2\^64-1"):
        RangeSet.wildcard(Version(1, U64_MAX + 1))
    for s in (RangeSet.same_major(Version(U64_MAX)), RangeSet.wildcard(Version(1, U64_MAX))):
        assert pickle.loads(pickle.dumps(s)) == s
        assert parse(s.to_text() or "") == s


def test_named_constructors() -> None:
    assert RangeSet.empty() == parse("")
    assert not RangeSet.empty()
    assert RangeSet.singleton(Version(2, 1)) == parse("2.1.0") == RangeSet.singleton("2.1")
    full = RangeSet.full()
    assert Version(0) in full
    assert Version(2**64, 2**64) in full
    assert full == ~RangeSet.empty()
    assert RangeSet.closed("2.0.2", Version(2, 0, 4)) == parse("2.0.2-2.0.4")
    assert RangeSet.closed("2.1", "2.1.0") == parse("2.1")
    assert RangeSet.same_major("2.1.0") == parse("2.1.0+")
    assert RangeSet.same_major("0") == parse("0.*")
    assert RangeSet.wildcard("2.0") == parse("2.0.*")
    assert RangeSet.wildcard(Version(2, 0, 0)) == parse("2.0.0.*")
    with pytest.raises(ValueError, match="empty"):
        RangeSet.closed("3", "2")
    with pytest.raises(RangeSpecError):
        RangeSet.singleton("2.x")
    with pytest.raises(TypeError, match="version"):
        RangeSet.singleton(2)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="lower"):
        RangeSet.same_major(None)  # type: ignore[arg-type]


def test_from_intervals_takes_them_in_any_order_and_overlapping() -> None:
    a = Interval("2.0.2", True, "2.0.4", True)
    b = Interval("2.0.3", False, "2.0.6", False)
    c = Interval("3", True, None, False)
    assert RangeSet.from_intervals([c, b, a]) == parse("2.0.2-2.0.6") - parse("2.0.6") | ~parse(
        "0-2.*"
    )
    assert RangeSet.from_intervals([]) == RangeSet.empty()
    with pytest.raises(TypeError, match="Interval"):
        RangeSet.from_intervals(["2.*"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("3", True, "2", True), ValueError),
        (("2", True, "2", False), ValueError),
        (("2", False, "2", True), ValueError),
        (("2", True, None, True), ValueError),
        (("2", 1, "3", True), TypeError),
        ((2, True, "3", True), TypeError),
        (("2", True, 3, True), TypeError),
        (("2.x", True, "3", True), RangeSpecError),
    ],
)
def test_interval_enforces_its_invariants(args: tuple[object, ...], error: type) -> None:
    with pytest.raises(error):
        Interval(*args)  # type: ignore[arg-type]


def test_interval_values() -> None:
    single = Interval("2", True, "2.0", True)
    assert single == Interval(Version(2), True, Version(2, 0, 0), True)
    assert hash(single) == hash(Interval("2.0.0", True, "2", True))
    assert "2" in single
    assert Version(2) in single
    assert repr(single) == "Interval(Version(2), True, Version(2, 0), True)"
    with pytest.raises(AttributeError):
        single.lower = Version(3)
    with pytest.raises(TypeError):
        _ = 2 in single


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
    (lambda: ~parse("2.*"), "no upper end", "[3.0.0, +inf)"),
    (RangeSet.full, "no upper end", "[0.0.0, +inf)"),
    # an open lower end
    (lambda: parse("2.0.2-2.0.4") - parse("2.0.3"), "lower end is open", "(2.0.3, 2.0.4]"),
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
        lambda: parse("1.*") - RangeSet.singleton(Version(1, U64_MAX + 1)),
        "lower end is open",
        "(1.18446744073709551616.0, 2.0.0)",
    ),
]


@pytest.mark.parametrize(("make", "why", "interval"), NOT_REPRESENTABLE)
def test_sets_without_text(make: object, why: str, interval: str) -> None:
    s = make()  # type: ignore[operator]
    assert not s.is_representable
    assert s.to_text() is None
    # str never raises: the interval notation, which no text starts like
    assert str(s) == f"{s}" == "%s" % s == notation(s.intervals)  # noqa: UP031
    assert str(s).startswith("{")
    assert interval in str(s)
    assert interval in repr(s)
    reasons = [why_not(*i._cuts()) for i in s.intervals]
    bad = [str(i) for i, r in zip(s.intervals, reasons, strict=True) if r is not None]
    assert interval in bad
    assert any(r is not None and why in r for r in reasons)


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


PICKLED: dict[str, Callable[[], object]] = {
    "list": lambda: parse("2.0.2-2.0.4,2.1.0+"),
    "complement": lambda: ~parse("2.*"),
    "open lower end": lambda: parse("2.0.2-2.0.4") - parse("2.0.3"),
    "empty": RangeSet.empty,
    "version": lambda: Version(2, 1, 0),
    "interval": lambda: Interval("2", False, None, False),
}


def test_pickle_and_copy() -> None:
    for make in PICKLED.values():
        s = make()
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            assert pickle.loads(pickle.dumps(s, protocol)) == s
        assert copy.copy(s) == s
        assert copy.deepcopy(s) == s


def test_pickles_hold_no_private_encoding() -> None:
    # By value, through public constructors: the cut encoding never appears.
    for protocol in range(2, pickle.HIGHEST_PROTOCOL + 1):
        data = pickle.dumps(~parse("2.*"), protocol)
        assert b"from_intervals" in data
        for private in (b"rangespec._", b"_cuts", b"_from_cuts", b"_key"):
            assert private not in data


def test_pickles_committed_in_the_repository_still_load() -> None:
    # tests/golden/pickles-1.0.pickle was written by rangespec 1.0.0.dev0 with
    # protocol 2 (the oldest a Python 3 pickle needs); it must load for ever.
    stored = pickle.loads(GOLDEN_PICKLES.read_bytes())
    assert stored == {name: make() for name, make in PICKLED.items()}
