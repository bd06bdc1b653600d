"""May a device migrate? The decision, one way or both ways, and why.

A device may migrate from a source to a destination when the source's
``interface_version`` is in the destination's
``interface_version_compatible``.

>>> print(check_migration("2.1.3", "2.0.2-2.0.4,2.1.0+").reason)
2.1.3 is accepted by the item '2.1.0+' at offset 12
>>> print(check_migration("2.0.5", "2.0.2-2.0.4,2.1.0+").reason)
2.0.5 is not accepted: it lies between [2.0.2, 2.0.4] and [2.1.0, 3.0.0)

Invalid input is never a verdict: a version or a list that is not valid
raises :class:`rangespec.RangeSpecError`, so nothing invalid is ever judged
compatible (or incompatible).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from ._cuts import AT
from ._excerpt import clip
from ._frontend import version as version_of
from ._items import Item
from ._limits import DEFAULT_MAX_LENGTH
from ._normalize import item_bounds
from ._rangeset import RangeSet, read_list
from ._version import Version
from .schemas import MIGRATION, MigrationDocument, VerdictJSON

__all__ = ["Migration", "Verdict", "check_both_ways", "check_migration"]


@dataclass(frozen=True, slots=True)
class Verdict:
    """One direction: whether ``version`` is in ``compatible``, and why.

    >>> verdict = check_migration("2.1.3", "2.1.*")
    >>> verdict.allowed, str(verdict.compatible)
    (True, '2.1.*')
    """

    allowed: bool
    version: Version
    compatible: RangeSet
    reason: str


@dataclass(frozen=True, slots=True)
class Migration:
    """A migration decision: source to destination, and with both ways the way back.

    >>> m = check_both_ways(
    ...     source_version="2.0.3", source_compatible="2.0.*",
    ...     destination_version="2.1.3", destination_compatible="2.0.2-2.0.4,2.1.0+",
    ... )
    >>> m.forward.allowed, m.back.allowed, m.allowed
    (True, False, False)
    """

    forward: Verdict
    back: Verdict | None = None

    @property
    def allowed(self) -> bool:
        """Whether every direction checked is allowed."""
        return all(v.allowed for v in self.directions())

    def directions(self) -> list[Verdict]:
        """The verdicts checked: source to destination, then the way back if checked."""
        return [self.forward] if self.back is None else [self.forward, self.back]

    def to_json(self) -> MigrationDocument:
        """The JSON form (docs/cli.md, "compat")."""
        names = [("source", "destination"), ("destination", "source")]
        directions: list[VerdictJSON] = [
            {
                "from": frm,
                "to": to,
                "allowed": v.allowed,
                "version": str(v.version),
                "compatible": str(v.compatible),
                "reason": v.reason,
            }
            for (frm, to), v in zip(names, self.directions(), strict=False)
        ]
        return {"schema": MIGRATION, "allowed": self.allowed, "directions": directions}


def check_migration(
    source_version: Version | str,
    destination_compatible: RangeSet | str,
    *,
    max_length: int = DEFAULT_MAX_LENGTH,
) -> Verdict:
    """Whether a source device at ``source_version`` may migrate to a destination
    that publishes ``destination_compatible``.

    Either may be given as text, exactly as read from sysfs (one trailing
    newline allowed). With a list's text, the reason names the item that
    admits the version.

    Raises:
        RangeSpecError: a text is not valid.
        TypeError: an argument is of another type; the message names it.

    >>> check_migration("3.0", RangeSet("2.*")).reason
    '3.0.0 is not accepted: it lies above [2.0.0, 3.0.0)'
    """
    version = _version(source_version, "source_version", max_length)
    compatible = _listed(destination_compatible, "destination_compatible", max_length)
    return _verdict(version, compatible)


def check_both_ways(
    *,
    source_version: Version | str,
    source_compatible: RangeSet | str,
    destination_version: Version | str,
    destination_compatible: RangeSet | str,
    max_length: int = DEFAULT_MAX_LENGTH,
) -> Migration:
    """Whether a device may migrate to the destination and back again.

    All four are read before anything is decided, so one invalid input
    raises and no half decision is ever made.

    >>> both = check_both_ways(
    ...     source_version="2.1.3", source_compatible="2.1.*",
    ...     destination_version="2.1.5", destination_compatible="2.0.0-2.1.*",
    ... )
    >>> both.allowed
    True
    >>> print(both.back.reason)
    2.1.5 is accepted by the item '2.1.*' at offset 0
    """
    there = _version(source_version, "source_version", max_length)
    there_list = _listed(destination_compatible, "destination_compatible", max_length)
    back = _version(destination_version, "destination_version", max_length)
    back_list = _listed(source_compatible, "source_compatible", max_length)
    return Migration(_verdict(there, there_list), _verdict(back, back_list))


class _Listed(NamedTuple):
    """A compatible list as a set, with its text and items when given as text."""

    rangeset: RangeSet
    text: str | None
    items: tuple[Item, ...]


def _version(value: object, name: str, max_length: int) -> Version:
    if isinstance(value, Version):
        return value
    if isinstance(value, str):
        return version_of(value, max_length)
    raise TypeError(f"argument {name} must be a Version or str, not {type(value).__name__}")


def _listed(value: object, name: str, max_length: int) -> _Listed:
    if isinstance(value, RangeSet):
        return _Listed(value, None, ())
    if isinstance(value, str):
        rangeset, items, _ = read_list(value, max_length, items=True)
        return _Listed(rangeset, value, items)
    raise TypeError(f"argument {name} must be a RangeSet or str, not {type(value).__name__}")


def _verdict(version: Version, compatible: _Listed) -> Verdict:
    at = (*version._key, AT)
    rangeset, text = compatible.rangeset, compatible.text
    if text is not None:
        for item in compatible.items:
            lower, upper = item_bounds(item)
            if lower < at < upper:
                spelled = clip(text[item.start : item.end])
                reason = f"{version} is accepted by the item {spelled} at offset {item.start}"
                return Verdict(True, version, rangeset, reason)
    else:
        for interval in rangeset.intervals:
            if version in interval:
                return Verdict(True, version, rangeset, f"{version} is in {interval}")
    # The version is in no interval, so each lies wholly below or wholly above it.
    below = [i for i in rangeset.intervals if i.upper is not None and i.upper <= version]
    above = [i for i in rangeset.intervals if version <= i.lower]
    if not below and not above:
        where = "the list is empty"
    elif not below:
        where = f"it lies below {above[0]}"
    elif not above:
        where = f"it lies above {below[-1]}"
    else:
        where = f"it lies between {below[-1]} and {above[0]}"
    return Verdict(False, version, rangeset, f"{version} is not accepted: {where}")
