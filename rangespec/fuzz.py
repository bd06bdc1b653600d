"""Differential fuzzing of another implementation of the syntax (needs
``rangespec[hypothesis]``; POSIX).

``fuzz(argv)`` starts the program and talks to it over a line protocol
(docs/fuzzing.md): one JSON request per line on its stdin, one JSON answer
per line on its stdout. It first sends one probe, so a program that cannot
start is told at once; then Hypothesis drives it with the generators of
``rangespec.strategies`` (valid texts with related bounds, near misses,
grammar-derived and arbitrary texts, versions around every bound), and
every answer is compared with rangespec's. A difference, a timeout, a crash
or a malformed answer is a finding; it is shrunk, by Hypothesis and then by
explicit passes (rangespec._fuzz_shrink), within a time budget, and sent
once more to a fresh start of the program, to tell a steady failure from an
intermittent one.

What it guarantees, whatever the program does: it ends (every wait has a
deadline, shrinking has a budget); the program's whole process group is
ended on every restart and at the end; no answer line is held beyond
``MAX_ANSWER_BYTES``; nothing the program wrote is echoed unescaped.

>>> import sys
>>> rejects_all = "import json, sys\\nfor line in sys.stdin:\\n    r = json.loads(line)\\n    "
>>> rejects_all += "print(json.dumps({'id': r['id'], 'valid': False, 'offset': 0}), flush=True)"
>>> print(fuzz([sys.executable, "-c", rejects_all], max_examples=20).report())
disagreement, on the smallest input found:
  validity of '': rangespec says valid, the program says invalid (at offset 0)
  request: {"op": "parse", "text": ""}
  answer:  {"valid": false, "offset": 0}
"""

from __future__ import annotations

import importlib.util
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Final

from hypothesis import HealthCheck, Phase, Verbosity, given, seed, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisException

from . import RangeSpecError, parse
from ._fuzz_program import (
    INTERRUPTED,
    KINDS,
    MAX_ANSWER_BYTES,
    STARTUP_GRACE,
    OutOfTime,
    Program,
    ProgramError,
    clip,
    show_answer,
    show_request,
    show_value,
)
from ._fuzz_shrink import Example, simpler
from ._generate import bounds, near_misses, neighbours
from .schemas import FindingJSON
from .strategies import grammar_texts, invalid_texts, probe_versions, range_texts

# grammar_texts needs Lark: said on import, not once the program has started
if importlib.util.find_spec("lark") is None:
    raise ImportError("rangespec.fuzz needs Lark: pip install 'rangespec[hypothesis]'")

__all__ = [
    "DEFAULT_SHRINK_TIME",
    "MAX_ANSWER_BYTES",
    "STARTUP_GRACE",
    "Finding",
    "ProgramError",
    "fuzz",
]

ProgramError.__module__ = __name__

#: Seconds shrinking may take, from the first failure found.
DEFAULT_SHRINK_TIME: Final = 30.0

#: Each kind of finding, as a progress note names it.
_A_KIND: Final = {
    "disagreement": "a disagreement",
    "timeout": "a timeout",
    "crash": "a crash",
    "malformed": "a malformed answer",
}
#: Seconds between progress notes while no failure is found.
_PROGRESS_EVERY: Final = 15.0
#: Versions asked about per valid text, at most.
_MAX_PROBES: Final = 8
#: Characters that matter to the grammar, and some that only look so.
_ALPHABET: Final = "0123456789.,-+* \t\r\n\x00\uff12\u2010"


