"""The command line, through the real entry points in a subprocess."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# The console script installed beside this interpreter, and python -m.
_SCRIPT = shutil.which("rangespec", path=str(Path(sys.executable).parent))
ENTRY_POINTS = [[sys.executable, "-m", "rangespec"], [_SCRIPT or "rangespec-not-installed"]]


def run(entry: list[str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*entry, *args], capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture(params=ENTRY_POINTS, ids=["python -m rangespec", "rangespec"])
def entry(request: pytest.FixtureRequest) -> list[str]:
    points: list[str] = request.param
    return points


def test_script_is_installed() -> None:
    assert _SCRIPT is not None


def test_normalize(entry: list[str]) -> None:
    done = run(entry, "normalize", "2.1.0-,2.0.2-2.0.4,2.0.3")
    assert (done.returncode, done.stdout, done.stderr) == (0, "2.0.2-2.0.4,2.1.0+\n", "")


def test_normalize_invalid(entry: list[str]) -> None:
    done = run(entry, "normalize", "2.0.2-2.0.4,2.1.0+,02")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "rangespec: error: Expected a number without leading zeros (leading-zero at offset 19)\n"
        "  2.0.2-2.0.4,2.1.0+,02\n"
        "                     ^~\n"
    )


def test_contains(entry: list[str]) -> None:
    done = run(entry, "contains", "2.0.2-2.0.4,2.1.0+", "2.1.3", "2.0.3")
    assert (done.returncode, done.stdout, done.stderr) == (0, "2.1.3\tyes\n2.0.3\tyes\n", "")


def test_contains_fails_when_one_is_missing(entry: list[str]) -> None:
    done = run(entry, "contains", "2.0.2-2.0.4,2.1.0+", "2.1.3", "3.0.0")
    assert (done.returncode, done.stdout) == (1, "2.1.3\tyes\n3.0.0\tno\n")


def test_contains_quiet(entry: list[str]) -> None:
    done = run(entry, "contains", "-q", "2.*", "3.0")
    assert (done.returncode, done.stdout) == (1, "")


@pytest.mark.parametrize(
    ("args", "offset"), [(("2.x", "2.1"), "offset 2"), (("2.*", "2.1", "2.1."), "offset 4")]
)
def test_contains_invalid_input(entry: list[str], args: tuple[str, ...], offset: str) -> None:
    done = run(entry, "contains", *args)
    assert done.returncode == 2
    assert done.stdout == ""
    assert offset in done.stderr
    assert "^" in done.stderr


def test_text_starting_with_a_hyphen(entry: list[str]) -> None:
    done = run(entry, "normalize", "--", "-2")
    assert done.returncode == 2
    assert "unexpected-character at offset 0" in done.stderr


@pytest.mark.parametrize("args", [(), ("frobnicate",), ("contains", "2.*"), ("normalize",)])
def test_bad_usage(entry: list[str], args: tuple[str, ...]) -> None:
    done = run(entry, *args)
    assert done.returncode == 2
    assert "usage:" in done.stderr


@pytest.mark.parametrize("args", [("--help",), ("normalize", "--help"), ("contains", "--help")])
def test_help(entry: list[str], args: tuple[str, ...]) -> None:
    done = run(entry, *args)
    assert done.returncode == 0
    assert "usage: rangespec" in done.stdout


def test_version_flag(entry: list[str]) -> None:
    done = run(entry, "--version")
    assert done.returncode == 0
    assert done.stdout.startswith("rangespec ")
