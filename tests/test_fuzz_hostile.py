"""rangespec fuzz against hostile programs: each ends cleanly, with the
documented exit code, no traceback, and no process of the program left.

The programs are small Python scripts answering correctly (with the
reference adapter's ``answer``) but for one hostile habit each; every start
appends its process group id to a file, and ``_survivors`` looks in /proc
for any process still in one of those groups. rangespec itself runs in
this process (``main``), but for the few checks of the command's own
process boundary.
"""

from __future__ import annotations

import contextlib
import json
import math
import shlex
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from unittest import mock

import pytest

from rangespec import _fuzz_program
from rangespec._fuzz_program import Program
from rangespec.cli import main
from rangespec.fuzz import ProgramError, fuzz

# The programs fuzzed here are adapters, not rangespec (conftest.py).
pytestmark = pytest.mark.usefixtures("unmeasured_children")

ROOT = Path(__file__).parents[1]

needs_proc = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="looks for processes in /proc (Linux)"
)

# Answers like examples/adapter_rangespec.py; `seen` counts the requests of
# this start (the first is the start-up probe); GROUPS records each start.
PRELUDE = f"""\
import json, os, random, signal, subprocess, sys, time
sys.path.insert(0, {str(ROOT / "examples")!r})
from adapter_rangespec import answer
with open(sys.argv[1], "a") as groups:
    print(os.getpgrp(), file=groups)
def reply(r):
    print(json.dumps({{"id": r["id"], **answer(r)}}), flush=True)
"""
LOOP = "for seen, line in enumerate(sys.stdin, 1):\n    r = json.loads(line)\n"

PROGRAMS = {
    # the reproducers
    "exits on its 6th request": LOOP + "    if seen > 5: sys.exit(3)\n    reply(r)\n",
    "answers garbage 30% of the time": "random.seed(0)\n"
    + LOOP
    + "    if seen > 1 and random.random() < 0.3: print('garbage', flush=True); continue\n"
    + "    reply(r)\n",
    "forks and exits": LOOP
    + "    if seen > 5:\n"
    + "        if os.fork() == 0: time.sleep(60)\n"
    + "        os._exit(0)\n"
    + "    reply(r)\n",
    "closes stdout and runs on": LOOP
    + "    if ',' in r['text']: os.close(1); time.sleep(60)\n"
    + "    reply(r)\n",
    "writes an endless line": LOOP
    + "    if ',' in r['text']:\n"
    + "        while True: sys.stdout.write('x' * 65536)\n"
    + "    reply(r)\n",
    "answers with its id as a float": LOOP
    + "    if ',' in r['text']:\n"
    + "        print(json.dumps({'id': float(r['id']), **answer(r)}), flush=True); continue\n"
    + "    reply(r)\n",
    "answers JSON nested too deeply to read": LOOP
    + "    if ',' in r['text']: print('[' * 30000 + ']' * 30000, flush=True); continue\n"
    + "    reply(r)\n",
    "writes bytes that are not UTF-8": LOOP
    + "    if ',' in r['text']:\n"
    + "        sys.stdout.buffer.write(b'yes \\xff\\x1b[2J\\n')\n"
    + "        sys.stdout.flush()\n"
    + "        continue\n"
    + "    reply(r)\n",
    # a child that outlives it, and requests it never answers
    "leaves a child and hangs": "sleeper = 'import time; time.sleep(60)'\n"
    + "subprocess.Popen([sys.executable, '-c', sleeper])\n"
    + LOOP
    + "    if ',' in r['text']: time.sleep(60)\n"
    + "    reply(r)\n",
    "exits with a message": LOOP
    + "    if ',' in r['text']:\n"
    + "        print('bad input \\x1b[31m' + repr(r['text']), file=sys.stderr, flush=True)\n"
    + "        sys.exit(3)\n"
    + "    reply(r)\n",
    "answers late": LOOP + "    if ',' in r['text']: time.sleep(1)\n" + "    reply(r)\n",
    "kills itself": LOOP
    + "    if ',' in r['text']: os.kill(os.getpid(), signal.SIGKILL)\n    reply(r)\n",
    "answers a number of 5000 digits": LOOP
    + "    if ',' in r['text']:\n"
    + "        big = '9' * 5000\n"
    + "        print('{\"id\": ' + str(r['id']) + ', \"offset\": ' + big + '}', flush=True)\n"
    + "        continue\n"
    + "    reply(r)\n",
    "ignores SIGTERM": "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n" + LOOP + "    reply(r)\n",
    # a child in a group of its own, as job control makes: still in the session
    "leaves a child in a group of its own": "child = (\n"
    + "    'import os, sys, time; os.setpgid(0, 0); '\n"
    + "    'open(sys.argv[1], \"a\").write(str(os.getpgrp()) + chr(10)); time.sleep(60)'\n"
    + ")\n"
    + "subprocess.Popen([sys.executable, '-c', child, sys.argv[1]])\n"
    + LOOP
    + "    if ',' in r['text']: time.sleep(60)\n"
    + "    reply(r)\n",
}


