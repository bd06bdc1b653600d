"""Differential fuzzing of another implementation of the syntax (needs
``rangespec[hypothesis]``).

``fuzz(argv)`` starts the program once and talks to it over a line
protocol (docs/fuzzing.md): one JSON request per line on its stdin, one JSON
answer per line on its stdout. Hypothesis drives it with the strategies of
``rangespec.strategies``; every answer is compared with rangespec's, and the
first disagreement is shrunk to the smallest input that still shows it.
Timeouts, crashes and malformed answers are failures of the program too,
and are shrunk the same way (the program is restarted when it has died).
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
from hypothesis import strategies as st

from . import RangeSpecError, parse
from ._excerpt import escape
from ._limits import fits_u64
from .strategies import grammar_texts, invalid_texts, range_texts, versions

__all__ = ["Finding", "ProgramError", "fuzz"]


class ProgramError(Exception):
    """The program failed to answer: ``kind`` is start, timeout, crash or malformed."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail

    def __str__(self) -> str:
        return f"the program {_KINDS[self.kind]}: {self.detail}"


_KINDS = {
    "start": "could not be started",
    "timeout": "did not answer in time",
    "crash": "exited",
    "malformed": "gave a malformed answer",
}


class _Disagreement(AssertionError):
    pass


@dataclass(frozen=True)
class Finding:
    """What went wrong, on the smallest input Hypothesis found."""

    kind: str  # "disagreement" or a ProgramError kind
    message: str


#: How long a freshly started program may take over its first answer.
STARTUP_GRACE = 30.0


class _Program:
    """The program under test, one request and one answer at a time.

    After every start it is first asked to parse the empty text, with
    STARTUP_GRACE seconds to answer, so that the per-answer timeout does
    not count the time a program takes to start.
    """

    def __init__(self, argv: Sequence[str], timeout: float) -> None:
        self.argv = list(argv)
        self.timeout = timeout
        self.process: subprocess.Popen[str] | None = None
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.next_id = 0

    def _start(self) -> subprocess.Popen[str]:
        try:
            process = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
                encoding="utf-8",
                bufsize=1,
            )
        except OSError as exc:
            raise ProgramError("start", f"{escape(self.argv[0])}: {exc.strerror or exc}") from None
        self.lines = queue.Queue()
        stdout = process.stdout
        assert stdout is not None
        threading.Thread(target=_pump, args=(stdout, self.lines), daemon=True).start()
        self.process = process
        self._exchange(process, {"op": "parse", "text": ""}, STARTUP_GRACE)
        return process

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        process = self.process
        if process is None or process.poll() is not None:
            process = self._start()
        return self._exchange(process, request, self.timeout)

    def _exchange(
        self, process: subprocess.Popen[str], request: dict[str, Any], timeout: float
    ) -> dict[str, Any]:
        self.next_id += 1
        request = {"id": self.next_id, **request}
        assert process.stdin is not None
        try:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
        except OSError:
            self.close()
            raise ProgramError("crash", f"on {json.dumps(request)}") from None
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            self.close()
            raise ProgramError(
                "timeout", f"no answer to {json.dumps(request)} within {timeout} s"
            ) from None
        if line is None:
            code = process.wait()
            self.process = None
            raise ProgramError("crash", f"with status {code} on {json.dumps(request)}")
        try:
            answer = json.loads(line)
        except ValueError:
            answer = None
        if not isinstance(answer, dict) or answer.get("id") != request["id"]:
            self.close()  # start afresh, so later answers are in step again
            raise ProgramError("malformed", f"{line.strip()!r} to {json.dumps(request)}")
        return answer

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None


def _pump(stdout: IO[str], lines: queue.Queue[str | None]) -> None:
    for line in stdout:
        lines.put(line)
    lines.put(None)


def _field(answer: dict[str, Any], name: str, kind: type, request: dict[str, Any]) -> Any:
    value = answer.get(name)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ProgramError(
            "malformed",
            f"{json.dumps(answer)} to {json.dumps(request)}: no {kind.__name__} {name!r}",
        )
    return value


def _compare(program: _Program, text: str, probes: list[str]) -> None:
    """Ask the program what rangespec knows about ``text``; raise on any difference."""
    try:
        expected = parse(text)
        error: RangeSpecError | None = None
    except RangeSpecError as err:
        error = err
    request: dict[str, Any] = {"op": "parse", "text": text}
    answer = program.ask(request)
    valid = _field(answer, "valid", bool, request)

    def differ(what: str, ours: object, theirs: object) -> None:
        raise _Disagreement(
            f"{what} of {text!r}: rangespec says {ours!r}, the program says {theirs!r}"
        )

    if error is not None:
        if valid:
            differ("validity", f"invalid ({error.code} at offset {error.offset})", "valid")
        offset = _field(answer, "offset", int, request)
        if offset != error.offset:
            differ("error offset", error.offset, offset)
        if "code" in answer and answer["code"] != error.code.value:
            differ("error code", error.code.value, answer["code"])
        return
    if not valid:
        differ("validity", "valid", f"invalid at offset {answer.get('offset')}")
    request = {"op": "canonical", "text": text}
    canonical = _field(program.ask(request), "canonical", str, request)
    if canonical != expected.to_text():
        differ("canonical text", expected.to_text(), canonical)
    for version in probes:
        request = {"op": "contains", "text": text, "version": version}
        inside = _field(program.ask(request), "contains", bool, request)
        if inside != (version in expected):
            differ(f"membership of {version}", version in expected, inside)


def _probes(text: str, extra: list[str]) -> list[str]:
    """Versions on the bounds of the text's intervals, and a few others."""
    try:
        s = parse(text)
    except RangeSpecError:
        return []
    near = [str(b) for i in s.intervals for b in (i.lower, i.upper) if b is not None]
    return [v for v in dict.fromkeys(near + extra) if _spellable(v)]


def _spellable(version: str) -> bool:
    return all(map(fits_u64, version.split(".")))


def fuzz(
    argv: Sequence[str],
    *,
    max_examples: int = 200,
    seed_value: int = 0,
    timeout: float = 5.0,
    shrink: bool = True,
    note: Callable[[str], None] = print,
) -> Finding | None:
    """Fuzz the program ``argv``; None if it agreed on every example.

    With ``shrink=False`` the first failure is reported as found: quicker
    for a program that times out, since every shrinking step then waits
    ``timeout`` seconds.
    """
    program = _Program(argv, timeout)
    texts = st.one_of(
        range_texts(),
        invalid_texts().map(lambda bad: bad.text),
        grammar_texts(),
        st.text(max_size=16),
    )
    extra = st.lists(versions(max_components=4).map(str), max_size=3)

    @seed(seed_value)
    @settings(
        max_examples=max_examples,
        database=None,
        deadline=None,
        verbosity=Verbosity.quiet,
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
        phases=[p for p in Phase if shrink or p is not Phase.shrink],
    )
    @given(texts, extra)
    def check(text: str, more: list[str]) -> None:
        _compare(program, text, _probes(text, more))

    try:
        check()
    except _Disagreement as exc:
        return Finding("disagreement", str(exc))
    except ProgramError as exc:
        if exc.kind == "start":
            raise
        return Finding(exc.kind, str(exc))
    finally:
        program.close()
    note(f"the program agreed with rangespec on {max_examples} examples")
    return None
