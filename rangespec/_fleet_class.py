"""Device classes: which facts make two devices alike enough to migrate between.

A device may migrate only to a device of the same class. A class is the
device's bus and the values of the facts a :class:`ClassRule` names for that
bus; by default (docs/fleet.md, "Classes"):

=========  ================================================================
bus        facts that must be equal
=========  ================================================================
``mdev``   ``mdev_type`` (the same mediated device type, as OpenStack Nova
           requires)
``pci``    ``vendor``, ``device``, ``subsystem_vendor``, ``subsystem_device``
           and ``driver`` (the same function of the same board, run by the
           same variant driver)
any other  ``driver``
=========  ================================================================

A fact that sysfs does not have is part of the class as absent (``-`` in
the key), so two devices that both lack it are alike. A fact in the rule
that could not be read, or is not valid, leaves the device without a class:
it is never compatible with anything.

>>> rule = ClassRule.default()
>>> from rangespec.sysfs import Fact, Facts
>>> str(rule.classify("mdev", Facts(mdev_type=Fact("nvidia-63"), driver=Fact("nvidia"))))
'mdev/nvidia-63'
>>> str(ClassRule.parse(["mdev=mdev_type,driver"]).classify(
...     "mdev", Facts(mdev_type=Fact("nvidia-63"), driver=Fact("nvidia"))))
'mdev/nvidia-63/nvidia'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

from ._excerpt import clip, escape
from .sysfs import FACT_NAMES, Fact, Facts, ReadError

__all__ = ["ANY_BUS", "ClassRule", "DeviceClass", "Unclassified"]

#: The rule entry for every bus the rule does not name.
ANY_BUS: Final = "*"

_DEFAULT: Final = (
    ("mdev", ("mdev_type",)),
    ("pci", ("vendor", "device", "subsystem_vendor", "subsystem_device", "driver")),
    (ANY_BUS, ("driver",)),
)


def _part(value: str | None) -> str:
    """One part of a class key: ``-`` for absent; ``%``, ``/`` and a lone ``-`` escaped."""
    if value is None:
        return "-"
    if value == "-":
        return "%2D"
    return value.replace("%", "%25").replace("/", "%2F")


@dataclass(frozen=True, slots=True, order=True)
class DeviceClass:
    """A class: the bus, and each fact of the rule with its value (None: absent).

    ``str`` is the class key, the bus and the values joined with ``/``, an
    absent fact written ``-``; ``%``, ``/`` and a value that is just ``-``
    are written ``%25``, ``%2F`` and ``%2D``, so different classes never share
    a key.

    >>> str(DeviceClass("pci", (("vendor", "0x10de"), ("driver", None))))
    'pci/0x10de/-'
    """

    bus: str
    facts: tuple[tuple[str, str | None], ...]

    def __str__(self) -> str:
        return "/".join([_part(self.bus), *(_part(v) for _, v in self.facts)])


@dataclass(frozen=True, slots=True)
class Unclassified:
    """Why a device has no class: a fact of the rule that is unreadable or invalid.

    >>> from rangespec.sysfs import ReadError, SysfsErrorCode
    >>> Unclassified("driver", ReadError(SysfsErrorCode.MISSING, "gone")).fact
    'driver'
    """

    fact: str
    error: ReadError


@dataclass(frozen=True, slots=True)
class ClassRule:
    """Which facts make a device's class, per bus; ``*`` stands for every other bus.

    Build it with :meth:`default` or :meth:`parse`; entries are kept sorted by
    bus, so equal rules are equal.

    >>> ClassRule.default().facts_for("ccw")
    ('driver',)
    >>> str(ClassRule.parse(["pci=vendor,device", "*=driver,parent"]))
    '*=driver,parent; mdev=mdev_type; pci=vendor,device'
    """

    entries: tuple[tuple[str, tuple[str, ...]], ...]

    @classmethod
    def default(cls) -> ClassRule:
        """mdev: the mdev type; pci: the four ids and the driver; any other bus: the driver."""
        return cls(tuple(sorted(_DEFAULT)))

    @classmethod
    def parse(cls, specs: Iterable[str], base: ClassRule | None = None) -> ClassRule:
        """``base`` (the default) with each ``BUS=FACT[,FACT...]`` of ``specs`` in its place.

        ValueError names a malformed spec or an unknown fact.

        >>> ClassRule.parse(["mdev=mdev_type,vendor,device"]).facts_for("mdev")
        ('mdev_type', 'vendor', 'device')
        >>> ClassRule.parse(["mdev=colour"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ValueError: 'mdev=colour': 'colour' is not a fact (mdev_type, driver, ...)
        """
        entries = dict((base or cls.default()).entries)
        for spec in specs:
            bus, equals, names = spec.partition("=")
            facts = tuple(names.split(","))
            # At least one fact, none empty: "mdev=" would make every mdev
            # type one class, and "mdev=mdev_type," is surely a typo.
            if not equals or not bus or not all(facts):
                raise ValueError(f"{_quoted(spec)}: expected BUS=FACT[,FACT...] (BUS may be '*')")
            for name in facts:
                if name not in FACT_NAMES:
                    raise ValueError(
                        f"{_quoted(spec)}: {_quoted(name)} is not a fact ({', '.join(FACT_NAMES)})"
                    )
            if len(set(facts)) != len(facts):
                raise ValueError(f"{_quoted(spec)}: a fact is named twice")
            entries[bus] = facts
        return cls(tuple(sorted(entries.items())))

    def facts_for(self, bus: str) -> tuple[str, ...]:
        """The facts that make the class of a device on ``bus``."""
        found = dict(self.entries)
        return found.get(bus, found.get(ANY_BUS, ()))

    def classify(self, bus: str, facts: Facts) -> DeviceClass | Unclassified:
        """The class of a device on ``bus`` with ``facts``, or why it has none."""
        return self.classify_with(bus, facts.get)

    def classify_with(
        self, bus: str, get: Callable[[str], Fact | None]
    ) -> DeviceClass | Unclassified:
        """As :meth:`classify`, with each fact looked up by ``get(name)``."""
        values: list[tuple[str, str | None]] = []
        for name in self.facts_for(bus):
            fact = get(name)
            if fact is not None and fact.error is not None:
                return Unclassified(name, fact.error)
            values.append((name, None if fact is None else fact.value))
        return DeviceClass(bus, tuple(values))

    def __str__(self) -> str:
        return "; ".join(f"{bus}={','.join(facts)}" for bus, facts in self.entries)


def _quoted(text: str) -> str:
    """Outside text in a message: quoted, its middle cut when long, escaped."""
    return escape(clip(text, 60))
