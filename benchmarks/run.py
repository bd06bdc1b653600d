"""rangespec's benchmark suite: medians, and ratios measured in the same run.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # a smoke run: every case once, fast

Prints Markdown: one table per workload, then the targets of
docs/performance.md with the ratios this run measured. Times are medians
over repeats of a loop long enough to dwarf the timer; ratios compare cases
of this one run on this one machine. Nothing here is a pass/fail gate: the
exit code is 0 whatever the numbers.
"""

from __future__ import annotations

import argparse
import functools
import gc
import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from packaging.version import Version as PackagingVersion

import rangespec
from rangespec import U64_MAX, parse, validate

import peers

EXAMPLE = "2.0.2-2.0.4,2.1.0+"


# -- workloads ---------------------------------------------------------------


def disjoint_items(count: int, shift: int = 0) -> list[str]:
    """``count`` items whose intervals are pairwise separated, in mixed forms."""
    items = []
    for k in range(count):
        major, minor = k // 40 + 1, (k % 40) * 4 + shift
        form = k % 4
        if form == 0:
            items.append(f"{major}.{minor}.0-{major}.{minor}.5")
        elif form == 1:
            items.append(f"{major}.{minor}.*")
        elif form == 2:
            items.append(f"{major}.{minor}.3")
        else:
            items.append(f"{major}.{minor}.1-{major}.{minor + 1}.*")
    return items


def list_text(count: int, shift: int = 0) -> str:
    return ",".join(disjoint_items(count, shift))


def sized(items: list[str], size: int) -> str:
    """As many of ``items`` as fit in ``size`` characters."""
    out, length = [], -1
    for item in items:
        if length + 1 + len(item) > size:
            break
        out.append(item)
        length += 1 + len(item)
    return ",".join(out)


