"""The program under ``rangespec fuzz``: started in a session of its own,
spoken to one JSON line at a time, and ended as a whole process group.

Invariants, each held against a hostile program:

1. Every read is bounded in time and in bytes: an exchange waits until a
   deadline, an answer line is at most ``MAX_ANSWER_BYTES``, and of stderr
   only the last ``STDERR_TAIL_BYTES`` are kept.
2. The program runs in a new session (``start_new_session``), so its group
   id is its pid; ending it signals that whole group, SIGTERM and, after
   ``TERM_GRACE`` seconds, SIGKILL, on restart, on timeout and at the end of
   a run, and then every process still in its session has SIGKILL too (a
   descendant that moved to a group of its own; found in /proc, on Linux).
   The leader is reaped only after that, so the group and session ids
   cannot be reused by another process before. SIGKILL is sent even when
   an interrupt lands between the two signals. (A descendant that starts a
   session of its own is out of reach.)
3. Nothing runs in the background: no thread, one selector loop per
   exchange, which also drains stderr so the program never blocks on it.
4. A program failure is a ``ProgramError`` whose ``kind`` says what
   happened and whose message names the exit status or signal, and holds
   the tail of stderr; nothing the program wrote is shown unescaped or
   unclipped.

POSIX only: it relies on sessions, process groups and ``killpg``.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import signal
import subprocess
import time
from collections.abc import Sequence
from typing import IO, Any, Final

from ._excerpt import escape

__all__ = [
    "INTERRUPTED",
    "KINDS",
    "MAX_ANSWER_BYTES",
    "STARTUP_GRACE",
    "OutOfTime",
    "Program",
    "ProgramError",
    "clip",
    "show_answer",
    "show_request",
    "show_value",
]

#: How long a freshly started program may take over its first answer.
STARTUP_GRACE: Final = 30.0
#: The longest answer line read: a canonical text is a few times its input
#: (at most 4096 characters), JSON-escaped; anything longer is malformed.
MAX_ANSWER_BYTES: Final = 65536
#: How much of the program's stderr is kept, and shown: its last lines.
STDERR_TAIL_BYTES: Final = 8192
STDERR_TAIL_LINES: Final = 8
#: How long a process group has between SIGTERM and SIGKILL.
TERM_GRACE: Final = 0.5
#: How long the session is swept for processes that left the group.
SWEEP_TIME: Final = 0.5


class _Flag:
    """A flag a signal handler may set: one attribute, no lock (a
    ``threading.Event`` takes a lock, which a second signal arriving while
    the handler holds it would wait for forever)."""

    __slots__ = ("up",)

    def __init__(self) -> None:
        self.up = False

    def set(self) -> None:
        self.up = True

    def clear(self) -> None:
        self.up = False

    def is_set(self) -> bool:
        return self.up


#: Set by the command's handler of SIGINT, SIGTERM and SIGHUP; every wait
#: for the program (and every example) then raises KeyboardInterrupt. The
#: handler raises nothing itself: an exception raised where a signal lands
#: may land in a garbage-collector callback, which Python swallows.
INTERRUPTED: Final = _Flag()
#: How often a wait looks whether the program itself has exited (its
#: stdout may stay open in a process it started).
_POLL: Final = 0.05
#: What a request or answer shows of a long text.
_CLIP: Final = 60


class ProgramError(Exception):
    """The program failed to answer.

    ``kind`` is ``start`` (it could not be started, or exited before its
    first answer), ``timeout``, ``crash`` (it exited, or closed its stdout)
    or ``malformed``; ``what`` says what happened, with the exit status or
    signal; ``request`` is the request it was sent, as it saw it but
    without its id (empty when none was sent); ``stderr`` is the tail of its
    stderr, escaped, one string per line. ``detail`` is ``what`` and the
    request together.

    >>> print(ProgramError("crash", "it exited with status 3", '{"op": "parse", "text": ","}'))
    the program crashed: it exited with status 3, when sent {"op": "parse", "text": ","}
    """

    def __init__(self, kind: str, what: str, request: str = "", stderr: Sequence[str] = ()) -> None:
        super().__init__(kind, what)
        self.kind = kind
        self.what = what
        self.request = request
        self.stderr = list(stderr)

    @property
    def detail(self) -> str:
        return f"{self.what}, when sent {self.request}" if self.request else self.what

    def __str__(self) -> str:
        lines = [f"the program {KINDS[self.kind]}: {self.detail}"]
        if self.stderr:
            lines.append("its stderr ended with:")
            lines += [f"  | {line}" for line in self.stderr]
        return "\n".join(lines)


KINDS: Final = {
    "start": "could not be started",
    "timeout": "did not answer in time",
    "crash": "crashed",
    "malformed": "gave a malformed answer",
}


class _NoAnswer(Exception):
    """No answer line came: why (``kind``, ``what``), and the stderr tail."""

    def __init__(self, kind: str, what: str, stderr: list[str]) -> None:
        super().__init__(kind, what)
        self.kind, self.what, self.stderr = kind, what, stderr


class OutOfTime(Exception):
    """The caller's deadline passed before the program's own timeout did:
    nothing is known about the request."""


def clip(text: str, limit: int = _CLIP) -> str:
    """``text`` escaped for one line, and cut after ``limit`` characters.

    >>> clip("2.1\\n"), clip("1," * 50, 8)
    ('2.1\\\\n', '1,1,1,1,... (100 characters)')
    """
    if len(text) <= limit:
        return escape(text)
    return f"{escape(text[:limit])}... ({len(text)} characters)"


def show_request(request: dict[str, Any]) -> str:
    """A request as the program saw it, without its id, long texts clipped.

    >>> show_request({"op": "contains", "text": "2.1.*", "version": "2.10"})
    '{"op": "contains", "text": "2.1.*", "version": "2.10"}'
    """
    shown = {k: v for k, v in request.items() if k != "id"}
    notes = []
    for key, value in shown.items():
        if isinstance(value, str) and len(value) > _CLIP:
            shown[key] = value[:_CLIP] + "..."
            notes.append(f"{key} clipped: {len(value)} characters")
    text = _json(shown)
    return f"{text} ({'; '.join(notes)})" if notes else text


def _json(value: object) -> str:
    """``value`` as JSON, which (ASCII escapes on) is printable ASCII: as safe
    to echo as ``escape`` makes text, and still valid JSON."""
    text = json.dumps(value)
    return text if text.isascii() and text.isprintable() else escape(text)


def show_value(value: object) -> str:
    r"""One value of an answer as JSON, safe to echo, cut after 60 characters.

    >>> print(show_value("\ud800"), show_value(None), show_value("1" * 70))
    "\ud800" null "11111111111111111111111111111111111111111111111111111111111... (72 characters)
    """
    text = _json(value)
    return text if len(text) <= _CLIP else f"{text[:_CLIP]}... ({len(text)} characters)"


def show_answer(answer: dict[str, Any]) -> str:
    """An answer as JSON, clipped to 200 characters."""
    text = _json(answer)
    return text if len(text) <= 200 else f"{text[:200]}... ({len(text)} characters)"


def _status(returncode: int) -> str:
    """How a process ended, from its Popen-style return code.

    >>> _status(3), _status(-9)
    ('it exited with status 3', 'it was killed by signal 9 (SIGKILL)')
    """
    if returncode >= 0:
        return f"it exited with status {returncode}"
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        name = "unknown"
    return f"it was killed by signal {-returncode} ({name})"


class Program:
    """The program under test, one request and one answer at a time.

    In the default mode it is started once and kept running; after every
    start it is first sent the probe ``{"op": "parse", "text": ""}``, which
    alone may take ``grace`` seconds (STARTUP_GRACE), so ``timeout`` never
    counts start-up time. With ``per_request`` it is started for every request,
    reads that one line and its stdin then ends, answers one line and is
    ended; only the first start, the probe, has the grace.
    """

    PROBE: Final = {"op": "parse", "text": ""}

    def __init__(
        self,
        argv: Sequence[str],
        timeout: float,
        per_request: bool = False,
        grace: float = STARTUP_GRACE,
    ) -> None:
        self.argv = list(argv)
        self.timeout = timeout
        self.per_request = per_request
        self.grace = max(grace, timeout)
        self._process: subprocess.Popen[bytes] | None = None
        self._selector: selectors.BaseSelector | None = None
        self._out = bytearray()
        self._err = bytearray()
        self._out_closed = False
        self._next_id = 0

    # -- starting and ending --------------------------------------------------

    def start(self) -> None:
        """Start the program and probe it, before any fuzzing.

        Raises ProgramError ``start`` if it cannot be run or exits before
        its first answer; ``timeout`` or ``malformed`` if its first answer
        does not come in the grace, or is not one.
        """
        try:
            self._exchange(dict(self.PROBE), self.grace, None)
        except ProgramError as exc:
            if exc.kind == "crash":
                what = f"{exc.what}, before its first answer"
                raise ProgramError("start", what, exc.request, exc.stderr) from None
            if exc.kind == "timeout":
                what = f"no answer within {self.grace:g} s of its start (the start-up grace)"
                raise ProgramError("timeout", what, exc.request, exc.stderr) from None
            raise
        finally:
            if self.per_request:
                self._finish()

    def _spawn(self) -> subprocess.Popen[bytes]:
        self.close()
        try:
            process = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise ProgramError("start", f"{escape(self.argv[0])}: {reason}") from None
        selector = selectors.DefaultSelector()
        for stream in (process.stdin, process.stdout, process.stderr):
            assert stream is not None
            os.set_blocking(stream.fileno(), False)
        assert process.stdout is not None
        assert process.stderr is not None
        selector.register(process.stdout, selectors.EVENT_READ, "out")
        selector.register(process.stderr, selectors.EVENT_READ, "err")
        self._process, self._selector = process, selector
        self._out, self._err, self._out_closed = bytearray(), bytearray(), False
        return process

    def close(self) -> None:
        """End the program's whole process group (SIGTERM, then SIGKILL), and
        every process left in its session; reap it.

        Whatever interrupts the grace between the two signals (a Ctrl-C, or
        SIGTERM and SIGHUP, which the command turns into one), SIGKILL is
        still sent before the interrupt goes on, and sent again should
        another interrupt land while it is.
        """
        process = self._process
        if process is None:
            return
        if self._selector is not None:
            self._selector.close()
            self._selector = None
        try:
            if _peek(process) is None:
                _signal_group(process.pid, signal.SIGTERM)
                deadline = time.monotonic() + TERM_GRACE
                while _peek(process) is None and time.monotonic() < deadline:
                    time.sleep(0.01)
        finally:
            interrupted: BaseException | None = None
            while True:
                try:
                    _kill(process)
                    break
                except KeyboardInterrupt as exc:  # again: finish the kill first
                    interrupted = exc
            self._process = None
            if interrupted is not None:
                raise interrupted

    # -- asking ---------------------------------------------------------------

    def ask(self, request: dict[str, Any], deadline: float | None = None) -> dict[str, Any]:
        """The program's answer to ``request`` (without an id: one is added).

        It is (re)started first if it is not running. ``deadline`` (a
        ``time.monotonic`` value) is the caller's: past it, OutOfTime is
        raised and the program ended, since its state is then unknown.
        """
        if self.per_request:
            try:
                return self._exchange(request, self.timeout, deadline)
            finally:
                self._finish()
        if self._process is None:
            try:
                self._exchange(dict(self.PROBE), self.grace, deadline)
            except ProgramError as exc:
                kind = "crash" if exc.kind == "start" else exc.kind
                what = f"after a restart, {exc.what}"
                raise ProgramError(kind, what, exc.request, exc.stderr) from None
        return self._exchange(request, self.timeout, deadline)

    def _exchange(
        self, request: dict[str, Any], wait: float, deadline: float | None
    ) -> dict[str, Any]:
        process = self._process if self._process is not None else self._spawn()
        self._next_id += 1
        shown = show_request(request)
        line = (json.dumps({"id": self._next_id, **request}) + "\n").encode()
        own_end = time.monotonic() + wait
        try:
            answer = self._answer_line(process, line, own_end, deadline, wait)
        except _NoAnswer as exc:
            self.close()
            raise ProgramError(exc.kind, exc.what, shown, exc.stderr) from None
        except OutOfTime:
            self.close()
            raise
        decoded = answer.decode("utf-8", "surrogateescape")
        unread = ""  # why the answer could not be read as JSON
        try:
            parsed = json.loads(answer.decode("utf-8"))
        except UnicodeDecodeError:
            parsed = None
        except RecursionError:
            parsed, unread = None, "nested too deeply"
        except ValueError as exc:  # not JSON, or a number of over 4300 digits
            parsed, unread = None, str(exc).split(":")[0]
        # Started for this request alone, a program need not echo the id.
        optional = self.per_request and isinstance(parsed, dict) and "id" not in parsed
        # the id as sent: 2.0 or true is not 2
        same_id = isinstance(parsed, dict) and type(parsed.get("id")) is int
        same_id = same_id and parsed["id"] == self._next_id
        if not isinstance(parsed, dict) or (not same_id and not optional):
            if not _is_utf8(answer):
                what = "is not UTF-8"
            elif unread:
                what = f"cannot be read as JSON ({clip(unread, 120)})"
            elif not isinstance(parsed, dict):
                what = "is not a JSON object"
            else:
                what = "has another id"
            tail = self._tail()
            self.close()  # start afresh, so that later answers are in step again
            raise ProgramError("malformed", f"its answer {what}: '{clip(decoded)}'", shown, tail)
        return {k: v for k, v in parsed.items() if k != "id"}

    def _answer_line(
        self,
        process: subprocess.Popen[bytes],
        line: bytes,
        own_end: float,
        deadline: float | None,
        wait: float,
    ) -> bytes:
        """Write ``line`` and read one answer line by ``own_end`` (the
        program's timeout, ``wait`` seconds from the request) or
        ``deadline`` (the caller's), whichever comes first; drain stderr
        meanwhile. Raises _NoAnswer or OutOfTime."""
        selector = self._selector
        stdin = process.stdin
        assert selector is not None
        assert stdin is not None
        pending = memoryview(line)
        selector.register(stdin, selectors.EVENT_WRITE, "in")
        try:
            while True:
                if INTERRUPTED.is_set():
                    raise KeyboardInterrupt
                found = self._line()
                if found is not None:
                    return found
                if self._out_closed:
                    if (unended := self._last_line()) is not None:
                        return unended
                    raise self._gone(process, own_end)
                status = _peek(process)
                if status is not None:
                    # It has exited; what it wrote is in the pipes already.
                    self._drain()
                    found = self._line()
                    if found is not None:
                        return found
                    if (unended := self._last_line()) is not None:
                        return unended
                    # Its exit and the end of its stdout arrive in either order.
                    held = (
                        "" if self._out_closed else " (a process it started holds its stdout open)"
                    )
                    raise _NoAnswer("crash", f"{_status(status)}{held}", self._tail())
                now = time.monotonic()
                if deadline is not None and now >= deadline and deadline < own_end:
                    raise OutOfTime()
                if now >= own_end:
                    raise _NoAnswer("timeout", f"no answer within {wait:g} s", self._tail())
                for key, _ in selector.select(min(own_end - now, _POLL)):
                    if key.data == "in":
                        pending = self._write(stdin, pending)
                    else:
                        self._read(key.data)
        finally:
            with contextlib.suppress(KeyError, ValueError):  # written whole, or closed
                selector.unregister(stdin)

    def _write(self, stdin: IO[bytes], pending: memoryview) -> memoryview:
        """Write what the pipe takes of ``pending``; return the rest."""
        try:
            written = os.write(stdin.fileno(), pending)
        except BlockingIOError:
            return pending
        except (BrokenPipeError, ConnectionResetError):
            written = len(pending)  # it reads no more: what it says will tell
        pending = pending[written:]
        if not pending:
            assert self._selector is not None
            self._selector.unregister(stdin)
            if self.per_request:
                stdin.close()  # the end of its input: the request is all there is
        return pending

    def _read(self, which: str) -> None:
        """Read what is there from stdout or stderr, keeping the bounds."""
        process = self._process
        assert process is not None
        stream = process.stdout if which == "out" else process.stderr
        assert stream is not None
        try:
            chunk = os.read(stream.fileno(), 65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if which == "err":
            if chunk:
                self._err += chunk
                del self._err[:-STDERR_TAIL_BYTES]
            elif self._selector is not None:
                self._selector.unregister(stream)
            return
        if chunk:
            self._out += chunk
        else:
            self._out_closed = True
            if self._selector is not None:
                self._selector.unregister(stream)

    def _drain(self) -> None:
        """Read all that stdout and stderr hold now, without waiting."""
        selector = self._selector
        if selector is None:
            return
        for _ in range(64):  # at most 64 chunks of each: enough for any honest answer
            ready = [key.data for key, _ in selector.select(0) if key.data in ("out", "err")]
            if not ready:
                return
            for which in ready:
                self._read(which)

    def _line(self) -> bytes | None:
        """The next complete answer line, if one has arrived.

        Raises _NoAnswer ``malformed`` when a line is longer than
        MAX_ANSWER_BYTES: the rest is never read.
        """
        newline = self._out.find(b"\n", 0, MAX_ANSWER_BYTES + 1)
        if newline < 0:
            if len(self._out) > MAX_ANSWER_BYTES:
                raise _NoAnswer(
                    "malformed", f"its answer is longer than {MAX_ANSWER_BYTES} bytes", self._tail()
                )
            return None
        line = bytes(self._out[:newline])
        del self._out[: newline + 1]
        return line

    def _last_line(self) -> bytes | None:
        """Per request, once its stdout has ended: what it wrote after its
        last newline, taken, if anything (its answer, not ended by a
        newline, since the end of its output ends the answer too)."""
        if self.per_request and self._out and len(self._out) <= MAX_ANSWER_BYTES:
            line = bytes(self._out)
            self._out.clear()
            return line
        return None

    def _gone(self, process: subprocess.Popen[bytes], own_end: float) -> _NoAnswer:
        """Its stdout has closed with no answer: it exited, or it closed it and runs on."""
        limit = time.monotonic() + min(0.1, max(own_end - time.monotonic(), 0.01))
        while (status := _peek(process)) is None and time.monotonic() < limit:
            self._wait_streams(0.01)
        self._drain()
        if status is None:
            return _NoAnswer("crash", "it closed its stdout but kept running", self._tail())
        return _NoAnswer("crash", _status(status), self._tail())

    def _wait_streams(self, seconds: float) -> None:
        selector = self._selector
        if selector is None or not selector.get_map():
            time.sleep(seconds)
            return
        for key, _ in selector.select(seconds):
            if key.data in ("out", "err"):
                self._read(key.data)

    def _finish(self) -> None:
        """Per request: let the program end by itself a moment, then end its group."""
        process = self._process
        if process is not None:
            limit = time.monotonic() + min(self.timeout, 1.0)
            while _peek(process) is None and time.monotonic() < limit:
                self._wait_streams(0.005)
        self.close()

    def _tail(self) -> list[str]:
        """The last lines of stderr, decoded leniently, escaped and clipped."""
        self._drain()
        text = self._err.decode("utf-8", "surrogateescape")
        lines = [line for line in text.splitlines() if line.strip()]
        return [clip(line, 200) for line in lines[-STDERR_TAIL_LINES:]]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _peek(process: subprocess.Popen[bytes]) -> int | None:
    """The exit status of ``process`` (negative: the signal), None while it
    runs; the process is not reaped where the system allows (waitid with
    WNOWAIT), so its pid and group id stay taken until ``close``."""
    if process.returncode is not None:
        return process.returncode
    waitid = getattr(os, "waitid", None)
    if waitid is None:  # pragma: no cover - macOS: poll, which reaps
        return process.poll()
    try:
        info = waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:  # pragma: no cover - reaped elsewhere
        return process.poll()
    if info is None:
        return None
    return int(info.si_status) if info.si_code == os.CLD_EXITED else -int(info.si_status)


def _kill(process: subprocess.Popen[bytes]) -> None:
    """SIGKILL to the group of ``process`` (a session leader) and to every
    process still in its session, a process that moved to a group of its
    own included; then reap it and close its pipes. Safe to repeat: once
    the leader is reaped, its ids may belong to others, and nothing is
    signalled any more."""
    if process.returncode is None:
        # Also when the leader has gone: what it started may not have.
        _signal_group(process.pid, signal.SIGKILL)
        # A process may fork while it is being found: sweep again until a
        # sweep finds none, for at most SWEEP_TIME.
        until = time.monotonic() + SWEEP_TIME
        while (members := _session(process.pid)) and time.monotonic() < until:
            for pid in members:
                with contextlib.suppress(ProcessLookupError, PermissionError):
                    os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):  # stuck in the kernel
            process.wait(timeout=5)
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


def _session(sid: int) -> list[int]:
    """The live processes of session ``sid`` but its leader, as /proc lists
    them (Linux); none where there is no /proc. The leader is not reaped
    yet, so the session id is still its own."""
    try:
        names = os.listdir("/proc")
    except OSError:  # pragma: no cover - no /proc: the group alone is ended
        return []
    found = []
    for name in names:
        if not name.isdigit() or int(name) == sid:
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            continue  # gone meanwhile
        # after the command's name: state, ppid, pgrp, session
        if len(fields) > 3 and fields[3] == str(sid).encode() and fields[0] != b"Z":
            found.append(int(name))
    return found


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)
