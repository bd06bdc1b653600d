"""The ``rangespec`` command: thin commands over the library.

Each command parses its arguments, calls the library, and renders what it
returns; docs/cli.md describes them. Data goes to stdout, diagnostics and
errors to stderr, in one layout: ``rangespec COMMAND: error: WHERE: ...``.
With ``--format json`` every command writes one JSON document with a
schema id (and a ``rangespec.error/1`` document when it fails).

Exit codes (``EXIT_CODES``): 0 ok; 1 the check failed; 2 bad usage, or
input that is invalid where valid input is needed, or unreadable, or
stdout that cannot be written; 130 interrupted; 141 stdout's reader went
away (a broken pipe).

Only the chosen command's parser is built and only the modules it needs
are imported, so a one-shot ``rangespec contains`` starts fast.
"""

from __future__ import annotations

import functools
import operator
import sys
from collections.abc import Callable, Iterator, Sequence

from ._cli_io import (
    InputError,
    Output,
    OutputBroken,
    OutputFailed,
    Overlong,
    read_blocks,
    read_lines,
    silence_stdout,
)
from ._errors import RangeSpecError
from ._excerpt import escape, shown
from ._limits import DEFAULT_MAX_LENGTH

# typing (and argparse, until a parser is built) is imported for type
# checkers only: a one-shot command starts fast.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from argparse import Namespace as _Namespace
    from typing import Any, Final, Literal, NoReturn

    from _typeshed import SupportsWrite

    from ._diagnostics import Fix, Report
    from ._rangeset import RangeSet
    from ._version import Version
else:  # argparse's Namespace is a bag of attributes, as SimpleNamespace is
    from types import SimpleNamespace as _Namespace

__all__ = ["EXIT_CODES", "main"]

EXIT_OK: Final = 0
EXIT_FAILED: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130
EXIT_BROKEN_PIPE: Final = 141

#: Every exit status and what it means; docs/cli.md has the same table.
EXIT_CODES: Final = {
    EXIT_OK: "ok",
    EXIT_FAILED: "the check failed",
    EXIT_USAGE: "bad usage, invalid or unreadable input, or stdout cannot be written",
    EXIT_INTERRUPTED: "interrupted (Ctrl-C)",
    EXIT_BROKEN_PIPE: "stdout's reader went away (a broken pipe); nothing is printed",
}

# Lines from files and stdin longer than the limit plus this are not read
# whole (the limit counts characters, the reader bytes).
_LINE_MARGIN: Final = 64


class _Failure(Exception):
    """A command cannot go on: bad usage (with the command's usage shown) or bad input."""

    def __init__(
        self,
        message: str,
        *,
        usage: bool = False,
        where: str | None = None,
        error: RangeSpecError | None = None,
        fix: Fix | None = None,
    ) -> None:
        super().__init__(message)
        self.message, self.usage, self.where, self.error = message, usage, where, error
        self.fix = fix


def _invalid(where: str, err: RangeSpecError, kind: Literal["list", "version"]) -> _Failure:
    from ._repairs import fix_for

    fix = fix_for(err, kind)
    message = f"{where}: {err}"
    if fix is not None:
        unsafe = (
            " (unsafe: a different string, to be confirmed)"
            if fix.applicability == "unsafe"
            else ""
        )
        message += f"\n  fix{unsafe}: {fix.message}"
    return _Failure(message, where=where, error=err, fix=fix)


def _list(text: str, where: str) -> RangeSet:
    from ._rangeset import parse

    try:
        if isinstance(text, Overlong):
            raise _overlong(text)
        return parse(text)
    except RangeSpecError as err:
        raise _invalid(where, err, "list") from None


def _version(text: str, where: str) -> Version:
    from ._version import parse_version

    try:
        if isinstance(text, Overlong):
            raise _overlong(text)
        return parse_version(text)
    except RangeSpecError as err:
        raise _invalid(where, err, "version") from None


def _overlong(prefix: str) -> RangeSpecError:
    from ._frontend import overlong

    return overlong(str(prefix), DEFAULT_MAX_LENGTH)