def _program(tmp_path: Path, name: str) -> tuple[list[str], Path]:
    """The program's argv, and the file its starts record their groups in."""
    script = tmp_path / "program.py"
    script.write_text(PRELUDE + PROGRAMS[name], encoding="utf-8")
    groups = tmp_path / "groups"
    return [sys.executable, str(script), str(groups)], groups


def _survivors(groups: Path) -> list[str]:
    """Processes, zombies aside, still in a group the program's starts recorded.

    Polls for a few seconds: a group sent SIGKILL takes a moment to go.
    """
    ids = {int(line) for line in groups.read_text().split()}
    assert ids, "the program never started"
    deadline = time.monotonic() + 3
    while True:
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # gone meanwhile
            if int(fields[2]) in ids and fields[0] != "Z":
                found.append(stat.parent.name)
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _fuzz(
    capsys: pytest.CaptureFixture[str], argv: list[str], *options: str
) -> tuple[int, str, str, float]:
    """``rangespec fuzz`` in this process: (status, stdout, stderr, seconds)."""
    cmd = shlex.join(argv)
    start = time.monotonic()
    status = main(["fuzz", "--cmd", cmd, *options])
    out, err = capsys.readouterr()
    assert not _a_traceback(out + err)
    return status, out, err, time.monotonic() - start


def _a_traceback(output: str) -> bool:
    """Whether rangespec's own traceback is in ``output`` (the program's
    stderr may hold one of its own: that is shown indented, after '|')."""
    return any(line.startswith("Traceback") for line in output.splitlines())


@needs_proc
@pytest.mark.parametrize(
    ("name", "options", "kind"),
    [
        # the command line: no shrinking, and still no Flaky traceback
        ("exits on its 6th request", ["--max-examples", "50", "--no-shrink"], "crash"),
        ("exits on its 6th request", ["--max-examples", "50", "--shrink-time", "1"], "crash"),
        ("answers garbage 30% of the time", ["--max-examples", "50"], "malformed"),
        ("forks and exits", ["--max-examples", "50", "--shrink-time", "1"], "crash"),
    ],
)
def test_intermittent_failures_are_findings(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    name: str,
    options: list[str],
    kind: str,
) -> None:
    argv, groups = _program(tmp_path, name)
    status, out, err, _ = _fuzz(capsys, argv, *options, "--timeout", "2")
    assert status == 1, out + err
    assert out.startswith(f"{kind}, on "), out
    assert "Flaky" not in out + err
    if name == "exits on its 6th request":
        assert "it exited with status 3" in out
        # replayed on a fresh start, the smallest input does not fail
        assert "note: it did not recur when this input was sent to a fresh start" in out
    if name == "forks and exits":
        assert "a process it started holds its stdout open" in out
    assert _survivors(groups) == []


