"""What a driver release changes: migration directions gained and lost, new islands, and
whether a rolling upgrade keeps every device evacuable.

The release gives every device of one class on the selected hosts a new
``interface_version`` and list; devices of the class on other hosts keep
theirs (docs/fleet.md, "Upgrade impact"). Pairs are ordered pairs of
devices of the class on different hosts, a pair allowed when the source's
version is in the destination's list; an unreadable or invalid value
allows nothing. Pairs fall in three directions: *old->new* (from a device
that is not upgraded to one that is), *new->old* and *new->new*; the
others do not change.

Counting never enumerates pairs: each direction is a sum over (version,
list) groups of products of device counts, and for new->new the pairs on
one host are taken off host by host.

The rolling upgrade takes the selected hosts one at a time, in the order
given. Before host ``h_i`` is upgraded it must be drained: each of its
devices of the class must have a destination on another host in the fleet
as it then is (a device whose version is unusable cannot be judged, so it
cannot be drained). After each step, every device that had a destination
on another host before the rollout must still have one. The rollout is
*safe* when no step has an undrainable device or a newly stranded one.
Each step costs time in the number of distinct versions of the class, not
in its devices: for each version the hosts accepting it are kept as a set,
and a device is stranded exactly when that set is empty or holds only its
own host.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ._fleet_class import DeviceClass
from ._fleet_report import MAX_DISTINCT, Island, _host_devices, class_view
from ._fleet_store import Fleet, Rejected
from ._fleet_views import Group, Reach, islands
from ._rangeset import RangeSet
from ._version import Version
from .schemas import FLEET_UPGRADE, UpgradeDocument

__all__ = ["Change", "Direction", "Step", "Upgrade", "simulate_upgrade"]


@dataclass(frozen=True, slots=True)
class Change:
    """``pairs`` ordered device pairs whose verdict flips: ``gained`` (now allowed) or
    lost, grouped by the source's version and the destination's list before the
    upgrade (None: unusable).

    >>> from rangespec import RangeSet, Version
    >>> Change(Version("2.0.3"), RangeSet("2.0.*"), 12, False).pairs
    12
    """

    source_version: Version | None
    destination_list: RangeSet | None
    pairs: int
    gained: bool


@dataclass(frozen=True, slots=True)
class Direction:
    """One direction (``old->new``, ``new->old`` or ``new->new``): allowed pairs before
    and after, those gained and lost, and where they change.

    >>> Direction("old->new", 10, 4, 0, 6, ()).lost
    6
    """

    name: str
    before: int
    after: int
    gained: int
    lost: int
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class Step:
    """One host of a rolling upgrade: the devices that cannot leave it before its
    upgrade, and how many devices of the fleet that could move before the rollout
    have, once it is upgraded, nowhere to go.

    >>> Step("node-1", (), 0).safe
    True
    """

    host: str
    undrainable: tuple[str, ...]
    stranded: int

    @property
    def safe(self) -> bool:
        """Nothing blocks this step."""
        return not self.undrainable and not self.stranded


@dataclass(frozen=True, slots=True)
class Upgrade:
    """What upgrading the devices of a class on some hosts would change.

    ``new_islands`` are the islands after the upgrade that were not islands
    before (rangespec._fleet_report.Island; ``version`` set: nowhere to go,
    ``compatible`` set: accepts nothing). ``steps`` has one entry per
    upgraded host, in rollout order. In each direction, ``after`` is
    ``before - lost + gained``.

    A release whose version no old list accepts, and whose list accepts no
    old version, cuts the upgraded hosts off from the others:

    >>> from rangespec.fleet import Fleet, generate_fleet, simulate_upgrade
    >>> fleet = Fleet.from_inventories(generate_fleet(12, seed=4, devices_per_host=2, problems=0.2))
    >>> impact = simulate_upgrade(fleet, ["node-00004", "node-00012"], "mdev/nvidia-222",
    ...                           "3.0.0", "3.0.*")
    >>> impact.hosts, impact.devices
    (('node-00004', 'node-00012'), 4)
    >>> [(d.name, d.before, d.after) for d in impact.directions]
    [('old->new', 28, 0), ('new->old', 32, 0), ('new->new', 8, 8)]
    >>> all(d.after == d.before - d.lost + d.gained for d in impact.directions)
    True
    >>> [(s.host, s.stranded) for s in impact.steps], impact.safe, impact.loses
    ([('node-00004', 2), ('node-00012', 0)], False, True)
    """

    device_class: DeviceClass
    version: Version
    compatible: RangeSet
    hosts: tuple[str, ...]
    devices: int
    directions: tuple[Direction, ...]
    new_islands: tuple[Island, ...]
    steps: tuple[Step, ...]

    @property
    def safe(self) -> bool:
        """Whether every step of the rolling upgrade is safe."""
        return all(s.safe for s in self.steps)

    @property
    def loses(self) -> bool:
        """Whether anything is lost: a direction, a device that becomes an island, or a
        rolling step that is not safe (``--fail-on-loss``)."""
        return any(d.lost for d in self.directions) or bool(self.new_islands) or not self.safe

    def to_json(self, rejected: Sequence[Rejected] = ()) -> UpgradeDocument:
        """The JSON form, schema ``rangespec.fleet-upgrade/1`` (docs/fleet.md);
        ``rejected``: the inputs the fleet was read without."""
        return {
            "schema": FLEET_UPGRADE,
            "class": str(self.device_class),
            "version": str(self.version),
            "list": str(self.compatible),
            "hosts": list(self.hosts),
            "devices": self.devices,
            "loses": self.loses,
            "directions": [
                {
                    "direction": d.name,
                    "before": d.before,
                    "after": d.after,
                    "gained": d.gained,
                    "lost": d.lost,
                    "changes": [
                        {
                            "from_version": _text(c.source_version),
                            "to_list": _text(c.destination_list),
                            "pairs": c.pairs,
                            "change": "gained" if c.gained else "lost",
                        }
                        for c in d.changes
                    ],
                }
                for d in self.directions
            ],
            "new_islands": {
                "nowhere_to_go": [
                    {"host": i.host, "device": i.device, "version": str(i.version)}
                    for i in self.new_islands
                    if i.version is not None
                ],
                "accepts_nothing": [
                    {"host": i.host, "device": i.device, "list": str(i.compatible)}
                    for i in self.new_islands
                    if i.compatible is not None
                ],
            },
            "rolling": {
                "safe": self.safe,
                "steps": len(self.steps),
                "blocked": [
                    {
                        "step": k,
                        "host": s.host,
                        "undrainable": list(s.undrainable),
                        "stranded": s.stranded,
                    }
                    for k, s in enumerate(self.steps, 1)
                    if not s.safe
                ],
            },
            "rejected": [
                {"source": r.source, "message": r.message, "unreadable": r.unreadable}
                for r in rejected
            ],
        }


def _text(value: Version | RangeSet | None) -> str | None:
    return None if value is None else str(value)


Key = Version | RangeSet | None
View = dict[int, list[Group[Version, RangeSet]]]
# source version, destination list, pairs, allowed before, allowed after
_Row = tuple[Key, Key, int, bool, bool]


def simulate_upgrade(
    fleet: Fleet,
    hosts: Sequence[str],
    device_class: str,
    version: Version | str,
    compatible: RangeSet | str,
) -> Upgrade:
    """Upgrade every device of ``device_class`` on ``hosts`` (in this rollout order) to
    ``version`` and ``compatible``, and report what changes.

    Hosts that have no device of the class are left out of ``hosts``;
    ValueError for an unknown class or host, or a host given twice.

    >>> from rangespec.fleet import Fleet, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(6, seed=4, devices_per_host=2))
    >>> key = str(fleet.classes[0])
    >>> impact = simulate_upgrade(fleet, fleet.hosts[:2], key, "9.0.0", "9.0.*")
    >>> impact.directions[0].name, impact.directions[0].after
    ('old->new', 0)
    """
    c = fleet.class_named(device_class)
    if c is None:
        raise ValueError(f"no device has the class {device_class!r}")
    new_version = version if isinstance(version, Version) else Version(version)
    new_list = compatible if isinstance(compatible, RangeSet) else RangeSet(compatible)
    if len(set(hosts)) != len(hosts):
        raise ValueError("a host is given twice")
    known = {h: k for k, h in enumerate(fleet.hosts)}
    for host in hosts:
        if host not in known:
            raise ValueError(f"no host {host!r} in the fleet")
    view = class_view(fleet).get(c, {})
    versions = {g.version for groups in view.values() for g in groups}
    lists = {g.compatible for groups in view.values() for g in groups}
    if max(len(versions), len(lists)) > MAX_DISTINCT + 1:  # + 1: None, the unusable
        raise ValueError(
            f"the class {device_class!r} has {len(versions)} versions and {len(lists)} lists, "
            f"more than {MAX_DISTINCT}: too varied to simulate"
        )
    order = [known[h] for h in hosts if known[h] in view]
    upgraded = set(order)
    after: View = {
        h: (
            [Group(new_version, new_list, sum(g.devices for g in groups))]
            if h in upgraded
            else groups
        )
        for h, groups in view.items()
    }
    directions = _directions(view, upgraded, new_version, new_list)
    before_islands = set(_island_devices(fleet, c, view, upgraded, before=True))
    new_islands = [
        i
        for i in _island_devices(fleet, c, after, upgraded, before=False)
        if i not in before_islands
    ]
    steps = _rolling(fleet, c, view, order, new_version, new_list)
    return Upgrade(
        fleet.classes[c],
        new_version,
        new_list,
        tuple(fleet.hosts[h] for h in order),
        sum(g.devices for h in order for g in view[h]),
        directions,
        tuple(new_islands),
        tuple(steps),
    )


def _contains(v: Version, lst: RangeSet) -> bool:
    return v in lst


def _directions(
    view: View, upgraded: set[int], new_version: Version, new_list: RangeSet
) -> tuple[Direction, ...]:
    # device counts by version and by list: of the others (R) and of the upgraded (U)
    r_versions: dict[Version, int] = defaultdict(int)
    r_lists: dict[RangeSet, int] = defaultdict(int)
    u_versions: dict[Key, int] = defaultdict(int)
    u_lists: dict[Key, int] = defaultdict(int)
    # pairs on one upgraded host, by (version, list): not migrations between hosts
    same_host: dict[tuple[Key, Key], int] = defaultdict(int)
    for h, groups in view.items():
        if h in upgraded:
            versions: dict[Key, int] = defaultdict(int)
            lists: dict[Key, int] = defaultdict(int)
            for g in groups:
                versions[g.version] += g.devices
                lists[g.compatible] += g.devices
                u_versions[g.version] += g.devices
                u_lists[g.compatible] += g.devices
            for v, nv in versions.items():
                for lst, nl in lists.items():
                    same_host[v, lst] += nv * nl
        else:
            for g in groups:
                if g.version is not None:
                    r_versions[g.version] += g.devices
                if g.compatible is not None:
                    r_lists[g.compatible] += g.devices

    def allowed(v: Key, lst: Key) -> bool:
        return isinstance(v, Version) and isinstance(lst, RangeSet) and v in lst

    old_new: list[_Row] = [
        (v, lst, nv * nl, allowed(v, lst), v in new_list)
        for v, nv in r_versions.items()
        for lst, nl in u_lists.items()
    ]
    new_old: list[_Row] = [
        (v, lst, nv * nl, allowed(v, lst), new_version in lst)
        for v, nv in u_versions.items()
        for lst, nl in r_lists.items()
    ]
    after = new_version in new_list
    new_new: list[_Row] = [
        (v, lst, nv * nl - same_host[v, lst], allowed(v, lst), after)
        for v, nv in u_versions.items()
        for lst, nl in u_lists.items()
    ]
    return tuple(
        _direction(name, rows)
        for name, rows in (("old->new", old_new), ("new->old", new_old), ("new->new", new_new))
    )


def _direction(name: str, rows: list[_Row]) -> Direction:
    changes = sorted(
        (
            Change(
                v if isinstance(v, Version) else None,
                lst if isinstance(lst, RangeSet) else None,
                pairs,
                now,
            )
            for v, lst, pairs, was, now in rows
            if was != now and pairs
        ),
        key=lambda c: (
            not c.gained,
            c.source_version is None,
            c.source_version or Version(0),
            () if c.destination_list is None else c.destination_list._cuts,
        ),
    )
    return Direction(
        name,
        sum(pairs for _, _, pairs, was, _ in rows if was),
        sum(pairs for _, _, pairs, _, now in rows if now),
        sum(c.pairs for c in changes if c.gained),
        sum(c.pairs for c in changes if not c.gained),
        tuple(changes),
    )


def _island_devices(
    fleet: Fleet, c: int, state: View, upgraded: set[int], *, before: bool
) -> list[Island]:
    """The island devices of ``state`` (the view before, or after the upgrade)."""
    accepted, senders = islands(state, _contains)
    found: list[Island] = []
    for h in sorted(state):
        groups = state[h]
        if all(
            (g.version is None or accepted[g.version].beyond(h))
            and (g.compatible is None or senders[g.compatible].beyond(h))
            for g in groups
        ):
            continue
        new = None if before or h not in upgraded else groups[0]
        for device in _host_devices(fleet, h, c):
            v = device.version if new is None else new.version
            lst = device.compatible if new is None else new.compatible
            if v is not None and not accepted[v].beyond(h):
                found.append(Island(device.host, device.name, v, None))
            if lst is not None and not senders[lst].beyond(h):
                found.append(Island(device.host, device.name, None, lst))
    return found


def _rolling(
    fleet: Fleet,
    c: int,
    view: View,
    order: list[int],
    new_version: Version,
    new_list: RangeSet,
) -> list[Step]:
    """Each step of the rollout (see the module docstring), by per-version host sets."""
    versions = {g.version for groups in view.values() for g in groups if g.version is not None}
    versions.add(new_version)
    # the hosts accepting each version before the rollout, and the versions each host accepts
    accepts_of: dict[int, set[Version]] = {}
    holders: dict[Version, set[int]] = {v: set() for v in versions}
    count: dict[Version, dict[int, int]] = {v: defaultdict(int) for v in versions}
    for h, groups in view.items():
        lists = {g.compatible for g in groups if g.compatible is not None}
        accepts_of[h] = {v for v in versions if any(v in lst for lst in lists)}
        for v in accepts_of[h]:
            holders[v].add(h)
        for g in groups:
            if g.version is not None:
                count[g.version][h] += g.devices
    start = {
        v: Reach(min(len(hs), 2), next(iter(hs)) if len(hs) == 1 else -1)
        for v, hs in holders.items()
    }

    def movable_before(v: Version, h: int) -> bool:
        return start[v].beyond(h)

    # devices that could move before the rollout: per host, and per version still old
    movable_on: dict[int, int] = defaultdict(int)
    movable_left: dict[Version, int] = defaultdict(int)
    for v in versions:
        for h, n in count[v].items():
            if movable_before(v, h):
                movable_on[h] += n
                movable_left[v] += n
    new_accepts = {v for v in versions if v in new_list}
    remaining = {v: set(hs) for v, hs in holders.items()}
    done: list[int] = []
    done_set: set[int] = set()
    movable_done = 0

    def reach(v: Version) -> Reach:
        size = len(remaining[v]) + (len(done) if v in new_accepts else 0)
        if size != 1:
            return Reach(min(size, 2), -1)
        return Reach(1, next(iter(remaining[v])) if remaining[v] else done[0])

    steps = []
    for x in order:
        # drain x, as the fleet is now
        blocked = {
            g.version for g in view[x] if g.version is None or not reach(g.version).beyond(x)
        }
        undrainable = tuple(d.name for d in _host_devices(fleet, x, c) if d.version in blocked)
        # upgrade x
        for v in accepts_of[x]:
            remaining[v].discard(x)
        for v in versions:
            n = count[v].get(x, 0)
            if n and movable_before(v, x):
                movable_left[v] -= n
        movable_done += movable_on[x]
        done.append(x)
        done_set.add(x)
        # who, of those movable before the rollout, now has nowhere to go
        stranded = 0
        for v in versions:
            r = reach(v)
            if r.hosts == 0:
                stranded += movable_left[v] + (movable_done if v == new_version else 0)
            elif r.hosts == 1:
                y = r.sole
                if y not in done_set:
                    if movable_before(v, y):
                        stranded += count[v].get(y, 0)
                elif v == new_version:
                    stranded += movable_on[y]
        steps.append(Step(fleet.hosts[x], undrainable, stranded))
    return steps