class _Context:
    """What a command needs from the outside: its name, stdout, stdin, the format."""

    def __init__(self, name: str, out: Output, fmt: str) -> None:
        self.name, self.out, self.format = name, out, fmt
        #: Set once a JSON document that already reports the failure is out.
        self.failure_written = False

    @property
    def json(self) -> bool:
        return self.format == "json"

    def document(self, doc: object) -> None:
        import json

        self.out.line(json.dumps(doc, indent=2))

    def err(self, text: str) -> None:
        _stderr(text)

    def stdin_lines(self) -> Iterator[tuple[int, str]]:
        """(number, text) for each line of stdin, bounded (rangespec._cli_io); a
        line too long to read whole comes as an Overlong of its first
        characters, which the library then rejects as too long."""
        yield from _lines(self.stdin(), "<stdin>")

    def stdin_blocks(self) -> Iterator[tuple[int, list[str]]]:
        """The lines of stdin a block at a time (rangespec._cli_io.read_blocks)."""
        try:
            yield from read_blocks(self.stdin(), DEFAULT_MAX_LENGTH + _LINE_MARGIN)
        except InputError as exc:
            raise _Failure(f"<stdin>: {exc}") from None

    def stdin(self) -> Any:
        stdin = sys.stdin
        if stdin is None:
            raise _Failure("<stdin>: stdin is closed")
        try:
            return stdin.buffer
        except (AttributeError, ValueError):
            raise _Failure("<stdin>: stdin cannot be read") from None


def _lines(stream: Any, label: str) -> Iterator[tuple[int, str]]:
    try:
        yield from read_lines(stream, DEFAULT_MAX_LENGTH + _LINE_MARGIN)
    except InputError as exc:
        raise _Failure(f"{escape(label)}: {exc}") from None


def _stderr(text: str) -> None:
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass  # nowhere left to say it


# -- normalize, contains, filter, explain, diff, policy ------------------------


def _texts(ctx: _Context, given: Sequence[str], label: str) -> Iterator[tuple[str, str]]:
    """(where, text) for each argument; ``-`` reads stdin, one text per line."""
    for n, text in enumerate(given, 1):
        if text == "-":
            for number, line in ctx.stdin_lines():
                yield f"<stdin>:{number}", line
        else:
            yield (f"{label} {n}" if len(given) > 1 else label), text


def _normalize(ctx: _Context, args: argparse.Namespace) -> int:
    results = []
    for where, text in _texts(ctx, args.texts, "TEXT"):
        canonical = str(_list(text, where))
        if ctx.json:
            results.append({"source": where, "text": text, "canonical": canonical})
        else:
            ctx.out.line(canonical)
    if ctx.json:
        from .schemas import NORMALIZE

        ctx.document({"schema": NORMALIZE, "results": results})
    return EXIT_OK


def _argument_versions(given: Sequence[str]) -> dict[int, Version]:
    """Every VERSION given as an argument (not ``-``), by position, all checked
    before any is answered."""
    return {
        n: _version(text, f"VERSION {n}" if len(given) > 1 else "VERSION")
        for n, text in enumerate(given, 1)
        if text != "-"
    }


def _versions(ctx: _Context, args: argparse.Namespace) -> Iterator[tuple[str, Version]]:
    """(text, version) for each VERSION; those from stdin as they come."""
    given = args.versions
    parsed = _argument_versions(given)
    for n, text in enumerate(given, 1):
        if text == "-":
            for number, line in ctx.stdin_lines():
                yield line, _version(line, f"<stdin>:{number}")
        else:
            yield text, parsed[n]


def _contains(ctx: _Context, args: argparse.Namespace) -> int:
    compatible = _list(args.text, "TEXT")
    status = EXIT_OK
    results = []
    for texts, answers in _memberships(ctx, args, compatible):
        if not all(answers):
            status = EXIT_FAILED
        if ctx.json:
            results += [{"version": t, "contains": a} for t, a in zip(texts, answers, strict=True)]
        elif not args.quiet:
            if not "".join(texts).isprintable():  # one check for the block, in C
                texts = list(map(escape, texts))
            # "2.1.3\tyes\n" for each, joined in C: the bulk check's hot loop
            ctx.out.write("".join(map(operator.add, texts, map(_ANSWERS.__getitem__, answers))))
    if ctx.json:
        from .schemas import CONTAINS

        ctx.document(
            {
                "schema": CONTAINS,
                "list": str(compatible),
                "all": status == EXIT_OK,
                "results": results,
            }
        )
    return status


#: What follows a version in contains' answer, by whether the list holds it.
_ANSWERS: Final = ("\tno\n", "\tyes\n")