@needs_proc
@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("closes stdout and runs on", "crashed: it closed its stdout but kept running"),
        ("writes an endless line", "malformed answer: its answer is longer than 65536 bytes"),
        (
            "answers JSON nested too deeply to read",
            "malformed answer: its answer cannot be read as JSON (nested too deeply)",
        ),
        ("answers with its id as a float", "malformed answer: its answer has another id"),
        (
            "writes bytes that are not UTF-8",
            "malformed answer: its answer is not UTF-8: 'yes \\xff\\x1b[2J'",
        ),
        (
            "answers a number of 5000 digits",
            "malformed answer: its answer cannot be read as JSON (Exceeds the limit (4300 "
            "digits) for integer string conversion)",
        ),
        ("exits with a message", "crashed: it exited with status 3"),
        ("kills itself", "crashed: it was killed by signal 9 (SIGKILL)"),
    ],
)
def test_program_failures_are_reported_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, says: str
) -> None:
    argv, groups = _program(tmp_path, name)
    options = ["--max-examples", "100", "--timeout", "20", "--no-shrink"]
    status, out, err, seconds = _fuzz(capsys, argv, *options)
    assert status == 1, out + err
    report = out.splitlines()
    assert says in report[1], out
    # the request as the program saw it: JSON, with no id
    assert report[2].startswith('  request: {"op": '), out
    assert '"id"' not in report[2]
    # nothing it wrote reaches the terminal raw, nor at length
    assert "\x1b" not in out + err
    assert "\xff" not in out + err
    assert len(out) < 2000
    # not one wait for --timeout: each is told when it happens
    assert seconds < 20
    assert _survivors(groups) == []


@needs_proc
def test_a_late_answer_is_a_timeout_and_never_the_next_answer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # the late answer would be read as the next request's: the program is
    # ended after a timeout, so it never is (no malformed answer, no finding
    # on a later request)
    argv, groups = _program(tmp_path, "answers late")
    status, out, _, _ = _fuzz(capsys, argv, "--timeout", "0.3", "--shrink-time", "1")
    assert status == 1
    report = out.splitlines()
    assert report[:2] == [
        "timeout, on the smallest input found:",
        "  the program did not answer in time: no answer within 0.3 s",
    ]
    assert "," in _shown(report)["text"]
    assert _survivors(groups) == []


def _shown(report: list[str]) -> dict[str, str]:
    line = next(line for line in report if line.startswith("  request: "))
    shown: dict[str, str] = json.loads(line.removeprefix("  request: "))
    return shown


def test_the_stderr_tail_is_shown_escaped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv, _ = _program(tmp_path, "exits with a message")
    status, out, _, _ = _fuzz(capsys, argv, "--max-examples", "100", "--no-shrink")
    assert status == 1
    tail = out[out.index("  its stderr ended with:") :].splitlines()
    assert tail[1].startswith("    | bad input \\x1b[31m'")


