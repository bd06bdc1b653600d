"""The fleet as rows for a warehouse: every device's accepted intervals, and every device.

An interval row says a device accepts every version from ``lo_key`` to
``hi_key`` (the versions' order keys, :meth:`rangespec.Version.order_key`),
each end included or not, so any SQL engine answers "who accepts v" with
range predicates on text (docs/fleet.md, "SQL"):

    lo_key < :k OR (lo_key = :k AND lo_inclusive)      -- above the lower end
    hi_key > :k OR (hi_key = :k AND hi_inclusive)      -- below the upper end

Only devices with a class and a valid list have intervals: nothing
unreadable or invalid ever accepts. ``hi_key`` is empty (CSV) or null
(JSON) for an interval with no upper end; no list text makes one.

CSV: a header, then one row per line; booleans are ``1`` and ``0``, so
SQLite reads them as numbers; text cells are escaped as everywhere
(``rangespec._excerpt.escape``: a backslash doubles, control characters
show as ``\\xNN``) and quoted when they hold ``,`` or ``"``. JSON Lines: one
object per line, with its schema id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Final, NamedTuple

from ._excerpt import escape
from ._fleet_store import Fleet
from .schemas import FLEET_DEVICE, FLEET_INTERVAL

__all__ = [
    "DEVICE_COLUMNS",
    "INTERVAL_COLUMNS",
    "DeviceRow",
    "IntervalRow",
    "device_rows",
    "export_lines",
    "interval_rows",
]

INTERVAL_COLUMNS: Final = (
    "class",
    "host",
    "device",
    "lo_key",
    "lo_inclusive",
    "hi_key",
    "hi_inclusive",
)
DEVICE_COLUMNS: Final = ("class", "host", "device", "version", "version_key", "list")


class IntervalRow(NamedTuple):
    """One accepted interval of one device.

    Comparing order keys as text is comparing versions, so the SQL
    predicates of the module docstring find every device that accepts a
    version:

    >>> from rangespec import Version
    >>> from rangespec.fleet import Fleet, generate_fleet, interval_rows
    >>> fleet = Fleet.from_inventories(generate_fleet(12, seed=4, devices_per_host=2, problems=0.2))
    >>> fleet.device(0).compatible
    <RangeSet {[2.0.2, 2.0.4], [2.1.0, 3.0.0)}>
    >>> rows = [r for r in interval_rows(fleet) if r.device == fleet.names[0]]
    >>> [(r.lo_inclusive, r.hi_inclusive) for r in rows]
    [(True, True), (True, False)]
    >>> def holds(r: IntervalRow, k: str) -> bool:
    ...     above = r.lo_key < k or (r.lo_key == k and r.lo_inclusive)
    ...     below = r.hi_key is None or r.hi_key > k or (r.hi_key == k and r.hi_inclusive)
    ...     return above and below
    >>> [any(holds(r, Version(v).order_key()) for r in rows) for v in ("2.0.4", "2.0.5", "2.9")]
    [True, False, True]
    """

    device_class: str
    host: str
    device: str
    lo_key: str
    lo_inclusive: bool
    hi_key: str | None
    hi_inclusive: bool


class DeviceRow(NamedTuple):
    """One device: its class, version (and key) and list; None where unusable.

    Every device of the fleet has exactly one row, usable or not.

    >>> from rangespec import Version
    >>> from rangespec.fleet import Fleet, device_rows, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(12, seed=4, devices_per_host=2, problems=0.2))
    >>> rows = list(device_rows(fleet))
    >>> len(rows) == len(fleet)
    True
    >>> rows[1].version, rows[1].version_key, rows[1].compatible  # its version is unreadable
    (None, None, '2.0.2-2.0.4,2.1.0+')
    >>> all(r.version_key == Version(r.version).order_key() for r in rows if r.version)
    True
    """

    device_class: str | None
    host: str
    device: str
    version: str | None
    version_key: str | None
    compatible: str | None


def interval_rows(fleet: Fleet) -> Iterator[IntervalRow]:
    """Every accepted interval of every device that has a class and a valid list.

    >>> from rangespec.fleet import Fleet, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(2, seed=1, devices_per_host=1))
    >>> row = next(interval_rows(fleet))
    >>> row.lo_key <= row.hi_key, row.lo_inclusive, row.hi_inclusive
    (True, True, False)
    """
    bounds = [
        [
            (
                i.lower.order_key(),
                i.lower_closed,
                None if i.upper is None else i.upper.order_key(),
                i.upper_closed,
            )
            for i in lst.intervals
        ]
        for lst in fleet.lists
    ]
    classes = [str(c) for c in fleet.classes]
    keys = fleet.group_keys
    for h, host in enumerate(fleet.hosts):
        for index in range(fleet.host_start[h], fleet.host_start[h + 1]):
            c, _, lst = keys[fleet.groups[index]]
            if c < 0 or lst < 0:
                continue
            name = fleet.names[index]
            for lo, lo_in, hi, hi_in in bounds[lst]:
                yield IntervalRow(classes[c], host, name, lo, lo_in, hi, hi_in)


def device_rows(fleet: Fleet) -> Iterator[DeviceRow]:
    """Every device, with None for what it does not have (a class, a valid version or list).

    >>> from rangespec.fleet import Fleet, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(2, seed=1, devices_per_host=1))
    >>> next(device_rows(fleet)).version_key[:20]
    '00000000000000000002'
    """
    classes = [str(c) for c in fleet.classes]
    versions = [(str(v), v.order_key()) for v in fleet.versions]
    lists = [str(lst) for lst in fleet.lists]
    keys = fleet.group_keys
    for h, host in enumerate(fleet.hosts):
        for index in range(fleet.host_start[h], fleet.host_start[h + 1]):
            c, v, lst = keys[fleet.groups[index]]
            version, key = versions[v] if v >= 0 else (None, None)
            yield DeviceRow(
                classes[c] if c >= 0 else None,
                host,
                fleet.names[index],
                version,
                key,
                lists[lst] if lst >= 0 else None,
            )


def _cell(value: str | None) -> str:
    if value is None:
        return ""
    shown = escape(value)
    if "," in shown or '"' in shown:
        return '"' + shown.replace('"', '""') + '"'
    return shown


def export_lines(fleet: Fleet, table: str, fmt: str) -> Iterator[str]:
    """The lines (each ending in a newline) of ``table`` (``intervals`` or ``devices``)
    in ``fmt`` (``csv`` or ``jsonl``).

    CSV has a header line, then one line per row; ValueError (when the lines
    are first asked for) names an unknown table or format.

    >>> import json
    >>> from rangespec.fleet import Fleet, generate_fleet
    >>> fleet = Fleet.from_inventories(generate_fleet(12, seed=4, devices_per_host=2, problems=0.2))
    >>> lines = list(export_lines(fleet, "devices", "csv"))
    >>> lines[0], len(lines) == 1 + len(fleet)
    ('class,host,device,version,version_key,list\\n', True)
    >>> lines[1].endswith(',"2.0.2-2.0.4,2.1.0+"\\n')  # a cell holding "," is quoted
    True
    >>> row = json.loads(next(export_lines(fleet, "intervals", "jsonl")))
    >>> row["schema"], row["lo_inclusive"], row["hi_inclusive"]
    ('rangespec.fleet-interval/1', True, True)
    >>> list(export_lines(fleet, "islands", "csv"))
    Traceback (most recent call last):
    ...
    ValueError: no table 'islands': intervals or devices
    """
    columns: tuple[str, ...]
    if table == "intervals":
        columns, schema = INTERVAL_COLUMNS, FLEET_INTERVAL
        rows: Iterator[tuple[str | bool | None, ...]] = interval_rows(fleet)
    elif table == "devices":
        columns, schema = DEVICE_COLUMNS, FLEET_DEVICE
        rows = device_rows(fleet)
    else:
        raise ValueError(f"no table {table!r}: intervals or devices")
    if fmt == "csv":
        yield ",".join(columns) + "\n"
        for row in rows:
            cells = (
                ("1" if cell else "0") if isinstance(cell, bool) else _cell(cell) for cell in row
            )
            yield ",".join(cells) + "\n"
    elif fmt == "jsonl":
        for row in rows:
            yield json.dumps({"schema": schema, **dict(zip(columns, row, strict=True))}) + "\n"
    else:
        raise ValueError(f"no format {fmt!r}: csv or jsonl")