def _memberships(
    ctx: _Context, args: argparse.Namespace, compatible: RangeSet
) -> Iterator[tuple[list[str], list[bool]]]:
    """Blocks of (texts, whether the list holds each), in the order of the
    VERSIONs; arguments are all checked first.

    Versions from stdin are asked as text, the set's own fast membership
    test, with no Version built, a block of lines at a time: the hot loop
    of a bulk check. The answers before a bad line are still given.
    """
    given = args.versions
    parsed = _argument_versions(given)
    holds = compatible.__contains__
    for n, text in enumerate(given, 1):
        if text != "-":
            yield [text], [parsed[n] in compatible]
            continue
        for first, lines in ctx.stdin_blocks():
            try:
                yield lines, list(map(holds, lines))
            except RangeSpecError:
                # Find the bad line; answer the ones before it.
                for k, line in enumerate(lines):
                    try:
                        if isinstance(line, Overlong):
                            raise _overlong(line) from None
                        holds(line)
                    except RangeSpecError as err:
                        yield lines[:k], list(map(holds, lines[:k]))
                        raise _invalid(f"<stdin>:{first + k}", err, "version") from None
                raise AssertionError("a bad line was not found again") from None  # pragma: no cover


def _filter(ctx: _Context, args: argparse.Namespace) -> int:
    compatible = _list(args.text, "TEXT")
    accepted = sorted(
        ((v, text) for text, v in _versions(ctx, args) if v in compatible), key=lambda p: p[0]
    )
    if ctx.json:
        from .schemas import FILTER

        ctx.document(
            {"schema": FILTER, "list": str(compatible), "accepted": [t for _, t in accepted]}
        )
    else:
        for _, text in accepted:
            ctx.out.line(escape(text))
    return EXIT_OK if accepted else EXIT_FAILED


def _explain(ctx: _Context, args: argparse.Namespace) -> int:
    from ._explain import describe, explain

    rangeset = _list(args.text, "TEXT")
    if ctx.json:
        from .schemas import EXPLAIN

        intervals = [
            {"interval": str(i), "item": item, "words": words}
            for i, item, words in describe(rangeset)
        ]
        ctx.document({"schema": EXPLAIN, "text": rangeset.to_text(), "intervals": intervals})
    else:
        ctx.out.line(explain(rangeset, _width(args.width)))
    return EXIT_OK


def _width(given: int | None) -> int:
    return _columns() if given is None else given


def _diff(ctx: _Context, args: argparse.Namespace) -> int:
    old, new = _list(args.old, "OLD"), _list(args.new, "NEW")
    added, dropped = new - old, old - new
    if ctx.json:
        from .schemas import DIFF

        ctx.document(
            {
                "schema": DIFF,
                "added": _set_json(added),
                "dropped": _set_json(dropped),
            }
        )
    else:
        ctx.out.line(f"added:   {_shown(added)}")
        ctx.out.line(f"dropped: {_shown(dropped)}")
    return EXIT_FAILED if args.fail_on_drop and dropped else EXIT_OK


def _set_json(s: RangeSet) -> dict[str, Any]:
    return {"intervals": [str(i) for i in s.intervals], "text": s.to_text()}


def _shown(s: RangeSet) -> str:
    """A set in interval notation, with its text when it has one."""
    from ._interval import notation

    if not s:
        return "nothing"
    text = s.to_text()
    shown = notation(s.intervals)
    return shown if text is None else f"{shown} ({text})"


def _policy(ctx: _Context, args: argparse.Namespace) -> int:
    from .policy import semver_policy

    version = _version(args.version, "VERSION")
    compatible = str(semver_policy(version))
    if ctx.json:
        from .schemas import POLICY

        ctx.document(
            {"schema": POLICY, "rule": args.rule, "version": str(version), "compatible": compatible}
        )
    else:
        ctx.out.line(compatible)
    return EXIT_OK


# -- validate ----------------------------------------------------------------


