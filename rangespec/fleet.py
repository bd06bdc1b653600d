"""Fleet decisions: where each device may migrate, which devices are islands, and what a
driver rollout changes, from the inventories ``rangespec scan`` writes.

Read the inventories into a :class:`Fleet` (streamed, every document checked),
then ask it:

>>> import io, json
>>> from rangespec.fleet import (
...     destinations, generate_fleet, read_fleet, report, simulate_upgrade)
>>> lines = b"".join(json.dumps(i.to_json()).encode() + b"\\n"
...                  for i in generate_fleet(40, seed=7, devices_per_host=5))
>>> fleet = read_fleet(["-"], stdin=io.BytesIO(lines))
>>> len(fleet), len(fleet.hosts), fleet.rejected
(200, 40, ())
>>> found = report(fleet)
>>> [str(c.device_class) for c in found.classes]  # doctest: +NORMALIZE_WHITESPACE
['mdev/i915-GVTg_V5_4', 'mdev/nvidia-222', 'mdev/nvidia-717',
 'pci/0x15b3/0x101e/0x15b3/0x0042/mlx5_vfio_pci']
>>> where = destinations(fleet, device_class="mdev/nvidia-222", version="2.0.3")
>>> all(d.compatible.to_text() and "2.0.3" in d.compatible for d in where.found)
True
>>> impact = simulate_upgrade(fleet, ["node-00001", "node-00002"], "mdev/nvidia-222",
...                           "3.0.0", "3.0.*")
>>> [d.name for d in impact.directions]
['old->new', 'new->old', 'new->new']

A device may migrate to another when both are of the same class
(:class:`ClassRule`) and the source's version is in the destination's
list; an unreadable or invalid attribute or class fact is never
compatible with anything. docs/fleet.md explains the method and walks
through a generated fleet.

The records are frozen; every answer is computed from distinct (class,
version) and (class, list) pairs and counts, never from pairs of devices.
"""

from __future__ import annotations

from ._fleet_class import ANY_BUS, ClassRule, DeviceClass, Unclassified
from ._fleet_export import (
    DEVICE_COLUMNS,
    INTERVAL_COLUMNS,
    DeviceRow,
    IntervalRow,
    device_rows,
    export_lines,
    interval_rows,
)
from ._fleet_generate import MAX_DEVICES_PER_HOST, generate_fleet
from ._fleet_index import Destination, Destinations, FleetIndex, FleetQueryError, destinations
from ._fleet_read import MAX_DOCUMENT, MAX_SKIP, read_fleet
from ._fleet_report import (
    MAX_DISTINCT,
    MAX_PROFILES,
    ClassReport,
    FleetReport,
    HostProfile,
    Island,
    ListCount,
    OneWay,
    VersionCount,
    report,
)
from ._fleet_store import Fleet, FleetDevice, Problem, Rejected
from ._fleet_upgrade import Change, Direction, Step, Upgrade, simulate_upgrade

__all__ = [
    "ANY_BUS",
    "DEVICE_COLUMNS",
    "INTERVAL_COLUMNS",
    "MAX_DEVICES_PER_HOST",
    "MAX_DISTINCT",
    "MAX_DOCUMENT",
    "MAX_PROFILES",
    "MAX_SKIP",
    "Change",
    "ClassReport",
    "ClassRule",
    "Destination",
    "Destinations",
    "DeviceClass",
    "DeviceRow",
    "Direction",
    "Fleet",
    "FleetDevice",
    "FleetIndex",
    "FleetQueryError",
    "FleetReport",
    "HostProfile",
    "IntervalRow",
    "Island",
    "ListCount",
    "OneWay",
    "Problem",
    "Rejected",
    "Step",
    "Unclassified",
    "Upgrade",
    "VersionCount",
    "destinations",
    "device_rows",
    "export_lines",
    "generate_fleet",
    "interval_rows",
    "read_fleet",
    "report",
    "simulate_upgrade",
]

# The public names say where to find them (reprs, pickles, the API reference).
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) or callable(_obj):
        _obj.__module__ = __name__
del _name, _obj
