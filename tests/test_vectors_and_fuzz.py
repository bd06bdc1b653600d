"""rangespec vectors and rangespec fuzz, through the real command."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rangespec import RangeSpecError, parse
from rangespec.schemas import VECTORS
from rangespec.vectors import HAND_CURATED

ROOT = Path(__file__).parents[1]
GOLDEN = ROOT / "tests" / "golden" / "vectors-count25-seed1.jsonl"
RANGESPEC = [sys.executable, "-m", "rangespec"]


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*RANGESPEC, *args], capture_output=True, text=True, timeout=timeout, check=False
    )


# -- vectors -------------------------------------------------------------------------


def test_vectors_match_the_committed_golden_copy() -> None:
    # After a deliberate change, regenerate with
    # rangespec vectors --count 25 --seed 1 --out tests/golden/vectors-count25-seed1.jsonl
    done = run("vectors", "--count", "25", "--seed", "1")
    assert done.returncode == 0
    assert done.stdout == GOLDEN.read_text(encoding="utf-8")


def test_vectors_agree_with_the_library() -> None:
    vectors = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    assert [v["text"] for v in vectors[: len(HAND_CURATED)]] == list(HAND_CURATED)
    assert len(vectors) == len(HAND_CURATED) + 25
    for v in vectors:
        assert v["schema"] == VECTORS
        assert {k: v[k] for k in ("valid", "canonical", "error")} == _verdict(v["text"])
        if v["valid"]:
            s = parse(v["text"])
            assert v["probes"]
            assert all((p["version"] in s) == p["contains"] for p in v["probes"])
        else:
            assert v["probes"] == []
    assert {v["valid"] for v in vectors} == {True, False}


def _verdict(text: str) -> dict[str, object]:
    """What a vector for ``text`` must say, apart from its probes, from the library."""
    try:
        s = parse(text)
    except RangeSpecError as err:
        error = {"code": err.code.value, "offset": err.offset}
        return {"valid": False, "canonical": None, "error": error}
    return {"valid": True, "canonical": s.to_text(), "error": None}


def test_probes_surround_every_bound() -> None:
    v = json.loads(run("vectors", "--count", "0").stdout.splitlines()[0])
    assert v["text"] == "2.0.2-2.0.4,2.1.0+"
    answers = {p["version"]: p["contains"] for p in v["probes"]}
    # on, just above and just below each bound
    assert answers["2.0.2"] is True
    assert answers["2.0.1.18446744073709551615"] is False
    assert answers["2.0.4"] is True
    assert answers["2.0.4.1"] is False
    assert answers["3"] is False
    assert answers["2.18446744073709551615"] is True


def test_vectors_are_deterministic(tmp_path: Path) -> None:
    out = tmp_path / "v.jsonl"
    assert run("vectors", "--count", "40", "--seed", "7", "--out", str(out)).returncode == 0
    again = run("vectors", "--count", "40", "--seed", "7").stdout
    assert out.read_text(encoding="utf-8") == again
    assert run("vectors", "--count", "40", "--seed", "8").stdout != again


@pytest.mark.parametrize(
    "args", [("--count", "-1"), ("--out", "/nonexistent/dir/file"), ("--count", "x")]
)
def test_vectors_bad_usage(args: tuple[str, ...]) -> None:
    done = run("vectors", *args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


# -- fuzz ------------------------------------------------------------------------------


def _adapter(name: str, *args: str) -> str:
    return " ".join([sys.executable, str(ROOT / "examples" / name), *args])


def _finding(stdout: str) -> str:
    lines = stdout.splitlines()
    assert lines[0].endswith("on the smallest input found:")
    return lines[1].strip()


def test_fuzz_passes_a_correct_implementation() -> None:
    done = run("fuzz", "--cmd", _adapter("adapter_rangespec.py"), "--max-examples", "150")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "agreed with rangespec on 150 examples" in done.stdout


def test_fuzz_finds_accepted_leading_zeros() -> None:
    done = run("fuzz", "--cmd", _adapter("adapter_buggy.py"), "--max-examples", "300")
    assert done.returncode == 1
    finding = _finding(done.stdout)
    assert finding.startswith("validity of ")
    text = re.search(r"of '([^']*)'", finding)
    assert text is not None
    assert len(text.group(1)) <= 3  # shrunk to something like '00'
    assert re.match(r"0[0-9]", text.group(1))


def test_fuzz_finds_an_uncapped_plus() -> None:
    done = run(
        "fuzz",
        "--cmd",
        _adapter("adapter_buggy.py", "--bug", "plus-uncapped"),
        "--max-examples",
        "150",
    )
    assert done.returncode == 1
    finding = _finding(done.stdout)
    assert re.fullmatch(
        r"membership of \S+ of '0[+-]': rangespec says False, the program says True", finding
    ), finding


# Correct answers (from the reference adapter) but for one failure each.
_PRELUDE = (
    f"import json, sys, time\nsys.path.insert(0, {str(ROOT / 'examples')!r})\n"
    "from adapter_rangespec import answer\n"
    "for seen, line in enumerate(sys.stdin, 1):\n"
    "    r = json.loads(line)\n"
)
_REPLY = "    print(json.dumps({'id': r['id'], **answer(r)}), flush=True)\n"
PROGRAMS = {
    "crash": _PRELUDE + "    if ',' in r['text']: sys.exit(3)\n" + _REPLY,
    # answers the start-up request, then never again
    "timeout": _PRELUDE + "    if seen > 1: time.sleep(60)\n" + _REPLY,
    "malformed": _PRELUDE
    + "    if '+' in r['text']: print('yes', flush=True); continue\n"
    + _REPLY,
}


@pytest.mark.parametrize("kind", PROGRAMS)
def test_fuzz_reports_program_failures(kind: str, tmp_path: Path) -> None:
    program = tmp_path / f"{kind}.py"
    program.write_text(PROGRAMS[kind], encoding="utf-8")
    # Shrinking a timeout waits the timeout at every step: the test skips it.
    cmd = f"{sys.executable} {program}"
    if kind == "timeout":
        done = run("fuzz", "--cmd", cmd, "--timeout", "0.5", "--no-shrink")
        found = "the first input found"
    else:
        done = run("fuzz", "--cmd", cmd, "--max-examples", "100")
        found = "the smallest input found"
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.startswith(f"{kind}, on {found}:"), done.stdout
    assert "Traceback" not in done.stderr


def test_fuzz_program_that_cannot_start() -> None:
    done = run("fuzz", "--cmd", "/nonexistent/program")
    assert done.returncode == 2
    assert "could not be started" in done.stderr
