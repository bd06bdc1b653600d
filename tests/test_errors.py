"""How errors read: golden renderings with the caret under the problem."""

from __future__ import annotations

import pickle

import pytest

from rangespec import ErrorCode, RangeSpecError, parse

GOLDEN = [
    (
        "2.01",
        "Expected a number without leading zeros (leading-zero at offset 2)\n  2.01\n    ^~",
    ),
    (
        "2.0.2-2.0.4,,2.1.0+",
        "Expected a number, found ',' (unexpected-character at offset 12)\n"
        "  2.0.2-2.0.4,,2.1.0+\n"
        "              ^",
    ),
    (
        "2.0.5-2.0.4",
        "Expected the lower end of a range to be at most its upper end (2.0.5 > 2.0.4) "
        "(reversed-range at offset 0)\n  2.0.5-2.0.4\n  ^~~~~~~~~~~",
    ),
    (
        "2.1-2.0.*",
        "Expected the lower end of a range to lie before the end of 2.0.* "
        "(empty-range at offset 0)\n  2.1-2.0.*\n  ^~~~~~~~~",
    ),
    (
        "2.1,",
        "Expected a number, found the end of the text (unexpected-end at offset 4)\n"
        "  2.1,\n      ^",
    ),
    (
        "2.",
        "Expected a number or '*', found the end of the text (unexpected-end at offset 2)\n"
        "  2.\n    ^",
    ),
    (
        "2.1 ",
        "Expected '.', '-', '+', ',', a newline or the end of the text, found a space "
        "(unexpected-character at offset 3)\n  2.1 \n     ^",
    ),
    (
        "2\u20103",
        "Expected '.', '-', '+', ',', a newline or the end of the text, "
        "found '\u2010' (U+2010 HYPHEN) (unexpected-character at offset 1)\n  2\u20103\n   ^",
    ),
    (
        # control characters are escaped and the caret stays under them
        "2,\n",
        "Expected a number, found a newline (unexpected-character at offset 2)\n  2,\\n\n    ^~",
    ),
    (
        "2.1.18446744073709551616",
        "Expected a number of at most 18446744073709551615 (2^64-1) "
        "(number-too-large at offset 4)\n"
        "  2.1.18446744073709551616\n      ^~~~~~~~~~~~~~~~~~~~",
    ),
]


@pytest.mark.parametrize(("text", "rendered"), GOLDEN)
def test_rendering(text: str, rendered: str) -> None:
    with pytest.raises(RangeSpecError) as info:
        parse(text)
    assert str(info.value) == rendered


def test_long_text_shows_a_window_around_the_problem() -> None:
    text = "1," * 200 + "x"
    with pytest.raises(RangeSpecError) as info:
        parse(text)
    _, line, caret = str(info.value).split("\n")
    assert line.startswith("  ...")
    assert line.endswith("x")
    assert len(line) < 80
    assert caret.index("^") == line.index("x")


def test_error_is_a_value_error_with_its_facts() -> None:
    with pytest.raises(ValueError) as info:
        parse("2.01")
    err = info.value
    assert isinstance(err, RangeSpecError)
    assert (err.code, err.message, err.text, err.offset, err.end) == (
        ErrorCode.LEADING_ZERO,
        "Expected a number without leading zeros",
        "2.01",
        2,
        4,
    )
    assert err.code == "leading-zero"


def test_error_pickles() -> None:
    with pytest.raises(RangeSpecError) as info:
        parse("3-2")
    clone = pickle.loads(pickle.dumps(info.value))
    assert (clone.code, clone.offset, clone.end, str(clone)) == (
        info.value.code,
        info.value.offset,
        info.value.end,
        str(info.value),
    )
