"""The SQL queries of docs/fleet.md, on the export of a generated fleet, give the answers
``rangespec fleet`` gives: on SQLite (stdlib) and on DuckDB.

The queries are read from the documentation itself, so what it shows is
what is tested.
"""

from __future__ import annotations

import contextlib
import csv
import re
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rangespec import Version
from rangespec.fleet import (
    Fleet,
    FleetIndex,
    destinations,
    export_lines,
    generate_fleet,
    report,
)

DOC = (Path(__file__).parents[1] / "docs" / "fleet.md").read_text(encoding="utf-8")
QUERIES = {
    m.group(1): m.group(0)
    for m in re.finditer(r"^-- ([a-z-]+):.*?;$", DOC[DOC.index("## SQL") :], re.M | re.S)
}

Query = Callable[[str, dict[str, str]], list[tuple[Any, ...]]]


@pytest.fixture(scope="module")
def fleet() -> Fleet:
    return Fleet.from_inventories(generate_fleet(60, seed=9, devices_per_host=6, problems=0.3))


@pytest.fixture(scope="module")
def exported(fleet: Fleet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("export")
    for table in ("intervals", "devices"):
        for fmt in ("csv", "jsonl"):
            with (where / f"{table}.{fmt}").open("w", encoding="utf-8") as out:
                out.writelines(export_lines(fleet, table, fmt))
    return where


def test_the_queries_were_found() -> None:
    assert set(QUERIES) == {"who-accepts", "destinations", "nowhere-to-go", "versions"}


@contextlib.contextmanager
def sqlite(where: Path) -> Iterator[Query]:
    """The export loaded as SQLite's CSV import would: every cell text, '' for empty."""
    db = sqlite3.connect(":memory:")
    try:
        for table in ("intervals", "devices"):
            with (where / f"{table}.csv").open(newline="", encoding="utf-8") as f:
                rows = list(csv.reader(f))
            db.execute(f"CREATE TABLE {table} ({', '.join(rows[0])})")
            marks = ", ".join("?" * len(rows[0]))
            db.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[1:])
        yield lambda sql, params: db.execute(sql, params).fetchall()
    finally:
        db.close()  # Python 3.13 warns of a connection left open


def duckdb_engines(where: Path) -> Iterator[tuple[str, Query]]:
    """Each export format loaded into DuckDB; each connection closed once its turn is over."""
    import duckdb  # the "test" extra installs it

    for fmt in ("csv", "jsonl"):
        with duckdb.connect() as db:
            yield f"duckdb-{fmt}", _duckdb_query(db, where, fmt)


def _duckdb_query(db: Any, where: Path, fmt: str) -> Query:
    """The two tables of one export format, and a query function over them."""
    if fmt == "csv":
        db.execute(
            f"CREATE TABLE intervals AS SELECT * FROM read_csv('{where}/intervals.csv', "
            "types = {'lo_key': 'VARCHAR', 'hi_key': 'VARCHAR'})"
        )
        db.execute(
            f"CREATE TABLE devices AS SELECT * FROM read_csv('{where}/devices.csv', "
            "types = {'version_key': 'VARCHAR', 'version': 'VARCHAR'})"
        )
    else:
        for table in ("intervals", "devices"):
            db.execute(f"CREATE TABLE {table} AS SELECT * FROM read_json('{where}/{table}.jsonl')")

    def query(sql: str, params: dict[str, str]) -> list[tuple[Any, ...]]:
        used = {k: v for k, v in params.items() if f"${k}" in sql}
        return [tuple(row) for row in db.execute(sql, used).fetchall()]

    return query


def check(fleet: Fleet, query: Query) -> None:
    found = report(fleet)
    index = FleetIndex(fleet)
    # who accepts each version of each class, and versions no device has
    for c in found.classes:
        key = str(c.device_class)
        probes = [v.version for v in c.versions] + [Version(p) for p in ("0.1", "2.0.5", "3")]
        for version in probes:
            rows = query(QUERIES["who-accepts"], {"class": key, "key": version.order_key()})
            expected = destinations(fleet, device_class=key, version=version, index=index).found
            assert sorted(rows) == sorted((d.host, d.device) for d in expected), (key, version)
    # where each device with a class and a version may go (every fifth: the rest are alike)
    for device in list(fleet.devices())[::5]:
        if device.device_class is None or device.version is None:
            continue
        rows = query(QUERIES["destinations"], {"host": device.host, "device": device.name})
        expected = destinations(fleet, device=device.ref, index=index).found
        assert rows == sorted((d.host, d.device) for d in expected), device.ref
    # islands with nowhere to go
    rows = query(QUERIES["nowhere-to-go"], {})
    islands = [(i.host, i.device, str(i.version)) for c in found.classes for i in c.nowhere_to_go]
    assert rows == sorted(islands)
    assert islands  # the generated fleet has some
    # each class's versions in version order: the key orders them
    rows = query(QUERIES["versions"], {})
    assert rows == [
        (str(c.device_class), str(v.version), v.devices, v.hosts)
        for c in found.classes
        for v in c.versions
    ]


def test_sqlite_answers_as_rangespec_does(fleet: Fleet, exported: Path) -> None:
    with sqlite(exported) as query:
        check(fleet, query)


def test_duckdb_answers_as_rangespec_does(fleet: Fleet, exported: Path) -> None:
    checked = []
    for name, query in duckdb_engines(exported):
        check(fleet, query)
        checked.append(name)
    assert checked == ["duckdb-csv", "duckdb-jsonl"]


def test_the_fleet_has_what_the_queries_must_handle(fleet: Fleet) -> None:
    devices = list(fleet.devices())
    assert any(d.version is None for d in devices)  # empty version keys
    assert any(d.device_class is None for d in devices)  # no class
    assert any(d.compatible is None for d in devices)  # no intervals
    assert len({str(c) for c in fleet.classes}) >= 3
