"""The command line, through the real entry points in a subprocess."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rangespec import validate
from rangespec.render import render_human, use_color

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


COMMANDS = [
    "normalize",
    "contains",
    "validate",
    "explain",
    "diff",
    "compat",
    "scan",
    "policy",
    "vectors",
    "fuzz",
]


@pytest.mark.parametrize("args", [("--help",), *((c, "--help") for c in COMMANDS)])
def test_help(entry: list[str], args: tuple[str, ...]) -> None:
    done = run(entry, *args)
    assert done.returncode == 0
    assert "usage: rangespec" in done.stdout


def test_version_flag(entry: list[str]) -> None:
    done = run(entry, "--version")
    assert done.returncode == 0
    assert done.stdout.startswith("rangespec ")


# The other commands, through python -m rangespec; their full output is in
# the golden files (test_golden.py).
PYTHON_M = ENTRY_POINTS[0]


def test_validate_stdin_and_strict() -> None:
    done = subprocess.run(
        [*PYTHON_M, "validate", "-"],
        input="2.0.2-2.0.4,2.1.0+\n2.1.0-\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "<stdin>:1: ok\n<stdin>:2: ok (1 warning)\n")
    assert "warning[hyphen-spelling]" in done.stderr
    assert run(PYTHON_M, "validate", "--strict", "2.1.0-").returncode == 1
    assert run(PYTHON_M, "validate", "--strict", "2.1.0+").returncode == 0


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (("validate", "2.x"), 1),
        (("validate",), 2),  # nothing to validate
        (("validate", "-f", "/nonexistent/file"), 2),
        (("validate", "--own-version", "x", "2.*"), 2),
        (("explain", "2.*"), 0),
        (("explain", "2.x"), 2),
        (("diff", "2.*", "2.1.*"), 0),
        (("diff", "--fail-on-drop", "2.*", "2.1.*"), 1),
        (("diff", "--fail-on-drop", "2.1.*", "2.*"), 0),
        (("compat", "--src-version", "2.1.3", "--dst-compatible", "2.1.0+"), 0),
        (("compat", "--src-version", "3.0", "--dst-compatible", "2.1.0+"), 1),
        (("compat", "--src-version", "3.0", "--dst-compatible", "2.1.0x"), 2),
        (("compat", "--src-version", "2.1.3"), 2),  # no destination
        (("scan", "--sysfs-root", "/nonexistent"), 2),
        (("policy", "semver", "2.1.3"), 0),
        (("policy", "semver", "2.1.x"), 2),
        (("policy", "strict", "2.1.3"), 2),
    ],
)
def test_exit_codes(args: tuple[str, ...], status: int) -> None:
    done = run(PYTHON_M, *args)
    assert done.returncode == status, done.stderr
    assert "Traceback" not in done.stderr


def test_compat_and_scan_on_a_fake_sysfs(sysfs: Path) -> None:
    mdev = sysfs / "bus" / "mdev" / "devices" / "6bc0b8f2-0000-4a00-9000-000000000001"
    older = sysfs / "bus" / "mdev" / "devices" / "6bc0b8f2-0000-4a00-9000-000000000002"
    # 2.0.3 may go to the 2.1.3 device, which accepts 2.0.2-2.0.4; not back
    assert run(PYTHON_M, "compat", "--src", str(older), "--dst", str(mdev)).returncode == 0
    back = run(PYTHON_M, "compat", "--src", str(older), "--dst", str(mdev), "--both-ways")
    assert back.returncode == 1
    assert "destination -> source: no: 2.1.3 is not accepted" in back.stdout
    scan = run(PYTHON_M, "scan", "--sysfs-root", str(sysfs), "--format", "json")
    assert scan.returncode == 1
    statuses = {d["name"]: d["status"] for d in json.loads(scan.stdout)["devices"]}
    assert statuses == {
        "6bc0b8f2-0000-4a00-9000-000000000001": "ok",
        "6bc0b8f2-0000-4a00-9000-000000000002": "ok",
        "0000:00:03.0": "error",
        "0000:00:04.0": "error",
        "0000:00:05.0": "warning",
    }


def test_colour_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("TERM", raising=False)
    assert use_color(Terminal())
    assert not use_color(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Terminal())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color(Terminal())
    coloured = render_human(validate("2.x"), color=True)
    assert "\x1b[" in coloured
    assert "\x1b[" not in render_human(validate("2.x"), color=False)


def test_no_colour_through_a_pipe() -> None:
    done = run(PYTHON_M, "validate", "2.x")
    assert "\x1b[" not in done.stderr