@dataclass(frozen=True)
class Finding:
    """What went wrong, on the smallest input found.

    ``kind`` is ``disagreement``, ``timeout``, ``crash`` or ``malformed``;
    ``message`` says in one line what differs or what the program did
    (escaped, long texts clipped); ``request`` is the request that showed
    it, as the program saw it without its id; ``answer`` the program's
    answer to it; ``stderr`` the last lines of its stderr. ``text`` and
    ``version`` are the input, in full. ``where`` says which input this is;
    ``notes`` say what to keep in mind (an intermittent failure, shrinking
    cut short).

    >>> found = Finding("timeout", "no answer within 5 s", '{"op": "parse", "text": "2.*"}')
    >>> found.kind, found.text, found.where
    ('timeout', '', 'the smallest input found')
    """

    kind: str
    message: str
    request: str = ""
    answer: str = ""
    stderr: tuple[str, ...] = ()
    text: str = ""
    version: str | None = None
    where: str = "the smallest input found"
    notes: tuple[str, ...] = ()

    def report(self) -> str:
        """The finding for people, as ``rangespec fuzz`` prints it.

        >>> print(Finding("disagreement", "validity of '00': ...", '{"op": "parse", "text": "00"}',
        ...               '{"valid": true}', where="the first input found").report())
        disagreement, on the first input found:
          validity of '00': ...
          request: {"op": "parse", "text": "00"}
          answer:  {"valid": true}
        """
        lines = [f"{self.kind}, on {self.where}:", f"  {self.message}"]
        if self.request:
            lines.append(f"  request: {self.request}")
        if self.answer:
            lines.append(f"  answer:  {self.answer}")
        if self.stderr:
            lines.append("  its stderr ended with:")
            lines += [f"    | {line}" for line in self.stderr]
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)

    def to_json(self) -> FindingJSON:
        """The JSON form, in ``rangespec fuzz --format json`` (schema ``rangespec.fuzz/1``).

        >>> Finding("timeout", "no answer within 5 s").to_json()["kind"]
        'timeout'
        """
        return {
            "kind": self.kind,
            "message": self.message,
            "request": self.request,
            "answer": self.answer,
            "stderr": list(self.stderr),
            "text": self.text,
            "version": self.version,
            "where": self.where,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class _Outcome:
    """How the program failed on one example: a finding before it is reported."""

    example: Example
    kind: str
    #: What differed ("validity", "membership", ...) or the failure's kind:
    #: shrinking keeps it, so it does not slip to another bug.
    aspect: str
    message: str
    request: str
    answer: str = ""
    stderr: tuple[str, ...] = ()
    version: str | None = None

    def same_bug(self, other: _Outcome) -> bool:
        return (self.kind, self.aspect) == (other.kind, other.aspect)

    def finding(self, where: str, notes: tuple[str, ...] = ()) -> Finding:
        return Finding(
            self.kind,
            self.message,
            self.request,
            self.answer,
            self.stderr,
            self.example.text,
            self.version,
            where,
            notes,
        )


class _Failed(Exception):
    def __init__(self, outcome: _Outcome) -> None:
        super().__init__(outcome.message)
        self.outcome = outcome


def _quote(text: str) -> str:
    return f"'{clip(text)}'"


def _yes(inside: bool) -> str:
    return "yes" if inside else "no"


def _compare(program: Program, example: Example, deadline: float | None) -> _Outcome | None:
    """Ask the program what rangespec knows about ``example``: None if it
    agrees, else how it did not. OutOfTime when ``deadline`` passes first."""
    text = example.text

    def ask(request: dict[str, Any]) -> dict[str, Any]:
        try:
            return program.ask(request, deadline)
        except ProgramError as exc:
            message = f"the program {KINDS[exc.kind]}: {exc.what}"
            raise _Failed(
                _Outcome(
                    example,
                    exc.kind,
                    exc.kind,
                    message,
                    exc.request,
                    stderr=tuple(exc.stderr),
                    version=request.get("version"),
                )
            ) from None

    def field(answer: dict[str, Any], name: str, kind: type, request: dict[str, Any]) -> Any:
        value = answer.get(name)
        if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
            return value
        raise _Failed(
            _Outcome(
                example,
                "malformed",
                "malformed",
                f"the program gave a malformed answer: it has no {kind.__name__} {name!r}",
                show_request(request),
                show_answer(answer),
                version=request.get("version"),
            )
        )

    def differ(
        aspect: str, message: str, request: dict[str, Any], answer: dict[str, Any]
    ) -> _Failed:
        return _Failed(
            _Outcome(
                example,
                "disagreement",
                aspect,
                message,
                show_request(request),
                show_answer(answer),
                version=request.get("version"),
            )
        )

    try:
        try:
            expected = parse(text)
            error: RangeSpecError | None = None
        except RangeSpecError as err:
            error = err
        request: dict[str, Any] = {"op": "parse", "text": text}
        answer = ask(request)
        valid = field(answer, "valid", bool, request)
        if error is not None:
            ours = f"invalid ({error.code.value} at offset {error.offset})"
            if valid:
                message = (
                    f"validity of {_quote(text)}: rangespec says {ours}, the program says valid"
                )
                raise differ("validity", message, request, answer)
            offset = field(answer, "offset", int, request)
            if offset != error.offset:
                message = (
                    f"error offset of {_quote(text)}: rangespec says {error.offset} "
                    f"({error.code.value}), the program says {offset}"
                )
                raise differ("error offset", message, request, answer)
            if "code" in answer and answer["code"] != error.code.value:
                theirs = show_value(answer["code"])
                message = (
                    f"error code of {_quote(text)}: rangespec says {error.code.value}, "
                    f"the program says {theirs}"
                )
                raise differ("error code", message, request, answer)
            return None
        if not valid:
            theirs = show_value(answer.get("offset"))
            message = (
                f"validity of {_quote(text)}: rangespec says valid, "
                f"the program says invalid (at offset {theirs})"
            )
            raise differ("validity", message, request, answer)
        request = {"op": "canonical", "text": text}
        answer = ask(request)
        canonical = field(answer, "canonical", str, request)
        if canonical != expected.to_text():
            message = (
                f"canonical text of {_quote(text)}: rangespec says "
                f"{_quote(str(expected.to_text()))}, the program says {_quote(canonical)}"
            )
            raise differ("canonical text", message, request, answer)
        for version in example.probes:
            request = {"op": "contains", "text": text, "version": version}
            answer = ask(request)
            inside = field(answer, "contains", bool, request)
            if inside != (version in expected):
                message = (
                    f"membership of {_quote(version)} in {_quote(text)}: rangespec says "
                    f"{_yes(version in expected)}, the program says {_yes(inside)}"
                )
                raise differ("membership", message, request, answer)
    except _Failed as failed:
        return failed.outcome
    return None


def _examples() -> st.SearchStrategy[Example]:
    """Texts from every generator; for a valid one, versions around its
    bounds, and half the time its variants (``Example.variants``).

    Valid texts and near misses come twice as often as the others: one has
    every membership and canonical-text bug within reach, the other every
    validity and offset bug. A short valid text with a few characters
    after it reaches what an implementation accepts past a list's end.
    The variants make the rarest of these certain rather than likely: a
    mistake with one line ending, or on one neighbour of a bound, is met
    on every second valid text instead of on one example in hundreds.
    """
    valid = range_texts()
    near = invalid_texts().map(lambda bad: bad.text)
    tail = st.text(st.sampled_from(_ALPHABET), min_size=1, max_size=4)
    texts = st.one_of(
        valid,
        near,
        valid,
        near,
        grammar_texts(),
        st.builds(str.__add__, range_texts(max_items=2), tail),
        st.text(max_size=16),
    )

    @st.composite
    def examples(draw: st.DrawFn) -> Example:
        text = draw(texts)
        try:
            parse(text)
        except RangeSpecError:
            return Example(text, ())
        probes = list(map(str, draw(st.lists(probe_versions(text), max_size=_MAX_PROBES))))
        if not draw(st.booleans()):
            return Example(text, tuple(dict.fromkeys(probes)))
        # Systematically, not by chance: the neighbours of one bound, and a
        # near miss of every kind (a line ending, whitespace at a boundary,
        # a misplaced wildcard, ...) of the text's items.
        body = text.removesuffix("\n")
        variants: list[Example] = []
        around = bounds(text)
        if around:
            beside, variants = _beside(body, draw(st.sampled_from(around)))
            probes += beside
        items = body.split(",") if body else []
        misses = near_misses(lambda lo, hi: draw(st.integers(lo, hi)), items)
        variants += [Example(bad.text, ()) for bad in misses]
        return Example(text, tuple(dict.fromkeys(probes)), tuple(dict.fromkeys(variants)))

    return examples()


def _beside(body: str, bound: tuple[int, ...]) -> tuple[tuple[str, ...], list[Example]]:
    """The versions at and beside ``bound`` (``neighbours``), and examples
    that add an item to the list ``body``: each of those versions
    (adjacent, touching, equal in another arity, sharing a string prefix),
    and the bound as a wildcard, a plus and a range to a prefix of its own
    (nested), each asked about those versions.

    >>> beside, variants = _beside("2.1.*", (2, 1))
    >>> beside
    ('2.1', '2.1.0', '2.1.1', '2.2', '2.0', '2.10', '3')
    >>> [v.text for v in variants][-3:]
    ['2.1.*,2.1.*', '2.1.*,2.1+', '2.1.*,2.1-2.*']
    >>> variants[-1].probes == beside
    True
    """
    beside = tuple(".".join(map(str, v)) for v in (bound, *neighbours(bound)))
    at = beside[0]
    prefixes = [".".join(map(str, bound[:n])) for n in range(1, len(bound))]
    forms = [f"{at}.*", f"{at}+", *(f"{at}-{prefix}.*" for prefix in prefixes)]

    def added(item: str) -> str:
        return f"{body},{item}" if body else item

    variants = [Example(added(v), ()) for v in beside]
    variants += [Example(added(item), beside) for item in forms]
    return beside, variants


def _quiet(line: str) -> None:
    """A ``note`` that drops the line."""


class _Found(Exception):
    def __init__(self, outcome: _Outcome) -> None:
        super().__init__(outcome.message)
        self.outcome = outcome


class _Search:
    """Every example asked once: the answers are remembered, so Hypothesis
    sees the same outcome when it replays one, however the program behaves
    (no Flaky errors); and after the shrink budget is spent, examples not
    asked yet pass without asking, which ends Hypothesis's shrinking."""

    def __init__(
        self,
        program: Program,
        shrink_time: float | None,
        note: Callable[[str], None],
    ) -> None:
        self.program = program
        self.shrink_time = shrink_time
        self.note = note
        self.seen: dict[Example, _Outcome | None] = {}
        #: When shrinking must stop: set at the first failure.
        self.deadline: float | None = None
        self.out_of_time = False
        self.asked = 0  # examples asked (not counting their variants)
        self.next_note = time.monotonic() + _PROGRESS_EVERY

    def outcome(self, example: Example) -> _Outcome | None:
        if INTERRUPTED.is_set():  # an interrupt swallowed where it landed
            raise KeyboardInterrupt
        if example in self.seen:
            return self.seen[example]
        self.asked += 1
        if self.deadline is None and time.monotonic() >= self.next_note:
            examples = "example" if self.asked == 1 else "examples"
            self.note(f"{self.asked} {examples} tried so far, all agreed")
            self.next_note = time.monotonic() + _PROGRESS_EVERY
        return self._outcome(example)

    def _outcome(self, example: Example) -> _Outcome | None:
        if example in self.seen:
            return self.seen[example]
        if self.deadline is not None and time.monotonic() >= self.deadline:
            self.out_of_time = True
            return None
        try:
            found = _compare(self.program, Example(example.text, example.probes), self.deadline)
            for variant in example.variants:
                if found is not None:
                    break
                found = self._outcome(variant)
        except OutOfTime:
            self.out_of_time = True
            return None
        if self.out_of_time:
            return None
        self.seen[example] = found
        if found is not None and self.deadline is None and self.shrink_time is not None:
            self.deadline = time.monotonic() + self.shrink_time
            examples = "example" if self.asked == 1 else "examples"
            self.note(
                f"{_A_KIND[found.kind]} after {self.asked} {examples}: looking for a smaller "
                f"input (at most {self.shrink_time:g} s, --shrink-time)"
            )
        return found

    def hypothesis(self, max_examples: int, seed_value: int, shrink: bool) -> _Outcome | None:
        """The failure Hypothesis finds and shrinks, or None if every example agreed."""

        @seed(seed_value)
        @settings(
            max_examples=max_examples,
            database=None,
            deadline=None,
            verbosity=Verbosity.quiet,
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
            phases=[Phase.generate, Phase.shrink] if shrink else [Phase.generate],
        )
        @given(_examples())
        def check(example: Example) -> None:
            found = self.outcome(example)
            if found is not None:
                raise _Found(found)

        try:
            check()
        except _Found as exc:
            return exc.outcome
        except (HypothesisException, ExceptionGroup):
            pass  # whatever Hypothesis makes of the program, the record below stands
        return self.smallest()

    def smallest(self) -> _Outcome | None:
        failures = [found for found in self.seen.values() if found is not None]
        return min(failures, key=lambda found: found.example.size(), default=None)

    def simplify(self, found: _Outcome) -> _Outcome:
        """Smaller examples that fail the same way, until none is found or time is out."""
        best = found
        improved = True
        while improved and not self.out_of_time:
            improved = False
            for example in simpler(best.example, best.version):
                again = self.outcome(example)
                if self.out_of_time:
                    break
                if again is not None and again.same_bug(best):
                    best, improved = again, True
                    break
        return best

    def recurs(self, found: _Outcome) -> bool:
        """Whether ``found`` shows again on a fresh start of the program."""
        self.program.close()
        again = _compare(self.program, found.example, None)
        return again is not None and again.same_bug(found)


def fuzz(
    argv: Sequence[str],
    *,
    max_examples: int = 200,
    seed_value: int = 0,
    timeout: float = 5.0,
    shrink: bool = True,
    shrink_time: float = DEFAULT_SHRINK_TIME,
    per_request: bool = False,
    startup_grace: float = STARTUP_GRACE,
    note: Callable[[str], None] | None = None,
) -> Finding | None:
    """Fuzz the program ``argv``; None if it agreed on every example.

    ``timeout`` is the longest wait for one answer (the first answer after
    each start may take ``startup_grace`` seconds); ``shrink_time`` the
    seconds shrinking may take from the first failure. With
    ``shrink=False`` (or ``shrink_time=0``) the first failure is reported
    as found. With ``per_request`` the program is started for every
    request (its ``timeout`` then counts its start). ``note``, if given,
    receives progress lines while it runs: every 15 seconds while all
    agree, and when a failure is found and shrinking starts. Raises
    ProgramError (kind
    ``start``) when the program cannot be started or exits before its
    first answer, and ValueError for a bad argument.

    A program that believes every text is valid and already canonical:

    >>> import sys
    >>> believer = (
    ...     "import json, sys\\n"
    ...     "for line in sys.stdin:\\n"
    ...     "    r = json.loads(line)\\n"
    ...     "    a = {'id': r['id'], 'valid': True, 'canonical': r['text'], 'contains': True}\\n"
    ...     "    print(json.dumps(a), flush=True)\\n"
    ... )
    >>> found = fuzz([sys.executable, "-c", believer], max_examples=50)
    >>> found.kind
    'disagreement'
    >>> print(found.report())  # doctest: +ELLIPSIS
    disagreement, on the smallest input found:
      ... rangespec says ..., the program says ...
      request: {"op": ...}
      answer:  {"valid": true, ...}
    """
    _check_arguments(argv, max_examples, timeout, shrink_time, startup_grace)
    program = Program(argv, timeout, per_request, startup_grace)
    try:
        try:
            program.start()
        except ProgramError as exc:
            if exc.kind == "start":
                raise
            message = f"the program {KINDS[exc.kind]}: {exc.what}"
            return Finding(
                exc.kind,
                message,
                exc.request,
                stderr=tuple(exc.stderr),
                where="its first request",
            )
        shrink = shrink and shrink_time > 0
        search = _Search(program, shrink_time if shrink else None, note or _quiet)
        found = search.hypothesis(max_examples, seed_value, shrink)
        if found is None:
            return None
        notes = []
        if shrink:
            found = search.simplify(found)
            if search.out_of_time:
                notes.append(
                    f"shrinking stopped after {shrink_time:g} s (--shrink-time): "
                    "a smaller input may show it too"
                )
        if not search.recurs(found):
            notes.append(
                "it did not recur when this input was sent to a fresh start of the program: "
                "the failure depends on earlier requests, or on chance"
            )
        where = "the smallest input found" if shrink else "the first input found"
        return found.finding(where, tuple(notes))
    finally:
        program.close()


def _check_arguments(
    argv: Sequence[str],
    max_examples: int,
    timeout: float,
    shrink_time: float,
    startup_grace: float,
) -> None:
    if isinstance(argv, str) or not argv:
        raise ValueError("argv must be a non-empty sequence: the program and its arguments")
    if isinstance(max_examples, bool) or not isinstance(max_examples, int) or max_examples < 1:
        raise ValueError(f"max_examples={max_examples!r} must be an int of at least 1")
    if not _finite(timeout) or timeout <= 0:
        raise ValueError(f"timeout={timeout!r} must be a finite number of seconds above 0")
    if not _finite(shrink_time) or shrink_time < 0:
        raise ValueError(f"shrink_time={shrink_time!r} must be finite seconds, at least 0")
    if not _finite(startup_grace) or startup_grace <= 0:
        raise ValueError(f"startup_grace={startup_grace!r} must be finite seconds above 0")


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
