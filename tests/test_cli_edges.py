"""Every command at its edges, as a real process: closed, full and broken
stdout, closed stdin, endless input, bytes that are not UTF-8 in arguments
and file names, control characters in every text.

Whatever happens, no traceback reaches the user and the exit status is the
documented one (docs/cli.md, "Exit codes"): 141 for a broken pipe, 2 for a
stream that cannot be used or input that cannot be read.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Literal

import pytest

from rangespec.fleet import generate_fleet

ROOT = Path(__file__).parents[1]
ADAPTER = f"{sys.executable} {ROOT / 'examples' / 'adapter_rangespec.py'}"

Stdout = Literal["pipe", "broken", "full", "closed"]
Stdin = bytes | Literal["closed", "zero"]


def run(
    args: list[str | bytes],
    *,
    stdin: Stdin = b"",
    stdout: Stdout = "pipe",
    env: dict[str, str] | None = None,
) -> tuple[int, bytes, bytes]:
    """Run ``python -m rangespec ARGS``; (status, stdout, stderr)."""
    closing: list[int] = []
    if stdout == "broken":
        read, write = os.pipe()
        os.close(read)  # nobody will ever read: every write fails with EPIPE
        out: int = write
        closing.append(write)
    elif stdout == "full":
        out = os.open("/dev/full", os.O_WRONLY)
        closing.append(out)
    else:
        out = subprocess.PIPE
    closed = [n for n, s in ((0, stdin), (1, stdout)) if s == "closed"]

    def close_fds() -> None:
        for fd in closed:
            os.close(fd)

    source: int | None
    if stdin == "zero":
        source = os.open("/dev/zero", os.O_RDONLY)
        closing.append(source)
    elif stdin == "closed":
        source = None
    else:
        source = subprocess.PIPE
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "rangespec", *args],
            stdin=source,
            stdout=out,
            stderr=subprocess.PIPE,
            preexec_fn=close_fds if closed else None,
            env={**os.environ, **(env or {})},
        )
        given = stdin if isinstance(stdin, bytes) else None
        data, err = process.communicate(given, timeout=120)
    finally:
        for fd in closing:
            os.close(fd)
    return process.returncode, data or b"", err


def _sysfs(tmp_path: Path) -> Path:
    """A host whose one device's name is not UTF-8 and holds ESC and a newline."""
    root = tmp_path / "sys"
    name = b"d\xff\x1b[31m\nx"
    device = os.path.join(os.fsencode(root), b"devices", name)
    os.makedirs(device)
    with open(os.path.join(device, b"interface_version"), "wb") as f:
        f.write(b"2.1.3\n")
    with open(os.path.join(device, b"interface_version_compatible"), "wb") as f:
        f.write(b"2.0.*\x1b[2J\n")
    listing = root / "bus" / "pci" / "devices"
    listing.mkdir(parents=True)
    os.symlink(device, os.path.join(os.fsencode(listing), name))
    return root


# One ordinary run of every command that writes to stdout.
COMMANDS: dict[str, list[str]] = {
    "normalize": ["normalize", "2.*"],
    "contains": ["contains", "2.*", "2.1"],
    "filter": ["filter", "2.*", "2.1"],
    "validate": ["validate", "2.*"],
    "explain": ["explain", "2.*"],
    "diff": ["diff", "2.*", "2.1.*"],
    "compat": ["compat", "--src-version", "2.1", "--dst-compatible", "2.*"],
    "scan": ["scan", "--sysfs-root", "{sysfs}"],
    "policy": ["policy", "semver", "2.1.3"],
    "vectors": ["vectors", "--count", "2000"],
    "fuzz": ["fuzz", "--cmd", ADAPTER, "--max-examples", "3"],
    "fleet report": ["fleet", "report", "{fleet}"],
    "fleet destinations": [
        "fleet", "destinations", "{fleet}", "--class", "mdev/nvidia-222", "--version", "2.1.0"
    ],
    "fleet upgrade": [
        "fleet", "upgrade", "{fleet}", "--hosts", "node-00001", "--class", "mdev/nvidia-222",
        "--to-version", "3.0.0", "--to-compatible", "3.0.*",
    ],
    "fleet export": ["fleet", "export", "{fleet}"],
    "fleet generate": ["fleet", "generate", "--hosts", "50"],
}  # fmt: skip