def _validate(ctx: _Context, args: argparse.Namespace) -> int:
    from ._validation import validate, validate_version

    inputs = args.inputs
    if not inputs:
        raise _Failure("give a TEXT, '-', -f FILE or --attribute FILE", usage=True)
    own = _version(args.own_version, "--own-version") if args.own_version is not None else None
    failed = False
    writer = _ReportWriter(ctx)
    try:
        for where, text, kind in _validate_inputs(ctx, inputs, args.version_attr):
            if isinstance(text, Overlong):
                from ._validation import overlong_report

                report = overlong_report(str(text), "version" if kind == "version" else "list")
            elif kind == "version":
                report = validate_version(text)
            else:
                report = validate(text, own_version=own)
            failed |= not report.ok or bool(args.strict and report.warnings)
            writer.add(where, report)
    except _Failure as exc:
        writer.close(exc)
        raise
    writer.close(None)
    return EXIT_FAILED if failed else EXIT_OK


def _validate_inputs(
    ctx: _Context, inputs: list[tuple[str, str]], version_attr: bool
) -> Iterator[tuple[str, str, str]]:
    """(where, text, kind) for each input, in the order given on the command line."""
    default = "version" if version_attr else "list"
    n = 0
    for source, value in inputs:
        if source == "text" and value == "-":
            for number, text in ctx.stdin_lines():
                yield f"<stdin>:{number}", text, default
        elif source == "text":
            n += 1
            yield f"<arg {n}>", value, default
        elif source == "file":
            try:
                stream = open(value, "rb")  # noqa: SIM115 - closed below, after the lines
            except OSError as exc:
                raise _Failure(f"{escape(value)}: cannot be read: {exc.strerror or exc}") from None
            label = escape(value)
            with stream:
                for number, text in _lines(stream, value):
                    yield f"{label}:{number}", text, default
        else:  # an attribute file, read as scan reads it
            from .sysfs import VERSION_ATTRIBUTE, SysfsError, read_attribute

            try:
                text = read_attribute(value)
            except SysfsError as exc:
                raise _Failure(str(exc)) from None
            import os

            named = os.path.basename(value) == VERSION_ATTRIBUTE
            yield value, text, "version" if (version_attr or named) else "list"


class _ReportWriter:
    """Validate's output: verdict lines and diagnostics, or one streamed JSON document."""

    def __init__(self, ctx: _Context) -> None:
        self.ctx = ctx
        self.first = True
        self.color = False
        if ctx.json:
            from .schemas import REPORT

            ctx.out.write(f'{{\n  "schema": "{REPORT}",\n  "results": [')
        else:
            from .render import use_color

            self.color = sys.stderr is not None and use_color(sys.stderr)

    def add(self, where: str, report: Report) -> None:
        if self.ctx.json:
            import json

            from .render import render_json

            row = render_json([(where, report)])["results"][0]
            body = json.dumps(row, indent=2).replace("\n", "\n    ")
            self.ctx.out.write(("\n    " if self.first else ",\n    ") + body)
            self.first = False
            return
        from .render import render_human

        if report.diagnostics or report.fix is not None:
            self.ctx.err(render_human(report, source=where, color=self.color))
        self.ctx.out.line(f"{escape(where)}: {_verdict(report)}")

    def close(self, failure: _Failure | None) -> None:
        if not self.ctx.json:
            return
        import json

        error = None if failure is None else _error_json(self.ctx.name, failure)["error"]
        tail = json.dumps(error, indent=2).replace("\n", "\n  ")
        self.ctx.out.write(("\n  " if not self.first else "") + f'],\n  "error": {tail}\n}}\n')
        if failure is not None:
            failure.usage = False  # the document says it; main still prints the message
            self.ctx.failure_written = True


