"""The command's costs, as its users meet them: start-up, the first diagnostic,
peak memory, and bulk throughput; each as a ratio measured in the same run.

    python benchmarks/command.py            # the full run (about a minute)
    python benchmarks/command.py --quick    # a smoke run: few repetitions

rangespec is installed (with pip, no editable install) into a throwaway
virtual environment made with the interpreter running this script, so the
numbers are those of a user's installation: bytecode caches written, no
source tree on the path. Commands and ``python -c pass`` run interleaved;
each figure is the median of its runs. Peak memory is the maximum resident
set GNU time reports (``/usr/bin/time -f %M``; a child's own rusage would
count the benchmark's pages, copied at fork). Prints Markdown, as
benchmarks/run.py does; nothing here is a pass/fail gate.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import rangespec

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = "2.0.2-2.0.4,2.1.0+"


def install(where: Path) -> Path:
    """A fresh virtual environment with rangespec installed from this checkout."""
    subprocess.run([sys.executable, "-m", "venv", str(where)], check=True)
    python = where / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(ROOT)],
        check=True,
        env=_env(),
    )
    return python


def _env() -> dict[str, str]:
    # Bytecode caches, as every installation has them.
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_once(argv: list[str], stdin: Path | None = None) -> float:
    """Wall seconds of one run."""
    with open(stdin or os.devnull, "rb") as source:
        start = time.perf_counter()
        subprocess.run(
            argv, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env()
        )
        return time.perf_counter() - start


TIME = "/usr/bin/time"


def peak_kib(argv: list[str], scratch: Path) -> int | None:
    """The peak resident set of one run, in KiB; None without GNU time."""
    if not os.access(TIME, os.X_OK):
        return None
    report = scratch / "peak"
    done = subprocess.run(
        [TIME, "-f", "%M", "-o", str(report), *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(),
        check=False,
    )
    try:
        return int(report.read_text().split()[-1]) if done.returncode in (0, 1) else None
    except (OSError, ValueError, IndexError):
        return None


def interleaved(
    cases: dict[str, list[str]], runs: int, stdin: dict[str, Path] | None = None
) -> dict[str, float]:
    """Median seconds per case, the cases run in turn."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    order = list(cases)
    for _ in range(2):  # warm up: bytecode caches, the file system cache
        for name in order:
            run_once(cases[name], (stdin or {}).get(name))
    for _ in range(runs):
        random.shuffle(order)
        for name in order:
            times[name].append(run_once(cases[name], (stdin or {}).get(name)))
    return {name: statistics.median(seconds) for name, seconds in times.items()}


