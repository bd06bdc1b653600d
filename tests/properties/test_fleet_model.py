"""Every fleet answer against a naive all-pairs model, on small generated fleets.

The model shares no fleet code with rangespec: it classifies devices from
their facts by the documented default rule, and answers each question by
looking at every pair of devices (or hosts) and every intermediate state of
a rollout. Membership of a version in a list is the one primitive it takes
from rangespec (``RangeSet``'s ``in``, tested on its own elsewhere).
"""

from __future__ import annotations

import io
import json
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rangespec import RangeSet, Version, validate, validate_version
from rangespec.fleet import (
    Fleet,
    destinations,
    read_fleet,
    report,
    simulate_upgrade,
)
from rangespec.sysfs import (
    Attribute,
    Device,
    Fact,
    Facts,
    Inventory,
    ReadError,
    SysfsErrorCode,
)

# -- generating small fleets ---------------------------------------------------

VERSIONS = ["1.0", "1.0.0", "1.1", "1.2", "2.0", "1.x", "1.1\n\n"]
LISTS = ["1.*", "1.0.0-1.0.*", "1.0-1.1", "1.1+", "2.*", "1.0,2.0", "", "1.1,1.0", "2.x", "1.2-"]
DENIED = ReadError(SysfsErrorCode.PERMISSION_DENIED, "permission denied")


@dataclass(frozen=True)
class Spec:
    """One device: bus, class fact value (None: unreadable), version and list texts
    (None: unreadable)."""

    bus: str
    kind: str | None
    version: str | None
    compatible: str | None


def _device(name: str, spec: Spec) -> Device:
    path = f"/sys/bus/{spec.bus}/devices/{name}"
    if spec.version is None:
        version: Attribute[Version] = Attribute(
            "interface_version", f"{path}/v", None, DENIED, None, None
        )
    else:
        r = validate_version(spec.version)
        version = Attribute("interface_version", f"{path}/v", spec.version, None, r, r.version)
    if spec.compatible is None:
        compatible: Attribute[RangeSet] = Attribute(
            "interface_version_compatible", f"{path}/c", None, DENIED, None, None
        )
    else:
        r = validate(spec.compatible)
        compatible = Attribute(
            "interface_version_compatible", f"{path}/c", spec.compatible, None, r, r.rangeset
        )
    kind = Fact(None, DENIED) if spec.kind is None else Fact(spec.kind)
    if spec.bus == "mdev":
        facts = Facts(mdev_type=kind, driver=Fact("vfio_mdev"))
    else:  # the kind is the PCI device id; the driver is the same for all
        facts = Facts(
            driver=Fact("vfio-pci"),
            vendor=Fact("0x10de"),
            device=kind if spec.kind is None else Fact(f"0x{spec.kind}"),
            subsystem_vendor=Fact("0x10de"),
            subsystem_device=Fact("0x0001"),
        )
    return Device(name, spec.bus, path, version, compatible, facts=facts)


specs = st.builds(
    Spec,
    st.sampled_from(["mdev", "mdev", "pci"]),
    st.sampled_from(["aaaa", "aaaa", "bbbb"]) | st.none(),
    st.sampled_from(VERSIONS) | st.none(),
    st.sampled_from(LISTS) | st.none(),
)
host_specs = st.lists(st.lists(specs, max_size=4), min_size=1, max_size=5)


def build(hosts: list[list[Spec]]) -> list[Inventory]:
    return [
        Inventory(
            "/sys",
            tuple(_device(f"d{k}", spec) for k, spec in enumerate(devices)),
            (),
            f"h{n}",
        )
        for n, devices in enumerate(hosts)
    ]


# -- the naive model ---------------------------------------------------------------


@dataclass(frozen=True)
class Dev:
    host: str
    name: str
    cls: tuple[str, str] | None
    version: Version | None
    compatible: RangeSet | None

    @property
    def ref(self) -> str:
        return f"{self.host}:{self.name}"


