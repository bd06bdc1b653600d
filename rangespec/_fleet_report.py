"""The fleet report: per class, versions and lists, the matrix, islands and one-way host pairs.

Everything is computed from the store's groups (rangespec._fleet_store), so
the cost grows with the devices (one pass, for counting) and with the
distinct (class, version) and (class, list) pairs, never with pairs of
devices or hosts:

* the **matrix** tests each distinct version of a class against each
  distinct list of it, once;
* **islands** come from rangespec._fleet_views;
* **one-way host pairs** are found between host *profiles*: hosts with the
  same versions of the class and the same accepted versions of it behave
  alike, so pairs of profiles are compared, and each one-way pair of
  profiles stands for every pair of their hosts (``host_pairs``). Host A
  *can send to* host B when A has a usable version of the class and every
  version of the class on A is accepted by some device of the class on B;
  a pair is one-way when A can send to B and B cannot send to A.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from ._fleet_class import DeviceClass
from ._fleet_store import Fleet, Problem, Rejected
from ._fleet_views import Group, Reach, islands
from ._rangeset import RangeSet
from ._version import Version
from .schemas import FLEET_REPORT, ClassReportJSON, FleetReportDocument

#: The matrix and the islands of a class cost one membership test per (version,
#: list) pair: past this many distinct versions or lists in one class they are
#: not worked out, so a report stays within seconds whatever the input.
MAX_DISTINCT: Final = 500
#: One-way pairs compare host profiles in pairs: past this many, not worked out.
MAX_PROFILES: Final = 1000

__all__ = [
    "MAX_DISTINCT",
    "MAX_PROFILES",
    "ClassReport",
    "FleetReport",
    "HostProfile",
    "Island",
    "ListCount",
    "OneWay",
    "VersionCount",
    "class_view",
    "report",
]


@dataclass(frozen=True, slots=True)
class VersionCount:
    """A distinct version of a class, and how many devices and hosts have it.

    >>> from rangespec import Version
    >>> VersionCount(Version("2.1.3"), 40, 20).hosts
    20
    """

    version: Version
    devices: int
    hosts: int


@dataclass(frozen=True, slots=True)
class ListCount:
    """A distinct list of a class (canonical: equal sets are one), with its devices and hosts.

    >>> from rangespec import RangeSet
    >>> str(ListCount(RangeSet("2.0.0-2.0.*"), 3, 1).compatible)
    '2.0.*'
    """

    compatible: RangeSet
    devices: int
    hosts: int


@dataclass(frozen=True, slots=True)
class Island:
    """A device that cannot leave (``version`` set: no device of its class on another
    host accepts it), or cannot receive (``compatible`` set: its list accepts no
    version of its class on another host).

    >>> from rangespec import Version
    >>> Island("node-1", "0000:3b:00.1", Version("3.0.0"), None).ref
    'node-1:0000:3b:00.1'
    """

    host: str
    device: str
    version: Version | None
    compatible: RangeSet | None

    @property
    def ref(self) -> str:
        """``HOST:DEVICE``."""
        return f"{self.host}:{self.device}"


@dataclass(frozen=True, slots=True)
class HostProfile:
    """Hosts alike for a class: the same versions of it, and the same accepted versions.

    >>> from rangespec import Version
    >>> HostProfile((Version("2.0.3"),), (Version("2.0.3"),), ("node-1", "node-2")).hosts[0]
    'node-1'
    """

    versions: tuple[Version, ...]
    accepts: tuple[Version, ...]
    hosts: tuple[str, ...]

    def can_send_to(self, other: HostProfile) -> bool:
        """Whether a host of this profile can move every device of the class to a host of
        ``other``: it has a version, and every one of them is accepted there."""
        return bool(self.versions) and set(self.versions) <= set(other.accepts)


@dataclass(frozen=True, slots=True)
class OneWay:
    """Every host of profile ``source`` can send to every host of profile ``destination``,
    and none can send back: ``host_pairs`` ordered pairs of hosts.

    >>> OneWay(0, 1, 12).host_pairs
    12
    """

    source: int
    destination: int
    host_pairs: int


@dataclass(frozen=True, slots=True)
class ClassReport:
    """What the report says about one class.

    ``matrix[i][j]`` tells whether ``lists[j]`` accepts ``versions[i]``.
    ``unusable`` counts the class's devices whose version or list is
    unreadable or invalid: they are in ``FleetReport.problems``, and are
    never counted as accepting or accepted.

    A class with more than MAX_DISTINCT versions or lists has no matrix and
    no islands worked out (``islands_worked_out`` is False), one with more
    than MAX_PROFILES host profiles no profiles and one-way pairs
    (``pairs_worked_out``); ``limited`` then says why. An empty tuple is then
    "not known", never "none".

    >>> from rangespec.fleet import Fleet, generate_fleet, report
    >>> fleet = Fleet.from_inventories(generate_fleet(12, seed=4, devices_per_host=2, problems=0.2))
    >>> found = report(fleet).classes[1]
    >>> str(found.device_class), found.devices, found.hosts, found.unusable
    ('mdev/nvidia-717', 12, 6, 1)
    >>> [str(v.version) for v in found.versions]
    ['2.0.3', '2.1.0', '2.1.4', '3.0.0']
    >>> [str(lst.compatible) for lst in found.lists]
    ['2.0.*', '2.0.0-2.1.*', '2.0.2-2.0.4,2.1.0+', '3.0.*']
    >>> found.matrix[3]  # 3.0.0: only 3.0.* accepts it
    (False, False, False, True)
    >>> all(found.matrix[i][j] == (v.version in lst.compatible)
    ...     for i, v in enumerate(found.versions) for j, lst in enumerate(found.lists))
    True
    """

    device_class: DeviceClass
    devices: int
    hosts: int
    unusable: int
    versions: tuple[VersionCount, ...]
    lists: tuple[ListCount, ...]
    matrix: tuple[tuple[bool, ...], ...]
    nowhere_to_go: tuple[Island, ...]
    accepts_nothing: tuple[Island, ...]
    profiles: tuple[HostProfile, ...]
    one_way: tuple[OneWay, ...]
    islands_worked_out: bool = True
    pairs_worked_out: bool = True
    limited: str | None = None

    def to_json(self) -> ClassReportJSON:
        """The JSON form (docs/fleet.md, "The report")."""
        return {
            "class": str(self.device_class),
            "devices": self.devices,
            "hosts": self.hosts,
            "unusable": self.unusable,
            "versions": [
                {
                    "version": str(v.version),
                    "key": v.version.order_key(),
                    "devices": v.devices,
                    "hosts": v.hosts,
                }
                for v in self.versions
            ],
            "lists": [
                {"list": str(lst.compatible), "devices": lst.devices, "hosts": lst.hosts}
                for lst in self.lists
            ],
            "limited": self.limited,
            "matrix": [list(row) for row in self.matrix] if self.islands_worked_out else None,
            "islands": None
            if not self.islands_worked_out
            else {
                "nowhere_to_go": [
                    {"host": i.host, "device": i.device, "version": str(i.version)}
                    for i in self.nowhere_to_go
                ],
                "accepts_nothing": [
                    {"host": i.host, "device": i.device, "list": str(i.compatible)}
                    for i in self.accepts_nothing
                ],
            },
            "profiles": [
                {
                    "versions": [str(v) for v in p.versions],
                    "accepts": [str(v) for v in p.accepts],
                    "hosts": list(p.hosts),
                }
                for p in self.profiles
            ]
            if self.pairs_worked_out
            else None,
            "one_way": [
                {"from": o.source, "to": o.destination, "host_pairs": o.host_pairs}
                for o in self.one_way
            ]
            if self.pairs_worked_out
            else None,
        }


@dataclass(frozen=True, slots=True)
class FleetReport:
    """The whole report: each class, every problem, every rejected input.

    Every device is in one class or counted ``unclassified``. A problem
    with a fact outside the class rule (an mdev's ``driver`` here) is
    reported, but leaves the device its class.

    >>> from rangespec.fleet import Fleet, generate_fleet, report
    >>> fleet = Fleet.from_inventories(generate_fleet(12, seed=4, devices_per_host=2, problems=0.2))
    >>> found = report(fleet)
    >>> found.hosts, found.devices, found.unclassified, found.rejected
    (12, 24, 0, ())
    >>> [p.what for p in found.problems]
    ['interface_version', 'facts.driver', 'interface_version']
    >>> [c.unusable for c in found.classes]
    [1, 1]
    >>> found.to_json()["schema"]
    'rangespec.fleet-report/1'
    """

    rule: str
    hosts: int
    devices: int
    unclassified: int
    classes: tuple[ClassReport, ...]
    problems: tuple[Problem, ...]
    rejected: tuple[Rejected, ...]

    def to_json(self) -> FleetReportDocument:
        """The JSON form, schema ``rangespec.fleet-report/1`` (docs/fleet.md)."""
        return {
            "schema": FLEET_REPORT,
            "rule": self.rule,
            "hosts": self.hosts,
            "devices": self.devices,
            "unclassified": self.unclassified,
            "classes": [c.to_json() for c in self.classes],
            "problems": [
                {
                    "host": p.host,
                    "device": p.device,
                    "what": p.what,
                    "code": p.code,
                    "message": p.message,
                }
                for p in self.problems
            ],
            "rejected": [
                {"source": r.source, "message": r.message, "unreadable": r.unreadable}
                for r in self.rejected
            ],
        }


def class_view(fleet: Fleet) -> dict[int, dict[int, list[Group[Version, RangeSet]]]]:
    """Each class's view (rangespec._fleet_views): class -> host -> groups, with values."""
    views: dict[int, dict[int, list[Group[Version, RangeSet]]]] = defaultdict(dict)
    keys, versions, lists = fleet.group_keys, fleet.versions, fleet.lists
    for h, groups in enumerate(fleet.host_groups):
        for g, n in groups:
            c, v, lst = keys[g]
            if c < 0:
                continue
            view = views[c]
            if h not in view:
                view[h] = []
            view[h].append(
                Group(None if v < 0 else versions[v], None if lst < 0 else lists[lst], n)
            )
    return views


def _contains(v: Version, lst: RangeSet) -> bool:
    return v in lst


def report(fleet: Fleet) -> FleetReport:
    """The report of ``fleet`` (docs/fleet.md, "The report").

    >>> from rangespec.fleet import Fleet, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(6, seed=3, devices_per_host=2))
    >>> found = report(fleet)
    >>> found.devices, sum(c.devices for c in found.classes) + found.unclassified
    (12, 12)
    """
    views = class_view(fleet)
    classes = [
        _class_report(fleet, c, views[c]) for c in sorted(views, key=lambda c: fleet.classes[c])
    ]
    unclassified = sum(
        n for groups in fleet.host_groups for g, n in groups if fleet.group_keys[g][0] < 0
    )
    return FleetReport(
        str(fleet.rule),
        len(fleet.hosts),
        len(fleet),
        unclassified,
        tuple(classes),
        fleet.problems,
        fleet.rejected,
    )


def _class_report(
    fleet: Fleet, c: int, view: dict[int, list[Group[Version, RangeSet]]]
) -> ClassReport:
    version_devices: dict[Version, int] = defaultdict(int)
    version_hosts: dict[Version, int] = defaultdict(int)
    list_devices: dict[RangeSet, int] = defaultdict(int)
    list_hosts: dict[RangeSet, int] = defaultdict(int)
    devices = unusable = 0
    for groups in view.values():
        for v in {g.version for g in groups if g.version is not None}:
            version_hosts[v] += 1
        for lst in {g.compatible for g in groups if g.compatible is not None}:
            list_hosts[lst] += 1
        for g in groups:
            devices += g.devices
            if g.version is None or g.compatible is None:
                unusable += g.devices
            if g.version is not None:
                version_devices[g.version] += g.devices
            if g.compatible is not None:
                list_devices[g.compatible] += g.devices
    versions = sorted(version_devices)
    lists = sorted(list_devices, key=lambda s: s._cuts)
    counts = (
        fleet.classes[c],
        devices,
        len(view),
        unusable,
        tuple(VersionCount(v, version_devices[v], version_hosts[v]) for v in versions),
        tuple(ListCount(lst, list_devices[lst], list_hosts[lst]) for lst in lists),
    )
    if len(versions) > MAX_DISTINCT or len(lists) > MAX_DISTINCT:
        limited = (
            f"{len(versions)} versions and {len(lists)} lists, more than {MAX_DISTINCT}: "
            "the matrix, the islands and the one-way pairs are not worked out "
            "('rangespec fleet destinations' answers for a device)"
        )
        return ClassReport(*counts, (), (), (), (), (), False, False, limited)
    matrix = tuple(tuple(v in lst for lst in lists) for v in versions)
    accepted, senders = islands(view, _contains)
    nowhere, nothing = _islands(fleet, c, view, accepted, senders)
    found = _one_way(fleet, view, versions, lists)
    if found is None:
        limited = f"more than {MAX_PROFILES} host profiles: the one-way pairs are not worked out"
        return ClassReport(
            *counts, matrix, tuple(nowhere), tuple(nothing), (), (), True, False, limited
        )
    profiles, one_way = found
    return ClassReport(
        *counts, matrix, tuple(nowhere), tuple(nothing), tuple(profiles), tuple(one_way)
    )


def _islands(
    fleet: Fleet,
    c: int,
    view: dict[int, list[Group[Version, RangeSet]]],
    accepted: dict[Version, Reach],
    senders: dict[RangeSet, Reach],
) -> tuple[list[Island], list[Island]]:
    """The island devices, host by host; only the hosts that have some are looked at."""
    nowhere: list[Island] = []
    nothing: list[Island] = []
    for h in sorted(view):
        groups = view[h]
        out = any(g.version is not None and not accepted[g.version].beyond(h) for g in groups)
        into = any(g.compatible is not None and not senders[g.compatible].beyond(h) for g in groups)
        if not (out or into):
            continue
        for device in _host_devices(fleet, h, c):
            if device.version is not None and not accepted[device.version].beyond(h):
                nowhere.append(Island(device.host, device.name, device.version, None))
            if device.compatible is not None and not senders[device.compatible].beyond(h):
                nothing.append(Island(device.host, device.name, None, device.compatible))
    return nowhere, nothing


def _host_devices(fleet: Fleet, h: int, c: int) -> Iterator[_HostDevice]:
    """The devices of class ``c`` on host ``h``."""
    keys, versions, lists = fleet.group_keys, fleet.versions, fleet.lists
    host = fleet.hosts[h]
    for index in range(fleet.host_start[h], fleet.host_start[h + 1]):
        dc, v, lst = keys[fleet.groups[index]]
        if dc == c:
            yield _HostDevice(
                host,
                fleet.names[index],
                None if v < 0 else versions[v],
                None if lst < 0 else lists[lst],
            )


@dataclass(frozen=True, slots=True)
class _HostDevice:
    host: str
    name: str
    version: Version | None
    compatible: RangeSet | None


def _one_way(
    fleet: Fleet,
    view: dict[int, list[Group[Version, RangeSet]]],
    versions: list[Version],
    lists: list[RangeSet],
) -> tuple[list[HostProfile], list[OneWay]] | None:
    """Host profiles of the class, and the one-way pairs between them; None past
    MAX_PROFILES profiles.

    Versions are bits of a mask, so "every version of A is accepted on B" is
    ``a & ~b == 0``; profiles are compared in pairs, and there are only as
    many as distinct (versions, accepted versions) masks.
    """
    bit = {v: 1 << k for k, v in enumerate(versions)}
    accepts = {lst: sum(bit[v] for v in versions if v in lst) for lst in lists}
    members: dict[tuple[int, int], list[int]] = defaultdict(list)
    for h in sorted(view):
        have = take = 0
        for g in view[h]:
            if g.version is not None:
                have |= bit[g.version]
            if g.compatible is not None:
                take |= accepts[g.compatible]
        members[have, take].append(h)
    if len(members) > MAX_PROFILES:
        return None
    masks = sorted(members, key=lambda m: fleet.hosts[members[m][0]])
    profiles = [
        HostProfile(
            tuple(v for v in versions if have & bit[v]),
            tuple(v for v in versions if take & bit[v]),
            tuple(fleet.hosts[h] for h in members[have, take]),
        )
        for have, take in masks
    ]

    def sends(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] != 0 and a[0] & ~b[1] == 0

    one_way = [
        OneWay(i, j, len(members[a]) * len(members[b]))
        for i, a in enumerate(masks)
        for j, b in enumerate(masks)
        if i != j and sends(a, b) and not sends(b, a)
    ]
    return profiles, one_way
