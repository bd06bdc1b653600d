"""Tables of the examples people will read: valid texts with their canonical
text, invalid texts with their error code and offset."""

from __future__ import annotations

import pytest

from rangespec import U64_MAX, ErrorCode, RangeSpecError, Version, parse

VALID = [
    # the proposal's example, already canonical
    ("2.0.2-2.0.4,2.1.0+", "2.0.2-2.0.4,2.1.0+"),
    ("2.0.2-2.0.4,2.1.0+\n", "2.0.2-2.0.4,2.1.0+"),
    # empty lists
    ("", ""),
    ("\n", ""),
    # versions print with at least three components, zeros past the third dropped
    ("2", "2.0.0"),
    ("2.1", "2.1.0"),
    ("2.1.0.0", "2.1.0"),
    ("2.1.0.5", "2.1.0.5"),
    ("2.1.3.7", "2.1.3.7"),
    ("0", "0.0.0"),
    # A-A is one version
    ("2.1-2.1.0", "2.1.0"),
    # overlapping and touching items merge, nothing else does
    ("2.0.2-2.0.4,2.0.4-2.0.6", "2.0.2-2.0.6"),
    ("2.0.2-2.0.4,2.0.5-2.0.6", "2.0.2-2.0.4,2.0.5-2.0.6"),
    ("2.0.2-2.0.4,2.0.3", "2.0.2-2.0.4"),
    ("2.0.3,2.0.2-2.0.4", "2.0.2-2.0.4"),
    ("2.0.4,2.0.2", "2.0.2,2.0.4"),
    ("1,1,1", "1.0.0"),
    # A+ and its older spelling A-
    ("2.1.0+", "2.1.0+"),
    ("2.1.0-", "2.1.0+"),
    ("2.0.0+", "2.*"),
    ("2+", "2.*"),
    ("1.5+,2+", "1.5.0-2.*"),
    ("0+", "0.*"),
    # wildcards
    ("2.*", "2.*"),
    ("2.1.*", "2.1.*"),
    ("2.0.*", "2.0.*"),
    ("2.0.0.*", "2.0.0.*"),
    ("2.0.*,2.1.*", "2.0.0-2.1.*"),
    ("2.0.0-2.1.*", "2.0.0-2.1.*"),
    ("2.0.0-2.0.*", "2.0.*"),
    ("2.0-2.0.0.*", "2.0.0.*"),
    ("2.0.5-2.0.*", "2.0.5-2.0.*"),
    ("2.0.5-2.*", "2.0.5+"),
    ("1.0-2.*", "1.0.0-2.*"),
    ("0-1.*", "0.0.0-1.*"),
    ("2.1.*,2.1.0+", "2.1.0+"),
    ("2.0.0-2.0.5,2.0.5-2.0.*", "2.0.*"),
    # A-P.* that ends where a wildcard begins
    ("1.9-1.*,2.*", "1.9.0-2.*"),
    # the u64 ceiling is a limit of the syntax only
    (f"{U64_MAX}", f"{U64_MAX}.0.0"),
    (f"1.{U64_MAX}.*", f"1.{U64_MAX}.*"),
    (f"1.{U64_MAX}+", f"1.{U64_MAX}.0+"),
    (f"1.{U64_MAX}.*,1.{U64_MAX}+", f"1.{U64_MAX}.0+"),
    (f"{U64_MAX}.*", f"{U64_MAX}.*"),
]


@pytest.mark.parametrize(("text", "canonical"), VALID)
def test_canonical_text(text: str, canonical: str) -> None:
    assert str(parse(text)) == canonical


@pytest.mark.parametrize(("text", "canonical"), VALID)
def test_canonical_text_parses_to_the_same_set(text: str, canonical: str) -> None:
    assert parse(canonical) == parse(text)