def naive_devices(hosts: list[list[Spec]]) -> list[Dev]:
    out = []
    for n, devices in enumerate(hosts):
        for k, spec in enumerate(devices):
            version = None if spec.version is None else validate_version(spec.version).version
            lst = None if spec.compatible is None else validate(spec.compatible).rangeset
            cls = None if spec.kind is None else (spec.bus, spec.kind)
            out.append(Dev(f"h{n}", f"d{k}", cls, version, lst))
    return out


def allowed(a: Dev, b: Dev) -> bool:
    """May ``a`` migrate to ``b``: same class, other host, a's version in b's list."""
    return (
        a.cls is not None
        and a.cls == b.cls
        and a.host != b.host
        and a.version is not None
        and b.compatible is not None
        and a.version in b.compatible
    )


def naive_islands(devices: Sequence[Dev]) -> set[tuple[str, str, str]]:
    found = set()
    for a in devices:
        if a.cls is None:
            continue
        if a.version is not None and not any(allowed(a, b) for b in devices):
            found.add((a.ref, "out", str(a.version)))
        if a.compatible is not None and not any(allowed(b, a) for b in devices):
            found.add((a.ref, "in", str(a.compatible)))
    return found


def naive_sends(devices: Sequence[Dev], cls: object, a: str, b: str) -> bool:
    versions = {d.version for d in devices if d.host == a and d.cls == cls and d.version}
    lists = [
        d.compatible for d in devices if d.host == b and d.cls == cls and d.compatible is not None
    ]
    return bool(versions) and all(any(v in lst for lst in lists) for v in versions)


def check_store(fleet: Fleet) -> None:
    """The invariants of rangespec._fleet_store."""
    assert len(set(fleet.hosts)) == len(fleet.hosts)
    assert len(fleet.host_start) == len(fleet.hosts) + 1
    for h in range(len(fleet.hosts)):
        names = fleet.names[fleet.host_start[h] : fleet.host_start[h + 1]]
        assert len(set(names)) == len(names)
        counted = Counter(fleet.groups[fleet.host_start[h] : fleet.host_start[h + 1]])
        assert dict(fleet.host_groups[h]) == dict(counted)
        assert [g for g, _ in fleet.host_groups[h]] == sorted(counted)
    assert len(set(fleet.group_keys)) == len(fleet.group_keys)
    assert len(set(fleet.versions)) == len(fleet.versions)
    assert len(set(fleet.lists)) == len(fleet.lists)


# -- the properties -------------------------------------------------------------------


@given(host_specs)
def test_store_and_classes_match_the_model(hosts: list[list[Spec]]) -> None:
    fleet = Fleet.from_inventories(build(hosts))
    check_store(fleet)
    devices = naive_devices(hosts)
    assert [(d.host, d.name) for d in fleet.devices()] == [(d.host, d.name) for d in devices]
    ours = list(fleet.devices())
    for a, x in zip(devices, ours, strict=True):
        assert (a.cls is None) == (x.device_class is None)
        assert a.version == x.version
        assert a.compatible == x.compatible
        for b, y in zip(devices, ours, strict=True):
            if a.cls is not None and b.cls is not None:
                assert (a.cls == b.cls) == (x.device_class == y.device_class)


@given(host_specs)
def test_the_json_path_reads_what_the_model_path_reads(hosts: list[list[Spec]]) -> None:
    inventories = build(hosts)
    lines = b"".join(json.dumps(i.to_json()).encode() + b"\n" for i in inventories)
    streamed = read_fleet(["-"], stdin=io.BytesIO(lines))
    direct = Fleet.from_inventories(inventories)
    assert streamed.rejected == ()
    assert list(streamed.devices()) == list(direct.devices())
    assert streamed.problems == direct.problems


