"""explain, the migration decision and the semver policy."""

from __future__ import annotations

import pytest

from rangespec import RangeSet, RangeSpecError, Version, parse, parse_version
from rangespec._explain import explain, in_words, picture
from rangespec.migration import Migration, check_both_ways, check_migration
from rangespec.policy import semver_policy


def test_words_for_every_kind_of_interval() -> None:
    s = parse("2.0.*") - parse("2.0.3") | parse("2.5")
    assert [in_words(i) for i in s.intervals] == [
        "from 2.0.0 up to, not including, 2.0.3",
        "above 2.0.3 up to, not including, 2.1.0",
        "exactly 2.5.0",
    ]
    assert in_words((~parse("2.*")).intervals[1]) == "from 3.0.0, with no upper end"
    assert in_words((parse("2.0.2-2.0.4") - parse("2.0.2")).intervals[0]) == (
        "above 2.0.2 through 2.0.4"
    )


def test_explain_shows_sets_without_text() -> None:
    text = explain(~parse("2.*"))
    assert text.splitlines()[:2] == [
        "[0.0.0, 2.0.0)  0.0.0-1.*  from 0.0.0 up to, not including, 2.0.0",
        "[3.0.0, +inf)   -          from 3.0.0, with no upper end",
    ]
    assert picture(~parse("2.*")).splitlines()[1] == "[======)      [=======>"
    assert explain(RangeSet.empty()) == "no versions (the empty list)"


@pytest.mark.parametrize(
    ("version", "text", "allowed", "reason"),
    [
        (
            "2.1.3",
            "2.0.2-2.0.4,2.1.0+",
            True,
            "2.1.3 is accepted by the item '2.1.0+' at offset 12",
        ),
        ("2.0.3", "2.0.*,2.0.2-2.0.4", True, "2.0.3 is accepted by the item '2.0.*' at offset 0"),
        ("1.0", "2.0.2-2.0.4", False, "1.0.0 is not accepted: it lies below [2.0.2, 2.0.4]"),
        ("3.0", "2.1.0+", False, "3.0.0 is not accepted: it lies above [2.1.0, 3.0.0)"),
        ("2.1", "", False, "2.1.0 is not accepted: the list is empty"),
    ],
)
def test_check_migration(version: str, text: str, allowed: bool, reason: str) -> None:
    for given in (version, parse_version(version)):
        verdict = check_migration(given, text)
        assert (verdict.allowed, verdict.reason) == (allowed, reason)
        assert verdict.compatible == parse(text)
        assert verdict.version == parse_version(version)


def test_check_migration_with_a_set_names_the_interval() -> None:
    verdict = check_migration("2.1.3", parse("2.0.2-2.0.4,2.1.0+"))
    assert (verdict.allowed, verdict.reason) == (True, "2.1.3 is in [2.1.0, 3.0.0)")
    assert not check_migration("2.0.5", ~parse("2.0.5")).allowed


@pytest.mark.parametrize(
    ("version", "text"),
    [("2.1.3\n\n", "2.*"), ("2.1.3", "2.*\n\n"), ("2.1.3\r\n", "2.*"), (" 2.1.3", "2.*")],
)
def test_invalid_input_is_never_a_verdict(version: str, text: str) -> None:
    with pytest.raises(RangeSpecError):
        check_migration(version, text)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        ((2.1, "2.*"), "source_version"),
        (("2.1", 2), "destination_compatible"),
        ((None, "2.*"), "source_version"),
        (("2.1", ["2.*"]), "destination_compatible"),
    ],
)
def test_other_types_are_type_errors_naming_the_parameter(
    args: tuple[object, object], name: str
) -> None:
    with pytest.raises(TypeError, match=name):
        check_migration(*args)  # type: ignore[arg-type]


def test_both_ways() -> None:
    migration = check_both_ways(
        source_version="2.0.3",
        source_compatible="2.0.*",
        destination_version="2.1.3",
        destination_compatible="2.0.2-2.0.4,2.1.0+",
    )
    assert migration.forward.allowed
    assert migration.back is not None
    assert not migration.back.allowed
    assert not migration.allowed
    doc = migration.to_json()
    assert doc["schema"] == "rangespec.migration/1"
    assert [(d["from"], d["to"], d["allowed"]) for d in doc["directions"]] == [
        ("source", "destination", True),
        ("destination", "source", False),
    ]
    one_way = Migration(migration.forward)
    assert one_way.allowed
    assert len(one_way.to_json()["directions"]) == 1


def test_both_ways_checks_every_input_before_deciding() -> None:
    with pytest.raises(RangeSpecError):
        check_both_ways(
            source_version="2.0.3",
            source_compatible="2.0.*,",  # only the way back is bad
            destination_version="2.1.3",
            destination_compatible="2.0.2-2.0.4,2.1.0+",
        )
    with pytest.raises(TypeError, match="destination_version"):
        check_both_ways(
            source_version="2.0.3",
            source_compatible="2.0.*",
            destination_version=3,  # type: ignore[arg-type]
            destination_compatible="2.*",
        )


@pytest.mark.parametrize(
    ("version", "policy"),
    [("2.1.3", "2.0.0-2.1.*"), ("2.0.5", "2.0.*"), ("2", "2.0.*"), ("0.3.1", "0.0.0-0.3.*")],
)
def test_semver_policy(version: str, policy: str) -> None:
    s = semver_policy(parse_version(version))
    assert str(s) == policy
    assert semver_policy(version) == s
    assert parse_version(version) in s


def test_semver_policy_meaning() -> None:
    s = semver_policy(Version(2, 1, 3))
    assert Version(2, 0, 9) in s
    assert Version(2, 1, 99) in s
    assert Version(2, 2) not in s
    assert Version(1, 9) not in s
