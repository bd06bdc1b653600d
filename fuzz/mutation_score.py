#!/usr/bin/env python3
"""The fuzzer's mutation score: does `rangespec fuzz` find every planted bug?

For each bug of examples/adapter_buggy.py and each seed of --seeds it runs

    rangespec fuzz --cmd 'python examples/adapter_buggy.py --bug NAME' --max-examples 1000 --seed S

(in parallel, --jobs at a time) and checks that the bug is found, as a
disagreement, on an example of at most 16 characters of text and of version,
unless the bug has no such witness (LONG_WITNESS); and that the correct
implementation (--bug none) passes. Several seeds, so that a bug is not
found by the luck of one seed. Beside them it checks the fuzzer's two
timing targets: `rangespec fuzz --cmd 'sleep 1000' --max-examples 5
--timeout 1` ends within 45 s with a timeout finding, and a program that
cannot start is told within 5 s plus its own start-up time. It prints one
line per check and exits 1 if any fails.

    python fuzz/mutation_score.py             # every bug
    python fuzz/mutation_score.py crlf zeros-kept --seeds 0 --max-examples 300
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Final, NamedTuple

ROOT: Final = Path(__file__).resolve().parents[1]
ADAPTER: Final = ROOT / "examples" / "adapter_buggy.py"
#: The longest text, and version, a reported example may have.
SMALL: Final = 16
#: Bugs that no example of SMALL characters shows, and why.
LONG_WITNESS: Final = {
    "u64-unchecked": "the smallest number above 2^64-1 has 20 digits",
    "u64-wraps": "the smallest number above 2^64-1 has 20 digits",
    "length-after-newline": "it needs a text of 4096 characters and a newline",
}


class Result(NamedTuple):
    bug: str
    seed: int
    seconds: float
    status: int
    kind: str
    text: str | None
    version: str | None
    problem: str | None


def bugs() -> list[str]:
    """The adapter's bugs, as it lists them."""
    done = subprocess.run(
        [sys.executable, str(ADAPTER), "--list"], capture_output=True, text=True, check=True
    )
    return [line.split("\t", 1)[0] for line in done.stdout.splitlines()]


def _seeds(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


def run(bug: str, seed: int, max_examples: int) -> Result:
    cmd = f"{sys.executable} {ADAPTER} --bug {bug}"
    options = ["--max-examples", str(max_examples), "--seed", str(seed)]
    start = time.monotonic()
    done = subprocess.run(
        [*_RANGESPEC, "fuzz", "--cmd", cmd, *options],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    seconds = time.monotonic() - start
    lines = done.stdout.splitlines()
    kind = lines[0].split(",", 1)[0] if lines else ""
    if kind == "disagreement" and len(lines) > 1:  # and what differs: "validity", ...
        kind = lines[1].strip().split(" of ", 1)[0]
    request = next((line.split(":", 1)[1] for line in lines if line.startswith("  request:")), None)
    text = version = None
    if request is not None:
        # the JSON, then maybe a note that a long text was clipped
        shown, _ = json.JSONDecoder().raw_decode(request.strip())
        text, version = shown.get("text"), shown.get("version")
    problem = _problem(bug, done, text, version)
    return Result(bug, seed, seconds, done.returncode, kind, text, version, problem)


_RANGESPEC: Final = [sys.executable, "-m", "rangespec"]


def _problem(
    bug: str, done: subprocess.CompletedProcess[str], text: str | None, version: str | None
) -> str | None:
    """What is wrong with a run's outcome, or None."""
    if "Traceback" in done.stdout + done.stderr:
        last = (done.stdout + done.stderr).strip().splitlines()[-1]
        return f"a traceback: {last[:200]!r}"
    if bug == "none":
        return None if done.returncode == 0 else f"the correct adapter failed: {done.stdout!r}"
    if done.returncode != 1 or not done.stdout.startswith("disagreement, "):
        return f"not found (exit {done.returncode}): {(done.stdout + done.stderr)[:300]!r}"
    if text is None:
        return "no request in the report"
    if bug not in LONG_WITNESS and (len(text) > SMALL or len(version or "") > SMALL):
        return f"example longer than {SMALL} characters"
    return None


def silent_program() -> str | None:
    """A target: a program that never answers is a timeout within 45 s."""
    argv = [*_RANGESPEC, "fuzz", "--cmd", "sleep 1000", "--max-examples", "5", "--timeout", "1"]
    start = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    seconds = time.monotonic() - start
    print(f"{'target: a silent program':34} {seconds:5.1f} s  exit {done.returncode}")
    if done.returncode != 1 or not done.stdout.startswith("timeout, on its first request:"):
        return f"a silent program: {done.stdout + done.stderr!r}"
    return None if seconds <= 45 else f"a silent program took {seconds:.1f} s, not 45 at most"


def program_that_cannot_start() -> str | None:
    """A target: told within 5 s plus the program's own start-up time."""
    program = [sys.executable, "-c", "import no_such_module_for_rangespec"]
    start = time.monotonic()
    subprocess.run(program, capture_output=True, check=False)
    own = time.monotonic() - start
    argv = [*_RANGESPEC, "fuzz", "--cmd", shlex.join(program)]
    start = time.monotonic()
    done = subprocess.run(argv, capture_output=True, text=True, check=False, timeout=120)
    seconds = time.monotonic() - start
    print(f"{'target: a program that cannot start':34} {seconds:5.1f} s  exit {done.returncode}")
    if done.returncode != 2 or "could not be started" not in done.stderr:
        return f"a program that cannot start: {done.stdout + done.stderr!r}"
    if seconds > 5 + own:
        return f"a program that cannot start took {seconds:.1f} s, not {5 + own:.1f} at most"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bugs", nargs="*", help="the bugs to try (all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="runs at a time")
    parser.add_argument("--max-examples", type=int, default=1000)
    parser.add_argument("--seeds", type=_seeds, default=[0, 1, 2], help="seeds, as 0,1,2 (0,1,2)")
    parser.add_argument("--no-targets", action="store_true", help="skip the two timing targets")
    args = parser.parse_args(argv)
    names = args.bugs or bugs()
    start = time.monotonic()
    targets = [] if args.no_targets else [program_that_cannot_start, silent_program]
    # the targets mostly wait: they run beside the --jobs runs, one after the other
    with ThreadPoolExecutor(1) as waiting, ThreadPoolExecutor(max(1, args.jobs)) as pool:
        checked = waiting.submit(lambda: [target() for target in targets])
        runs = [(bug, seed) for seed in args.seeds for bug in names]
        results = list(pool.map(lambda job: run(job[0], job[1], args.max_examples), runs))
        problems = [problem for problem in checked.result() if problem is not None]
    for problem in problems:
        print(f"FAIL {problem}")
    failed = len(problems)
    for r in results:
        example = "" if r.text is None else json.dumps(r.text)
        if r.version is not None:
            example += f" with {json.dumps(r.version)}"
        verdict = "FAIL " + r.problem if r.problem else "ok"
        print(f"{r.bug:24} {r.seed:4} {r.seconds:5.1f} s  {verdict:4}  {r.kind:14} {example}")
        failed += r.problem is not None
    found = sum(1 for r in results if r.bug != "none" and r.problem is None)
    planted = sum(1 for r in results if r.bug != "none")
    elapsed = time.monotonic() - start
    seeds = ",".join(map(str, args.seeds))
    print(
        f"found {found} of {planted} planted bugs (seeds {seeds}) "
        f"in {elapsed:.1f} s ({args.jobs} at a time)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
