"""Version: parsing, spelling, construction, immutability."""

from __future__ import annotations

import copy
import pickle

import pytest

from rangespec import U64_MAX, ErrorCode, RangeSpecError, Version, parse_version

SPELLINGS = [
    ("2", "2.0.0"),
    ("2.1", "2.1.0"),
    ("2.1.3", "2.1.3"),
    ("2.1.3.7", "2.1.3.7"),
    ("2.1.0.0", "2.1.0"),
    ("2.1.0.5", "2.1.0.5"),
    ("0", "0.0.0"),
    ("0.0.0.0.0", "0.0.0"),
    (f"{U64_MAX}.{U64_MAX}", f"{U64_MAX}.{U64_MAX}.0"),
]


@pytest.mark.parametrize(("text", "canonical"), SPELLINGS)
def test_canonical_spelling(text: str, canonical: str) -> None:
    assert str(parse_version(text)) == canonical


def test_order_from_the_spec() -> None:
    chain = ["2.1", "2.1.0.1", "2.1.1", "2.10"]
    versions = [parse_version(t) for t in chain]
    assert versions == sorted(versions)
    assert len(set(versions)) == len(versions)
    assert parse_version("2.1") == parse_version("2.1.0") == parse_version("2.1.0.0")
    assert len({parse_version("2.1"), parse_version("2.1.0"), parse_version("2.1.0.0")}) == 1


INVALID = [
    ("", ErrorCode.UNEXPECTED_END, 0),
    ("\n", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("02.1", ErrorCode.LEADING_ZERO, 0),
    ("2.01", ErrorCode.LEADING_ZERO, 2),
    ("2..1", ErrorCode.UNEXPECTED_CHARACTER, 2),
    ("2.", ErrorCode.UNEXPECTED_END, 2),
    (".2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("v2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("2.1a", ErrorCode.UNEXPECTED_CHARACTER, 3),
    ("+2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("-2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("\uff12", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("\u0662.1", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("2.*", ErrorCode.UNEXPECTED_CHARACTER, 2),
    ("2+", ErrorCode.UNEXPECTED_CHARACTER, 1),
    ("2,3", ErrorCode.UNEXPECTED_CHARACTER, 1),
    ("2.1\n\n", ErrorCode.UNEXPECTED_CHARACTER, 4),
    (f"1.{U64_MAX + 1}", ErrorCode.NUMBER_TOO_LARGE, 2),
    ("1" * 4097, ErrorCode.TOO_LONG, 4096),
]


@pytest.mark.parametrize(("text", "code", "offset"), INVALID)
def test_invalid_versions(text: str, code: ErrorCode, offset: int) -> None:
    with pytest.raises(RangeSpecError) as info:
        parse_version(text)
    assert (info.value.code, info.value.offset) == (code, offset)


def test_construction() -> None:
    v = Version(2, 1, 0)
    assert v.components == (2, 1, 0)
    assert v.major == 2
    assert repr(v) == "Version(2, 1, 0)"
    assert v == Version(2, 1)


def test_construction_from_text() -> None:
    # exactly parse_version's rules: one trailing newline, nothing else
    assert Version("2.1.3") == Version(2, 1, 3) == Version("2.1.3\n")
    assert Version("2.1.0").components == (2, 1, 0)
    for bad, code, offset in INVALID:
        with pytest.raises(RangeSpecError) as info:
            Version(bad)
        assert (info.value.code, info.value.offset) == (code, offset)


@pytest.mark.parametrize(
    ("args", "error"),
    [
        ((), TypeError),
        ((-1,), ValueError),
        ((True,), TypeError),
        (("1", 2), TypeError),
        ((1, "2"), TypeError),
        ((1.0,), TypeError),
        ((b"1",), TypeError),
        (("2.x",), RangeSpecError),
    ],
)
def test_bad_construction(args: tuple[object, ...], error: type[Exception]) -> None:
    with pytest.raises(error):
        Version(*args)  # type: ignore[call-overload]


def test_components_stop_one_past_what_a_text_writes() -> None:
    # 2^64 is reached by set operations (the end of 18446744073709551615.*)
    top = Version(U64_MAX + 1)
    assert str(top) == "18446744073709551616.0.0"
    assert top > Version(U64_MAX)
    # past it nothing is needed, and an int of thousands of digits could not
    # even be printed: refused at once, by size, without printing it
    with pytest.raises(ValueError, match="not negative"):
        Version(-(10**5000))
    for huge in (U64_MAX + 2, 10**5000):
        with pytest.raises(ValueError, match=r"at most 2\^64, not a [0-9]+-bit number"):
            Version(2, huge)


def test_an_int_subclass_is_checked_as_the_int_it_converts_to() -> None:
    def converting_to(value: int) -> int:
        kind = type("Sly", (int,), {"__int__": lambda _: value, "__index__": lambda _: value})
        return kind(1)  # type: ignore[no-any-return]

    with pytest.raises(ValueError, match="at most 2"):
        Version(converting_to(10**5000))
    with pytest.raises(ValueError, match=">= 0"):
        Version(converting_to(-5))
    assert Version(converting_to(7)).components == (7,)
    # and a bad component's message never prints it: a huge int cannot be printed
    with pytest.raises(TypeError, match="not list"):
        Version(0, [10**5000])  # type: ignore[call-overload]


class _Forged:
    """Pickles as a Version of a component no Version may hold."""

    def __reduce__(self) -> tuple[type[Version], tuple[int, ...]]:
        return (Version, (10**5000,))


def test_a_forged_pickle_is_refused_on_load() -> None:
    with pytest.raises(ValueError, match="at most 2"):
        pickle.loads(pickle.dumps(_Forged()))


def test_immutable() -> None:
    v = Version(2, 1)
    with pytest.raises(AttributeError):
        v._key = (3,)
    with pytest.raises(AttributeError):
        del v._components


def test_pickle_and_copy() -> None:
    v = Version(2, 1, 0)
    for clone in (pickle.loads(pickle.dumps(v)), copy.copy(v), copy.deepcopy(v)):
        assert clone == v
        assert clone.components == v.components


def test_not_comparable_with_strings() -> None:
    assert Version(2) != "2"
    with pytest.raises(TypeError):
        _ = Version(2) < "3"  # type: ignore[operator]
