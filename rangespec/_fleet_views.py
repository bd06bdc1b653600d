"""A class seen from its hosts, and the islands in it: the aggregate both the report and
the upgrade simulation reason on.

A *view* of one class maps each host to its groups ``(version, list,
devices)``: the version and list are values (``None`` when unreadable or
invalid), ``devices`` how many of the host's devices of the class have them.
Islands are found from the view alone, never from pairs of devices:

* a device has **nowhere to go** when no device of its class on another
  host accepts its version;
* a device **accepts nothing** when its list accepts the version of no
  device of its class on another host.

For each version the hosts that accept it are counted, but only up to two,
keeping the one host when there is exactly one: a version accepted on two
hosts or more is accepted on another host than any device's own. The cost
is one pass over the groups and one membership test per (version, list)
pair of the class.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Generic, NamedTuple, TypeVar

__all__ = ["Group", "Reach", "islands", "reach"]

V = TypeVar("V", bound=Hashable)
L = TypeVar("L", bound=Hashable)


class Group(NamedTuple, Generic[V, L]):
    """``devices`` devices of a host with this version and list (None: unusable)."""

    version: V | None
    compatible: L | None
    devices: int


class Reach(NamedTuple):
    """Hosts counted up to two (``hosts``); ``sole`` is the host when there is exactly one."""

    hosts: int
    sole: int

    def beyond(self, host: int) -> bool:
        """Whether a host other than ``host`` is among them."""
        return self.hosts >= 2 or (self.hosts == 1 and self.sole != host)


_NOBODY = Reach(0, -1)


def _add(found: dict[object, Reach], key: object, host: int) -> None:
    seen = found.get(key, _NOBODY)
    if seen.hosts == 0:
        found[key] = Reach(1, host)
    elif seen.hosts == 1 and seen.sole != host:
        found[key] = Reach(2, -1)


def reach(parts: Iterable[Reach]) -> Reach:
    """The hosts of several parts together, still counted up to two.

    >>> reach([Reach(1, 7), Reach(1, 7)]), reach([Reach(1, 7), Reach(1, 8)])
    (Reach(hosts=1, sole=7), Reach(hosts=2, sole=-1))
    """
    sole = -1
    for part in parts:
        if part.hosts >= 2:
            return Reach(2, -1)
        if part.hosts == 1:
            if sole >= 0 and sole != part.sole:
                return Reach(2, -1)
            sole = part.sole
    return _NOBODY if sole < 0 else Reach(1, sole)


def islands(
    view: dict[int, list[Group[V, L]]], contains: Callable[[V, L], bool]
) -> tuple[dict[V, Reach], dict[L, Reach]]:
    """For each version of the view, the hosts that accept it; for each list, the hosts
    whose versions it accepts (both counted up to two).

    A device at version v on host h has nowhere to go exactly when
    ``not accepted[v].beyond(h)``; a device with list l on host h accepts
    nothing exactly when ``not senders[l].beyond(h)``.
    """
    by_version: dict[object, Reach] = {}
    by_list: dict[object, Reach] = {}
    for host, groups in view.items():
        for group in groups:
            if group.version is not None:
                _add(by_version, group.version, host)
            if group.compatible is not None:
                _add(by_list, group.compatible, host)
    versions: list[V] = list(by_version)  # type: ignore[arg-type]
    lists: list[L] = list(by_list)  # type: ignore[arg-type]
    inside = {(v, lst): contains(v, lst) for v in versions for lst in lists}
    accepted = {v: reach(by_list[lst] for lst in lists if inside[v, lst]) for v in versions}
    senders = {lst: reach(by_version[v] for v in versions if inside[v, lst]) for lst in lists}
    return accepted, senders
