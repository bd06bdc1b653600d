"""The fleet benchmark: ``rangespec fleet report`` on generated fleets, timed and measured.

    python benchmarks/fleet.py            # 100,000 and 1,000,000 devices (a few minutes)
    python benchmarks/fleet.py --quick    # 10,000 and 100,000 devices: a smoke run

Each fleet is generated with ``rangespec.fleet.generate_fleet`` (50 devices
per host; the large fleet has 20,000 hosts) and written as JSON Lines, one
inventory per line, into a temporary directory (``--keep DIR`` keeps the
files there and reuses them). Then the command a user runs,
``python -m rangespec fleet report FILE --format json``, runs in a child
process with its output going to /dev/null: the wall time is the median of
``--repeat`` runs (3), the peak RSS the largest resident set of those runs
(from ``wait4``). Also timed, once each, on the large fleet: a destination
query, an upgrade simulation and the SQL export.

Prints Markdown: the measurements (wall time, and the CPU time the process
used, which other work on the machine does not inflate), then the targets
of docs/fleet.md with what this run measured. Nothing here is a pass/fail gate: the exit status is
0 whatever the numbers (it is 1 only if a command fails).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from rangespec.fleet import generate_fleet

DEVICES_PER_HOST = 50


def write_fleet(path: Path, hosts: int) -> None:
    """Generate ``hosts`` inventories into ``path`` (skipped if the file is already there)."""
    if path.exists():
        return
    partial = path.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as out:
        for inventory in generate_fleet(hosts, seed=1, devices_per_host=DEVICES_PER_HOST):
            out.write(json.dumps(inventory.to_json(), separators=(",", ":")) + "\n")
    partial.rename(path)


class Measured(NamedTuple):
    seconds: float  # wall-clock time
    cpu: float  # user + system time of the process
    rss: int  # peak resident set, bytes


def run(args: list[str]) -> Measured:
    """Run ``python -m rangespec ARGS`` with stdout to /dev/null, and measure it."""
    actions = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]
    start = time.perf_counter()
    pid = os.posix_spawn(
        sys.executable,
        [sys.executable, "-m", "rangespec", *args],
        os.environ,
        file_actions=actions,
    )
    _, status, usage = os.wait4(pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"rangespec {' '.join(args)} failed with status {code}")
    return Measured(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def measure(path: Path, repeat: int) -> Measured:
    runs = [run(["fleet", "report", str(path), "--format", "json"]) for _ in range(repeat)]
    return Measured(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.rss for r in runs),
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="10k and 100k devices")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (3)")
    parser.add_argument("--keep", metavar="DIR", help="keep (and reuse) the fleets in DIR")
    args = parser.parse_args()
    large_hosts = 2_000 if args.quick else 20_000
    sizes = [large_hosts // 10, large_hosts]
    with tempfile.TemporaryDirectory() as temporary:
        where = Path(args.keep or temporary)
        where.mkdir(parents=True, exist_ok=True)
        paths = {}
        sizes_of = {}
        for hosts in sizes:
            paths[hosts] = where / f"fleet-{hosts}-hosts.jsonl"
            start = time.perf_counter()
            write_fleet(paths[hosts], hosts)
            sizes_of[hosts] = paths[hosts].stat().st_size
            print(
                f"<!-- {paths[hosts].name}: {paths[hosts].stat().st_size / 2**20:.0f} MiB, "
                f"ready in {time.perf_counter() - start:.1f} s -->",
                file=sys.stderr,
            )
        results = {hosts: measure(paths[hosts], args.repeat) for hosts in sizes}
        large = paths[large_hosts]
        extra = [
            (
                "destinations of a class's version",
                run(
                    [
                        "fleet",
                        "destinations",
                        str(large),
                        "--class",
                        "mdev/nvidia-222",
                        "--version",
                        "2.0.3",
                        "--format",
                        "json",
                    ]
                ),
            ),
            (
                "upgrade of 200 hosts",
                run(
                    [
                        "fleet",
                        "upgrade",
                        str(large),
                        "--hosts",
                        "node-001*,node-002*",
                        "--class",
                        "mdev/nvidia-222",
                        "--to-version",
                        "3.0.0",
                        "--to-compatible",
                        "3.0.*",
                        "--format",
                        "json",
                    ]
                ),
            ),
            ("export of the intervals (CSV)", run(["fleet", "export", str(large)])),
        ]
    title = " (quick: a smoke run)" if args.quick else ""
    print(f"## rangespec fleet benchmark{title}\n")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs; JSON Lines, {DEVICES_PER_HOST} devices per host; "
        f"median of {args.repeat} runs.\n"
    )
    print(f"Load average when it ended: {', '.join(f'{x:.2f}' for x in os.getloadavg())}.\n")
    print("| devices | hosts | input | `fleet report`, wall | CPU (user + system) | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|")
    for hosts in sizes:
        m = results[hosts]
        print(
            f"| {hosts * DEVICES_PER_HOST:,} | {hosts:,} | {sizes_of[hosts] / 2**20:.0f} MiB | "
            f"{m.seconds:.2f} s | {m.cpu:.2f} s | {m.rss / 2**20:.0f} MiB |"
        )
    print(f"\n### On {large_hosts * DEVICES_PER_HOST:,} devices, once each\n")
    print("| command | wall | CPU | peak RSS |")
    print("|---|---:|---:|---:|")
    for name, m in extra:
        print(f"| {name} | {m.seconds:.2f} s | {m.cpu:.2f} s | {m.rss / 2**20:.0f} MiB |")
    small, big = results[sizes[0]], results[sizes[1]]
    ratio, cpu_ratio = big.seconds / small.seconds, big.cpu / small.cpu
    print("\n### Targets\n")
    print("| target | measured | wanted | holds |")
    print("|---|---:|---|---|")
    rows = [
        ("report of the large fleet, wall", f"{big.seconds:.2f} s", "<= 15 s", big.seconds <= 15),
        ("its peak RSS", f"{big.rss / 2**20:.0f} MiB", "<= 1024 MiB", big.rss <= 2**30),
        ("wall time for 10x the devices", f"{ratio:.2f}x", "<= 11x", ratio <= 11),
        ("CPU time for 10x the devices", f"{cpu_ratio:.2f}x", "<= 11x", cpu_ratio <= 11),
    ]
    for name, measured, wanted, holds in rows:
        print(f"| {name} | {measured} | {wanted} | {'yes' if holds else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
