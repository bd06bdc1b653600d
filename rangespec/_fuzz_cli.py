"""``rangespec fuzz``: its arguments, and the run over rangespec.fuzz.

Kept apart from rangespec.cli so that only this command imports Hypothesis.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import signal
import tempfile
import threading
from collections.abc import Iterator
from types import FrameType

from ._cli_parsers import new_parser
from .cli import EXIT_FAILED, EXIT_OK, _Context, _Failure

__all__ = ["build_parser", "run"]


def _seconds(text: str) -> float:
    """A number of seconds: finite and not negative (``inf`` and ``nan`` are
    not); --timeout then also needs it above 0, --shrink-time takes 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: '{text}'") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a finite number of seconds: '{text}'")
    if value < 0:
        raise argparse.ArgumentTypeError(f"a number of seconds cannot be negative: '{text}'")
    return value


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM and SIGHUP end the run as Ctrl-C does (exit 130), so that
    the program's process group is ended on the way out: it runs in a
    session of its own, and no signal sent to rangespec reaches it.

    The handler of all three only sets INTERRUPTED; the run raises
    KeyboardInterrupt at its next wait (within 50 ms) or example. Raised
    from the handler, it could land in a garbage-collector callback, where
    Python swallows it and prints a traceback.
    """
    from ._fuzz_program import INTERRUPTED

    def interrupt(signum: int, frame: FrameType | None) -> None:
        INTERRUPTED.set()

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    INTERRUPTED.clear()
    previous = {s: signal.signal(s, interrupt) for s in signals}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        pending = INTERRUPTED.is_set()
        INTERRUPTED.clear()
    if pending:  # it came after the last wait, while the run was ending
        raise KeyboardInterrupt


@contextlib.contextmanager
def _scratch_home() -> Iterator[None]:
    """Hypothesis's storage in a temporary directory for the run: it keeps
    caches under .hypothesis/ in the current directory, and the command
    leaves nothing behind where it is run."""
    from hypothesis.configuration import set_hypothesis_home_dir

    with tempfile.TemporaryDirectory(prefix="rangespec-fuzz-") as scratch:
        set_hypothesis_home_dir(scratch)
        try:
            yield
        finally:
            set_hypothesis_home_dir(None)


def build_parser() -> argparse.ArgumentParser:
    """The fuzz command's arguments."""
    p = new_parser(
        "fuzz",
        "Run PROGRAM, send it requests over the line protocol of docs/fuzzing.md, and\n"
        "compare every answer with rangespec's. Exit 0 if all agree, 1 on a\n"
        "disagreement, timeout, crash or malformed answer (shown on the smallest\n"
        "input found), 2 if PROGRAM cannot be started or exits before its first answer.",
    )
    program = p.add_mutually_exclusive_group(required=True)
    program.add_argument(
        "--cmd", metavar="'PROGRAM ARGS'", help="the program to fuzz, started once and kept running"
    )
    program.add_argument(
        "--cmd-per-request",
        metavar="'PROGRAM ARGS'",
        help="the program to fuzz, started for every request (one request on stdin, one answer)",
    )
    p.add_argument("--max-examples", type=int, default=200, metavar="N", help="examples (200)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (0)")
    p.add_argument(
        "--timeout",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help="longest wait for one answer (5); the first after each start may take 30",
    )
    p.add_argument(
        "--shrink-time",
        type=_seconds,
        default=30.0,
        metavar="SECONDS",
        help="longest time spent looking for a smaller failing input (30)",
    )
    p.add_argument(
        "--no-shrink",
        action="store_true",
        help="report the first failure as found, without looking for a smaller input",
    )
    p.add_argument(
        "--format",
        choices=["human", "json"],
        default="human",
        help="human (the finding, or that all agreed) or json (one document at the end); "
        "progress notes go to stderr",
    )
    return p


def run(ctx: _Context, args: argparse.Namespace) -> int:
    """The fuzz command: start the program, fuzz it, report the finding."""
    import shlex

    try:
        from .fuzz import ProgramError, fuzz
    except ImportError:
        raise _Failure(
            "fuzz needs Hypothesis and Lark: pip install 'rangespec[hypothesis]' "
            "(in a checkout: pip install -e '.[hypothesis]')"
        ) from None
    per_request = args.cmd_per_request is not None
    option = "--cmd-per-request" if per_request else "--cmd"
    try:
        argv = shlex.split(args.cmd_per_request if per_request else args.cmd)
    except ValueError as exc:
        raise _Failure(f"{option}: {exc}", usage=True, where=option) from None
    if not argv:
        raise _Failure(f"{option} is empty", usage=True, where=option)
    if args.max_examples < 1:
        raise _Failure("--max-examples must be at least 1", usage=True)
    if args.timeout <= 0:
        raise _Failure("--timeout must be a finite number of seconds above 0", usage=True)
    if ctx.out.stream is None:  # told now, not after the whole run
        raise _Failure("stdout is closed")
    try:
        # the handlers stay until the program is ended and the scratch removed
        with _terminate_as_interrupt(), _scratch_home():
            finding = fuzz(
                argv,
                max_examples=args.max_examples,
                seed_value=args.seed,
                timeout=args.timeout,
                shrink=not args.no_shrink,
                shrink_time=args.shrink_time,
                per_request=per_request,
                # progress to stderr: stdout holds the result alone
                note=ctx.err,
            )
    except ProgramError as exc:
        raise _Failure(str(exc)) from None
    if ctx.json:
        from .schemas import FUZZ, FuzzDocument

        document: FuzzDocument = {
            "schema": FUZZ,
            "program": argv,
            "per_request": per_request,
            "max_examples": args.max_examples,
            "seed": args.seed,
            "finding": None if finding is None else finding.to_json(),
        }
        ctx.document(document)
    elif finding is not None:
        ctx.out.line(finding.report())
    if finding is None:
        examples = "example" if args.max_examples == 1 else "examples"
        agreed = f"the program agreed with rangespec on {args.max_examples} {examples}"
        (ctx.err if ctx.json else ctx.out.line)(agreed)
    return EXIT_OK if finding is None else EXIT_FAILED