MEMBERSHIP = [
    (
        "2.0.2-2.0.4,2.1.0+",
        ["2.0.2", "2.0.3", "2.0.4", "2.0.3.9", "2.1", "2.1.7", "2.999.0.5"],
        ["2.0.1", "2.0.5", "2.0.4.1", "3", "3.0.0", "1.9", "2.0.10"],
    ),
    ("2.1.0+", ["2.1.0", "2.1.7", "2.999.0.5"], ["3.0.0", "1.9", "2.0.99"]),
    ("2.1.*", ["2.1", "2.1.0.0", "2.1.99.1"], ["2.2", "2.0.9", "2.10"]),
    ("2.*", ["2", "2.99"], ["3", "1.99"]),
    ("2.0.0-2.1.*", ["2.0.0", "2.0.7", "2.1.9"], ["2.2", "1.9"]),
    ("2.0.0.*", ["2", "2.0.0.0.7", "2.0.0.1"], ["2.0.1", "1.99"]),
    (f"1.{U64_MAX}.*", [f"1.{U64_MAX}.3"], ["2", f"1.{U64_MAX - 1}"]),
]


@pytest.mark.parametrize(("text", "inside", "outside"), MEMBERSHIP)
def test_membership(text: str, inside: list[str], outside: list[str]) -> None:
    s = parse(text)
    assert [v for v in inside if v not in s] == []
    assert [v for v in outside if v in s] == []