@needs_proc
def test_no_process_of_the_programs_group_survives(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # sh starts the program, which starts a child that sleeps; the program
    # hangs on some requests, and is restarted after each timeout
    argv, groups = _program(tmp_path, "leaves a child and hangs")
    shell = ["sh", "-c", f"{shlex.join(argv)}; true"]
    status, out, _, seconds = _fuzz(
        capsys, shell, "--max-examples", "50", "--timeout", "0.3", "--shrink-time", "1"
    )
    assert status == 1
    assert out.startswith("timeout, on the smallest input found:")
    assert "note: shrinking stopped after 1 s (--shrink-time)" in out
    assert seconds < 15
    assert len(groups.read_text().split()) > 1  # it was restarted
    assert _survivors(groups) == []


@needs_proc
def test_a_silent_program_pays_the_start_up_grace_once(tmp_path: Path) -> None:
    groups = tmp_path / "groups"
    silent = ["sh", "-c", f"echo $$ >> {groups}; exec sleep 60"]
    start = time.monotonic()
    finding = fuzz(silent, max_examples=5, timeout=0.2, startup_grace=1.0, note=print)
    assert finding is not None
    assert (finding.kind, finding.where) == ("timeout", "its first request")
    assert "no answer within 1 s of its start (the start-up grace)" in finding.message
    assert time.monotonic() - start < 5
    assert _survivors(groups) == []


@pytest.mark.parametrize(
    "program",
    [
        ["/nonexistent/program"],
        [sys.executable, "-c", "import no_such_module_for_rangespec"],
        [sys.executable, "-c", "import sys; sys.stdin.readline(); sys.exit(7)"],
    ],
)
def test_a_program_that_cannot_start_is_told_at_once(
    capsys: pytest.CaptureFixture[str], program: list[str]
) -> None:
    status, out, err, seconds = _fuzz(capsys, program)
    assert status == 2
    assert out == ""
    assert err.startswith("rangespec fuzz: error: the program could not be started: ")
    assert seconds < 5
    if "no_such_module" in program[-1]:
        assert "it exited with status 1, before its first answer" in err
        assert "  | ModuleNotFoundError: No module named 'no_such_module_for_rangespec'" in err
    if "exit(7)" in program[-1]:
        assert "it exited with status 7" in err


def test_the_command_tells_a_program_that_cannot_start_in_seconds() -> None:
    # the process boundary: the real command, its exit status and stderr
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "rangespec", "fuzz", "--cmd", f"{sys.executable} -c 'import nope_'"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "could not be started" in done.stderr
    assert "ModuleNotFoundError" in done.stderr
    assert not any(line.startswith("Traceback") for line in done.stderr.splitlines())
    assert time.monotonic() - start < 5


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--cmd", "'x"], "--cmd: No closing quotation"),
        (["--cmd-per-request", "'x"], "--cmd-per-request: No closing quotation"),
        (["--cmd", ""], "--cmd is empty"),
        (["--cmd", "true", "--cmd-per-request", "true"], "not allowed with argument"),
        (["--cmd", "true", "--timeout", "inf"], "not a finite number of seconds: 'inf'"),
        (["--cmd", "true", "--timeout", "nan"], "not a finite number of seconds: 'nan'"),
        (["--cmd", "true", "--timeout", "0"], "a finite number of seconds above 0"),
        (["--cmd", "true", "--shrink-time", "-1"], "seconds cannot be negative: '-1'"),
        (["--cmd", "true", "--shrink-time", "inf"], "not a finite number of seconds: 'inf'"),
        (["--cmd", "true", "--max-examples", "0"], "--max-examples must be at least 1"),
    ],
)
def test_bad_usage_is_exit_2(
    capsys: pytest.CaptureFixture[str], args: list[str], says: str
) -> None:
    status = main(["fuzz", *args])
    out, err = capsys.readouterr()
    assert status == 2
    assert err.startswith("usage: rangespec fuzz ")
    assert says in err
    assert not _a_traceback(out + err)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"timeout": math.inf},
        {"timeout": math.nan},
        {"timeout": 0},
        {"shrink_time": math.inf},
        {"shrink_time": -1},
        {"startup_grace": math.nan},
        {"max_examples": 0},
    ],
)
def test_the_library_refuses_bad_arguments(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match=next(iter(kwargs))):
        fuzz(["true"], **kwargs)  # type: ignore[arg-type]


def test_the_library_raises_program_error_when_it_cannot_start() -> None:
    with pytest.raises(ProgramError) as info:
        fuzz(["/nonexistent/program"])
    assert info.value.kind == "start"
    assert str(info.value).startswith("the program could not be started: /nonexistent/program: ")


