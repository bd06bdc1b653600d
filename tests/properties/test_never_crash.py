"""Bad input gets a RangeSpecError with a position, never another exception."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import example, given
from hypothesis import strategies as st

from rangespec import ErrorCode, RangeSpecError, parse, parse_version

from strategies import ALPHABET, near_misses

# Characters that matter to the grammar, plus look-alikes and controls.


def _rejection(f: Callable[[str], object], text: str) -> RangeSpecError | None:
    try:
        f(text)
    except RangeSpecError as err:
        return err
    return None


def _check(text: str) -> None:
    for f in (parse, parse_version):
        err = _rejection(f, text)
        if err is not None:
            assert err.code in set(ErrorCode)
            assert 0 <= err.offset <= err.end <= len(text)
            assert err.text == text
            rendered = str(err)
            assert err.message in rendered
            assert "^" in rendered


@given(st.text())
@example("1" * 5000)
@example("1." * 3000)
def test_any_text(text: str) -> None:
    _check(text)


@given(st.text(ALPHABET, max_size=40))
def test_texts_from_the_grammars_alphabet(text: str) -> None:
    _check(text)


@given(near_misses())
def test_near_misses_of_valid_texts(text: str) -> None:
    _check(text)
