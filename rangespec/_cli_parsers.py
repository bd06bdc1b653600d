"""The argument parsers of the ``rangespec`` commands, built with argparse.

rangespec.cli reads the plain arguments of normalize, contains and validate
without a parser (``_plain``), so this module, and argparse, load only for
another command, an option, a command's help or a usage error.
"""

from __future__ import annotations

import functools
import sys

from ._cli_io import Output
from ._excerpt import shown
from .cli import EXIT_USAGE, _bounded, _stderr

# typing is imported for type checkers only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable
    from typing import Final, NoReturn

    from _typeshed import SupportsWrite

__all__ = ["PARSERS", "columns", "new_parser"]


_FORMAT_HELP: Final = "human (the default) or json: one JSON document on stdout"


def columns() -> int:
    """The terminal's width as shutil.get_terminal_size gives it: COLUMNS, else the
    terminal's, else 80."""
    import os

    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno() if sys.__stdout__ else 1).columns
        except (AttributeError, ValueError, OSError):
            columns = 80
    return columns if columns > 0 else 80


def new_parser(name: str, description: str) -> argparse.ArgumentParser:
    return parser_class()(
        prog=f"rangespec {name}",
        description=description,
        allow_abbrev=False,
        formatter_class=help_formatter(),
    )


@functools.cache
def parser_class() -> type[argparse.ArgumentParser]:
    """argparse's parser, made when the first one is: its usage errors quote the
    arguments, which are outside text and are shown escaped like all others."""
    import argparse

    class Parser(argparse.ArgumentParser):
        # argparse swallows write errors, and with stderr closed it writes
        # the usage to stdout: the usage goes to stderr or nowhere, and help
        # goes through Output, so a closed or full stdout, or a broken pipe,
        # has its documented status here too.
        def error(self, message: str) -> NoReturn:
            message = _bounded(shown(message))
            _stderr(f"{self.format_usage().rstrip()}\n{self.prog}: error: {message}")
            raise SystemExit(EXIT_USAGE)

        def print_help(self, file: SupportsWrite[str] | None = None) -> None:
            if file is not None:
                super().print_help(file)
                return
            out = Output(sys.stdout)
            out.write(self.format_help())
            out.flush()

    return Parser


@functools.cache
def help_formatter() -> type[argparse.HelpFormatter]:
    """The formatter class, made when the first parser is: argparse loads only then."""
    import argparse

    class _Help(argparse.RawDescriptionHelpFormatter):
        """The description as written; each option's help on the option's line.

        argparse makes a formatter for every option it adds, and left to itself
        imports shutil each time to ask the terminal's width; asking os is as
        good and keeps a one-shot command's start-up light.
        """

        def __init__(self, prog: str) -> None:
            super().__init__(prog, max_help_position=32, width=columns() - 2)

    return _Help


def format_option(parser: argparse.ArgumentParser, default: str = "human") -> None:
    parser.add_argument("--format", choices=["human", "json"], default=default, help=_FORMAT_HELP)


_LIST_HELP: Final = "an interface_version_compatible list"


def normalize_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "normalize",
        "Print the canonical text of each TEXT ('-' reads one text per line from stdin).\n"
        "Exit 0, or 2 if a TEXT is invalid.",
    )
    p.add_argument("texts", metavar="TEXT", nargs="+", help=f"{_LIST_HELP}, or '-'")
    format_option(p)
    return p


def contains_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "contains",
        "Print VERSION<TAB>yes|no for each VERSION ('-' reads one per line from stdin).\n"
        "Exit 0 if TEXT accepts every VERSION, 1 if it rejects one, 2 if TEXT or a\n"
        "VERSION is invalid.",
    )
    p.add_argument("text", metavar="TEXT", help=_LIST_HELP)
    p.add_argument("versions", metavar="VERSION", nargs="+", help="an interface_version, or '-'")
    # one or the other: a JSON document is not nothing
    output = p.add_mutually_exclusive_group()
    output.add_argument("-q", "--quiet", action="store_true", help="print nothing, only exit")
    output.add_argument("--format", choices=["human", "json"], default="human", help=_FORMAT_HELP)
    return p


def filter_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "filter",
        "Print the VERSIONs that TEXT accepts, in ascending order, one per line\n"
        "('-' reads versions from stdin). Exit 0 if one is accepted, 1 if none is,\n"
        "2 if TEXT or a VERSION is invalid.",
    )
    p.add_argument("text", metavar="TEXT", help=_LIST_HELP)
    p.add_argument("versions", metavar="VERSION", nargs="+", help="an interface_version, or '-'")
    format_option(p)
    return p


