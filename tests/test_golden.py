"""Golden files for human-facing output: what each command prints.

Each case runs ``rangespec.cli.main`` and compares exit code, stdout and
stderr with tests/golden/NAME.txt. After a deliberate change, regenerate
with RANGESPEC_UPDATE_GOLDEN=1 and read the diff before committing: in that
mode every case writes its file and is reported as skipped, never as
passed, so an update run can never stand in for a check.
"""

from __future__ import annotations

import io
import os
import re
import shlex
import sys
from pathlib import Path

import pytest

from rangespec.cli import main

GOLDEN = Path(__file__).parent / "golden"
EXAMPLE = "2.0.2-2.0.4,2.1.0+"
MDEV = "{sysfs}/bus/mdev/devices/6bc0b8f2-0000-4a00-9000-000000000001"

CASES: dict[str, list[str]] = {
    "normalize": ["normalize", "2.1.0-,2.0.3,2.0.2-2.0.4"],
    "normalize-invalid": ["normalize", "2.0.2-2.0.4,2.1.0+,02"],
    "contains": ["contains", EXAMPLE, "2.1.3", "2.0.5", "3.0"],
    "contains-invalid-version": ["contains", EXAMPLE, "2.1.3", "2..1"],
    "validate-clean": ["validate", EXAMPLE],
    "validate-warnings": ["validate", "2.1.0-,2.0.2-2.0.4,2.0.3,2.0.2-2.0.2"],
    "validate-errors": ["validate", "3-2,x,2.01,1.9-2.1.*,18446744073709551616"],
    "validate-strict": ["validate", "--strict", "1.9.0-2.1.0"],
    "validate-overlap": ["validate", "2.0.*,2.1.*,3.1-3.1"],
    "validate-empty-range": ["validate", "2.1-2.0.*,,2."],
    "validate-too-long": ["validate", "1," * 2049],
    "validate-own-version": ["validate", "--own-version", "2.1.3", "2.0.*"],
    "validate-version-attr": ["validate", "--version-attr", "2.1.3", "2.1", "v2.1"],
    "validate-json": ["validate", "--format", "json", "2.1.0-", "2.x"],
    "validate-file": ["validate", "-f", "{golden}/lists.in"],
    "validate-control-characters": ["validate", "2.1.3\r\n"],
    "explain": ["explain", EXAMPLE],
    "explain-wildcards": ["explain", "1.0.0,1.5-1.9,2.*,3.0.0-3.2.*"],
    "diff": ["diff", EXAMPLE, "2.1.*,3.0.0"],
    "diff-fail-on-drop": ["diff", "--fail-on-drop", EXAMPLE, "2.1.*"],
    "diff-no-drop": ["diff", "--fail-on-drop", "2.1.*", EXAMPLE],
    "compat-yes": ["compat", "--src-version", "2.1.3", "--dst-compatible", EXAMPLE],
    "compat-no": ["compat", "--src-version", "2.0.5", "--dst-compatible", EXAMPLE],
    "compat-both-ways": [
        "compat",
        "--src",
        MDEV,
        "--dst-compatible",
        "2.1.*",
        "--dst-version",
        "2.1.0",
        "--both-ways",
    ],
    "compat-dirs": ["compat", "--src", "{sysfs}/bus/pci/devices/0000:00:05.0", "--dst", MDEV],
    "compat-json": [
        "compat",
        "--format",
        "json",
        "--src-version",
        "2.0.3",
        "--dst-compatible",
        EXAMPLE,
    ],
    "compat-invalid-destination": [
        "compat",
        "--src",
        MDEV,
        "--dst",
        "{sysfs}/bus/pci/devices/0000:00:03.0",
    ],
    "compat-unreadable-source": [
        "compat",
        "--src",
        "{sysfs}/bus/pci/devices/0000:00:04.0",
        "--dst",
        MDEV,
    ],
    "compat-missing-list": [
        "compat",
        "--src",
        MDEV,
        "--dst",
        "{sysfs}/bus/pci/devices/0000:00:04.0",
    ],
    "compat-both-ways-needs-more": [
        "compat",
        "--src-version",
        "2.1.3",
        "--dst-compatible",
        EXAMPLE,
        "--both-ways",
    ],
    "scan": ["scan", "--sysfs-root", "{sysfs}"],
    "scan-json": ["scan", "--sysfs-root", "{sysfs}", "--host", "node-1", "--format", "json"],
    "scan-empty": ["scan", "--sysfs-root", "{golden}"],
    "scan-missing-root": ["scan", "--sysfs-root", "{sysfs}/nowhere"],
    "policy": ["policy", "semver", "2.1.3"],
    "policy-minor-zero": ["policy", "semver", "2.0.5"],
    # the edges: stdin, argument order, attributes, echoed text, JSON errors
    "normalize-stdin": ["normalize", "-"],
    "contains-stdin": ["contains", EXAMPLE, "-"],
    "contains-escaped": ["contains", "2.*", "2.1\n", "2\x1b[31m"],
    "contains-swapped": ["contains", "2.1.3", "2.1.*"],
    "filter": ["filter", EXAMPLE, "3.0", "2.1.10", "2.0.3", "2.1.9", "1.0"],
    "validate-order": ["validate", "2.0.*", "-f", "{golden}/lists.in", "-", "2.1.0+"],
    "validate-attribute": [
        "validate",
        "--attribute",
        "{sysfs}/devices/pci0000:00/0000:00:03.0/migration/interface_version_compatible",
        "--attribute",
        "{sysfs}/devices/pci0000:00/0000:00:03.0/migration/interface_version",
    ],
    "validate-bad-own-version": ["validate", "--own-version", "535.104.05", "2.*"],
    "diff-bad-new": ["diff", EXAMPLE, "2.1.x"],
    "diff-json": ["diff", "--format", "json", EXAMPLE, "2.1.*"],
    "compat-bad-version": ["compat", "--src-version", "535.104.05", "--dst-compatible", "2.*"],
    "compat-json-invalid": [
        "compat",
        "--format",
        "json",
        "--src-version",
        "2.1",
        "--dst-compatible",
        "2.1.x",
    ],
    "explain-wide": ["explain", ",".join(f"1.{k}.0-1.{k}.5" for k in range(20))],
    "explain-json": ["explain", "--format", "json", "2.0.2-2.0.4,2.1.0+"],
    "scan-not-a-directory": ["scan", "--sysfs-root", "{golden}/lists.in"],
    "policy-json": ["policy", "semver", "2.1.3", "--format", "json"],
    "normalize-json": ["normalize", "--format", "json", "2.1.0-", "2.*"],
    "contains-json": ["contains", "--format", "json", EXAMPLE, "2.1.3", "2.0.5"],
}

