"""The canonical text: a round trip to the same set, stable, and one item per
maximal interval."""

from __future__ import annotations

from hypothesis import given

from rangespec import Version, parse

from model import Item, list_contains, probes
from strategies import item_lists, text_of


@given(item_lists)
def test_canonical_text_parses_back_to_the_set(items: list[Item]) -> None:
    s = parse(text_of(items))
    again = parse(str(s))
    assert again == s
    # and against the model, so a bug shared by str and parse cannot hide
    for v in probes([w for i in items for w in i.versions()]):
        assert (Version(*v) in again) == list_contains(items, v), v


@given(item_lists)
def test_canonical_text_is_stable(items: list[Item]) -> None:
    text = str(parse(text_of(items)))
    assert str(parse(text)) == text
    assert str(parse(text + "\n")) == text


@given(item_lists)
def test_one_item_per_maximal_interval(items: list[Item]) -> None:
    s = parse(text_of(items))
    text = str(s)
    assert (len(text.split(",")) if text else 0) == len(s.intervals)


@given(item_lists)
def test_sets_from_lists_are_representable(items: list[Item]) -> None:
    assert parse(text_of(items)).is_representable
