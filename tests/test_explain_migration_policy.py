"""explain, check_migration and the semver policy."""

from __future__ import annotations

import pytest

from rangespec import RangeSet, Version, parse, parse_version
from rangespec.compat import check_migration
from rangespec.explain import explain, in_words, picture
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
    verdict = check_migration(parse_version(version), text)
    assert (verdict.allowed, verdict.reason) == (allowed, reason)
    assert verdict.compatible == parse(text)


@pytest.mark.parametrize(
    ("version", "policy"),
    [("2.1.3", "2.0.0-2.1.*"), ("2.0.5", "2.0.*"), ("2", "2.0.*"), ("0.3.1", "0.0.0-0.3.*")],
)
def test_semver_policy(version: str, policy: str) -> None:
    s = semver_policy(parse_version(version))
    assert str(s) == policy
    assert parse_version(version) in s


def test_semver_policy_meaning() -> None:
    s = semver_policy(Version(2, 1, 3))
    assert Version(2, 0, 9) in s
    assert Version(2, 1, 99) in s
    assert Version(2, 2) not in s
    assert Version(1, 9) not in s