def _fleet(tmp_path: Path) -> Path:
    """Twenty generated hosts' inventories, as JSON Lines."""
    path = tmp_path / "fleet.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for inventory in generate_fleet(20, seed=1):
            out.write(json.dumps(inventory.to_json()) + "\n")
    return path


def _args(name: str, tmp_path: Path) -> list[str | bytes]:
    sysfs = str(_sysfs(tmp_path)) if name == "scan" else ""
    fleet = str(_fleet(tmp_path)) if name.startswith("fleet") else ""
    return [a.format(sysfs=sysfs, fleet=fleet) for a in COMMANDS[name]]


@pytest.mark.parametrize("name", COMMANDS)
def test_a_broken_pipe_ends_quietly(name: str, tmp_path: Path) -> None:
    status, _, err = run(_args(name, tmp_path), stdout="broken")
    assert status == 141, err
    assert err == b""


@pytest.mark.parametrize("name", COMMANDS)
def test_a_full_disk_is_one_message(name: str, tmp_path: Path) -> None:
    status, _, err = run(_args(name, tmp_path), stdout="full")
    assert status == 2
    assert err.decode().endswith("cannot write to stdout: No space left on device\n"), err
    assert b"Traceback" not in err


@pytest.mark.parametrize("name", COMMANDS)
def test_a_closed_stdout_is_one_message(name: str, tmp_path: Path) -> None:
    status, _, err = run(_args(name, tmp_path), stdout="closed")
    assert status == 2
    assert err.decode().endswith("error: stdout is closed\n"), err


@pytest.mark.parametrize(
    "args", [["--help"], ["normalize", "--help"], ["validate", "-h"], ["fleet", "report", "--help"]]
)
def test_help_has_the_documented_status_when_stdout_fails(args: list[str | bytes]) -> None:
    assert run(args)[0] == 0
    status, _, err = run(args, stdout="broken")
    assert (status, err) == (141, b"")
    status, _, err = run(args, stdout="full")
    assert status == 2
    assert err.decode().endswith("cannot write to stdout: No space left on device\n"), err
    status, _, err = run(args, stdout="closed")
    assert status == 2
    assert err.decode().endswith("error: stdout is closed\n"), err


def test_a_usage_error_never_goes_to_stdout() -> None:
    # with stderr closed, argparse would print the usage on stdout, as data
    done = subprocess.run(
        [sys.executable, "-m", "rangespec", "normalize", "--bogus", "2.1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: os.close(2),
        check=False,
    )
    assert (done.returncode, done.stdout) == (2, b"")


@pytest.mark.parametrize(
    "args",
    [
        "vectors --count 2000",
        # one JSON document of megabytes, written at once: the pipe breaks part way
        # through a single write, which CPython's buffered writer does not report
        "contains --format json 2.* -",
        "normalize --format json -",
        "validate --format json -",
    ],
)
def test_a_pipe_closed_after_the_first_byte(args: str, tmp_path: Path) -> None:
    # The shell's `rangespec ARGS | head -c1`
    versions = tmp_path / "versions"
    versions.write_text("".join(f"2.{n}\n" for n in range(40000)), encoding="utf-8")
    command = f"{sys.executable} -m rangespec {args} < {versions} | head -c1"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, timeout=120, check=False
    )
    assert done.returncode == 141
    assert done.stdout == b"{"
    assert done.stderr == b""


STDIN_COMMANDS = {
    "normalize": ["normalize", "-"],
    "contains": ["contains", "2.*", "-"],
    "filter": ["filter", "2.*", "-"],
    "validate": ["validate", "-"],
    "fleet": ["fleet", "report", "-"],
}


@pytest.mark.parametrize("name", STDIN_COMMANDS)
def test_a_closed_stdin_is_one_message(name: str) -> None:
    status, out, err = run(list(STDIN_COMMANDS[name]), stdin="closed")
    assert status == 2
    assert out == b""
    assert err.decode().endswith("error: <stdin>: stdin is closed\n"), err