@given(host_specs)
def test_report_matches_the_model(hosts: list[list[Spec]]) -> None:
    fleet = Fleet.from_inventories(build(hosts))
    found = report(fleet)
    devices = naive_devices(hosts)
    by_class: dict[object, list[Dev]] = defaultdict(list)
    for d in devices:
        if d.cls is not None:
            by_class[d.cls].append(d)
    assert found.unclassified == sum(d.cls is None for d in devices)
    assert sorted(c.devices for c in found.classes) == sorted(len(v) for v in by_class.values())
    islands = set()
    for c in found.classes:
        members = next(
            ds
            for ds in by_class.values()
            if {d.ref for d in ds}
            == {x.ref for x in fleet.devices() if x.device_class == c.device_class}
        )
        cls = members[0].cls
        versions = Counter(d.version for d in members if d.version is not None)
        version_hosts = {v: len({d.host for d in members if d.version == v}) for v in versions}
        assert [(x.version, x.devices, x.hosts) for x in c.versions] == [
            (v, versions[v], version_hosts[v]) for v in sorted(versions)
        ]
        lists = Counter(d.compatible for d in members if d.compatible is not None)
        assert {(x.compatible, x.devices, x.hosts) for x in c.lists} == {
            (lst, n, len({d.host for d in members if d.compatible == lst}))
            for lst, n in lists.items()
        }
        assert c.hosts == len({d.host for d in members})
        assert c.unusable == sum(d.version is None or d.compatible is None for d in members)
        for x, row in zip(c.versions, c.matrix, strict=True):
            for y, inside in zip(c.lists, row, strict=True):
                assert inside == (x.version in y.compatible)
        islands |= {(i.ref, "out", str(i.version)) for i in c.nowhere_to_go}
        islands |= {(i.ref, "in", str(i.compatible)) for i in c.accepts_nothing}
        # one-way host pairs, expanded from the profiles
        hosts_of_class = sorted({d.host for d in members})
        assert sorted(h for p in c.profiles for h in p.hosts) == hosts_of_class
        expanded = {
            (a, b)
            for o in c.one_way
            for a in c.profiles[o.source].hosts
            for b in c.profiles[o.destination].hosts
        }
        assert sum(o.host_pairs for o in c.one_way) == len(expanded)
        expected = {
            (a, b)
            for a in hosts_of_class
            for b in hosts_of_class
            if a != b and naive_sends(devices, cls, a, b) and not naive_sends(devices, cls, b, a)
        }
        assert expanded == expected
    assert islands == naive_islands(devices)


@given(host_specs, st.booleans())
def test_device_destinations_match_the_model(hosts: list[list[Spec]], both: bool) -> None:
    fleet = Fleet.from_inventories(build(hosts))
    devices = naive_devices(hosts)
    for a in devices:
        if a.cls is None or a.version is None or (both and a.compatible is None):
            continue
        answer = destinations(fleet, device=a.ref, both_ways=both)
        expected = [b.ref for b in devices if allowed(a, b) and (not both or allowed(b, a))]
        assert sorted(d.ref for d in answer.found) == sorted(expected)


@given(host_specs, st.sampled_from(["0.9", "1.0", "1.1.5", "1.2", "2.0", "3"]), st.booleans())
def test_class_destinations_match_the_model(
    hosts: list[list[Spec]], version: str, both: bool
) -> None:
    fleet = Fleet.from_inventories(build(hosts))
    devices = naive_devices(hosts)
    back = RangeSet("1.0-1.1")
    for c in fleet.classes:
        members = [d for d, x in zip(devices, fleet.devices(), strict=True) if x.device_class == c]
        answer = destinations(
            fleet, device_class=str(c), version=version, back=back, both_ways=both
        )
        expected = [
            b.ref
            for b in members
            if b.compatible is not None
            and Version(version) in b.compatible
            and (not both or (b.version is not None and b.version in back))
        ]
        assert sorted(d.ref for d in answer.found) == sorted(expected)