def validate_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "validate",
        "Check texts and report every error and warning. Texts come from the\n"
        "arguments, from '-' (stdin, one text per line), from -f FILE (one text per\n"
        "line) and from --attribute FILE (the whole file as one sysfs attribute),\n"
        "reported in the order given. Exit 0 if all are valid, 1 if one has an error\n"
        "(or a warning, with --strict), 2 on bad usage or an unreadable input.",
    )
    p.add_argument("texts", metavar="TEXT", nargs="*", help=f"{_LIST_HELP}, or '-' for stdin")
    p.add_argument(
        "-f",
        "--file",
        dest="files",
        metavar="FILE",
        action="append",
        default=[],
        help="read texts from FILE, one per line (repeatable)",
    )
    p.add_argument(
        "--attribute",
        dest="attributes",
        metavar="FILE",
        action="append",
        default=[],
        help="check FILE's exact content as one attribute, read as scan reads it; "
        "a file named interface_version is a version (repeatable)",
    )
    p.add_argument(
        "--version-attr",
        action="store_true",
        help="the texts are interface_version contents, not lists",
    )
    p.add_argument(
        "--own-version",
        metavar="V",
        help="the device's own interface_version: warn if a list rejects it",
    )
    p.add_argument("--strict", action="store_true", help="warnings fail the check too")
    format_option(p)
    return p


def explain_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "explain",
        "Print each interval of TEXT in interval notation, as an item and in words,\n"
        "then a picture of the intervals on a version axis, cut to the terminal's width.",
    )
    p.add_argument("text", metavar="TEXT", help=_LIST_HELP)
    p.add_argument("--width", type=int, metavar="COLUMNS", help="cut the picture to COLUMNS")
    format_option(p)
    return p


def diff_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "diff",
        "Print the versions NEW accepts that OLD did not (added) and those OLD\n"
        "accepted that NEW does not (dropped), in interval notation.",
    )
    p.add_argument("old", metavar="OLD", help="the old interface_version_compatible list")
    p.add_argument("new", metavar="NEW", help="the new interface_version_compatible list")
    p.add_argument(
        "--fail-on-drop",
        action="store_true",
        help="exit 1 if NEW accepts less than OLD (a driver-update regression)",
    )
    format_option(p)
    return p


def compat_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "compat",
        "Decide whether a device may migrate: the source's interface_version must\n"
        "be in the destination's interface_version_compatible. Every input is read\n"
        "and checked before anything is decided. Exit 0 if it may (both ways with\n"
        "--both-ways), 1 if not, 2 on unreadable or invalid input.",
    )
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--src", metavar="DIR", help="the source device's sysfs directory")
    src.add_argument("--src-version", metavar="V", help="the source's interface_version")
    dst = p.add_mutually_exclusive_group(required=True)
    dst.add_argument("--dst", metavar="DIR", help="the destination device's sysfs directory")
    dst.add_argument(
        "--dst-compatible", metavar="TEXT", help="the destination's interface_version_compatible"
    )
    p.add_argument(
        "--src-compatible", metavar="TEXT", help="the source's list, for --both-ways without --src"
    )
    p.add_argument(
        "--dst-version",
        metavar="V",
        help="the destination's version, for --both-ways without --dst",
    )
    p.add_argument("--both-ways", action="store_true", help="also check the way back")
    format_option(p)
    return p


def scan_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "scan",
        "Find the devices under PATH/bus/mdev/devices and PATH/bus/pci/devices that\n"
        "carry the attributes, read and validate each, and print a table or, with\n"
        "--format json, the host's inventory. Exit 0 if all are valid, 1 if a device\n"
        "or a listing has an error, 2 if PATH is not a readable directory.",
    )
    p.add_argument("--sysfs-root", metavar="PATH", default="/sys", help="default /sys")
    p.add_argument(
        "--host", metavar="NAME", help="name the inventory NAME (default: this hostname)"
    )
    format_option(p)
    return p


def policy_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "policy",
        "Print the list a policy gives a device of VERSION. semver: same major, a\n"
        "source minor not newer than ours, any patch (2.1.3 gives 2.0.0-2.1.*).",
    )
    p.add_argument("rule", choices=["semver"], help="the policy")
    p.add_argument("version", metavar="VERSION", help="the device's interface_version")
    format_option(p)
    return p


def vectors_parser() -> argparse.ArgumentParser:
    p = new_parser(
        "vectors",
        "Write the hand-curated edge cases, then COUNT generated texts, each with\n"
        "rangespec's verdict (validity, canonical text or error code and offset,\n"
        "membership probes), as JSON Lines. The same COUNT and SEED give the same file.",
    )
    p.add_argument("--count", type=int, default=200, metavar="N", help="generated vectors (200)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (0)")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--format", choices=["json"], default="json", help="json (JSON Lines)")
    return p


def fuzz_parser() -> argparse.ArgumentParser:
    from ._fuzz_cli import build_parser

    return build_parser()


def fleet_parser() -> argparse.ArgumentParser:
    from ._fleet_cli import build_parser

    return build_parser()


#: Each command's parser, built when asked for.
PARSERS: Final[dict[str, Callable[[], argparse.ArgumentParser]]] = {
    "normalize": normalize_parser,
    "contains": contains_parser,
    "filter": filter_parser,
    "validate": validate_parser,
    "explain": explain_parser,
    "diff": diff_parser,
    "compat": compat_parser,
    "scan": scan_parser,
    "policy": policy_parser,
    "vectors": vectors_parser,
    "fuzz": fuzz_parser,
    "fleet": fleet_parser,
}