def adversarial(kind: str, size: int) -> str:
    if kind == "long numbers":
        return sized([f"{U64_MAX - k}.{U64_MAX}" for k in range(size)], size)
    if kind == "many tiny items":
        return ",".join(["1"] * ((size + 1) // 2))
    if kind == "long wildcard prefix":
        return "1." * ((size - 1) // 2) + "*"
    if kind == "error in the last character":
        return sized(disjoint_items(size), size - 2) + ",x"
    raise ValueError(kind)


ADVERSARIAL = [
    "long numbers",
    "many tiny items",
    "long wildcard prefix",
    "error in the last character",
]


def _parse_or_error(text: str) -> Any:
    try:
        return parse(text, max_length=len(text))
    except rangespec.RangeSpecError as err:
        return err


# -- measuring ---------------------------------------------------------------


@dataclass
class Runner:
    quick: bool
    results: dict[str, float] = field(default_factory=dict)

    def time(self, name: str, fn: Callable[[], object], *, heavy: bool = False) -> float:
        """The median seconds per call of ``fn``, recorded under ``name``."""
        budget = 0.002 if self.quick else 0.05
        repeats = 1 if self.quick and heavy else (3 if self.quick else 9)
        number = 1
        while True:
            start = time.perf_counter()
            for _ in range(number):
                fn()
            if time.perf_counter() - start >= budget or heavy:
                break
            number *= 4
        samples = []
        gc.disable()
        try:
            for _ in range(repeats):
                start = time.perf_counter()
                for _ in range(number):
                    fn()
                samples.append((time.perf_counter() - start) / number)
        finally:
            gc.enable()
        self.results[name] = statistics.median(samples)
        return self.results[name]


def table(title: str, rows: list[tuple[str, float, str]]) -> None:
    print(f"\n### {title}\n")
    print("| case | median | ratio |")
    print("|---|---:|---|")
    for name, seconds, ratio in rows:
        print(f"| {name} | {_fmt(seconds)} | {ratio} |")


def _fmt(seconds: float) -> str:
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.2f} µs"


def _x(a: float, b: float) -> str:
    return f"{a / b:.2f}x"


# -- the suite -----------------------------------------------------------------


def bench_example(r: Runner) -> None:
    s = parse(EXAMPLE)
    t = r.time("parse example", lambda: parse(EXAMPLE))
    rows = [
        ("rangespec `parse` (fast path)", t, "1.00x"),
        (
            "packaging: `VersionRange` from `SpecifierSet`s",
            r.time("packaging example", peers.packaging_builder(s)),
            "",
        ),
        ("portion: interval union", r.time("portion example", peers.portion_builder(s)), ""),
        (
            "floor: regex to int tuples",
            r.time("floor tuples example", lambda: peers.regex_tuples(EXAMPLE)),
            "",
        ),
        (
            "floor: validate with one regex",
            r.time("floor validate example", lambda: peers.regex_validate(EXAMPLE)),
            "",
        ),
    ]
    cached = functools.lru_cache(maxsize=1024)(parse)
    rows.append(
        (
            "for reference: `lru_cache(parse)`, a hit",
            r.time("cached example", lambda: cached(EXAMPLE)),
            "",
        )
    )
    table(f"Parse and normalize `{EXAMPLE}`", [(n, s_, _x(s_, t)) for n, s_, _ in rows])


def bench_containment(r: Runner) -> None:
    rows = []
    for count in (1, 10, 500):
        s = parse(list_text(count), max_length=1 << 20)
        middle = s.intervals[len(s.intervals) // 2]
        probe = str(middle.lower)
        version = middle.lower
        pk = peers.packaging_builder(s)()
        pv = PackagingVersion(probe)
        po = peers.portion_builder(s)()
        key = peers.key(version)
        # every peer must agree before it is timed
        assert probe in s
        assert pk.contains(probe)
        assert pk.contains(pv)
        assert key in po
        ours_str = r.time(f"in str {count}", lambda: probe in s)
        ours_v = r.time(f"in Version {count}", lambda: version in s)
        pk_str = r.time(f"packaging str {count}", lambda: pk.contains(probe))
        pk_v = r.time(f"packaging Version {count}", lambda: pk.contains(pv))
        po_t = r.time(f"portion {count}", lambda: key in po)
        rows += [
            (f"{count} intervals: rangespec, `str in set`", ours_str, "1.00x"),
            (f"{count} intervals: packaging `contains(str)`", pk_str, _x(pk_str, ours_str)),
            (f"{count} intervals: rangespec, `Version in set`", ours_v, _x(ours_v, ours_str)),
            (f"{count} intervals: packaging `contains(Version)`", pk_v, _x(pk_v, ours_str)),
            (f"{count} intervals: portion, tuple in union", po_t, _x(po_t, ours_str)),
        ]
    table("Containment (ratios against rangespec with a string, per set size)", rows)


def bench_four_kb(r: Runner) -> None:
    text = sized(disjoint_items(4096), 4096)
    s = parse(text)
    t = r.time("parse 4KB", lambda: parse(text))
    rows = [
        (f"rangespec `parse` ({len(text)} chars, {len(s.intervals)} intervals)", t),
        (
            "packaging: `VersionRange` from `SpecifierSet`s",
            r.time("packaging 4KB", peers.packaging_builder(s), heavy=True),
        ),
        ("portion: interval union", r.time("portion 4KB", peers.portion_builder(s), heavy=True)),
        (
            "floor: regex to int tuples",
            r.time("floor tuples 4KB", lambda: peers.regex_tuples(text)),
        ),
        (
            "floor: validate with one regex",
            r.time("floor validate 4KB", lambda: peers.regex_validate(text)),
        ),
        ("`validate` (valid, no warnings)", r.time("validate 4KB", lambda: validate(text))),
    ]
    table("A 4 KB list (the sysfs maximum)", [(n, s_, _x(s_, t)) for n, s_ in rows])


def bench_scaling(r: Runner) -> None:
    rows = []
    for size in (64, 256, 1024, 4096):
        text = sized(disjoint_items(size), size)
        ours = r.time(f"parse {size}B", lambda: parse(text))
        floor = r.time(f"floor {size}B", lambda: peers.regex_tuples(text))
        rows.append(
            (f"{len(text)} B: rangespec `parse`", ours, f"{ours / len(text) * 1e9:.1f} ns/B")
        )
        rows.append(
            (f"{len(text)} B: floor, regex to tuples", floor, f"{floor / len(text) * 1e9:.1f} ns/B")
        )
        r.results[f"parse {size}B per byte"] = ours / len(text)
    for kind in ADVERSARIAL:
        for size in (256, 4096):
            text = adversarial(kind, size)
            t = r.time(
                f"{kind} {size}B",
                lambda: _parse_or_error(text),
                heavy=kind.startswith("error") and size > 256,
            )
            r.results[f"{kind} {size}B per byte"] = t / len(text)
            rows.append((f"{kind}, {len(text)} B", t, f"{t / len(text) * 1e9:.1f} ns/B"))
    table("Cost against size (normal and adversarial texts)", rows)


def bench_algebra(r: Runner) -> None:
    rows = []
    for count in (500, 1000):
        a = parse(list_text(count), max_length=1 << 20)
        b = parse(list_text(count, shift=2), max_length=1 << 20)
        assert len(a.intervals) == len(b.intervals) == count
        u = r.time(f"union {count}", lambda: a | b)
        i = r.time(f"intersection {count}", lambda: a & b)
        rows += [
            (f"union of two {count}-interval sets", u, ""),
            (f"intersection of two {count}-interval sets", i, ""),
        ]
    rows = [(n, s_, _x(s_, r.results["union 500"])) for n, s_, _ in rows]
    table("Set algebra (ratios against the 500-interval union)", rows)


def bench_validate(r: Runner) -> None:
    bad = EXAMPLE + ",02"
    t = r.results["parse example"]
    rows = [
        ("`validate`, the example (valid)", r.time("validate example", lambda: validate(EXAMPLE))),
        (
            "`validate`, the example with a bad last item",
            r.time("validate invalid", lambda: validate(bad)),
        ),
        (
            "`parse`, the same invalid text (raises)",
            r.time("parse invalid", lambda: _parse_or_error(bad)),
        ),
    ]
    table(
        "Validation (ratios against `parse` of the example)", [(n, s_, _x(s_, t)) for n, s_ in rows]
    )


# Invalid texts of about 4 KB, each with its first error as late as it gets.
def invalid_4kb() -> dict[str, str]:
    valid = sized(disjoint_items(4096), 4090)
    return {
        "a bad last character": valid + ",x",
        "a trailing comma (`1,` * 2048)": "1," * 2048,
        "a number above 2^64-1 at the end": valid[:4060] + ",18446744073709551616",
        "a leading zero at the end": valid + ",02",
        "an empty item at the end": valid + ",,1",
    }


# The texts of about 4 KB that give validate the most to report.
def worst_validate_4kb() -> dict[str, str]:
    return {
        "empty items (`,` * 4096)": "," * 4096,
        "every item bad (`x,` * 2048)": "x," * 2048,
        "every item a leading zero": ("01," * 1366)[:4095],
        "every item redundant (`1,` * 2047 + `1`)": "1," * 2047 + "1",
        "every item out of order": sized([f"1.{k}" for k in range(900, 0, -1)], 4096),
    }


def bench_error_path(r: Runner) -> None:
    base = r.results["parse 4KB"]
    rows = [("valid 4 KB list: `parse`", base, "1.00x")]
    for kind, text in invalid_4kb().items():
        t = r.time(f"invalid 4KB {kind}", lambda: _parse_or_error(text), heavy=True)
        rows.append((f"`parse` raising, {kind} ({len(text)} B)", t, _x(t, base)))
    for kind, text in worst_validate_4kb().items():
        t = r.time(f"worst validate {kind}", lambda: validate(text), heavy=True)
        rows.append((f"`validate`, {kind} ({len(text)} B)", t, _x(t, base)))
    table("The error path (ratios against `parse` of a valid 4 KB list)", rows)
    print("\n| invalid text of 1 MB (limit raised) | peak memory while raising | per input byte |")
    print("|---|---:|---:|")
    big = {
        "a bad last character": "1," * 500_000 + "x",
        "a number above 2^64-1 at the end": "1," * 500_000 + "18446744073709551616",
        "a version of 1 MB, then a bad character": "1." * 500_000 + "1x",
        "a leading zero at the end": "1," * 500_000 + "02",
    }
    worst = 0.0
    for kind, text in big.items():
        gc.collect()
        tracemalloc.start()
        _parse_or_error(text)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        worst = max(worst, peak / len(text))
        print(f"| {kind} | {peak / 1024:.0f} KiB | {peak / len(text):.2f} B |")
    r.results["error path bytes per byte"] = worst


def bench_memory(r: Runner) -> None:
    s = parse(list_text(500), max_length=1 << 20)
    text = list_text(500)
    builders: list[tuple[str, Callable[[], object]]] = [
        ("rangespec `parse`", lambda: parse(text, max_length=1 << 20)),
        ("packaging `VersionRange`", peers.packaging_builder(s)),
        ("portion interval union", peers.portion_builder(s)),
    ]
    print("\n### Memory for a 500-interval set\n")
    print("| case | peak while building | kept afterwards |")
    print("|---|---:|---:|")
    for name, build in builders:
        gc.collect()
        tracemalloc.start()
        kept = build()
        current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del kept
        r.results[f"memory {name}"] = peak
        print(f"| {name} | {peak / 1024:.0f} KiB | {current / 1024:.0f} KiB |")


def targets(r: Runner) -> None:
    res = r.results
    per_byte = res["parse 4096B per byte"] / res["parse 256B per byte"]
    adversarial_worst = max(
        res[f"{k} 4096B per byte"] / res[f"{k} 256B per byte"] for k in ADVERSARIAL
    )
    checks: list[tuple[str, float, str, Callable[[float], bool]]] = [
        (
            "parse example vs packaging",
            res["packaging example"] / res["parse example"],
            ">= 10x faster",
            lambda v: v >= 10,
        ),
        (
            "parse example vs regex-to-tuples floor",
            res["parse example"] / res["floor tuples example"],
            "<= 2x the floor",
            lambda v: v <= 2,
        ),
        (
            "`str in set` vs packaging `contains(str)`, worst of 1/10/500 intervals",
            min(res[f"packaging str {n}"] / res[f"in str {n}"] for n in (1, 10, 500)),
            ">= 2.5x faster",
            lambda v: v >= 2.5,
        ),
        (
            "`Version in set` vs packaging `contains(Version)`, worst of 1/10/500",
            min(res[f"packaging Version {n}"] / res[f"in Version {n}"] for n in (1, 10, 500)),
            ">= 1x (no slower)",
            lambda v: v >= 1,
        ),
        (
            "4 KB parse vs floor",
            res["parse 4KB"] / res["floor tuples 4KB"],
            "<= 2x the floor",
            lambda v: v <= 2,
        ),
        (
            "invalid 4 KB `parse` vs valid 4 KB `parse`, worst case",
            max(res[f"invalid 4KB {k}"] for k in invalid_4kb()) / res["parse 4KB"],
            "<= 5x",
            lambda v: v <= 5,
        ),
        (
            "worst `validate` over 4 KB vs valid 4 KB `parse`",
            max(res[f"worst validate {k}"] for k in worst_validate_4kb()) / res["parse 4KB"],
            "<= 25x",
            lambda v: v <= 25,
        ),
        (
            "error path memory at 1 MB, bytes per input byte (worst)",
            res["error path bytes per byte"],
            "<= 20",
            lambda v: v <= 20,
        ),
        ("time per byte, 4 KB vs 256 B", per_byte, "<= 1.5", lambda v: v <= 1.5),
        ("same, worst adversarial text", adversarial_worst, "<= 1.5", lambda v: v <= 1.5),
        (
            "union, 1000 vs 500 intervals",
            res["union 1000"] / res["union 500"],
            "<= 2.5",
            lambda v: v <= 2.5,
        ),
        (
            "intersection, 1000 vs 500 intervals",
            res["intersection 1000"] / res["intersection 500"],
            "<= 2.5",
            lambda v: v <= 2.5,
        ),
    ]
    print("\n### Targets\n")
    print("| target | measured | wanted | holds |")
    print("|---|---:|---|---|")
    for name, value, wanted, ok in checks:
        print(f"| {name} | {value:.2f} | {wanted} | {'yes' if ok(value) else 'NO'} |")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: short loops, few repeats"
    )
    args = parser.parse_args()
    r = Runner(quick=args.quick)
    print(
        f"## rangespec benchmarks{' (quick: smoke run, numbers are rough)' if args.quick else ''}\n"
    )
    fast = "OFF (RANGESPEC_NO_FAST_PATH)" if os.environ.get("RANGESPEC_NO_FAST_PATH") else "on"
    print(f"Python {platform.python_version()} on {platform.machine()}; fast path {fast}.")
    for bench in (
        bench_example,
        bench_containment,
        bench_four_kb,
        bench_scaling,
        bench_algebra,
        bench_validate,
        bench_error_path,
        bench_memory,
    ):
        bench(r)
    targets(r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
