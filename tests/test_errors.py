"""How errors read: golden renderings with the caret under the problem."""

from __future__ import annotations

import pickle

import pytest

from rangespec import ErrorCode, RangeSpecError, _fastpath, parse, validate
from rangespec._excerpt import excerpt


def _error(text: str, max_length: int = 4096) -> RangeSpecError:
    with pytest.raises(RangeSpecError) as info:
        parse(text, max_length=max_length)
    return info.value


GOLDEN = [
    (
        "2.01",
        "Expected a number without leading zeros, found '01' (leading-zero at offset 2)\n"
        "  2.01\n    ^~",
    ),
    (
        "2.0.2-2.0.4,,2.1.0+",
        "Expected a number, found ',' (unexpected-character at offset 12)\n"
        "  2.0.2-2.0.4,,2.1.0+\n"
        "              ^",
    ),
    (
        "2.0.5-2.0.4",
        "Expected the lower end of a range to be at most its upper end, found '2.0.5' above "
        "'2.0.4' (reversed-range at offset 0)\n  2.0.5-2.0.4\n  ^~~~~~~~~~~",
    ),
    (
        "2.1-2.0.*",
        "Expected the lower end of a range to lie before the end of '2.0.*', found '2.1' "
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
        "Expected a number of at most 18446744073709551615 (2^64-1), "
        "found '18446744073709551616' (number-too-large at offset 4)\n"
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
        "Expected a number without leading zeros, found '01'",
        "2.01",
        2,
        4,
    )
    assert err.code == "leading-zero"


def test_every_message_reads_expected_found() -> None:
    for text in ("2.01", "x", "2,", "3-2", "2.1-2.0.*", "1" * 30, "1" * 5000):
        with pytest.raises(RangeSpecError) as info:
            parse(text)
        assert info.value.message.startswith("Expected ")
        assert ", found " in info.value.message


def _caret_column(rendered: str) -> tuple[str, int]:
    _, line, caret = rendered.split("\n")
    return line, caret.index("^")


def test_carets_are_aligned_by_display_width() -> None:
    # Wide East Asian characters take two columns: the caret of the second
    # error sits under the second wide digit, not the first.
    report = validate("\uff12,\uff12")
    carets = [excerpt(report.text, d.offset, d.end)[1] for d in report.errors]
    assert [c.index("^") for c in carets] == [0, 3]
    # combining marks take no column
    report = validate("x\u0301,y")
    second = report.errors[1]
    assert second.offset == 3
    assert excerpt(report.text, second.offset, second.end)[1] == "  ^"


def test_long_spans_are_cut_to_a_window() -> None:
    for size in (10**4, 10**6):
        err = _error("1" * size, max_length=size)
        rendered = str(err)
        assert len(rendered) < 400
        assert err.end == size  # the span itself is exact
        line, column = _caret_column(rendered)
        assert column == 2
        assert line.endswith("...")


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


@pytest.mark.parametrize(
    "text",
    [
        "1," * 60_000 + "18446744073709551616",  # valid syntax, bad last number
        "2-1," * 30_000 + "3-2",  # a reversed range last
        "1." * 60_000 + "1x",  # a long version, then a bad character
        "1," * 60_000 + "x",
    ],
    ids=["too large last", "reversed last", "long version", "bad last character"],
)
def test_the_error_path_holds_no_half_built_set(text: str) -> None:
    # Memory, not time: a text that fails at its end costs a few bytes per
    # input byte, however much of it was valid (docs/performance.md).
    import gc
    import tracemalloc

    gc.collect()
    tracemalloc.start()
    try:
        with pytest.raises(RangeSpecError):
            parse(text, max_length=len(text))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    if _fastpath.ENABLED:
        assert peak < 20 * len(text)
    else:
        # The grammar alone (RANGESPEC_NO_FAST_PATH=1, a test switch) builds
        # the valid items before the error as it goes: still linear, with the
        # items' constant (about 110 bytes per input byte here).
        assert peak < 200 * len(text)


def test_a_long_valid_text_still_parses() -> None:
    text = "1," * 60_000 + "2"
    assert str(parse(text, max_length=len(text))) == "1.0.0,2.0.0"
