"""The ``rangespec`` command: thin commands over the library.

Exit codes: 0 success; 1 the check failed (a version is not contained);
2 bad usage or invalid input. Data goes to stdout, diagnostics to stderr.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version

from .errors import RangeSpecError
from .parsing import parse, parse_version

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def _normalize(args: argparse.Namespace) -> int:
    print(parse(args.text))
    return EXIT_OK


def _contains(args: argparse.Namespace) -> int:
    compatible = parse(args.text)
    versions = [parse_version(v) for v in args.versions]
    status = EXIT_OK
    for given, version in zip(args.versions, versions, strict=True):
        inside = version in compatible
        if not args.quiet:
            print(f"{given}\t{'yes' if inside else 'no'}")
        if not inside:
            status = EXIT_FAILED
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rangespec",
        description="Check and normalize interface_version_compatible lists.",
        epilog="Exit codes: 0 ok, 1 check failed, 2 bad usage or invalid input. "
        "A text that starts with '-' goes after '--'.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_own_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    normalize = commands.add_parser(
        "normalize",
        help="print the canonical form of a list",
        description="Print the canonical text of TEXT: merged intervals, ascending, "
        "each in its shortest form. Exit 0, or 2 if TEXT is invalid.",
    )
    normalize.add_argument("text", metavar="TEXT", help="an interface_version_compatible list")
    normalize.set_defaults(run=_normalize)

    contains = commands.add_parser(
        "contains",
        help="check versions against a list",
        description="Print VERSION<TAB>yes|no for each VERSION. Exit 0 if TEXT "
        "accepts every VERSION, 1 if it rejects one, 2 if TEXT or a VERSION is invalid.",
    )
    contains.add_argument("text", metavar="TEXT", help="an interface_version_compatible list")
    contains.add_argument("versions", metavar="VERSION", nargs="+", help="an interface_version")
    contains.add_argument("-q", "--quiet", action="store_true", help="print nothing, exit only")
    contains.set_defaults(run=_contains)
    return parser


def _own_version() -> str:
    try:
        return _dist_version("rangespec")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except RangeSpecError as exc:
        print(f"rangespec: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return status
