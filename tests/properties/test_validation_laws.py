"""validate: never raises, agrees with parse, finds every bad item, and its
fixes and warnings mean what they say."""

from __future__ import annotations

import itertools
from unittest import mock

from hypothesis import assume, example, given
from hypothesis import strategies as st

from rangespec import RangeSpecError, Report, _validation, parse, validate
from rangespec._validation import clean

from model import Item, list_contains, probes
from strategies import item_lists, near_misses, text_of

_SPELLING = {"unsorted", "redundant", "overlap", "single-version-range", "hyphen-spelling"}


def _parse_error(text: str) -> RangeSpecError | None:
    try:
        parse(text)
    except RangeSpecError as err:
        return err
    return None


@given(st.text())
@example("1" * 10_000)
@example("\x00,\n" * 100)
@example("2.01," * 800)
def test_agrees_with_parse_on_any_text(text: str) -> None:
    report = validate(text)
    err = _parse_error(text)
    if err is None:
        assert report.ok
        assert report.rangeset == parse(text)
    else:
        assert not report.ok
        first = report.errors[0]
        assert (first.code, first.offset, first.end) == (err.code.value, err.offset, err.end)
    offsets = [d.offset for d in report.diagnostics]
    assert offsets == sorted(offsets)
    assert all(0 <= d.offset <= d.end <= len(text) for d in report.diagnostics)


BAD_ITEMS = [
    "02",
    "2.",
    "x",
    "3-2",
    "",
    "2.1-2.0.*",
    "1.99999999999999999999",
    "2..1",
    " 2",
    "2.*-3",
    "+2",
    "2-+",
    "2.1\t",
    "\uff12",
]


@given(item_lists, st.lists(st.tuples(st.integers(0, 6), st.sampled_from(BAD_ITEMS)), min_size=1))
def test_every_bad_item_gets_one_error(good: list[Item], bad: list[tuple[int, str]]) -> None:
    pieces = [i.text() for i in good]
    for position, item in bad:
        pieces.insert(min(position, len(pieces)), "\0" + item)  # "\0" marks the bad ones
    assume(pieces != ["\0"])  # a lone empty item is the empty list, which is valid
    spans, start = [], 0
    for piece in pieces:
        if piece.startswith("\0"):
            spans.append((start, start + len(piece) - 1))
        start += len(piece.lstrip("\0")) + 1
    text = ",".join(p.lstrip("\0") for p in pieces)
    errors = validate(text).errors
    assert len(errors) == len(spans)
    for (lo, hi), error in zip(spans, errors, strict=True):
        assert lo <= error.offset <= hi, (text, error)


@given(item_lists, st.booleans())
def test_fixes_mean_the_same_set(items: list[Item], newline: bool) -> None:
    text = text_of(items, newline)
    report = validate(text)
    expected = parse(text)
    for d in report.warnings:
        if d.fix is not None:
            fixed = d.fix.apply(text)
            assert parse(fixed) == expected
            # the fix removes its warning (offsets after it move: count them)
            after = [w.code for w in validate(fixed).warnings].count(d.code)
            assert after < [w.code for w in report.warnings].count(d.code)
    if report.fix is not None:
        assert parse(report.fix) == expected
    # The local fixes of different warnings may overlap; those of redundant
    # items never do, and all of them together keep the set.
    removals = sorted(
        (e for d in report.warnings if d.code == "redundant" and d.fix for e in d.fix.edits),
        key=lambda e: e.offset,
    )
    assert all(a.end <= b.offset for a, b in itertools.pairwise(removals))
    for edit in reversed(removals):
        text = edit.apply(text)
    assert parse(text) == expected
    assert not [w for w in validate(text).warnings if w.code == "redundant"]


@given(item_lists)
def test_canonical_text_has_no_spelling_warnings(items: list[Item]) -> None:
    canonical = str(parse(text_of(items)))
    assert not {d.code for d in validate(canonical).warnings} & _SPELLING


@given(item_lists)
def test_redundant_matches_the_model(items: list[Item]) -> None:
    # The definition, straight: from the last item back, an item is
    # redundant when the items still kept, other than itself, cover it.
    checks = probes([w for i in items for w in i.versions()])
    kept = list(range(len(items)))
    expected = set()
    for k in reversed(range(len(items))):
        others = [items[j] for j in kept if j != k]
        if all(list_contains(others, v) for v in checks if items[k].contains(v)):
            kept.remove(k)
            expected.add(k)
    text = text_of(items)
    starts, pos = [], 0
    for i in items:
        starts.append(pos)
        pos += len(i.text()) + 1
    found = {starts.index(d.offset) for d in validate(text).warnings if d.code == "redundant"}
    assert found == expected


@given(item_lists)
def test_each_overlap_merges_two_intervals(items: list[Item]) -> None:
    report = validate(text_of(items))
    codes = [d.code.value for d in report.warnings]
    assert report.rangeset is not None
    assert len(items) - codes.count("redundant") - codes.count("overlap") == len(
        report.rangeset.intervals
    )


@given(
    st.one_of(near_misses(), st.text(st.sampled_from([*"0123456789.,-+*\n\r\t v"]), max_size=24))
)
def test_an_error_fix_moves_the_text_on(text: str) -> None:
    # Applying the first error's fix removes that error: the text is valid
    # after it, or its first error is another one.
    report = validate(text)
    if report.ok or report.errors[0].fix is None:
        return
    first = report.errors[0]
    assert first.fix is not None
    edits = first.fix.edits
    assert edits
    assert all(a.end <= b.offset for a, b in itertools.pairwise(edits))
    again = validate(first.fix.apply(text))
    if not again.ok:
        second = again.errors[0]
        assert (second.code, second.offset, second.message) != (
            first.code,
            first.offset,
            first.message,
        )


def _every_check(text: str) -> Report:
    """validate without its shortcut for clean texts: every lint runs."""
    with mock.patch.object(_validation, "_is_clean", return_value=False):
        return validate(text)


_CANONICAL = item_lists.map(lambda items: str(parse(text_of(items))))


@given(st.one_of(_CANONICAL, item_lists.map(text_of), near_misses()), st.booleans())
@example("1.5.0-2.*", False)  # a wildcard end may cross a major
@example("1.5.0-2.1.0", True)
def test_a_clean_text_is_one_validate_finds_nothing_in(text: str, newline: bool) -> None:
    text += "\n" * newline
    full = _every_check(text)
    if clean(text):
        assert not full.diagnostics
        assert full.fix is None
        assert validate(text) == full
    canonical = full.rangeset is not None and full.rangeset.to_text() == text.removesuffix("\n")
    if canonical and text.strip():
        assert clean(text) == (not full.diagnostics), full.diagnostics
