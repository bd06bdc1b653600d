"""The destination index: which devices accept a version of a class, in O(log n + answer).

For each class, the cuts of all its distinct lists (rangespec._cuts) are
merged into one ascending tuple. Between two neighbouring cuts every list
is either all in or all out, so each of these segments is given, once, the
lists that hold it. A version is looked up with one ``bisect`` among the
class's cuts (n is the number of cuts, so the cost grows with the distinct
lists, not with the devices), which names the accepting lists; the devices
are stored grouped by (class, list, version), so each accepting list hands
out its devices as contiguous runs of one array. ``--both-ways`` keeps only
the runs whose version the source's list accepts.

Building costs one sort of the distinct lists' cuts per class, and one pass
over the devices to group them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ._cuts import AT, Cut
from ._fleet_class import DeviceClass
from ._fleet_store import Fleet, Rejected
from ._rangeset import RangeSet
from ._version import Version
from .schemas import FLEET_DESTINATIONS, DestinationJSON, DestinationsDocument

__all__ = ["Destination", "Destinations", "FleetIndex", "FleetQueryError", "destinations"]


class FleetQueryError(ValueError):
    """A query the fleet cannot answer: an unknown device or class, or a device whose
    attributes are unusable (never judged compatible).

    >>> from rangespec.fleet import Fleet, destinations, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(12, seed=4, devices_per_host=2, problems=0.2))
    >>> problem = fleet.problems[0]
    >>> source = f"{problem.host}:{problem.device}"
    >>> problem.what
    'interface_version'
    >>> try:
    ...     destinations(fleet, device=source)
    ... except FleetQueryError as exc:
    ...     print(str(exc).removeprefix(f"{source}: "))
    its interface_version is unreadable or invalid, so it is never judged compatible
    >>> destinations(fleet, device_class="mdev/nvidia-999", version="2.0.3")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    rangespec.fleet.FleetQueryError: no device has the class 'mdev/nvidia-999' (classes: ...)
    """


class FleetIndex:
    """The index of a fleet's destinations (see the module docstring).

    >>> from rangespec.fleet import Fleet, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(4, seed=1, devices_per_host=2))
    >>> index = FleetIndex(fleet)
    >>> c = 0
    >>> v = fleet.versions[0]
    >>> found = sorted(index.accepting(c, v))
    >>> all(v in fleet.device(i).compatible for i in found)
    True
    """

    __slots__ = ("_cuts", "_fleet", "_order", "_runs", "_segments")

    def __init__(self, fleet: Fleet) -> None:
        self._fleet = fleet
        keys = fleet.group_keys
        # groups that can be destinations, ordered by class, list, version
        usable = [g for g, (c, _, lst) in enumerate(keys) if c >= 0 and lst >= 0]
        versions = fleet.versions

        def order(g: int) -> tuple[int, int, bool, Version | None]:
            c, v, lst = keys[g]
            return (c, lst, v >= 0, versions[v] if v >= 0 else None)

        usable.sort(key=order)
        rank = {g: k for k, g in enumerate(usable)}
        counts = [0] * (len(usable) + 1)
        for g in fleet.groups:
            k = rank.get(g)
            if k is not None:
                counts[k + 1] += 1
        for k in range(len(usable)):
            counts[k + 1] += counts[k]
        starts = list(counts)
        self._order = array("q", bytes(8 * counts[-1]))
        fill = list(counts)
        for index, g in enumerate(fleet.groups):
            k = rank.get(g)
            if k is not None:
                self._order[fill[k]] = index
                fill[k] += 1
        # per (class, list): runs (version, start, end) in version order
        self._runs: dict[tuple[int, int], list[tuple[Version | None, int, int]]] = defaultdict(list)
        for k, g in enumerate(usable):
            c, v, lst = keys[g]
            self._runs[c, lst].append((versions[v] if v >= 0 else None, starts[k], starts[k + 1]))
        # per class: the merged cuts of its lists, and the lists holding each segment
        by_class: dict[int, list[int]] = defaultdict(list)
        for c, lst in self._runs:
            by_class[c].append(lst)
        self._cuts: dict[int, tuple[Cut, ...]] = {}
        self._segments: dict[int, tuple[tuple[int, ...], ...]] = {}
        for c, lists in by_class.items():
            toggles: dict[Cut, list[int]] = defaultdict(list)
            for lst in lists:
                for cut in fleet.lists[lst]._cuts:
                    toggles[cut].append(lst)
            cuts = tuple(sorted(toggles))
            inside: set[int] = set()
            segments: list[tuple[int, ...]] = [()]  # below the first cut nothing is held
            for cut in cuts:
                inside.symmetric_difference_update(toggles[cut])
                segments.append(tuple(sorted(inside)))
            self._cuts[c] = cuts
            self._segments[c] = tuple(segments)

    def lists_accepting(self, device_class: int, version: Version) -> tuple[int, ...]:
        """The lists of the class that accept ``version``: one bisect."""
        cuts = self._cuts.get(device_class)
        if cuts is None:
            return ()
        return self._segments[device_class][bisect_left(cuts, (*version._key, AT))]

    def accepting(
        self, device_class: int, version: Version, back: RangeSet | None = None
    ) -> Iterator[int]:
        """The devices of the class whose list accepts ``version`` (and, given ``back``,
        whose version ``back`` accepts), as indices into the fleet, by list and version."""
        for lst in self.lists_accepting(device_class, version):
            for v, start, end in self._runs[device_class, lst]:
                if back is None or (v is not None and v in back):
                    yield from self._order[start:end]


@dataclass(frozen=True, slots=True)
class Destination:
    """A device that accepts the version asked about (``version``: its own, None if unusable).

    >>> from rangespec import RangeSet, Version
    >>> Destination("node-2", "0000:3b:00.1", Version("2.1.0"), RangeSet("2.0.0-2.1.*")).ref
    'node-2:0000:3b:00.1'
    """

    host: str
    device: str
    version: Version | None
    compatible: RangeSet

    @property
    def ref(self) -> str:
        """``HOST:DEVICE``."""
        return f"{self.host}:{self.device}"

    def to_json(self) -> DestinationJSON:
        """The JSON form, an item of ``destinations`` (docs/fleet.md)."""
        return {
            "host": self.host,
            "device": self.device,
            "version": None if self.version is None else str(self.version),
            "list": str(self.compatible),
        }


@dataclass(frozen=True, slots=True)
class Destinations:
    """The answer to a destination query: what was asked, and every device that accepts it.

    ``source`` is ``HOST:DEVICE`` for a device query (its own host is left
    out of the answer), or None for a class and a version. Every device
    found accepts ``version``; with ``back``, its own version is in
    ``back`` too, so a device whose version is unusable is never found both
    ways.

    >>> from rangespec.fleet import Fleet, destinations, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(12, seed=4, devices_per_host=2, problems=0.2))
    >>> answer = destinations(fleet, device_class="mdev/nvidia-717", version="2.0.3")
    >>> answer.source, len(answer.found), answer.hosts
    (None, 10, 5)
    >>> all(answer.version in d.compatible for d in answer.found)
    True
    >>> [d.version for d in answer.found].count(None)  # its list is valid: it accepts
    1
    >>> both = destinations(fleet, device_class="mdev/nvidia-717", version="2.0.3",
    ...                     back="2.0.0-2.1.*", both_ways=True)
    >>> len(both.found), all(d.version in both.back for d in both.found)
    (9, True)
    """

    device_class: DeviceClass
    version: Version
    back: RangeSet | None
    source: str | None
    found: tuple[Destination, ...]

    @property
    def hosts(self) -> int:
        """How many hosts the destinations are on."""
        return len({d.host for d in self.found})

    def to_json(self, rejected: Sequence[Rejected] = ()) -> DestinationsDocument:
        """The JSON form, schema ``rangespec.fleet-destinations/1`` (docs/fleet.md);
        ``rejected``: the inputs the fleet was read without."""
        return {
            "schema": FLEET_DESTINATIONS,
            "class": str(self.device_class),
            "source": self.source,
            "version": str(self.version),
            "both_ways": self.back is not None,
            "back": None if self.back is None else str(self.back),
            "devices": len(self.found),
            "hosts": self.hosts,
            "destinations": [d.to_json() for d in self.found],
            "rejected": [
                {"source": r.source, "message": r.message, "unreadable": r.unreadable}
                for r in rejected
            ],
        }


def destinations(
    fleet: Fleet,
    *,
    device: str | None = None,
    device_class: str | None = None,
    version: Version | str | None = None,
    back: RangeSet | str | None = None,
    both_ways: bool = False,
    index: FleetIndex | None = None,
) -> Destinations:
    """Every device that accepts a device's version (``device="HOST:DEVICE"``, other
    hosts only) or a class's version (``device_class`` and ``version``).

    With ``both_ways`` only those whose own version the source accepts back
    are kept: the device's own list, or ``back`` for a class query.
    Raises FleetQueryError for an unknown device or class, a device whose
    class, version (or, both ways, list) is unusable, or a missing argument.

    >>> from rangespec.fleet import Fleet, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(6, seed=5, devices_per_host=1))
    >>> answer = destinations(fleet, device=next(fleet.devices()).ref)
    >>> all(d.host != answer.source.split(":")[0] for d in answer.found)
    True
    """
    index = index or FleetIndex(fleet)
    skip_host = -1
    if device is not None:
        if device_class is not None or version is not None or back is not None:
            raise FleetQueryError("ask about a device, or about a class and a version, not both")
        position = _find(fleet, device)
        own = fleet.device(position)
        if own.device_class is None:
            raise FleetQueryError(f"{device}: the device has no class (a class fact is unusable)")
        if own.version is None:
            raise FleetQueryError(
                f"{device}: its interface_version is unreadable or invalid, "
                "so it is never judged compatible"
            )
        if both_ways and own.compatible is None:
            raise FleetQueryError(
                f"{device}: its interface_version_compatible is unreadable or invalid, "
                "so nothing can be judged to come back"
            )
        c = fleet.classes.index(own.device_class)
        asked, wanted_back = own.version, own.compatible if both_ways else None
        skip_host = fleet.host_of(position)
        source: str | None = own.ref
    else:
        if device_class is None or version is None:
            raise FleetQueryError("give a device, or a class and a version")
        found_class = fleet.class_named(device_class)
        if found_class is None:
            known = ", ".join(sorted(str(k) for k in fleet.classes)) or "none"
            raise FleetQueryError(f"no device has the class {device_class!r} (classes: {known})")
        c = found_class
        asked = version if isinstance(version, Version) else Version(version)
        if both_ways and back is None:
            raise FleetQueryError("both ways, a class query needs the list to come back to")
        wanted_back = RangeSet(back) if isinstance(back, str) else back
        if not both_ways:
            wanted_back = None
        source = None
    found = []
    for position in sorted(index.accepting(c, asked, wanted_back)):
        if skip_host >= 0 and fleet.host_of(position) == skip_host:
            continue
        d = fleet.device(position)
        assert d.compatible is not None
        found.append(Destination(d.host, d.name, d.version, d.compatible))
    return Destinations(fleet.classes[c], asked, wanted_back, source, tuple(found))


def _find(fleet: Fleet, ref: str) -> int:
    """The device ``HOST:DEVICE``; host names may hold ``:`` too, if that is unambiguous."""
    matches = []
    for at in range(len(ref)):
        if ref[at] == ":":
            position = fleet.find(ref[:at], ref[at + 1 :])
            if position is not None:
                matches.append(position)
    if not matches:
        raise FleetQueryError(f"no device {ref!r} in the fleet (give HOST:DEVICE)")
    if len(matches) > 1:
        raise FleetQueryError(f"{ref!r} names more than one device: its host name holds ':'")
    return matches[0]