@pytest.mark.parametrize("name", STDIN_COMMANDS)
def test_endless_input_is_given_up_not_read_whole(name: str) -> None:
    status, _, err = run(list(STDIN_COMMANDS[name]), stdin="zero")
    assert status == 2
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text
    assert "MemoryError" not in text
    assert "<stdin>" in text


def test_validate_a_file_that_never_ends() -> None:
    status, out, err = run(["validate", "-f", "/dev/zero"])
    assert status == 2
    assert b"/dev/zero:1: invalid (1 error)" in out
    assert b"too-long" in err
    assert b"not read past line 1" in err


def test_over_long_lines_are_reported_and_skipped() -> None:
    lines = b"2.*\n" + b"1," * 100_000 + b"1\n" + b"3.*\n"
    status, out, err = run(["validate", "-"], stdin=lines)
    assert status == 1
    assert out.decode().splitlines() == [
        "<stdin>:1: ok",
        "<stdin>:2: invalid (1 error)",
        "<stdin>:3: ok",
    ]
    assert b"error[too-long] at offset 4096" in err


NOT_UTF8 = b"2.\xff\x1b[31m\n"


@pytest.mark.parametrize(
    "args",
    [
        [b"normalize", NOT_UTF8],
        [b"contains", b"2.*", NOT_UTF8],
        [b"contains", NOT_UTF8, b"2.1"],
        [b"filter", b"2.*", NOT_UTF8],
        [b"validate", NOT_UTF8],
        [b"validate", b"--own-version", NOT_UTF8, b"2.*"],
        [b"explain", NOT_UTF8],
        [b"diff", b"2.*", NOT_UTF8],
        [b"compat", b"--src-version", NOT_UTF8, b"--dst-compatible", b"2.*"],
        [b"compat", b"--src-version", b"2.1", b"--dst-compatible", NOT_UTF8],
        [b"policy", b"semver", NOT_UTF8],
        [b"validate", b"-f", b"/nonexistent/\xff\x1b[2J"],
        [b"validate", b"--attribute", b"/nonexistent/\xff\x1b[2J"],
        [b"scan", b"--sysfs-root", b"/nonexistent/\xff\x1b[2J"],
        [b"vectors", b"--out", b"/nonexistent/\xff\x1b[2J"],
        [b"fuzz", b"--cmd", b"/nonexistent/\xff\x1b[2J"],
        [b"fleet", b"report", b"/nonexistent/\xff\x1b[2J"],
        [b"fleet", b"destinations", b"-", b"--device", NOT_UTF8],
        [
            b"fleet",
            b"upgrade",
            b"-",
            b"--hosts",
            NOT_UTF8,
            b"--class",
            NOT_UTF8,
            b"--to-version",
            b"3",
            b"--to-compatible",
            b"3.*",
        ],
        [b"\xff\x1b[2J"],
    ],
)
@pytest.mark.parametrize("encoding", ["utf-8", "ascii"])
def test_hostile_arguments_are_escaped(args: list[str | bytes], encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding} if encoding else {}
    status, out, err = run(args, env=env)
    want = (
        1
        if args[0] == b"validate" and args[1] not in (b"--own-version", b"-f", b"--attribute")
        else 2
    )
    assert status == want, err
    for stream in (out, err):
        assert b"Traceback" not in stream
        assert b"\x1b" not in stream  # no terminal escape gets through
        assert b"\xff" not in stream  # nor a raw byte that is not UTF-8
    assert b"\\xff" in out + err or b"\\x1b" in out + err


def test_scan_escapes_device_names_and_contents(tmp_path: Path) -> None:
    root = _sysfs(tmp_path)
    for fmt in ("human", "json"):
        status, out, err = run(
            ["scan", "--sysfs-root", str(root), "--format", fmt], env={"PYTHONIOENCODING": "utf-8"}
        )
        assert status == 1, err
        assert b"\x1b" not in out + err
        assert b"\xff" not in out
        if fmt == "human":
            lines = out.decode().splitlines()
            assert len(lines) == 2  # the header and one row: the newline is escaped
            assert "d\\xff\\x1b[31m\\nx" in lines[1]
        else:
            # JSON keeps the raw bytes recoverable: surrogateescape, as \\udcff
            assert b"d\\udcff\\u001b[31m\\nx" in out