INVALID = [
    # versions
    ("02.1", ErrorCode.LEADING_ZERO, 0),
    ("2.01", ErrorCode.LEADING_ZERO, 2),
    ("2.00", ErrorCode.LEADING_ZERO, 2),
    ("1-2.007", ErrorCode.LEADING_ZERO, 4),
    ("2..1", ErrorCode.UNEXPECTED_CHARACTER, 2),
    ("2.", ErrorCode.UNEXPECTED_END, 2),
    (".2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("v2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("2.1a", ErrorCode.UNEXPECTED_CHARACTER, 3),
    ("+2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("-2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("\uff12.1", ErrorCode.UNEXPECTED_CHARACTER, 0),  # fullwidth digit two
    ("2.\u0661", ErrorCode.UNEXPECTED_CHARACTER, 2),  # Arabic-Indic digit one
    ("2\u20101", ErrorCode.UNEXPECTED_CHARACTER, 1),  # Unicode hyphen
    (f"{U64_MAX + 1}", ErrorCode.NUMBER_TOO_LARGE, 0),
    # a number where the grammar allows none gets the grammar's error, however large
    (f"0{U64_MAX + 1}", ErrorCode.LEADING_ZERO, 0),
    (f"0{U64_MAX}", ErrorCode.LEADING_ZERO, 0),
    (f"2.0{U64_MAX + 1}", ErrorCode.LEADING_ZERO, 2),
    (f"1+{U64_MAX + 1}", ErrorCode.UNEXPECTED_CHARACTER, 2),
    (f"1-2.*{U64_MAX + 1}", ErrorCode.UNEXPECTED_CHARACTER, 5),
    (f"2.*{U64_MAX + 1}", ErrorCode.UNEXPECTED_CHARACTER, 3),
    (f"2\n{U64_MAX + 1}", ErrorCode.UNEXPECTED_CHARACTER, 2),
    # ...and where one is allowed, the number check's, before later problems
    (f"1-{U64_MAX + 1}x", ErrorCode.NUMBER_TOO_LARGE, 2),
    (f"2.{U64_MAX + 1}.0", ErrorCode.NUMBER_TOO_LARGE, 2),
    ("1." + "9" * 4000, ErrorCode.NUMBER_TOO_LARGE, 2),
    # items
    ("*", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("2.*-3", ErrorCode.UNEXPECTED_CHARACTER, 3),
    ("2.**", ErrorCode.UNEXPECTED_CHARACTER, 3),
    ("2.*.1", ErrorCode.UNEXPECTED_CHARACTER, 3),
    ("2++", ErrorCode.UNEXPECTED_CHARACTER, 2),
    ("2-3-4", ErrorCode.UNEXPECTED_CHARACTER, 3),
    ("2-+", ErrorCode.UNEXPECTED_CHARACTER, 2),
    ("3-2", ErrorCode.REVERSED_RANGE, 0),
    ("1,2.0.5-2.0.4", ErrorCode.REVERSED_RANGE, 2),
    ("2.1-2.0.*", ErrorCode.EMPTY_RANGE, 0),
    ("1,2.1-2.0.0.*", ErrorCode.EMPTY_RANGE, 2),
    ("2.0.1-2.0.0.*", ErrorCode.EMPTY_RANGE, 0),
    # an item is checked when it is complete, before later problems
    ("3-2,x", ErrorCode.REVERSED_RANGE, 0),
    ("3-2x", ErrorCode.UNEXPECTED_CHARACTER, 3),
    # lists
    (",", ErrorCode.UNEXPECTED_CHARACTER, 0),
    (",2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("2,", ErrorCode.UNEXPECTED_END, 2),
    ("2,,3", ErrorCode.UNEXPECTED_CHARACTER, 2),
    ("2, 3", ErrorCode.UNEXPECTED_CHARACTER, 2),
    (" 2", ErrorCode.UNEXPECTED_CHARACTER, 0),
    ("2 ", ErrorCode.UNEXPECTED_CHARACTER, 1),
    ("2;3", ErrorCode.UNEXPECTED_CHARACTER, 1),
    # the text around the list
    ("2\n\n", ErrorCode.UNEXPECTED_CHARACTER, 2),
    ("\n\n", ErrorCode.UNEXPECTED_CHARACTER, 1),
    ("2\r\n", ErrorCode.UNEXPECTED_CHARACTER, 1),
    ("2\n3", ErrorCode.UNEXPECTED_CHARACTER, 2),
    ("2,\n", ErrorCode.UNEXPECTED_CHARACTER, 2),
    ("2\x00", ErrorCode.UNEXPECTED_CHARACTER, 1),
    ("1" * 4097, ErrorCode.TOO_LONG, 4096),
    ("1," * 2048 + "\n", ErrorCode.TOO_LONG, 4096),
]


@pytest.mark.parametrize(("text", "code", "offset"), INVALID)
def test_invalid(text: str, code: ErrorCode, offset: int) -> None:
    with pytest.raises(RangeSpecError) as info:
        parse(text)
    assert (info.value.code, info.value.offset) == (code, offset)
    assert info.value.text == text


def test_length_limit_counts_the_trailing_newline() -> None:
    text = "1," * 2047 + "1\n"  # 4096 characters with the newline
    assert len(text) == 4096
    assert str(parse(text)) == "1.0.0"


def test_length_limit_is_a_parameter() -> None:
    assert str(parse("2.1.3", max_length=5)) == "2.1.3"
    with pytest.raises(RangeSpecError) as info:
        parse("2.1.3", max_length=4)
    assert (info.value.code, info.value.offset, info.value.end) == (ErrorCode.TOO_LONG, 4, 5)


def test_raised_length_limit_still_bounds_numbers() -> None:
    # A huge number must fail as number-too-large, not as Python's
    # int-digit limit.
    with pytest.raises(RangeSpecError) as info:
        parse("9" * 100_000, max_length=200_000)
    assert info.value.code == ErrorCode.NUMBER_TOO_LARGE


@pytest.mark.parametrize("bad", [-1, 1.5, "10", True, None])
def test_max_length_must_be_a_count(bad: object) -> None:
    with pytest.raises(ValueError, match="max_length"):
        parse("1", max_length=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [b"2.1", None, 2, ["2.1"]])
def test_non_str_input_is_a_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="str"):
        parse(bad)  # type: ignore[arg-type]


def test_ceiling_limits_syntax_only() -> None:
    wildcard, plus = parse(f"1.{U64_MAX}.*"), parse(f"1.{U64_MAX}+")
    assert wildcard < plus
    past_ceiling = Version(1, U64_MAX + 1)
    assert past_ceiling in plus
    assert past_ceiling not in wildcard
