"""rangespec.strategies: what each strategy claims, the edges it reaches,
how it shrinks, and how it checks its arguments."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from collections.abc import Callable
from itertools import combinations
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from rangespec import (
    U64_MAX,
    ErrorCode,
    RangeSet,
    RangeSpecError,
    Version,
    parse,
    parse_version,
)
from rangespec.strategies import (
    InvalidText,
    grammar_texts,
    invalid_texts,
    probe_versions,
    range_sets,
    range_texts,
    versions,
)
from rangespec.vectors import HAND_CURATED, generate

T = TypeVar("T")
_NO_SHRINK = (Phase.explicit, Phase.reuse, Phase.generate)
_FIND = settings(max_examples=5000, database=None, suppress_health_check=list(HealthCheck))


def _reaches(
    strategy: st.SearchStrategy[T], condition: Callable[[T], bool], *, fixed: bool = False
) -> T:
    """The smallest example found; ``fixed``: by a derandomized search, so a
    bound on its size holds on every run or on none."""
    return find(strategy, condition, settings=settings(_FIND, derandomize=fixed))


def _reached(strategy: st.SearchStrategy[T], condition: Callable[[T], bool]) -> T:
    """The first example found, not shrunk: for tests of reach alone."""
    return find(strategy, condition, settings=settings(_FIND, phases=_NO_SHRINK))


# -- versions ------------------------------------------------------------------


@given(versions())
def test_versions_are_versions(v: Version) -> None:
    assert isinstance(v, Version)
    assert all(0 <= c <= U64_MAX for c in v.components)
    assert 1 <= len(v.components) <= 5


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda v: 0 in v.components, id="zero"),
        pytest.param(lambda v: len(v.components) > 1 and v.components[-1] == 0, id="trailing zero"),
        pytest.param(lambda v: len(v.components) == 1, id="one component"),
        pytest.param(lambda v: len(v.components) == 5, id="five components"),
        pytest.param(lambda v: U64_MAX in v.components, id="2^64-1"),
        pytest.param(lambda v: U64_MAX - 1 in v.components, id="2^64-2"),
    ],
)
def test_versions_reach(condition: Callable[[Version], bool]) -> None:
    _reached(versions(), condition)


def test_versions_shrink_to_zero() -> None:
    assert _reaches(versions(), lambda v: True).components == (0,)
    three = _reaches(versions(), lambda v: len(v.components) >= 3, fixed=True).components
    assert len(three) == 3
    assert max(three) <= 3


@given(versions(min_components=3, max_components=3, max_value=9))
def test_versions_options(v: Version) -> None:
    assert len(v.components) == 3
    assert max(v.components) <= 9


@pytest.mark.parametrize(
    "kwargs",
    [
        {"min_components": 0},
        {"min_components": 3, "max_components": 2},
        {"max_value": -1},
        {"max_value": U64_MAX + 1},
        {"max_value": 10**5000},  # too large even to print in the message
        {"max_value": -(10**5000)},
        {"max_components": "5"},
        {"min_components": True},
    ],
)
def test_versions_check_arguments(kwargs: dict[str, object]) -> None:
    with pytest.raises(InvalidArgument):
        versions(**kwargs).example()  # type: ignore[arg-type]


# -- range_texts -------------------------------------------------------------------


@given(range_texts())
def test_range_texts_are_valid(text: str) -> None:
    parse(text)


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda t: t == "", id="empty"),
        pytest.param(lambda t: t.endswith("\n"), id="trailing newline"),
        pytest.param(lambda t: any(i.endswith("-") for i in t.strip().split(",")), id="A- alias"),
        pytest.param(lambda t: any(i.endswith("+") for i in t.strip().split(",")), id="A+"),
        pytest.param(
            lambda t: any("-" in i and i.endswith(".*") for i in t.strip().split(",")), id="A-P.*"
        ),
        pytest.param(lambda t: len(set(t.split(","))) < len(t.split(",")), id="a duplicate"),
        pytest.param(lambda t: str(parse(t)).count(",") < t.count(","), id="items that merge"),
        pytest.param(lambda t: t != "" and str(parse(t)) != t.strip(), id="not canonical"),
    ],
)
def test_range_texts_reach(condition: Callable[[str], bool]) -> None:
    _reached(range_texts(), condition)


def _written(text: str) -> list[str]:
    """The versions written in a valid text, wildcard prefixes included."""
    return re.findall(r"[0-9]+(?:\.[0-9]+)*", text)


def _item_sets(text: str) -> list[RangeSet]:
    return [parse(item) for item in dict.fromkeys(text.strip().split(",")) if item]


def _touching(text: str) -> bool:
    """Two items where one ends at the version the other starts at."""
    sets = [s.intervals[0] for s in _item_sets(text)]
    return any(a.upper == b.lower for a in sets for b in sets if a is not b)


def _adjacent(text: str) -> bool:
    """Versions that are next siblings (2.0.4 and 2.0.5) in a text whose
    intervals stay apart: a merge that thinks in integers joins them."""
    vs = [parse_version(v).components for v in _written(text)]
    apart = len(parse(text).intervals) >= 2
    return apart and any(a[:-1] == b[:-1] and a[-1] + 1 == b[-1] for a in vs for b in vs)


def _nested(text: str) -> bool:
    """One item's set strictly inside another's."""
    sets = _item_sets(text)
    return any(a != b and (a | b) == a for a in sets for b in sets)


def _other_arity(text: str) -> bool:
    """The same version written twice, in two arities: 2.1 and 2.1.0.0."""
    return any(
        a != b and parse_version(a) == parse_version(b) for a, b in combinations(_written(text), 2)
    )


def _string_order(text: str) -> bool:
    """Two versions in one order as numbers and the other as strings: 2.9 and 2.10."""
    vs = _written(text)
    return any(
        (parse_version(a) < parse_version(b)) != (a < b) and parse_version(a) != parse_version(b)
        for a, b in combinations(vs, 2)
    )


def _prefix_of_another(text: str) -> bool:
    """A wildcard P.* and a version outside it whose text starts with P: 2.1.* and 2.10."""
    prefixes = re.findall(r"([0-9.]+)\.\*", text)
    return any(
        v.startswith(p) and parse_version(v) not in parse(p + ".*")
        for p in prefixes
        for v in _written(text)
    )


def _relations(text: str) -> set[str]:
    checks = {
        "touching": _touching,
        "adjacent": _adjacent,
        "nested": _nested,
        "other arity": _other_arity,
        "string order": _string_order,
        "string prefix": _prefix_of_another,
    }
    return {name for name, check in checks.items() if check(text)}


def test_valid_texts_reach_related_bounds() -> None:
    seen = set().union(*(_relations(t) for t in _generated() if _valid(t)))
    assert seen == {
        "touching",
        "adjacent",
        "nested",
        "other arity",
        "string order",
        "string prefix",
    }


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(_touching, id="touching bounds"),
        pytest.param(_other_arity, id="one version in two arities"),
    ],
)
def test_range_texts_with_related_bounds_shrink(condition: Callable[[str], bool]) -> None:
    assert len(_reaches(range_texts(), condition, fixed=True)) <= 16


def test_range_texts_shrink() -> None:
    assert _reaches(range_texts(), lambda t: True) == ""
    assert len(_reaches(range_texts(), lambda t: "*" in t, fixed=True)) <= 5  # "0.*", "0,0.*"


@given(range_texts(min_items=2, max_items=3))
def test_range_texts_options(text: str) -> None:
    assert 2 <= text.count(",") + 1 <= 3


def test_range_texts_check_arguments() -> None:
    with pytest.raises(InvalidArgument):
        range_texts(min_items=3, max_items=1).example()


# -- range_sets ---------------------------------------------------------------------


@given(range_sets())
def test_range_sets_are_sets(s: RangeSet) -> None:
    assert isinstance(s, RangeSet)
    assert len(s.intervals) <= 5


@given(range_sets(representable=True))
def test_representable_sets_have_text(s: RangeSet) -> None:
    assert parse(str(s)) == s


@given(range_sets(representable=False))
def test_unrepresentable_sets_have_none(s: RangeSet) -> None:
    assert not s.is_representable
    assert s.to_text() is None


@pytest.mark.parametrize(
    "condition",
    [
        pytest.param(lambda s: not s, id="the empty set"),
        pytest.param(lambda s: s.intervals and s.intervals[-1].upper is None, id="no upper end"),
        pytest.param(
            lambda s: any(not i.lower_closed for i in s.intervals), id="an open lower end"
        ),
        pytest.param(lambda s: s.is_representable and ".*" in str(s), id="a wildcard end"),
        pytest.param(lambda s: len(s.intervals) >= 3, id="several intervals"),
    ],
)
def test_range_sets_reach(condition: Callable[[RangeSet], bool]) -> None:
    _reached(range_sets(), condition)


def test_range_sets_shrink_to_the_empty_set() -> None:
    assert _reaches(range_sets(), lambda s: True) == RangeSet.empty()


def test_range_sets_check_arguments() -> None:
    with pytest.raises(InvalidArgument):
        range_sets(representable="yes").example()  # type: ignore[arg-type]
    with pytest.raises(InvalidArgument):
        range_sets(max_intervals=0, representable=False).example()


# -- invalid_texts -----------------------------------------------------------------


@given(invalid_texts())
def test_invalid_texts_fail_where_they_say(bad: InvalidText) -> None:
    with pytest.raises(RangeSpecError) as info:
        parse(bad.text)
    assert (info.value.code, info.value.offset) == (bad.code, bad.offset)


@given(invalid_texts(max_length=40))
def test_invalid_texts_with_a_length_limit(bad: InvalidText) -> None:
    with pytest.raises(RangeSpecError) as info:
        parse(bad.text, max_length=40)
    assert (info.value.code, info.value.offset) == (bad.code, bad.offset)


@pytest.mark.parametrize("code", list(ErrorCode))
def test_invalid_texts_reach_every_code(code: ErrorCode) -> None:
    _reached(invalid_texts(), lambda bad: bad.code == code)


@pytest.mark.parametrize(
    ("condition", "longest"),
    [
        pytest.param(lambda b: b.code == ErrorCode.LEADING_ZERO, 4, id="leading zero"),
        pytest.param(lambda b: b.code == ErrorCode.REVERSED_RANGE, 5, id="reversed range"),
        # (a full page and its newline has whitespace too, and cannot shrink)
        pytest.param(
            lambda b: b.code != ErrorCode.TOO_LONG and any(c.isspace() for c in b.text),
            3,
            id="whitespace",
        ),
        pytest.param(lambda b: "\uff10" in b.text or "\u2010" in b.text, 5, id="look-alike"),
    ],
)
def test_invalid_texts_shrink(condition: Callable[[InvalidText], bool], longest: int) -> None:
    assert len(_reaches(invalid_texts(), condition, fixed=True).text) <= longest


def _valid(text: str) -> bool:
    try:
        parse(text)
    except RangeSpecError:
        return False
    return True


@functools.cache
def _generated(count: int = 4000) -> list[str]:
    """The texts of a fixed run of the generators behind the strategies:
    rangespec.vectors drives the same generators with a seeded random."""
    return [v["text"] for v in generate(count, seed=0)][len(HAND_CURATED) :]


def _near_miss_kinds(bad: InvalidText) -> set[str]:
    """Where a near miss put whitespace, how it ends its line, how it misplaces a wildcard."""
    t, i = bad.text, bad.offset
    kinds = set()
    if bad.code == ErrorCode.UNEXPECTED_CHARACTER and t[i] in " \t":
        rest = t[i + 1 :]
        kinds.add("leading" if i == 0 else "trailing" if rest == "" else "")
        kinds.add("before the newline" if i > 0 and rest == "\n" else "")
        kinds.add(f"before {rest[:1]}" if rest[:1] and rest[:1] in ",-+.*" else "")
        kinds.add(f"after {t[i - 1]}" if i and t[i - 1] in ",-+.*" else "")
    kinds.add("a second newline" if t.endswith("\n\n") and _valid(t[:-1]) else "")
    kinds.add("CRLF" if t.endswith("\r\n") and _valid(t[:-2]) else "")
    kinds.add("a lone CR" if "\r" in t and "\n" not in t else "")
    newline = t.find("\n")
    after_newline = t[newline + 1 : newline + 2]
    kinds.add("text after the newline" if after_newline.isdigit() and _valid(t[:newline]) else "")
    kinds.add("a newline inside the list" if "\n," in t else "")
    kinds.add("bare *" if re.search(r"(^|,)\*", t) else "")
    kinds.update(f"P{m}" for m in re.findall(r"\.\*(-|\.\*|\+|\*)", t))
    return kinds - {""}


def test_near_misses_reach_every_boundary_and_line_ending() -> None:
    # one pass over a fixed sequence of near misses, rather than a search for each
    boundaries = {"leading", "trailing", "before the newline"}
    boundaries |= {f"before {c}" for c in ",-+.*"} | {f"after {c}" for c in ",-+."}
    line_endings = {
        "a second newline",
        "CRLF",
        "a lone CR",
        "text after the newline",
        "a newline inside the list",
    }
    wildcards = {"bare *", "P-", "P.*", "P+", "P*"}
    seen: set[str] = set()
    for text in _generated():
        try:
            parse(text)
        except RangeSpecError as err:
            seen |= _near_miss_kinds(InvalidText(text, err.code, err.offset))
    expected = boundaries | line_endings | wildcards
    assert expected <= seen, expected - seen


@pytest.mark.parametrize(
    ("condition", "longest"),
    [
        pytest.param(lambda t: t.endswith("\r\n") and _valid(t[:-2]), 2, id="CRLF"),
        pytest.param(lambda t: re.search(r"[0-9] ", t) is not None, 2, id="a space after a number"),
        pytest.param(lambda t: ".*-" in t, 5, id="a wildcard lower end"),
    ],
)
def test_invalid_texts_shrink_to_small_near_misses(
    condition: Callable[[str], bool], longest: int
) -> None:
    assert len(_reaches(invalid_texts(), lambda b: condition(b.text), fixed=True).text) <= longest


def test_invalid_texts_reach_a_full_page_and_its_newline() -> None:
    # exactly max_length valid characters, and the newline that makes it too long
    bad = _reached(
        invalid_texts(max_length=40),
        lambda b: len(b.text) == 41 and b.text.endswith("\n") and _valid(b.text[:-1]),
    )
    assert (bad.code, bad.offset) == (ErrorCode.TOO_LONG, 40)
    parse(bad.text[:-1], max_length=40)  # without the newline it fits


def test_near_misses_reach_reversed_ranges_in_string_order() -> None:
    # reversed as numbers, in order as strings: what a string compare accepts
    def in_string_order(text: str) -> bool:
        if "," in text or text.count("-") != 1 or not _valid(text.replace("-", ",")):
            return False
        upper, lower = text.split("-")
        return parse_version(upper) > parse_version(lower) and upper < lower

    assert any(in_string_order(t) for t in _generated() if not _valid(t))


def test_invalid_texts_check_arguments() -> None:
    with pytest.raises(InvalidArgument):
        invalid_texts(max_length=3).example()


# -- probe_versions ----------------------------------------------------------------


@given(st.data(), range_texts())
def test_probe_versions_are_versions_a_text_can_write(data: st.DataObject, text: str) -> None:
    v = data.draw(probe_versions(text))
    assert parse_version(str(v)) == v
    assert all(0 <= c <= U64_MAX for c in v.components)


@pytest.mark.parametrize(
    ("text", "probe"),
    [
        pytest.param("2.1.*", (2, 10), id="a number sharing the prefix's string"),
        pytest.param("2.1.*", (2, 2), id="the end of the wildcard"),
        pytest.param("2.1.*", (2, 1, 0, 0), id="the bound in another arity"),
        pytest.param("2.1.*", (2, 1, 1), id="a descendant of the prefix"),
        pytest.param("2.0.2-2.0.4", (2, 0, 4, 1), id="a descendant of the upper end"),
        pytest.param("2.0.2-2.0.4", (2, 0, 5), id="the next sibling of the upper end"),
        pytest.param("2.0.2-2.0.4", (2, 0, 1, U64_MAX), id="just below the lower end"),
        pytest.param("2.1.0+", (3,), id="where A+ ends"),
        pytest.param("2.9", (2, 10), id="the next number, one digit longer"),
    ],
)
def test_probe_versions_reach(text: str, probe: tuple[int, ...]) -> None:
    found = _reached(probe_versions(text), lambda v: v.components == probe)
    assert found.components == probe  # the spelling too, not only the value


def test_probe_versions_shrink_to_the_first_bound() -> None:
    assert _reaches(probe_versions("2.1.*,3+"), lambda v: True) == Version(2, 1)
    assert _reaches(probe_versions(parse("2.1.*")), lambda v: True) == Version(2, 1)
    assert _reaches(probe_versions(""), lambda v: True) == Version(0)


def test_probe_versions_check_arguments() -> None:
    with pytest.raises(InvalidArgument):
        probe_versions("2.01").example()
    with pytest.raises(InvalidArgument):
        probe_versions(2.1).example()  # type: ignore[arg-type]


# -- grammar_texts, from_type, the import guard ------------------------------------


# only the rules the grammar cannot express may reject a grammar-derived text
_SEMANTIC = {ErrorCode.NUMBER_TOO_LARGE, ErrorCode.REVERSED_RANGE, ErrorCode.EMPTY_RANGE}


@given(grammar_texts())
def test_grammar_texts_are_syntactically_valid(text: str) -> None:
    codes = set()
    try:
        parse(text)
    except RangeSpecError as err:
        codes.add(err.code)
    assert codes <= _SEMANTIC


@given(st.from_type(Version), st.from_type(RangeSet))
def test_from_type_is_registered(v: Version, s: RangeSet) -> None:
    assert isinstance(v, Version)
    assert isinstance(s, RangeSet)


def test_clear_import_error_without_hypothesis() -> None:
    block = "import sys; sys.modules['hypothesis'] = None; "
    code = block + "import rangespec.strategies"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "pip install 'rangespec[hypothesis]'" in done.stderr
    # the rest of rangespec does not need it
    code = block + "import rangespec; print(rangespec.parse('2+'))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "2.*\n")
