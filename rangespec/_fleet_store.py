"""The fleet's compact store: every device as a few integers, and the tables they index.

A fleet of a million devices is held as one ``array`` of group numbers and
one list of names, in host order. A *group* is a distinct triple (class,
version, list); the class, version and list tables hold each distinct value
once, so every aggregate question is answered from the groups and their
counts per host, never by comparing devices with devices.

Invariants (checked by ``_check`` in the tests):
  1. ``hosts`` are distinct and non-empty; host ``h`` owns the devices
     ``host_start[h]`` to ``host_start[h + 1] - 1``, whose names are distinct.
  2. ``group_keys[g]`` is (class, version, list), each an index into its
     table or -1 (no class; a version or list that is unreadable or invalid);
     the groups are distinct.
  3. ``host_groups[h]`` holds (group, count) for each group on host ``h``,
     groups ascending, counts >= 1, summing to the host's devices.
  4. Equal versions (``2.1`` and ``2.1.0``) and equal sets (``2.0.*`` and
     ``2.0.0-2.0.*``) have one table entry each.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple, cast

from ._fleet_class import ClassRule, DeviceClass, Unclassified
from ._rangeset import RangeSet
from ._validation import validate, validate_version
from ._version import Version
from .sysfs import COMPATIBLE_ATTRIBUTE, FACT_NAMES, VERSION_ATTRIBUTE, Fact, Inventory, check_fact

__all__ = ["Fleet", "FleetDevice", "Problem", "Rejected"]

#: What each memo may hold before it stops taking new entries: hostile input
#: with a million distinct texts costs time, never unbounded memory.
CACHE_LIMIT: Final = 1 << 16


@dataclass(frozen=True, slots=True)
class Problem:
    """An attribute or class fact of a device that is unreadable or invalid, or a
    place a host's scan could not list. Never counted as compatible.

    ``what`` is ``interface_version``, ``interface_version_compatible``,
    ``facts.NAME``, ``device`` (the device's entry could not be followed) or
    ``listing`` (``device`` is then empty and the message names the place).

    >>> Problem("node-1", "0000:3b:00.0", "interface_version", "not-ascii", "...").what
    'interface_version'
    """

    host: str
    device: str
    what: str
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that was not used, and why: a bad document (``FILE:LINE``, or
    ``FILE`` for a whole-file document), or with ``unreadable`` an input that
    could not be read (on).

    >>> Rejected("fleet.jsonl:3", "not valid JSON: ...").unreadable
    False
    """

    source: str
    message: str
    unreadable: bool = False


@dataclass(frozen=True, slots=True)
class FleetDevice:
    """One device of a fleet: where it is, its class, and its valid values.

    ``version`` and ``compatible`` are None when the attribute is unreadable
    or invalid; ``device_class`` when a fact of the class rule is.

    >>> from rangespec import Version
    >>> FleetDevice("node-1", "0000:3b:00.1", None, Version("2.1.3"), None).ref
    'node-1:0000:3b:00.1'
    """

    host: str
    name: str
    device_class: DeviceClass | None
    version: Version | None
    compatible: RangeSet | None

    @property
    def ref(self) -> str:
        """``HOST:DEVICE``, as ``rangespec fleet destinations --device`` takes it."""
        return f"{self.host}:{self.name}"


class Fleet:
    """Every device of a set of inventories, held compactly (see the module's invariants).

    Build one with :func:`rangespec.fleet.read_fleet` (documents, streamed) or
    :meth:`from_inventories`. ``problems`` lists every unreadable or invalid
    attribute and fact; ``rejected`` every input that was not used.

    >>> from rangespec.fleet import generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(4, seed=1, devices_per_host=2))
    >>> len(fleet), len(fleet.hosts)
    (8, 4)
    """

    __slots__ = (
        "_index",
        "classes",
        "group_keys",
        "groups",
        "host_groups",
        "host_start",
        "hosts",
        "lists",
        "names",
        "problems",
        "rejected",
        "rule",
        "versions",
    )

    rule: ClassRule
    hosts: tuple[str, ...]
    host_start: array[int]
    names: list[str]
    groups: array[int]
    group_keys: tuple[tuple[int, int, int], ...]
    host_groups: tuple[tuple[tuple[int, int], ...], ...]
    classes: tuple[DeviceClass, ...]
    versions: tuple[Version, ...]
    lists: tuple[RangeSet, ...]
    problems: tuple[Problem, ...]
    rejected: tuple[Rejected, ...]

    def __init__(self, builder: _Builder) -> None:
        self.rule = builder.rule
        self.hosts = tuple(builder.hosts)
        self.host_start = builder.host_start
        self.names = builder.names
        self.groups = builder.groups
        self.group_keys = tuple(builder.group_keys)
        self.host_groups = tuple(builder.host_groups)
        self.classes = tuple(builder.classes)
        self.versions = tuple(builder.versions)
        self.lists = tuple(builder.lists)
        self.problems = tuple(builder.problems)
        self.rejected = tuple(builder.rejected)
        self._index: object = None

    @classmethod
    def from_inventories(
        cls, inventories: Iterator[Inventory] | Sequence[Inventory], rule: ClassRule | None = None
    ) -> Fleet:
        """The fleet of ``inventories`` (a document for a host already seen, or
        with a device name twice, is rejected, as :func:`read_fleet` does)."""
        builder = _Builder(rule or ClassRule.default())
        for n, inventory in enumerate(inventories, 1):
            message = builder.add_inventory(inventory)
            if message is not None:
                builder.rejected.append(Rejected(f"<inventory {n}>", message))
        return cls(builder)

    def __len__(self) -> int:
        return len(self.names)

    def device(self, index: int) -> FleetDevice:
        """The device at ``index`` (0 to len - 1, in host order)."""
        c, v, lst = self.group_keys[self.groups[index]]
        return FleetDevice(
            self.hosts[self.host_of(index)],
            self.names[index],
            None if c < 0 else self.classes[c],
            None if v < 0 else self.versions[v],
            None if lst < 0 else self.lists[lst],
        )

    def devices(self) -> Iterator[FleetDevice]:
        """Every device, in host order."""
        for index in range(len(self.names)):
            yield self.device(index)

    def host_of(self, index: int) -> int:
        """The host number of the device at ``index``."""
        from bisect import bisect_right

        return bisect_right(self.host_start, index) - 1

    def find(self, host: str, name: str) -> int | None:
        """The index of device ``name`` on ``host``; None if there is none."""
        try:
            h = self.hosts.index(host)
        except ValueError:
            return None
        for index in range(self.host_start[h], self.host_start[h + 1]):
            if self.names[index] == name:
                return index
        return None

    def class_named(self, key: str) -> int | None:
        """The number of the class whose key (``str``) is ``key``; None if no device has it."""
        for c, device_class in enumerate(self.classes):
            if str(device_class) == key:
                return c
        return None


class _Outcome(NamedTuple):
    """A text's table number (-1 if invalid), and its first error (code, message)."""

    number: int
    error: tuple[str, str] | None


class _Builder:
    """Interns classes, versions, lists and groups; takes documents whole or not at all."""

    def __init__(self, rule: ClassRule) -> None:
        self.rule = rule
        self.hosts: list[str] = []
        self.host_ids: dict[str, int] = {}
        self.host_start: array[int] = array("q", [0])
        self.names: list[str] = []
        self.groups: array[int] = array("i")
        self.group_keys: list[tuple[int, int, int]] = []
        self.group_ids: dict[tuple[int, int, int], int] = {}
        self.host_groups: list[tuple[tuple[int, int], ...]] = []
        self.classes: list[DeviceClass] = []
        self.class_ids: dict[DeviceClass, int] = {}
        self.versions: list[Version] = []
        self.version_ids: dict[Version, int] = {}
        self.lists: list[RangeSet] = []
        self.list_ids: dict[RangeSet, int] = {}
        self.problems: list[Problem] = []
        self.rejected: list[Rejected] = []
        # memos: text -> outcome; (name, value) -> fact; (bus, *values) -> class, problems
        self.version_texts: dict[str, _Outcome] = {}
        self.list_texts: dict[str, _Outcome] = {}
        self.facts: dict[tuple[str, str], Fact] = {}
        self.device_facts: dict[
            tuple[object, ...], tuple[int, tuple[tuple[str, str, str], ...]]
        ] = {}

    # -- interning ----------------------------------------------------------

    def version_id(self, version: Version) -> int:
        found = self.version_ids.get(version)
        if found is None:
            found = self.version_ids[version] = len(self.versions)
            self.versions.append(version)
        return found

    def list_id(self, rangeset: RangeSet) -> int:
        found = self.list_ids.get(rangeset)
        if found is None:
            found = self.list_ids[rangeset] = len(self.lists)
            self.lists.append(rangeset)
        return found

    def class_id(self, device_class: DeviceClass) -> int:
        found = self.class_ids.get(device_class)
        if found is None:
            found = self.class_ids[device_class] = len(self.classes)
            self.classes.append(device_class)
        return found

    def version_text(self, text: str) -> _Outcome:
        """The outcome of an ``interface_version`` text: each distinct text is checked once."""
        found = self.version_texts.get(text)
        if found is None:
            report = validate_version(text)
            if report.version is not None:
                found = _Outcome(self.version_id(report.version), None)
            else:
                first = report.errors[0]
                found = _Outcome(-1, (first.code.value, first.message))
            if len(self.version_texts) < CACHE_LIMIT:
                self.version_texts[text] = found
        return found

    def list_text(self, text: str) -> _Outcome:
        """The outcome of an ``interface_version_compatible`` text: each distinct text
        is parsed once."""
        found = self.list_texts.get(text)
        if found is None:
            report = validate(text)
            if report.rangeset is not None:
                found = _Outcome(self.list_id(report.rangeset), None)
            else:
                first = report.errors[0]
                found = _Outcome(-1, (first.code.value, first.message))
            if len(self.list_texts) < CACHE_LIMIT:
                self.list_texts[text] = found
        return found

    def fact(self, name: str, value: str) -> Fact:
        """The fact ``name`` with text ``value``, checked (once per distinct value)."""
        found = self.facts.get((name, value))
        if found is None:
            error = check_fact(name, value)
            found = Fact(value) if error is None else Fact(None, error)
            if len(self.facts) < CACHE_LIMIT:
                self.facts[(name, value)] = found
        return found

    def facts_of(self, key: tuple[object, ...]) -> tuple[int, tuple[tuple[str, str, str], ...]]:
        """The class and the fact problems of a device whose facts are plain values:
        ``key`` is the bus and the values in FACT_NAMES order, each a str or None
        (absent), as rangespec._fleet_read._extract checks them."""
        bus, *values = key
        assert type(bus) is str
        facts = {
            n: None if v is None else self.fact(n, cast(str, v))
            for n, v in zip(FACT_NAMES, values, strict=True)
        }
        outcome = self.rule.classify_with(bus, facts.__getitem__)
        c = -1 if isinstance(outcome, Unclassified) else self.class_id(outcome)
        problems = tuple(
            (f"facts.{n}", f.error.code.value, f.error.message)
            for n, f in facts.items()
            if f is not None and f.error is not None
        )
        found = (c, problems)
        if len(self.device_facts) < CACHE_LIMIT:
            self.device_facts[key] = found
        return found

    def group_id(self, key: tuple[int, int, int]) -> int:
        found = self.group_ids.get(key)
        if found is None:
            found = self.group_ids[key] = len(self.group_keys)
            self.group_keys.append(key)
        return found

    # -- documents ----------------------------------------------------------

    def commit(
        self,
        host: str,
        names: list[str],
        keys: list[tuple[int, int, int]],
        problems: list[Problem],
    ) -> str | None:
        """Add one host's devices; the reason if the document is refused instead."""
        if not host:
            return "the inventory's host is empty"
        if host in self.host_ids:
            return f"host {host!r} was already read from another document"
        if len(set(names)) != len(names):
            seen: set[str] = set()
            twice = next(n for n in names if n in seen or seen.add(n))  # type: ignore[func-returns-value]
            return f"device {twice!r} is listed twice"
        h = len(self.hosts)
        self.host_ids[host] = h
        self.hosts.append(host)
        ids, group_id = self.group_ids, self.group_id
        gids = [ids[k] if k in ids else group_id(k) for k in keys]
        self.groups.extend(gids)
        self.names.extend(names)
        self.host_start.append(len(self.names))
        self.host_groups.append(tuple(sorted(Counter(gids).items())))
        self.problems.extend(problems)
        return None

    def add_inventory(self, inventory: Inventory) -> str | None:
        """Add an inventory from the library's model (the slow, general path)."""
        names: list[str] = []
        keys: list[tuple[int, int, int]] = []
        problems: list[Problem] = []
        host = inventory.host
        for path, error in inventory.errors:
            problems.append(
                Problem(host, "", "listing", error.code.value, f"{path}: {error.message}")
            )
        for device in inventory.devices:
            names.append(device.name)
            if device.error is not None:
                error = device.error
                problems.append(
                    Problem(host, device.name, "device", error.code.value, error.message)
                )
                keys.append((-1, -1, -1))
                continue
            found = self.rule.classify(device.bus, device.facts)
            c = -1 if isinstance(found, Unclassified) else self.class_id(found)
            v = lst = -1
            version = device.interface_version
            if version.value is not None:
                v = self.version_id(version.value)
            else:
                problems.append(_attribute_problem(host, device.name, version))
            compatible = device.interface_version_compatible
            if compatible.value is not None:
                lst = self.list_id(compatible.value)
            else:
                problems.append(_attribute_problem(host, device.name, compatible))
            for name, error in device.facts.problems():
                problems.append(
                    Problem(host, device.name, f"facts.{name}", error.code.value, error.message)
                )
            keys.append((c, v, lst))
        return self.commit(host, names, keys, problems)


def _attribute_problem(host: str, device: str, attribute: object) -> Problem:
    from .sysfs import Attribute

    assert isinstance(attribute, Attribute)
    if attribute.read_error is not None:
        e = attribute.read_error
        return Problem(host, device, attribute.name, e.code.value, e.message)
    assert attribute.report is not None
    first = attribute.report.errors[0]
    return Problem(host, device, attribute.name, first.code.value, first.message)


# The attribute names, for the fast reader's problems.
VERSION_NAME: Final = VERSION_ATTRIBUTE
LIST_NAME: Final = COMPATIBLE_ATTRIBUTE