def test_control_characters_in_every_text_are_escaped(tmp_path: Path) -> None:
    hostile = "2.1\x1b]0;pwned\x07\r\n"
    # Each with its documented status: 1 where the check itself failed
    # (validate), 2 for invalid input where valid input is needed, and for
    # usage errors.
    for want, args in (
        (2, ["normalize", hostile]),
        (2, ["contains", "2.*", hostile]),
        (2, ["contains", hostile, "2.1"]),
        (2, ["filter", "2.*", hostile]),
        (2, ["filter", hostile, "2.1"]),
        (1, ["validate", hostile]),
        (1, ["validate", "--format", "json", hostile]),
        (2, ["explain", hostile]),
        (2, ["diff", hostile, "2.*"]),
        (2, ["diff", "2.*", hostile]),
        (2, ["policy", "semver", hostile]),
        (2, ["compat", "--src-version", hostile, "--dst-compatible", "2.*"]),
        (2, ["compat", "--src-version", "2.1", "--dst-compatible", hostile]),
        (2, ["fleet", "destinations", "-", "--class", hostile, "--version", "2"]),
        (2, ["fleet", "destinations", "-", "--device", f"node:{hostile}"]),
        (2, ["fleet", "report", "-", "--class-key", f"mdev={hostile}"]),
        # usage errors argparse words itself quote the argument too
        (2, ["explain", "2.1", hostile]),
        (2, ["normalize", "2.1", f"--{hostile}"]),
        (2, ["fuzz", "--cmd", "true", "--timeout", hostile]),
        (2, ["fleet", "report", "-", f"--{hostile}"]),
        (2, ["scan", "--format", hostile]),
    ):
        status, out, err = run(list(args))
        assert status == want, (args, err)
        assert b"Traceback" not in out + err
        assert (out + err).strip(), args  # the failure is said, not silent
        assert b"\x1b" not in out + err
        assert b"\x07" not in out + err
        assert b"\r" not in out + err


# -- docs/cli.md's table of failure classes, each reproduced ---------------------------

CLI_DOCS = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
_TABLE = CLI_DOCS[CLI_DOCS.index("| failure | exit code | message |") :].split("\n\n")[0]
FAILURES = {row.split("|")[1].strip(): row.split("|")[2].strip() for row in _TABLE.splitlines()[2:]}


def _reproduce(failure: str, tmp_path: Path) -> list[int]:
    """The exit status of each command that meets ``failure``."""
    long_line = b"1," * 3000 + b"1\n"
    if failure.startswith("stdout is a pipe"):
        return [run(["normalize", "2.*"], stdout="broken")[0]]
    if failure.startswith("stdout is full"):
        return [run(["normalize", "2.*"], stdout="full")[0]]
    if failure.startswith("stdout is closed"):
        return [run(["normalize", "2.*"], stdout="closed")[0]]
    if failure.startswith("stdin is closed"):
        return [run(["validate", "-"], stdin="closed")[0]]
    if failure.startswith("a line of stdin"):
        return [
            run(["validate", "-"], stdin=long_line)[0],
            run(["normalize", "-"], stdin=long_line)[0],
        ]
    if failure.startswith("an input never ends"):
        return [run(["validate", "-f", "/dev/zero"])[0]]
    if failure.startswith("a file cannot be"):
        return [run(["validate", "-f", str(tmp_path / "nothing")])[0]]
    if failure.startswith("`--sysfs-root`"):
        not_a_directory = run(["scan", "--sysfs-root", str(ROOT / "README.md")])[0]
        missing = run(["scan", "--sysfs-root", str(tmp_path / "nowhere")])[0]
        return sorted({not_a_directory, missing})  # one code for both
    raise AssertionError(f"no reproducer for {failure!r}")


@pytest.mark.parametrize("failure", FAILURES)
def test_the_documented_failure_classes(failure: str, tmp_path: Path) -> None:
    # the codes in the order the reproducers run their commands
    documented = [int(code) for code in re.findall(r"\d+", FAILURES[failure])]
    assert _reproduce(failure, tmp_path) == documented
