"""Bad input gets a RangeSpecError with a position, never another exception."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import example, given
from hypothesis import strategies as st

from rangespec import ErrorCode, RangeSpecError, parse, parse_version

from model import Item
from strategies import item_lists, text_of

# Characters that matter to the grammar, plus look-alikes and controls.
_ALPHABET = st.sampled_from(
    [*"0123456789.,-+*\n \t\r\x00", "\uff12", "\u0661", "\u2010", "\u2212", "\u00b7"]
)


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


@given(st.text(_ALPHABET, max_size=40))
def test_texts_from_the_grammars_alphabet(text: str) -> None:
    _check(text)


@given(item_lists, st.data())
def test_near_misses_of_valid_texts(items: list[Item], data: st.DataObject) -> None:
    text = text_of(items)
    i = data.draw(st.integers(0, len(text)))
    char = data.draw(_ALPHABET)
    for mutant in (
        text[:i] + char + text[i:],
        text[:i] + text[i + 1 :],
        text[:i] + char + text[i + 1 :],
    ):
        _check(mutant)