def naive_upgrade(
    devices: list[Dev], order: list[str], cls: object, version: Version, lst: RangeSet
) -> dict[str, Any]:
    chosen = [h for h in order if any(d.host == h and d.cls == cls for d in devices)]

    def state(upgraded: set[str]) -> list[Dev]:
        return [
            Dev(d.host, d.name, d.cls, version, lst) if d.host in upgraded and d.cls == cls else d
            for d in devices
        ]

    before, after = devices, state(set(chosen))
    up = set(chosen)
    directions: dict[str, dict[str, Any]] = {}
    for name, src_up, dst_up in (
        ("old->new", False, True),
        ("new->old", True, False),
        ("new->new", True, True),
    ):
        counts: dict[str, Any] = {"before": 0, "after": 0, "changes": Counter()}
        for i, a in enumerate(before):
            for j, b in enumerate(before):
                if a.cls != cls or b.cls != cls or a.host == b.host:
                    continue
                if (a.host in up) != src_up or (b.host in up) != dst_up:
                    continue
                was, now = allowed(a, b), allowed(after[i], after[j])
                counts["before"] += was
                counts["after"] += now
                if was != now:
                    counts["changes"][a.version, b.compatible, now] += 1
        directions[name] = counts

    def evacuable(ds: list[Dev]) -> set[str]:
        return {a.ref for a in ds if a.cls == cls and any(allowed(a, b) for b in ds)}

    start = evacuable(before)
    steps = []
    for k, host in enumerate(chosen):
        current = state(set(chosen[:k]))
        movable = evacuable(current)
        undrainable = [
            d.name for d in current if d.host == host and d.cls == cls and d.ref not in movable
        ]
        later = state(set(chosen[: k + 1]))
        stranded = len(start - evacuable(later))
        steps.append((host, undrainable, stranded))
    new_islands = naive_islands([d for d in after if d.cls == cls]) - naive_islands(
        [d for d in before if d.cls == cls]
    )
    return {"hosts": chosen, "directions": directions, "steps": steps, "islands": new_islands}


@settings(max_examples=100)
@given(
    host_specs,
    st.data(),
    st.sampled_from(["1.1", "1.3", "2.0"]),
    st.sampled_from(["1.*", "1.1-1.3", "2.*", "", "1.0,2.0"]),
)
def test_upgrade_matches_the_model(
    hosts: list[list[Spec]], data: st.DataObject, version: str, compatible: str
) -> None:
    fleet = Fleet.from_inventories(build(hosts))
    devices = naive_devices(hosts)
    if not fleet.classes:
        return
    c = data.draw(st.sampled_from(fleet.classes))
    order = data.draw(
        st.permutations(list(fleet.hosts)).flatmap(
            lambda hs: st.integers(0, len(hs)).map(lambda n: hs[:n])
        )
    )
    cls = next(d.cls for d, x in zip(devices, fleet.devices(), strict=True) if x.device_class == c)
    impact = simulate_upgrade(fleet, order, str(c), version, compatible)
    expected = naive_upgrade(devices, list(order), cls, Version(version), RangeSet(compatible))
    assert list(impact.hosts) == expected["hosts"]
    for d in impact.directions:
        model = expected["directions"][d.name]
        assert (d.before, d.after) == (model["before"], model["after"])
        assert d.gained - d.lost == d.after - d.before
        changes = Counter(
            {(x.source_version, x.destination_list, x.gained): x.pairs for x in d.changes}
        )
        assert changes == model["changes"]
    assert [(s.host, list(s.undrainable), s.stranded) for s in impact.steps] == expected["steps"]
    ours = {(i.ref, "out", str(i.version)) for i in impact.new_islands if i.version is not None}
    ours |= {
        (i.ref, "in", str(i.compatible)) for i in impact.new_islands if i.compatible is not None
    }
    assert ours == expected["islands"]
    assert impact.loses == (any(d.lost for d in impact.directions) or bool(ours) or not impact.safe)