def in_process(fn: Callable[[], object], repeats: int) -> float:
    """Median seconds of ``fn``: the statistic of the command's runs too, so
    that the bulk ratios compare like with like."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a smoke run: few repetitions")
    args = parser.parse_args()
    runs = 5 if args.quick else 25
    bulk_lines = 10_000 if args.quick else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        python = str(install(work / "venv"))
        script = str(work / "venv" / "bin" / "rangespec")
        print(f"## The command{' (quick: smoke run, numbers are rough)' if args.quick else ''}\n")
        print(
            f"Python {platform.python_version()} on {platform.machine()}; rangespec "
            f"{rangespec.__version__} installed into a fresh virtual environment.\n"
        )
        cases = {
            "`python -c pass`": [python, "-c", "pass"],
            "`python -c 'import rangespec'`": [python, "-c", "import rangespec"],
            f"`rangespec contains {EXAMPLE} 2.1.3`": [script, "contains", EXAMPLE, "2.1.3"],
            f"`python -m rangespec contains {EXAMPLE} 2.1.3`": [
                python,
                "-m",
                "rangespec",
                "contains",
                EXAMPLE,
                "2.1.3",
            ],
            f"`rangespec normalize {EXAMPLE}`": [script, "normalize", EXAMPLE],
            f"`rangespec validate {EXAMPLE}`": [script, "validate", EXAMPLE],
            "`rangespec validate '2.0.2 - 2.0.4'` (the first diagnostic)": [
                script,
                "validate",
                "2.0.2 - 2.0.4",
            ],
        }
        results = interleaved(cases, runs)
        memory = {name: peak_kib(argv, work) for name, argv in cases.items()}
        base_time, base_kib = results["`python -c pass`"], memory["`python -c pass`"]
        print("### Start-up (median of interleaved runs)\n")
        print("| command | time | ratio | peak memory | ratio |")
        print("|---|---:|---:|---:|---:|")
        for name, seconds in results.items():
            kib = memory[name]
            shown = "-" if kib is None or base_kib is None else f"{kib / 1024:.1f} MiB"
            kib_ratio = "-" if kib is None or base_kib is None else f"{kib / base_kib:.2f}x"
            print(
                f"| {name} | {seconds * 1e3:.1f} ms | {seconds / base_time:.2f}x "
                f"| {shown} | {kib_ratio} |"
            )

        # Bulk: the command over many lines against the same work in process.
        rng = random.Random(1)
        versions = work / "versions.txt"
        versions.write_text(
            "".join(
                ".".join(str(rng.randint(0, 5)) for _ in range(3)) + "\n" for _ in range(bulk_lines)
            )
        )
        lists = work / "lists.txt"
        choices = ["2.0.2-2.0.4,2.1.0+", "2.*", "1.0-2.1.*,3.1.0+", "2.1.0-", "0.*,1.5.*"]
        lists.write_text("".join(rng.choice(choices) + "\n" for _ in range(bulk_lines)))
        # contains takes a tenth of a second: as many runs as the start-up
        # cases; validate -f takes seconds, so fewer
        bulk = interleaved(
            {"contains": [script, "contains", EXAMPLE, "-"]}, runs, {"contains": versions}
        )
        bulk |= interleaved({"validate": [script, "validate", "-f", str(lists)]}, max(3, runs // 5))
        compatible = rangespec.parse(EXAMPLE)
        texts = versions.read_text().splitlines()
        in_rate = bulk_lines / in_process(lambda: [v in compatible for v in texts], runs)
        list_texts = lists.read_text().splitlines()
        validate_rate = bulk_lines / in_process(
            lambda: [rangespec.validate(t) for t in list_texts], max(3, runs // 5)
        )
        contains_rate = bulk_lines / bulk["contains"]
        command_validate_rate = bulk_lines / bulk["validate"]
        print(f"\n### Bulk: {bulk_lines:,} lines (the command's time includes its start-up)\n")
        print("| work | in process | the command | ratio |")
        print("|---|---:|---:|---:|")
        print(
            f"| `rangespec contains LIST -`, versions on stdin | {in_rate:,.0f}/s (`in`) "
            f"| {contains_rate:,.0f}/s | {contains_rate / in_rate:.2f} |"
        )
        print(
            f"| `rangespec validate -f FILE` | {validate_rate:,.0f}/s (`validate`) "
            f"| {command_validate_rate:,.0f}/s | {command_validate_rate / validate_rate:.2f} |"
        )

        def ratio(name: str) -> float:
            return results[name] / base_time

        contains_kib = memory[f"`rangespec contains {EXAMPLE} 2.1.3`"]
        memory_ratio = (
            float("nan") if contains_kib is None or base_kib is None else contains_kib / base_kib
        )

        checks = [
            ("start-up, `contains`", ratio(f"`rangespec contains {EXAMPLE} 2.1.3`"), 2.0, "<="),
            ("start-up, `normalize`", ratio(f"`rangespec normalize {EXAMPLE}`"), 2.0, "<="),
            ("start-up, `validate`", ratio(f"`rangespec validate {EXAMPLE}`"), 2.0, "<="),
            (
                "the first diagnostic",
                ratio("`rangespec validate '2.0.2 - 2.0.4'` (the first diagnostic)"),
                4.0,
                "<=",
            ),
            ("peak memory of `contains`", memory_ratio, 1.5, "<="),
            ("bulk `contains` against in-process `in`", contains_rate / in_rate, 0.5, ">="),
            (
                "bulk `validate -f` against in-process `validate`",
                command_validate_rate / validate_rate,
                0.5,
                ">=",
            ),
        ]
        print("\n### Targets (ratios against `python -c pass`, or against in-process work)\n")
        print("| target | measured | wanted | holds |")
        print("|---|---:|---|---|")
        for name, value, bound, sense in checks:
            holds = value <= bound if sense == "<=" else value >= bound
            print(f"| {name} | {value:.2f} | {sense} {bound} | {'yes' if holds else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