def _fuzzing_a_hanging_program(tmp_path: Path) -> tuple[subprocess.Popen[str], Path]:
    """`rangespec fuzz` as a command, half a second into fuzzing a program
    that hangs on some request; and the file of the program's groups."""
    argv, groups = _program(tmp_path, "leaves a child and hangs")
    command = [sys.executable, "-m", "rangespec", "fuzz", "--cmd", shlex.join(argv)]
    fuzzing = subprocess.Popen(
        [*command, "--timeout", "60"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while not (groups.exists() and groups.read_text()) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # into the fuzzing
    return fuzzing, groups


@needs_proc
def test_terminating_the_command_ends_the_programs_group(tmp_path: Path) -> None:
    # the program hangs on some request; rangespec gets SIGTERM meanwhile
    fuzzing, groups = _fuzzing_a_hanging_program(tmp_path)
    fuzzing.terminate()
    out, err = fuzzing.communicate(timeout=30)
    assert fuzzing.returncode == 130, out + err
    assert err == "rangespec: interrupted\n"
    assert _survivors(groups) == []


@needs_proc
def test_an_interrupt_between_the_two_signals_still_ends_the_group(tmp_path: Path) -> None:
    # Ctrl-C (or SIGTERM, turned into one) while a program that ignores
    # SIGTERM is given its grace: SIGKILL is still sent, then the interrupt
    # goes on; and a second interrupt while SIGKILL is sent does not stop it
    argv, groups = _program(tmp_path, "ignores SIGTERM")
    program = Program(argv, timeout=5)
    program.start()
    real_kill = _fuzz_program._kill
    kills: list[None] = []

    def kill_interrupted_once(process: subprocess.Popen[bytes]) -> None:
        kills.append(None)
        if len(kills) == 1:
            raise KeyboardInterrupt
        real_kill(process)

    with (
        mock.patch("rangespec._fuzz_program.time.sleep", side_effect=KeyboardInterrupt),
        mock.patch.object(_fuzz_program, "_kill", kill_interrupted_once),
        pytest.raises(KeyboardInterrupt),
    ):
        program.close()
    assert len(kills) >= 2  # retried: each interrupt meanwhile is raised after it
    assert _survivors(groups) == []
    program.close()  # already ended: nothing to do


@needs_proc
def test_a_child_in_a_group_of_its_own_is_ended_with_the_session(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv, groups = _program(tmp_path, "leaves a child in a group of its own")
    status, out, _, _ = _fuzz(capsys, argv, "--timeout", "0.5", "--no-shrink")
    assert status == 1
    assert out.startswith("timeout, on the first input found:")
    recorded = groups.read_text().split()
    assert len(set(recorded)) > len(recorded) // 2  # the children's own groups are there
    assert _survivors(groups) == []


def test_a_closed_stdout_is_told_before_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    # it would have waited 30 s for the silent program, then failed to write
    start = time.monotonic()
    with mock.patch.object(sys, "stdout", None):
        status = main(["fuzz", "--cmd", "sleep 1000"])
    _, err = capsys.readouterr()
    assert status == 2
    assert "stdout is closed" in err
    assert time.monotonic() - start < 5


def test_the_command_leaves_no_hypothesis_directory_where_it_runs(tmp_path: Path) -> None:
    adapter = shlex.join([sys.executable, str(ROOT / "examples" / "adapter_rangespec.py")])
    done = subprocess.run(
        [sys.executable, "-m", "rangespec", "fuzz", "--cmd", adapter, "--max-examples", "5"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.iterdir()) == []


@needs_proc
def test_an_interrupt_python_swallowed_is_raised_at_the_next_wait(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A signal whose KeyboardInterrupt lands in a garbage-collector callback
    # is swallowed by Python: the handler's flag alone is left, as here.
    argv, groups = _program(tmp_path, "leaves a child and hangs")
    timer = threading.Timer(1.0, _fuzz_program.INTERRUPTED.set)
    timer.start()
    try:
        status, _, err, seconds = _fuzz(capsys, argv, "--timeout", "60")
    finally:
        timer.cancel()
    assert status == 130
    assert err == "rangespec: interrupted\n"
    assert seconds < 15  # not the 60 s timeout
    assert not _fuzz_program.INTERRUPTED.is_set()  # cleared for the next run
    assert _survivors(groups) == []


@needs_proc
def test_a_burst_of_signals_ends_the_run_once(tmp_path: Path) -> None:
    # each signal's handler may run inside another's: it takes no lock
    fuzzing, groups = _fuzzing_a_hanging_program(tmp_path)
    burst_end = time.monotonic() + 1.0
    while time.monotonic() < burst_end and fuzzing.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            fuzzing.send_signal(signal.SIGTERM)
    out, err = fuzzing.communicate(timeout=30)
    assert fuzzing.returncode == 130, out + err
    assert err == "rangespec: interrupted\n"
    assert _survivors(groups) == []
