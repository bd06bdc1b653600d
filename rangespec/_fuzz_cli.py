"""``rangespec fuzz``: its arguments, and the run over rangespec.fuzz.

Kept apart from rangespec.cli so that only this command imports Hypothesis.
"""

from __future__ import annotations

import argparse

from .cli import EXIT_FAILED, EXIT_OK, _Context, _Failure
from .cli import _new_parser as new_parser

__all__ = ["build_parser", "run"]


def build_parser() -> argparse.ArgumentParser:
    """The fuzz command's arguments."""
    p = new_parser(
        "fuzz",
        "Run PROGRAM, send it requests over the line protocol of docs/fuzzing.md, and\n"
        "compare every answer with rangespec's. Exit 0 if all agree, 1 on a\n"
        "disagreement, timeout, crash or malformed answer (shown on the smallest\n"
        "input found), 2 if PROGRAM cannot be started.",
    )
    p.add_argument("--cmd", required=True, metavar="'PROGRAM ARGS'", help="the program to fuzz")
    p.add_argument("--max-examples", type=int, default=200, metavar="N", help="examples (200)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (0)")
    p.add_argument(
        "--timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="longest wait for one answer (5)",
    )
    p.add_argument(
        "--no-shrink",
        action="store_true",
        help="report the first failure as found, without looking for a smaller input",
    )
    p.add_argument("--format", choices=["human"], default="human", help="human")
    return p


def run(ctx: _Context, args: argparse.Namespace) -> int:
    """The fuzz command: start the program, fuzz it, report the finding."""
    import math
    import shlex

    try:
        from .fuzz import ProgramError, fuzz
    except ImportError:
        raise _Failure("fuzz needs Hypothesis: pip install 'rangespec[hypothesis]'") from None
    try:
        argv = shlex.split(args.cmd)
    except ValueError as exc:
        raise _Failure(f"--cmd: {exc}", usage=True) from None
    if not argv:
        raise _Failure("--cmd is empty", usage=True)
    if args.max_examples < 1:
        raise _Failure("--max-examples must be at least 1", usage=True)
    if not math.isfinite(args.timeout) or args.timeout <= 0:
        raise _Failure("--timeout must be a number of seconds above 0", usage=True)
    try:
        finding = fuzz(
            argv,
            max_examples=args.max_examples,
            seed_value=args.seed,
            timeout=args.timeout,
            shrink=not args.no_shrink,
            note=ctx.out.line,
        )
    except ProgramError as exc:
        raise _Failure(str(exc)) from None
    if finding is None:
        return EXIT_OK
    found = "the first input found" if args.no_shrink else "the smallest input found"
    ctx.out.line(f"{finding.kind}, on {found}:\n  {finding.message}")
    return EXIT_FAILED
