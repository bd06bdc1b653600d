"""rangespec vectors, through the real command (rangespec fuzz: tests/test_fuzz*.py)."""

from __future__ import annotations

import json
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
