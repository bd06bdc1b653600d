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
    """One accepted interval of one device."""

    device_class: str
    host: str
    device: str
    lo_key: str
    lo_inclusive: bool
    hi_key: str | None
    hi_inclusive: bool


class DeviceRow(NamedTuple):
    """One device: its class, version (and key) and list; None where unusable."""

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
    in ``fmt`` (``csv`` or ``jsonl``)."""
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