STDIN = {
    "normalize-stdin": b"2.1.0-\n2.0.3,2.0.2-2.0.4\n",
    "contains-stdin": b"2.1.3\n2.0.5\n\n",
    "validate-order": b"2.1.0-\n",
}


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    status = main(args)
    out, err = capsys.readouterr()
    shown = shlex.join(a.encode("unicode_escape").decode("ascii") for a in args)
    return f"$ rangespec {shown}\n[exit {status}]\n--- stdout\n{out}--- stderr\n{err}"


@pytest.mark.parametrize("name", CASES)
def test_golden(
    name: str, sysfs: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STDIN.get(name, b""))))
    monkeypatch.setenv("COLUMNS", "80")
    places = {"sysfs": str(sysfs), "golden": str(GOLDEN)}
    args = [a.format(**places) for a in CASES[name]]
    got = _run(args, capsys)
    for key, place in places.items():
        got = got.replace(place, "{" + key + "}")
    path = GOLDEN / f"{name}.txt"
    if os.environ.get("RANGESPEC_UPDATE_GOLDEN"):
        path.write_bytes(got.encode("utf-8"))
        pytest.skip(f"wrote {path.name} (RANGESPEC_UPDATE_GOLDEN is set)")
    assert _one_line_usage(got) == _one_line_usage(path.read_bytes().decode("utf-8"))


def _one_line_usage(text: str) -> str:
    """``text`` with argparse's usage on one line: where argparse wraps it
    changes between Python versions (3.13 keeps groups together)."""
    return re.sub(r"^(usage: .*(?:\n +\S.*)*)", lambda m: " ".join(m[1].split()), text, flags=re.M)


def test_usage_is_compared_whatever_its_wrapping() -> None:
    wrapped = (
        "x\nusage: rangespec c [-h]\n                  (--a A | --b B)\nrangespec c: error: e\n"
    )
    assert (
        _one_line_usage(wrapped)
        == "x\nusage: rangespec c [-h] (--a A | --b B)\nrangespec c: error: e\n"
    )
    # the words themselves still count
    assert _one_line_usage(wrapped) != _one_line_usage(wrapped.replace("--b B", "--b C"))


def test_every_golden_file_has_a_case() -> None:
    assert {p.stem for p in GOLDEN.glob("*.txt")} == set(CASES)
