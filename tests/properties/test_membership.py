"""Membership in the parsed, normalized set equals membership computed straight
from the items by the naive model."""

from __future__ import annotations

import random
from itertools import pairwise

from hypothesis import given
from hypothesis import strategies as st

from rangespec import RangeSpecError, Version, parse

from model import U64_MAX, Item, list_contains, probes, vtext
from strategies import item_lists, text_of, versions


@given(item_lists, st.booleans(), st.lists(versions, max_size=5))
def test_membership_matches_the_items(
    items: list[Item], newline: bool, extra: list[tuple[int, ...]]
) -> None:
    s = parse(text_of(items, newline))
    for v in probes([w for i in items for w in i.versions()] + extra):
        assert (Version(*v) in s) == list_contains(items, v), v


@given(item_lists, versions)
def test_version_strings_are_looked_up_like_versions(items: list[Item], v: tuple[int, ...]) -> None:
    s = parse(text_of(items))
    assert all(c <= U64_MAX for c in v)
    assert (vtext(v) in s) == (Version(*v) in s) == list_contains(items, v)


@given(item_lists, st.randoms(use_true_random=False))
def test_order_and_duplicates_do_not_matter(items: list[Item], rnd: random.Random) -> None:
    shuffled = items + rnd.sample(items, k=len(items) // 2)
    rnd.shuffle(shuffled)
    a, b = parse(text_of(items)), parse(text_of(shuffled))
    assert a == b
    assert str(a) == str(b)
    assert hash(a) == hash(b)


@given(item_lists)
def test_intervals_are_sorted_disjoint_and_separated(items: list[Item]) -> None:
    intervals = parse(text_of(items)).intervals
    for left, right in pairwise(intervals):
        assert left.upper is not None
        # a gap between neighbours: either the ends differ, or both are open
        assert left.upper < right.lower or (
            left.upper == right.lower and not left.upper_closed and not right.lower_closed
        )


@given(st.text(st.sampled_from("0123456789.\n\r\t x\x1b\u00b2\uff11")) | st.text())
def test_a_string_answered_is_digits_and_dots(text: str) -> None:
    # rangespec contains prints the lines it answers without escaping them
    try:
        found = text in parse("0+")
    except RangeSpecError:
        return
    assert isinstance(found, bool)
    assert set(text.removesuffix("\n")) <= set("0123456789.")
