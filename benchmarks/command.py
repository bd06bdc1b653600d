"""The command's costs, as its users meet them: start-up, the first diagnostic,
peak memory, and bulk throughput; each as a ratio measured in the same run.

    python benchmarks/command.py            # the full run (about a minute)
    python benchmarks/command.py --quick    # a smoke run: few repetitions

rangespec is installed (with pip, no editable install) into a throwaway
virtual environment made with the interpreter running this script, so the
numbers are those of a user's installation: bytecode caches written, no
source tree on the path. Commands and ``python -c pass`` run interleaved;
each figure is the median of its runs. Peak memory is the child's maximum
resident set (``wait4``). Prints Markdown, as benchmarks/run.py does;
nothing here is a pass/fail gate.
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


def run_once(argv: list[str], stdin: Path | None = None) -> tuple[float, int]:
    """Wall seconds and peak resident KiB of one run."""
    source = open(stdin, "rb") if stdin else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        child = subprocess.Popen(
            argv, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=_env()
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if stdin:
            source.close()  # type: ignore[union-attr]
    return elapsed, usage.ru_maxrss


def interleaved(
    cases: dict[str, list[str]], runs: int, stdin: dict[str, Path] | None = None
) -> dict[str, tuple[float, int]]:
    """Median seconds and median peak KiB per case, the cases run in turn."""
    times: dict[str, list[float]] = {name: [] for name in cases}
    memory: dict[str, list[int]] = {name: [] for name in cases}
    order = list(cases)
    for _ in range(2):  # warm up: bytecode caches, the file system cache
        for name in order:
            run_once(cases[name], (stdin or {}).get(name))
    for _ in range(runs):
        random.shuffle(order)
        for name in order:
            seconds, kib = run_once(cases[name], (stdin or {}).get(name))
            times[name].append(seconds)
            memory[name].append(kib)
    return {n: (statistics.median(times[n]), int(statistics.median(memory[n]))) for n in cases}


def in_process(fn: Callable[[], object], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


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
        base_time, base_kib = results["`python -c pass`"]
        print("### Start-up (median of interleaved runs)\n")
        print("| command | time | ratio | peak memory | ratio |")
        print("|---|---:|---:|---:|---:|")
        for name, (seconds, kib) in results.items():
            print(
                f"| {name} | {seconds * 1e3:.1f} ms | {seconds / base_time:.2f}x "
                f"| {kib / 1024:.1f} MiB | {kib / base_kib:.2f}x |"
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
        bulk = interleaved(
            {
                "contains": [script, "contains", EXAMPLE, "-"],
                "validate": [script, "validate", "-f", str(lists)],
            },
            max(3, runs // 5),
            {"contains": versions},
        )
        compatible = rangespec.parse(EXAMPLE)
        texts = versions.read_text().splitlines()
        in_rate = bulk_lines / in_process(lambda: [v in compatible for v in texts], 5)
        list_texts = lists.read_text().splitlines()
        validate_rate = bulk_lines / in_process(
            lambda: [rangespec.validate(t) for t in list_texts], 3
        )
        contains_rate = bulk_lines / bulk["contains"][0]
        command_validate_rate = bulk_lines / bulk["validate"][0]
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
            return results[name][0] / base_time

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
            (
                "peak memory of `contains`",
                results[f"`rangespec contains {EXAMPLE} 2.1.3`"][1] / base_kib,
                1.5,
                "<=",
            ),
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
