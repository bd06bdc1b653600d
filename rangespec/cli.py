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
are imported, so a one-shot ``rangespec contains`` starts fast: the
parsers live in rangespec._cli_parsers and the commands other than
normalize, contains and validate in rangespec._cli_commands, each loaded
when needed.
"""

from __future__ import annotations

import functools
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
from ._excerpt import escape
from ._limits import DEFAULT_MAX_LENGTH

# typing (and argparse, until a parser is built) is imported for type
# checkers only: a one-shot command starts fast.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from argparse import Namespace as _Namespace
    from typing import Any, Final, Literal

    from ._diagnostics import Fix, Report
    from ._errors import RangeSpecError
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
    except ValueError as exc:  # a RangeSpecError (_rejection)
        raise _invalid(where, _rejection(exc), "list") from None


def _version(text: str, where: str) -> Version:
    from ._version import parse_version

    try:
        if isinstance(text, Overlong):
            raise _overlong(text)
        return parse_version(text)
    except ValueError as exc:  # a RangeSpecError (_rejection)
        raise _invalid(where, _rejection(exc), "version") from None


def _rejection(exc: ValueError) -> RangeSpecError:
    """``exc``, a RangeSpecError; anything else is raised again as it is.

    RangeSpecError is caught as the ValueError it is, so that its module,
    with the ErrorCode enum, loads only with the first invalid input: a
    one-shot check of valid input never pays for it.
    """
    from ._errors import RangeSpecError

    if isinstance(exc, RangeSpecError):
        return exc
    raise exc


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
        raise _Failure(f"{escape(label)}: {exc}", where=escape(label)) from None


def _stderr(text: str) -> None:
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(text + "\n")
        stream.flush()
    except (OSError, ValueError):
        pass  # nowhere left to say it


# -- normalize, contains ------------------------------------------------------


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


def _contains(ctx: _Context, args: argparse.Namespace) -> int:
    compatible = _list(args.text, "TEXT")
    status = EXIT_OK
    results = []
    for texts, answers, read in _memberships(ctx, args, compatible):
        if not all(answers):
            status = EXIT_FAILED
        if ctx.json:
            results += [{"version": t, "contains": a} for t, a in zip(texts, answers, strict=True)]
        elif not args.quiet:
            # A line read and answered is a version: digits and dots. An
            # argument may end with a newline ("2.1\n" is a version too).
            if not read and not "".join(texts).isprintable():
                texts = list(map(escape, texts))
            # "2.1.3\tyes\n" for each, laid out and joined in C: the bulk
            # check's hot loop
            out = texts * 2
            out[::2] = texts
            out[1::2] = map(_ANSWERS.__getitem__, answers)
            ctx.out.write("".join(out))
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
) -> Iterator[tuple[list[str], list[bool], bool]]:
    """Blocks of (texts, whether the list holds each, whether they are lines
    read from stdin), in the order of the VERSIONs; arguments are all
    checked first.

    Versions from stdin are asked as text, the set's own fast membership
    test, with no Version built, a block of lines at a time: the hot loop
    of a bulk check. The answers before a bad line are still given.
    """
    given = args.versions
    parsed = _argument_versions(given)
    holds = compatible.__contains__
    for n, text in enumerate(given, 1):
        if text != "-":
            yield [text], [parsed[n] in compatible], False
            continue
        for first, lines in ctx.stdin_blocks():
            try:
                yield lines, list(map(holds, lines)), True
            except ValueError:  # a RangeSpecError (_rejection)
                # Find the bad line; answer the ones before it.
                for k, line in enumerate(lines):
                    try:
                        if isinstance(line, Overlong):
                            raise _overlong(line) from None
                        holds(line)
                    except ValueError as exc:
                        error = _rejection(exc)
                        yield lines[:k], list(map(holds, lines[:k])), True
                        raise _invalid(f"<stdin>:{first + k}", error, "version") from None
                raise AssertionError("a bad line was not found again") from None  # pragma: no cover


# -- validate ----------------------------------------------------------------


def _validate(ctx: _Context, args: argparse.Namespace) -> int:
    from ._validation import clean, validate, validate_version

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
            elif own is None and not ctx.json and clean(text):
                writer.clean(where)  # the common case, with no report to build
                continue
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
                where = escape(value)
                raise _Failure(
                    f"{where}: cannot be read: {exc.strerror or exc}", where=where
                ) from None
            with stream:  # the name as given: the writer escapes it, once
                for number, text in _lines(stream, value):
                    yield f"{value}:{number}", text, default
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
        if ctx.json:
            from .schemas import REPORT

            ctx.out.write(f'{{\n  "schema": "{REPORT}",\n  "results": [')

    @functools.cached_property
    def color(self) -> bool:
        from .render import use_color

        return sys.stderr is not None and use_color(sys.stderr)

    def clean(self, where: str) -> None:
        """A text that ``validate`` would find nothing in (human output)."""
        self.ctx.out.line(f"{escape(where)}: ok")

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


# -- reading the command line -------------------------------------------------


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


#: Every command and what it does. Its parser is built by
#: rangespec._cli_parsers and only when needed; normalize, contains and
#: validate run here, the others in rangespec._cli_commands, loaded when
#: one of them runs: a one-shot check loads neither module.
_COMMANDS: Final = {
    "normalize": "print the canonical form of lists",
    "contains": "check versions against a list",
    "filter": "print the versions a list accepts, sorted",
    "validate": "report every problem of lists or versions",
    "explain": "describe a list in words and as a picture",
    "diff": "what a new list adds and drops",
    "compat": "may a device migrate from a source to a destination",
    "scan": "validate the attributes of every device on this host",
    "policy": "the list a common policy gives a version",
    "vectors": "write conformance test vectors (JSON Lines)",
    "fuzz": "fuzz another implementation against rangespec",
    "fleet": "migration across a fleet's inventories",
}


def _runner(name: str) -> Callable[[_Context, argparse.Namespace], int]:
    if name == "normalize":
        return _normalize
    if name == "contains":
        return _contains
    if name == "validate":
        return _validate
    from ._cli_commands import RUNNERS

    return RUNNERS[name]


def _build(name: str) -> argparse.ArgumentParser:
    from ._cli_parsers import PARSERS

    return PARSERS[name]()


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
        *(f"  {name.ljust(width)}  {summary}" for name, summary in _COMMANDS.items()),
        "",
        "'rangespec COMMAND --help' describes a command. A text that starts with '-'",
        "goes after '--'. Exit codes: 0 ok, 1 the check failed, 2 bad usage or invalid",
        "or unreadable input, 130 interrupted, 141 a broken pipe (docs/cli.md).",
    ]
    return "\n".join(lines)


def _usage_error(prog: str, usage: str, message: str) -> int:
    _stderr(f"{usage.rstrip()}\n{prog}: error: {_bounded(message)}")
    return EXIT_USAGE


#: The longest usage error message printed; an argument quoted in it may be
#: as long as the command line.
_MESSAGE_LIMIT: Final = 400


def _bounded(message: str) -> str:
    """``message`` cut after _MESSAGE_LIMIT characters, saying so.

    >>> _bounded("x" * 500)[-23:]
    'xxx... (500 characters)'
    """
    if len(message) <= _MESSAGE_LIMIT:
        return message
    return f"{message[:_MESSAGE_LIMIT]}... ({len(message)} characters)"


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
    parser = None
    namespace = _plain(name, args[1:])
    if namespace is None:
        parser = _build(name)
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
        status = _runner(name)(ctx, namespace)
        out.flush()
        return status
    except _Failure as exc:
        out.flush()
        if ctx.json and not ctx.failure_written:
            ctx.document(_error_json(name, exc))
            out.flush()
        if exc.usage:
            parser = getattr(namespace, "usage_parser", None) or parser or _build(name)
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
