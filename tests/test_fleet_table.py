"""Hand-made fleets with known answers: islands, one-way pairs, the matrix, destinations,
problems, and what an upgrade changes.

A fleet is written host by host as devices ``(kind, version, list)``: the
kind is an mdev type (None: the ``mdev_type`` link is unreadable), the
version and list are texts (None: the file is unreadable). Device ``dK``
is the K-th device of its host.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from rangespec import RangeSet, Version, validate, validate_version
from rangespec.fleet import Fleet, destinations, report, simulate_upgrade
from rangespec.sysfs import (
    Attribute,
    Device,
    Fact,
    Facts,
    Inventory,
    ReadError,
    SysfsErrorCode,
)

DENIED = ReadError(SysfsErrorCode.PERMISSION_DENIED, "permission denied")
Spec = tuple[str | None, str | None, str | None]


def _device(name: str, kind: str | None, version: str | None, compatible: str | None) -> Device:
    path = f"/sys/bus/mdev/devices/{name}"
    if version is None:
        v: Attribute[Version] = Attribute("interface_version", path, None, DENIED, None, None)
    else:
        r = validate_version(version)
        v = Attribute("interface_version", path, version, None, r, r.version)
    if compatible is None:
        c: Attribute[RangeSet] = Attribute(
            "interface_version_compatible", path, None, DENIED, None, None
        )
    else:
        r = validate(compatible)
        c = Attribute("interface_version_compatible", path, compatible, None, r, r.rangeset)
    fact = Fact(None, DENIED) if kind is None else Fact(kind)
    return Device(name, "mdev", path, v, c, facts=Facts(mdev_type=fact))


def fleet_of(hosts: dict[str, list[Spec]]) -> Fleet:
    return Fleet.from_inventories(
        [
            Inventory("/sys", tuple(_device(f"d{k}", *s) for k, s in enumerate(specs)), (), h)
            for h, specs in hosts.items()
        ]
    )


OLD: Spec = ("T", "2.0.3", "2.0.*")
NEW: Spec = ("T", "2.1.0", "2.0.0-2.1.*")


@dataclass
class Case:
    hosts: dict[str, list[Spec]]
    # (HOST:DEVICE, "out" nowhere to go / "in" accepts nothing)
    islands: set[tuple[str, str]]
    one_way: set[tuple[str, str]]
    problems: list[tuple[str, str, str]] = field(default_factory=list)
    unclassified: int = 0


CASES = {
    "all alike": Case({"a": [OLD], "b": [OLD]}, set(), set()),
    "a canary on the next major": Case(
        {"a": [OLD], "b": [OLD], "c": [("T", "3.0.0", "3.0.*")]},
        {("c:d0", "out"), ("c:d0", "in")},
        set(),
    ),
    "an upgrade half rolled out": Case(
        {"a": [OLD], "b": [OLD], "c": [NEW], "d": [NEW]},
        set(),
        {("a", "c"), ("a", "d"), ("b", "c"), ("b", "d")},
    ),
    "the only new host": Case(
        {"a": [OLD], "b": [OLD], "c": [NEW]},
        {("c:d0", "out")},
        {("a", "c"), ("b", "c")},
    ),
    "a host's own devices do not count": Case(
        {"a": [OLD, OLD]},
        {("a:d0", "out"), ("a:d0", "in"), ("a:d1", "out"), ("a:d1", "in")},
        set(),
    ),
    "classes do not mix": Case(
        {"a": [OLD], "b": [("U", "2.0.3", "2.0.*")]},
        {("a:d0", "out"), ("a:d0", "in"), ("b:d0", "out"), ("b:d0", "in")},
        set(),
    ),
    "an invalid list accepts nothing": Case(
        {"a": [("T", "2.0.3", "2.0.*,02")], "b": [OLD]},
        {("b:d0", "out")},
        {("a", "b")},  # a can send to b; b cannot send to a, whose list accepts nothing
        [("a:d0", "interface_version_compatible", "leading-zero")],
    ),
    "an unreadable version goes nowhere": Case(
        {"a": [("T", None, "2.0.*")], "b": [OLD]},
        {("b:d0", "in")},
        {("b", "a")},  # a has nothing to send: b can send to a, never back
        [("a:d0", "interface_version", "permission-denied")],
    ),
    "an unreadable class fact": Case(
        {"a": [(None, "2.0.3", "2.0.*")], "b": [OLD]},
        {("b:d0", "out"), ("b:d0", "in")},
        set(),
        [("a:d0", "facts.mdev_type", "permission-denied")],
        unclassified=1,
    ),
    "a list that does not take its own version": Case(
        {"a": [("T", "2.1.0", "2.0.*")], "b": [("T", "2.1.0", "2.0.*")]},
        {("a:d0", "out"), ("a:d0", "in"), ("b:d0", "out"), ("b:d0", "in")},
        set(),
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_known_fleets(name: str) -> None:
    case = CASES[name]
    found = report(fleet_of(case.hosts))
    islands = {(i.ref, "out") for c in found.classes for i in c.nowhere_to_go}
    islands |= {(i.ref, "in") for c in found.classes for i in c.accepts_nothing}
    assert islands == case.islands
    one_way = {
        (a, b)
        for c in found.classes
        for o in c.one_way
        for a in c.profiles[o.source].hosts
        for b in c.profiles[o.destination].hosts
    }
    assert one_way == case.one_way
    assert [(f"{p.host}:{p.device}", p.what, p.code) for p in found.problems] == case.problems
    assert found.unclassified == case.unclassified


def test_the_matrix_of_a_rollout() -> None:
    found = report(fleet_of({"a": [OLD, OLD], "b": [NEW], "c": [("T", "2.1.0", "2.0.2-2.0.4")]}))
    (c,) = found.classes
    assert str(c.device_class) == "mdev/T"
    assert [(str(v.version), v.devices, v.hosts) for v in c.versions] == [
        ("2.0.3", 2, 1),
        ("2.1.0", 2, 2),
    ]
    assert [str(lst.compatible) for lst in c.lists] == ["2.0.*", "2.0.0-2.1.*", "2.0.2-2.0.4"]
    assert c.matrix == ((True, True, True), (False, True, False))


def test_equal_lists_written_differently_are_one_list() -> None:
    found = report(fleet_of({"a": [("T", "2.0.3", "2.0.0-2.0.*")], "b": [OLD]}))
    (c,) = found.classes
    assert [(str(lst.compatible), lst.devices, lst.hosts) for lst in c.lists] == [("2.0.*", 2, 2)]


def test_known_destinations() -> None:
    fleet = fleet_of(
        {"a": [OLD, NEW], "b": [NEW], "c": [OLD, ("T", "2.0.3", "2.0.*,02")], "d": [NEW]}
    )
    refs = [d.ref for d in destinations(fleet, device="a:d0").found]
    assert refs == ["b:d0", "c:d0", "d:d0"]  # never a's own, never the invalid list
    back = [d.ref for d in destinations(fleet, device="a:d0", both_ways=True).found]
    assert back == ["c:d0"]  # 2.1.0 is not in a:d0's 2.0.*
    by_class = destinations(fleet, device_class="mdev/T", version="2.1.0")
    assert [d.ref for d in by_class.found] == ["a:d1", "b:d0", "d:d0"]
    assert by_class.hosts == 3


# -- upgrades ---------------------------------------------------------------------------


def _directions(impact: object) -> dict[str, tuple[int, int, int, int]]:
    return {
        d.name: (d.before, d.after, d.gained, d.lost)
        for d in impact.directions  # type: ignore[attr-defined]
    }


THREE_OLD = {"a": [OLD], "b": [OLD], "c": [OLD]}


def test_upgrading_one_host_strands_it() -> None:
    impact = simulate_upgrade(fleet_of(THREE_OLD), ["a"], "mdev/T", "2.1.0", "2.0.0-2.1.*")
    assert _directions(impact) == {
        "old->new": (2, 2, 0, 0),  # b and c into a: 2.0.3 is still accepted
        "new->old": (2, 0, 0, 2),  # a into b and c: 2.1.0 is not in 2.0.*
        "new->new": (0, 0, 0, 0),  # one host
    }
    assert [(i.ref, str(i.version)) for i in impact.new_islands] == [("a:d0", "2.1.0")]
    assert [(s.host, s.undrainable, s.stranded) for s in impact.steps] == [("a", (), 1)]
    assert not impact.safe
    assert impact.loses


def test_a_rollout_strands_its_first_host_only_until_the_second() -> None:
    impact = simulate_upgrade(
        fleet_of(THREE_OLD), ["a", "b", "c"], "mdev/T", "2.1.0", "2.0.0-2.1.*"
    )
    assert [(s.host, s.stranded) for s in impact.steps] == [("a", 1), ("b", 0), ("c", 0)]
    assert _directions(impact)["new->new"] == (6, 6, 0, 0)
    assert impact.new_islands == ()
    assert impact.loses  # the first step strands a device


def test_forward_compatible_lists_make_a_safe_rollout() -> None:
    fleet = fleet_of({h: [("T", "2.0.3", "2.0.0-2.1.*")] for h in "abc"})
    impact = simulate_upgrade(fleet, ["a", "b"], "mdev/T", "2.1.0", "2.0.0-2.1.*")
    assert impact.safe
    assert not impact.loses
    assert _directions(impact) == {
        "old->new": (2, 2, 0, 0),
        "new->old": (2, 2, 0, 0),
        "new->new": (2, 2, 0, 0),
    }


def test_a_host_that_cannot_be_drained() -> None:
    # b's version is unreadable: its device cannot be judged, so b cannot be drained
    fleet = fleet_of({"a": [OLD], "b": [("T", None, "2.0.*")], "c": [OLD]})
    impact = simulate_upgrade(fleet, ["b"], "mdev/T", "2.0.3", "2.0.*")
    assert [(s.host, s.undrainable) for s in impact.steps] == [("b", ("d0",))]
    assert not impact.safe


def test_upgrades_refuse_what_they_cannot_do() -> None:
    fleet = fleet_of(THREE_OLD)
    with pytest.raises(ValueError, match="no device has the class 'mdev/X'"):
        simulate_upgrade(fleet, ["a"], "mdev/X", "2.1.0", "2.1.*")
    with pytest.raises(ValueError, match="no host 'z'"):
        simulate_upgrade(fleet, ["z"], "mdev/T", "2.1.0", "2.1.*")
    with pytest.raises(ValueError, match="given twice"):
        simulate_upgrade(fleet, ["a", "a"], "mdev/T", "2.1.0", "2.1.*")
