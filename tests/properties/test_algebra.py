"""Set algebra against boolean logic on membership, and the laws of sets."""

from __future__ import annotations

import pytest
from hypothesis import given

from rangespec import RangeSet, RangeSpecError, Version, parse

from expressions import Expr, expressions, representable_expressions
from model import probes


def _naive_equal(x: Expr, y: Expr) -> bool:
    # Exact: every bound of either set is among the probes, with a version
    # just above it (see model.probes).
    return all(x.contains(v) == y.contains(v) for v in probes(x.bounds() + y.bounds()))


@given(expressions)
def test_algebra_matches_boolean_logic(e: Expr) -> None:
    s = e.build()
    for v in probes(e.bounds()):
        assert (Version(*v) in s) == e.contains(v), v


@given(expressions, expressions)
def test_equality_is_equality_of_sets(x: Expr, y: Expr) -> None:
    a, b = x.build(), y.build()
    assert (a == b) == _naive_equal(x, y)
    if a == b:
        assert hash(a) == hash(b)
    if a.is_representable and b.is_representable:
        assert (a == b) == (str(a) == str(b))


@given(expressions)
def test_text_form_exists_exactly_when_representable(e: Expr) -> None:
    s = e.build()
    text = s.to_text()
    assert (text is not None) == s.is_representable
    shown = str(s)  # never raises
    if text is not None:
        assert parse(text) == s
        assert shown == f"{s}" == text
    else:
        # the display form is the interval notation, which parse rejects
        assert shown == repr(s).removeprefix("<RangeSet ").removesuffix(">")
        with pytest.raises(RangeSpecError):
            parse(shown)


@given(representable_expressions)
def test_union_and_intersection_stay_representable(e: Expr) -> None:
    assert e.build().is_representable


@given(expressions, expressions)
def test_subset_is_intersection_identity(x: Expr, y: Expr) -> None:
    a, b = x.build(), y.build()
    assert a.issubset(b) == (a & b == a) == (a <= b)
    assert a.issuperset(b) == (a | b == a) == (a >= b)
    assert a.isdisjoint(b) == (not (a & b))
    assert (a < b) == (a <= b and a != b)
    assert (a > b) == (a >= b and a != b)


@given(expressions, expressions)
def test_laws(x: Expr, y: Expr) -> None:
    a, b = x.build(), y.build()
    full, empty = RangeSet.full(), RangeSet.empty()
    assert ~~a == a
    assert a | ~a == full
    assert not (a & ~a)
    assert ~(a | b) == ~a & ~b
    assert ~(a & b) == ~a | ~b
    assert a - b == a & ~b
    assert a ^ b == (a - b) | (b - a)
    assert a | b == b | a
    assert a & b == b & a
    assert a | empty == a == a & full
    assert a | (a & b) == a


@given(expressions, expressions)
def test_named_methods_equal_operators(x: Expr, y: Expr) -> None:
    a, b = x.build(), y.build()
    assert a.union(b) == a | b
    assert a.intersection(b) == a & b
    assert a.difference(b) == a - b
    assert a.symmetric_difference(b) == a ^ b
    assert a.complement() == ~a
