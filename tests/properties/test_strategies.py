"""The test generators reach the edges the property tests rely on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import Phase, find, settings
from hypothesis import strategies as st

from model import U64_MAX, Item, V
from strategies import item_lists, items, versions

T = TypeVar("T")


def _reaches(strategy: st.SearchStrategy[T], condition: Callable[[T], bool]) -> None:
    # reach alone: the first example found is enough, shrinking it would only cost
    phases = (Phase.explicit, Phase.reuse, Phase.generate)
    find(strategy, condition, settings=settings(max_examples=5000, database=None, phases=phases))


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda v: 0 in v, id="a zero component"),
        pytest.param(lambda v: len(v) > 1 and v[-1] == 0, id="a trailing zero"),
        pytest.param(lambda v: len(v) == 1, id="one component"),
        pytest.param(lambda v: len(v) == 5, id="five components"),
        pytest.param(lambda v: U64_MAX in v, id="2^64-1"),
        pytest.param(lambda v: U64_MAX - 1 in v, id="2^64-2"),
    ],
)
def test_versions_reach(condition: Callable[[V], bool]) -> None:
    _reaches(versions, condition)


@pytest.mark.parametrize(
    "kind", ["exact", "closed", "plus", "hyphen", "wildcard", "closed_wildcard"]
)
def test_every_item_kind(kind: str) -> None:
    _reaches(items(), lambda i: i.kind == kind)


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda xs: not xs, id="the empty list"),
        pytest.param(lambda xs: len({len(i.a) for i in xs}) > 1, id="mixed arity in one list"),
        pytest.param(
            lambda xs: any(i.kind == "closed" and i.a[0] != i.b[0] for i in xs),
            id="a range across majors",
        ),
        pytest.param(
            lambda xs: any(i.kind == "closed_wildcard" and i.b[-1] == U64_MAX for i in xs),
            id="a wildcard end at the ceiling",
        ),
        pytest.param(
            lambda xs: any(i.kind == "wildcard" and len(i.a) > 1 and i.a[-1] == 0 for i in xs),
            id="a wildcard prefix ending in zero",
        ),
        pytest.param(
            lambda xs: len(xs) >= 2 and xs[0].a == xs[1].a, id="two items with one lower end"
        ),
    ],
)
def test_item_lists_reach(condition: Callable[[list[Item]], bool]) -> None:
    _reaches(item_lists, condition)
