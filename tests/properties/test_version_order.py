"""The version order, against packaging's Version as an outside oracle."""

from __future__ import annotations

from hypothesis import given
from packaging.version import Version as PackagingVersion

from rangespec import Version, parse_version

from model import U64_MAX, V, vtext
from strategies import versions


@given(versions, versions)
def test_order_matches_packaging(a: V, b: V) -> None:
    ours = Version(*a), Version(*b)
    theirs = PackagingVersion(vtext(a)), PackagingVersion(vtext(b))
    assert (ours[0] < ours[1]) == (theirs[0] < theirs[1])
    assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])
    assert (ours[0] <= ours[1]) == (theirs[0] <= theirs[1])
    if ours[0] == ours[1]:
        assert hash(ours[0]) == hash(ours[1])


@given(versions)
def test_canonical_spelling_round_trips(v: V) -> None:
    version = Version(*v)
    text = str(version)
    assert parse_version(text) == version
    parts = text.split(".")
    assert len(parts) >= 3
    assert len(parts) == 3 or parts[-1] != "0"
    assert all(int(p) <= U64_MAX for p in parts)


@given(versions)
def test_parse_version_reads_what_it_is_given(v: V) -> None:
    parsed = parse_version(vtext(v))
    assert parsed.components == v
    assert parse_version(vtext(v) + "\n") == parsed