def _verdict(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        return f"invalid ({errors} error{'s' * (errors != 1)})"
    if warnings:
        return f"ok ({warnings} warning{'s' * (warnings != 1)})"
    return "ok"


# -- compat ------------------------------------------------------------------


def _compat(ctx: _Context, args: argparse.Namespace) -> int:
    from .migration import check_both_ways, check_migration
    from .sysfs import read_device

    # A device's attributes, or values: never a value standing in for what the
    # device publishes, which might be invalid.
    for side in ("src", "dst"):
        values = [f"--{side}-{what}" for what in ("version", "compatible")]
        given = [v for v in values if getattr(args, v[2:].replace("-", "_")) is not None]
        if getattr(args, side) is not None and given:
            raise _Failure(
                f"--{side} DIR reads the device's attributes: give it or {' and '.join(given)}, "
                "not both",
                usage=True,
            )
    devices = {}
    for side in ("src", "dst"):
        directory = getattr(args, side)
        if directory is not None:
            devices[side] = read_device(directory)

    def version(side: str, option: str) -> Version | None:
        given = getattr(args, f"{side}_version")
        if given is not None:
            return _version(given, option)
        if side in devices:
            found: Version = _required(devices[side].interface_version.require)
            return found
        return None

    def compatible(side: str, option: str) -> str | None:
        given = getattr(args, f"{side}_compatible")
        if given is not None:
            _list(given, option)  # checked here, so the option is named in an error
            return str(given)
        if side in devices:
            _required(devices[side].interface_version_compatible.require)
            return devices[side].interface_version_compatible.text
        return None

    # Every input is read and checked before anything is decided or printed.
    there = version("src", "--src-version")
    there_list = compatible("dst", "--dst-compatible")
    if there is None:
        raise _Failure(
            "the source's interface_version is needed: give --src DIR or --src-version V",
            usage=True,
        )
    if there_list is None:
        raise _Failure(
            "the destination's list is needed: give --dst DIR or --dst-compatible TEXT", usage=True
        )
    if args.both_ways:
        back = version("dst", "--dst-version")
        back_list = compatible("src", "--src-compatible")
        if back is None:
            raise _Failure(
                "--both-ways needs the destination's interface_version: "
                "give --dst DIR or --dst-version V",
                usage=True,
            )
        if back_list is None:
            raise _Failure(
                "--both-ways needs the source's list: give --src DIR or --src-compatible TEXT",
                usage=True,
            )
        migration = check_both_ways(
            source_version=there,
            source_compatible=back_list,
            destination_version=back,
            destination_compatible=there_list,
        )
    else:
        from .migration import Migration

        migration = Migration(check_migration(there, there_list))
    if ctx.json:
        ctx.document(migration.to_json())
    else:
        names = [("source", "destination"), ("destination", "source")]
        for (frm, to), verdict in zip(names, migration.directions(), strict=False):
            answer = "yes" if verdict.allowed else "no"
            ctx.out.line(f"{frm} -> {to}: {answer}: {verdict.reason}")
    return EXIT_OK if migration.allowed else EXIT_FAILED


def _required(require: Callable[[], Any]) -> Any:
    from .sysfs import SysfsError

    try:
        return require()
    except SysfsError as exc:
        raise _Failure(str(exc)) from None


# -- scan --------------------------------------------------------------------


def _scan(ctx: _Context, args: argparse.Namespace) -> int:
    from .sysfs import SysfsError, scan

    if args.host is not None and not args.host:
        raise _Failure("--host must not be empty", usage=True)
    try:
        inventory = scan(args.sysfs_root, host=args.host)
    except SysfsError as exc:
        raise _Failure(str(exc)) from None
    if ctx.json:
        ctx.document(inventory.to_json())
    else:
        from ._scan_table import scan_table

        for line in scan_table(inventory):
            ctx.out.line(line)
    if not inventory.devices and not inventory.errors:
        ctx.err(
            f"rangespec scan: no device under {escape(inventory.sysfs_root)} carries "
            "the migration version attributes"
        )
    return EXIT_OK if inventory.ok else EXIT_FAILED


# -- vectors and fuzz --------------------------------------------------------


def _vectors(ctx: _Context, args: argparse.Namespace) -> int:
    import json

    from .vectors import generate

    if args.count < 0:
        raise _Failure("--count must be at least 0", usage=True)
    lines = (json.dumps(v) + "\n" for v in generate(args.count, args.seed))
    if args.out is None:
        for line in lines:
            ctx.out.write(line)
        return EXIT_OK
    try:
        with open(args.out, "w", encoding="utf-8") as out:
            out.writelines(lines)
    except OSError as exc:
        raise _Failure(f"{escape(args.out)}: cannot be written: {exc.strerror or exc}") from None
    return EXIT_OK


def _fuzz(ctx: _Context, args: argparse.Namespace) -> int:
    from ._fuzz_cli import run

    return run(ctx, args)


def _fleet(ctx: _Context, args: argparse.Namespace) -> int:
    from ._fleet_cli import run

    return run(ctx, args)


# -- the argument parsers ----------------------------------------------------

_FORMAT_HELP: Final = "human (the default) or json: one JSON document on stdout"


def _columns() -> int:
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


def _new_parser(name: str, description: str) -> argparse.ArgumentParser:
    return _parser_class()(
        prog=f"rangespec {name}",
        description=description,
        allow_abbrev=False,
        formatter_class=_help_formatter(),
    )


@functools.cache
def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse's parser, made when the first one is: its usage errors quote the
    arguments, which are outside text and are shown escaped like all others."""
    import argparse

    class Parser(argparse.ArgumentParser):
        # argparse swallows write errors, and with stderr closed it writes
        # the usage to stdout: the usage goes to stderr or nowhere, and help
        # goes through Output, so a closed or full stdout, or a broken pipe,
        # has its documented status here too.
        def error(self, message: str) -> NoReturn:
            _stderr(f"{self.format_usage().rstrip()}\n{self.prog}: error: {shown(message)}")
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
def _help_formatter() -> type[argparse.HelpFormatter]:
    """The formatter class, made when the first parser is: argparse loads only then."""
    import argparse

    class _Help(argparse.RawDescriptionHelpFormatter):
        """The description as written; each option's help on the option's line.

        argparse makes a formatter for every option it adds, and left to itself
        imports shutil each time to ask the terminal's width; asking os is as
        good and keeps a one-shot command's start-up light.
        """

        def __init__(self, prog: str) -> None:
            super().__init__(prog, max_help_position=32, width=_columns() - 2)

    return _Help


def _format_option(parser: argparse.ArgumentParser, default: str = "human") -> None:
    parser.add_argument("--format", choices=["human", "json"], default=default, help=_FORMAT_HELP)


_LIST_HELP: Final = "an interface_version_compatible list"


def _p_normalize() -> argparse.ArgumentParser:
    p = _new_parser(
        "normalize",
        "Print the canonical text of each TEXT ('-' reads one text per line from stdin).\n"
        "Exit 0, or 2 if a TEXT is invalid.",
    )
    p.add_argument("texts", metavar="TEXT", nargs="+", help=f"{_LIST_HELP}, or '-'")
    _format_option(p)
    return p


def _p_contains() -> argparse.ArgumentParser:
    p = _new_parser(
        "contains",
        "Print VERSION<TAB>yes|no for each VERSION ('-' reads one per line from stdin).\n"
        "Exit 0 if TEXT accepts every VERSION, 1 if it rejects one, 2 if TEXT or a\n"
        "VERSION is invalid.",
    )
    p.add_argument("text", metavar="TEXT", help=_LIST_HELP)
    p.add_argument("versions", metavar="VERSION", nargs="+", help="an interface_version, or '-'")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing, only exit")
    _format_option(p)
    return p


def _p_filter() -> argparse.ArgumentParser:
    p = _new_parser(
        "filter",
        "Print the VERSIONs that TEXT accepts, in ascending order, one per line\n"
        "('-' reads versions from stdin). Exit 0 if one is accepted, 1 if none is,\n"
        "2 if TEXT or a VERSION is invalid.",
    )
    p.add_argument("text", metavar="TEXT", help=_LIST_HELP)
    p.add_argument("versions", metavar="VERSION", nargs="+", help="an interface_version, or '-'")
    _format_option(p)
    return p


def _p_validate() -> argparse.ArgumentParser:
    p = _new_parser(
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
    _format_option(p)
    return p


# validate's options that take a value, to put the inputs in argument order.
_VALIDATE_VALUES: Final = {"-f": "file", "--file": "file", "--attribute": "attribute"}
_VALIDATE_OTHER_VALUES: Final = frozenset({"--own-version", "--format"})


def _negative_number(token: str) -> bool:
    return token[1:].replace(".", "", 1).isdigit() and not token.endswith(".")


def _split_at_dashes(argv: list[str]) -> tuple[list[str], list[str]]:
    """The arguments before the first ``--``, and those after it (all texts)."""
    if "--" not in argv:
        return argv, []
    at = argv.index("--")
    return argv[:at], argv[at + 1 :]


def _input_order(argv: Sequence[str]) -> list[tuple[str, str]]:
    """validate's inputs as ("text" | "file" | "attribute", value), in argv order.

    argparse gives texts and files as separate lists, so their order is
    read back from the command line here; ``_run`` checks that both agree.
    """
    order: list[tuple[str, str]] = []
    tokens = iter(argv)
    for token in tokens:
        if token == "--":
            order.extend(("text", t) for t in tokens)
            break
        # argparse reads "-1" and "-.5" as values, since no option looks like them
        if token == "-" or not token.startswith("-") or _negative_number(token):
            order.append(("text", token))
            continue
        flag, equals, value = token.partition("=")
        if flag in _VALIDATE_VALUES:
            order.append((_VALIDATE_VALUES[flag], value if equals else next(tokens, "")))
        elif token.startswith("-f") and not token.startswith("--"):
            order.append(("file", token[2:]))
        elif flag in _VALIDATE_OTHER_VALUES and not equals:
            next(tokens, None)
    return order


def _p_explain() -> argparse.ArgumentParser:
    p = _new_parser(
        "explain",
        "Print each interval of TEXT in interval notation, as an item and in words,\n"
        "then a picture of the intervals on a version axis, cut to the terminal's width.",
    )
    p.add_argument("text", metavar="TEXT", help=_LIST_HELP)
    p.add_argument("--width", type=int, metavar="COLUMNS", help="cut the picture to COLUMNS")
    _format_option(p)
    return p


def _p_diff() -> argparse.ArgumentParser:
    p = _new_parser(
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
    _format_option(p)
    return p


def _p_compat() -> argparse.ArgumentParser:
    p = _new_parser(
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
    _format_option(p)
    return p


def _p_scan() -> argparse.ArgumentParser:
    p = _new_parser(
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
    _format_option(p)
    return p


def _p_policy() -> argparse.ArgumentParser:
    p = _new_parser(
        "policy",
        "Print the list a policy gives a device of VERSION. semver: same major, a\n"
        "source minor not newer than ours, any patch (2.1.3 gives 2.0.0-2.1.*).",
    )
    p.add_argument("rule", choices=["semver"], help="the policy")
    p.add_argument("version", metavar="VERSION", help="the device's interface_version")
    _format_option(p)
    return p


def _p_vectors() -> argparse.ArgumentParser:
    p = _new_parser(
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


def _p_fuzz() -> argparse.ArgumentParser:
    from ._fuzz_cli import build_parser

    return build_parser()


def _p_fleet() -> argparse.ArgumentParser:
    from ._fleet_cli import build_parser

    return build_parser()


#: name -> (summary, parser, run)
_COMMANDS: Final[
    dict[
        str,
        tuple[
            str,
            Callable[[], argparse.ArgumentParser],
            Callable[[_Context, argparse.Namespace], int],
        ],
    ]
] = {
    "normalize": ("print the canonical form of lists", _p_normalize, _normalize),
    "contains": ("check versions against a list", _p_contains, _contains),
    "filter": ("print the versions a list accepts, sorted", _p_filter, _filter),
    "validate": ("report every problem of lists or versions", _p_validate, _validate),
    "explain": ("describe a list in words and as a picture", _p_explain, _explain),
    "diff": ("what a new list adds and drops", _p_diff, _diff),
    "compat": ("may a device migrate from a source to a destination", _p_compat, _compat),
    "scan": ("validate the attributes of every device on this host", _p_scan, _scan),
    "policy": ("the list a common policy gives a version", _p_policy, _policy),
    "vectors": ("write conformance test vectors (JSON Lines)", _p_vectors, _vectors),
    "fuzz": ("fuzz another implementation against rangespec", _p_fuzz, _fuzz),
    "fleet": ("migration across a fleet's inventories", _p_fleet, _fleet),
}


_USAGE: Final = "usage: rangespec [--version] [--help] COMMAND [ARGS...]"


def _top_help() -> str:
    from . import __version__

    width = max(map(len, _COMMANDS))
    lines = [
        _USAGE,
        "",
        "Check interface_version and interface_version_compatible strings and decide",
        "device migration (rangespec " + __version__ + ").",
        "",
        "commands:",
        *(f"  {name.ljust(width)}  {summary}" for name, (summary, _, _) in _COMMANDS.items()),
        "",
        "'rangespec COMMAND --help' describes a command. A text that starts with '-'",
        "goes after '--'. Exit codes: 0 ok, 1 the check failed, 2 bad usage or invalid",
        "or unreadable input, 130 interrupted, 141 a broken pipe (docs/cli.md).",
    ]
    return "\n".join(lines)


def _usage_error(prog: str, usage: str, message: str) -> int:
    _stderr(f"{usage.rstrip()}\n{prog}: error: {message}")
    return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (docs/cli.md, "Exit codes").

    >>> main(["normalize", "2.1.0-,2.0.3,2.0.2-2.0.4"])
    2.0.2-2.0.4,2.1.0+
    0
    """
    args = list(sys.argv[1:] if argv is None else argv)
    out = Output(sys.stdout)
    try:
        return _run(args, out)
    except OutputBroken:
        silence_stdout()
        return EXIT_BROKEN_PIPE
    except OutputFailed as exc:
        _stderr(f"rangespec: error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _stderr("rangespec: interrupted")
        return EXIT_INTERRUPTED


def _run(args: list[str], out: Output) -> int:
    if not args:
        return _usage_error(
            "rangespec", _USAGE, "a COMMAND is needed ('rangespec --help' lists them)"
        )
    if args[0] in ("-h", "--help"):
        out.line(_top_help())
        out.flush()
        return EXIT_OK
    if args[0] == "--version":
        from . import __version__

        out.line(f"rangespec {__version__}")
        out.flush()
        return EXIT_OK
    name = args[0]
    if name not in _COMMANDS:
        choices = ", ".join(_COMMANDS)
        return _usage_error(
            "rangespec", _USAGE, f"unknown command '{escape(name)}' (choose from {choices})"
        )
    _, build, run = _COMMANDS[name]
    parser = None
    namespace = _plain(name, args[1:])
    if namespace is None:
        parser = build()
        try:
            if name == "validate":
                # Texts and options may come in any order. parse_intermixed_args
                # drops a leading "--" and then reads what follows it as
                # options, so split there: all after it are texts.
                before, after = _split_at_dashes(args[1:])
                namespace = parser.parse_intermixed_args(before)
                namespace.texts += after
            else:
                namespace = parser.parse_args(args[1:])
        except SystemExit as exc:  # argparse has printed help or the usage error
            out.flush()
            return EXIT_USAGE if exc.code else EXIT_OK
    if name == "validate":
        given = [("text", t) for t in namespace.texts]
        given += [("file", f) for f in namespace.files]
        given += [("attribute", a) for a in namespace.attributes]
        order = _input_order(args[1:])
        # Never an input left out: should the order read back miss one, argparse's
        # lists decide (texts first).
        namespace.inputs = order if sorted(order) == sorted(given) else given
    ctx = _Context(name, out, getattr(namespace, "format", "human"))
    try:
        status = run(ctx, namespace)
        out.flush()
        return status
    except _Failure as exc:
        out.flush()
        if ctx.json and not ctx.failure_written:
            ctx.document(_error_json(name, exc))
            out.flush()
        if exc.usage:
            parser = getattr(namespace, "usage_parser", None) or parser or build()
            return _usage_error(parser.prog, parser.format_usage(), exc.message)
        _stderr(f"rangespec {name}: error: {exc.message}")
        return EXIT_USAGE


def _plain(name: str, argv: list[str]) -> argparse.Namespace | None:
    """The arguments of a hot command given with no option at all, without argparse.

    A one-shot ``rangespec contains LIST VERSION`` in a shell loop spends
    more on building argparse's parser than on its answer. This twin reads
    only the common shape, plain values (``-`` included), and gives the
    namespace argparse would; anything else, even ``--``, it leaves to
    argparse (None). tests/test_cli.py checks the two agree.
    """
    if any(token.startswith("-") and token != "-" for token in argv):
        return None
    if name == "normalize" and argv:
        return _Namespace(texts=argv, format="human")
    if name == "contains" and len(argv) >= 2:
        return _Namespace(text=argv[0], versions=argv[1:], quiet=False, format="human")
    if name == "validate":
        return _Namespace(
            texts=argv,
            files=[],
            attributes=[],
            version_attr=False,
            own_version=None,
            strict=False,
            format="human",
        )
    return None


def _error_json(command: str, failure: _Failure) -> dict[str, Any]:
    from .schemas import ERROR

    err, fix = failure.error, failure.fix
    return {
        "schema": ERROR,
        "command": command,
        "error": {
            "where": failure.where,
            "message": failure.message if err is None else err.message,
            "code": None if err is None else err.code.value,
            "text": None if err is None else err.text,
            "offset": None if err is None else err.offset,
            "end": None if err is None else err.end,
            "fix": None if fix is None else fix.to_json(),
        },
    }
