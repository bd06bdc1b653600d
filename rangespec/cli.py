"""The ``rangespec`` command: thin commands over the library.

Exit codes: 0 ok; 1 the check failed; 2 bad usage or unreadable or invalid
input. Data goes to stdout, diagnostics to stderr. docs/cli.md describes
each command.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Callable, Iterator, Sequence
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version
from pathlib import Path
from typing import Any

from .compat import Verdict, check_migration
from .diagnostics import Report
from .errors import RangeSpecError
from .explain import explain
from .interval import notation
from .parsing import parse, parse_version
from .policy import semver_policy
from .rangeset import RangeSet
from .render import render_human, render_json, use_color
from .sysfs import (
    COMPATIBLE_ATTRIBUTE,
    VERSION_ATTRIBUTE,
    Device,
    SysfsError,
    find_attribute,
    find_devices,
    read_attribute,
)
from .validation import validate, validate_version
from .version import Version

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class _UsageError(Exception):
    """Bad usage found after argument parsing; main prints it and exits 2."""


def _out(line: str = "") -> None:
    print(line, file=sys.stdout)


def _err(line: str) -> None:
    print(line, file=sys.stderr)


# -- normalize, contains, explain, diff, policy ------------------------------


def _normalize(args: argparse.Namespace) -> int:
    _out(str(parse(args.text)))
    return EXIT_OK


def _contains(args: argparse.Namespace) -> int:
    compatible = parse(args.text)
    versions = [parse_version(v) for v in args.versions]
    status = EXIT_OK
    for given, version in zip(args.versions, versions, strict=True):
        inside = version in compatible
        if not args.quiet:
            _out(f"{given}\t{'yes' if inside else 'no'}")
        if not inside:
            status = EXIT_FAILED
    return status


def _explain(args: argparse.Namespace) -> int:
    _out(explain(parse(args.text)))
    return EXIT_OK


def _shown(s: RangeSet) -> str:
    """A set in interval notation, with its text when it has one."""
    if not s:
        return "nothing"
    return f"{notation(s.intervals)} ({s})" if s.is_representable else notation(s.intervals)


def _diff(args: argparse.Namespace) -> int:
    old, new = parse(args.old), parse(args.new)
    added, dropped = new - old, old - new
    _out(f"added:   {_shown(added)}")
    _out(f"dropped: {_shown(dropped)}")
    return EXIT_FAILED if args.fail_on_drop and dropped else EXIT_OK


def _policy(args: argparse.Namespace) -> int:
    _out(str(semver_policy(parse_version(args.version))))
    return EXIT_OK


# -- validate ----------------------------------------------------------------


def _texts(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    """(label, text) for each text to validate, in the order given."""
    for n, text in enumerate(args.texts, 1):
        if text == "-":
            yield from _lines("<stdin>", sys.stdin.buffer.read())
        else:
            yield f"<arg {n}>", text
    for path in args.files:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise _UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
        yield from _lines(path, data)


def _lines(label: str, data: bytes) -> Iterator[tuple[str, str]]:
    # Undecodable bytes stay visible as lone surrogates, which the grammar
    # rejects with an offset, instead of failing the whole file.
    text = data.decode("utf-8", errors="surrogateescape")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, 1):
        yield f"{label}:{number}", line


def _validate(args: argparse.Namespace) -> int:
    if not args.texts and not args.files:
        raise _UsageError("validate needs a TEXT, '-' or -f FILE")
    own = parse_version(args.own_version) if args.own_version is not None else None
    results: list[tuple[str, Report]] = []
    for label, text in _texts(args):
        if args.version_attr:
            results.append((label, validate_version(text)))
        else:
            results.append((label, validate(text, own_version=own)))
    failed = any(not r.ok or (args.strict and r.warnings) for _, r in results)
    if args.format == "json":
        _out(json.dumps(render_json(results), indent=2))
    else:
        color = use_color(sys.stderr)
        for label, report in results:
            if report.diagnostics:
                _err(render_human(report, source=label, color=color))
            _out(f"{label}: {_verdict(report)}")
    return EXIT_FAILED if failed else EXIT_OK


def _verdict(report: Report) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        return f"invalid ({errors} error{'s' * (errors != 1)})"
    if warnings:
        return f"ok ({warnings} warning{'s' * (warnings != 1)})"
    return "ok"


# -- compat ------------------------------------------------------------------


def _side_version(directory: str | None, given: str | None, name: str) -> Version | None:
    if given is not None:
        return parse_version(given)
    if directory is None:
        return None
    path = find_attribute(directory, VERSION_ATTRIBUTE)
    try:
        return parse_version(read_attribute(path))
    except RangeSpecError as exc:
        raise _UsageError(f"{path}: invalid {name} interface_version:\n{exc}") from None


def _side_compatible(directory: str | None, given: str | None) -> tuple[str, str] | None:
    """The compatible list and where it came from."""
    if given is not None:
        return given, "the given list"
    if directory is None:
        return None
    path = find_attribute(directory, COMPATIBLE_ATTRIBUTE)
    return read_attribute(path), str(path)


def _compat(args: argparse.Namespace) -> int:
    # (from, to, from's dir, from's version, to's dir, to's list, options naming each)
    directions = [
        (
            "source",
            "destination",
            args.src,
            args.src_version,
            args.dst,
            args.dst_compatible,
            "--src DIR or --src-version V",
            "--dst DIR or --dst-compatible TEXT",
        ),
    ]
    if args.both_ways:
        directions.append(
            (
                "destination",
                "source",
                args.dst,
                args.dst_version,
                args.src,
                args.src_compatible,
                "--dst DIR or --dst-version V",
                "--src DIR or --src-compatible TEXT",
            )
        )
    status = EXIT_OK
    verdicts: list[dict[str, Any]] = []
    for frm, to, frm_dir, frm_version, to_dir, to_list, need_version, need_list in directions:
        version = _side_version(frm_dir, frm_version, frm)
        if version is None:
            raise _UsageError(f"the {frm}'s interface_version is needed: give {need_version}")
        compatible = _side_compatible(to_dir, to_list)
        if compatible is None:
            raise _UsageError(f"the {to}'s compatible list is needed: give {need_list}")
        text, origin = compatible
        try:
            verdict = check_migration(version, text)
        except RangeSpecError as exc:
            raise _UsageError(
                f"{origin}: invalid {to} interface_version_compatible:\n{exc}"
            ) from None
        verdicts.append(_verdict_json(frm, to, verdict))
        if not verdict.allowed:
            status = EXIT_FAILED
        if args.format == "human":
            _out(f"{frm} -> {to}: {'yes' if verdict.allowed else 'no'}: {verdict.reason}")
    if args.format == "json":
        _out(json.dumps({"allowed": status == EXIT_OK, "directions": verdicts}, indent=2))
    return status


def _verdict_json(frm: str, to: str, verdict: Verdict) -> dict[str, Any]:
    return {
        "from": frm,
        "to": to,
        "allowed": verdict.allowed,
        "version": str(verdict.version),
        "compatible": str(verdict.compatible),
        "reason": verdict.reason,
    }


# -- scan --------------------------------------------------------------------


def _scan_attribute(device: Device, name: str, own: Version | None) -> dict[str, Any]:
    path = find_attribute(device.path, name)
    try:
        text = read_attribute(path)
    except SysfsError as exc:
        return {"path": str(path), "read_error": {"code": exc.code, "message": exc.message}}
    if name == VERSION_ATTRIBUTE:
        report = validate_version(text)
    else:
        report = validate(text, own_version=own)
    return {"path": str(path), "read_error": None, **report.to_json()}


def _scan(args: argparse.Namespace) -> int:
    root = Path(args.sysfs_root)
    if not root.is_dir():
        raise _UsageError(f"{root}: no such directory")
    devices = []
    for device in find_devices(root):
        version = _scan_attribute(device, VERSION_ATTRIBUTE, None)
        own = parse_version(version["text"]) if version.get("ok") else None
        compatible = _scan_attribute(device, COMPATIBLE_ATTRIBUTE, own)
        devices.append(
            {
                "name": device.name,
                "bus": device.bus,
                "path": str(device.path),
                "status": _device_status(version, compatible),
                VERSION_ATTRIBUTE: version,
                COMPATIBLE_ATTRIBUTE: compatible,
            }
        )
    if args.format == "json":
        doc = {"schema": "rangespec.scan/1", "sysfs_root": str(root), "devices": devices}
        _out(json.dumps(doc, indent=2))
    else:
        _scan_table(devices)
    if not devices:
        _err(f"rangespec: no device under {root} carries the migration version attributes")
    return EXIT_FAILED if any(d["status"] == "error" for d in devices) else EXIT_OK


def _device_status(*attributes: dict[str, Any]) -> str:
    if any(a["read_error"] or not a["ok"] for a in attributes):
        return "error"
    if any(a["diagnostics"] for a in attributes):
        return "warning"
    return "ok"


def _scan_table(devices: list[dict[str, Any]]) -> None:
    def cell(attribute: dict[str, Any]) -> str:
        if attribute["read_error"]:
            return f"<{attribute['read_error']['code']}>"
        return str(attribute["text"]) if attribute["ok"] else f"<invalid: {attribute['text']!r}>"

    rows = [("DEVICE", "BUS", "VERSION", "COMPATIBLE", "STATUS")]
    for d in devices:
        problems = [
            p
            for a in (d[VERSION_ATTRIBUTE], d[COMPATIBLE_ATTRIBUTE])
            for p in (
                [a["read_error"]["code"]]
                if a["read_error"]
                else [x["code"] for x in a["diagnostics"]]
            )
        ]
        status = d["status"] + (f" ({', '.join(problems)})" if problems else "")
        rows.append(
            (d["name"], d["bus"], cell(d[VERSION_ATTRIBUTE]), cell(d[COMPATIBLE_ATTRIBUTE]), status)
        )
    widths = [max(len(r[k]) for r in rows) for k in range(4)]
    for r in rows:
        _out("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[4])


# -- vectors and fuzz --------------------------------------------------------


def _vectors(args: argparse.Namespace) -> int:
    from .vectors import SCHEMA, generate

    if args.count < 0:
        raise _UsageError("--count must be at least 0")
    lines = (json.dumps({"schema": SCHEMA, **v}) + "\n" for v in generate(args.count, args.seed))
    if args.out is None:
        sys.stdout.writelines(lines)
        return EXIT_OK
    try:
        with open(args.out, "w", encoding="utf-8") as out:
            out.writelines(lines)
    except OSError as exc:
        raise _UsageError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    return EXIT_OK


def _fuzz(args: argparse.Namespace) -> int:
    try:
        from .fuzz import ProgramError, fuzz
    except ImportError:
        raise _UsageError("fuzz needs Hypothesis: pip install 'rangespec[hypothesis]'") from None
    argv = shlex.split(args.cmd)
    if not argv:
        raise _UsageError("--cmd is empty")
    if args.max_examples < 1 or args.timeout <= 0:
        raise _UsageError("--max-examples must be at least 1 and --timeout above 0")
    try:
        finding = fuzz(
            argv,
            max_examples=args.max_examples,
            seed_value=args.seed,
            timeout=args.timeout,
            shrink=not args.no_shrink,
            note=_out,
        )
    except ProgramError as exc:
        raise _UsageError(str(exc)) from None
    if finding is None:
        return EXIT_OK
    found = "the first input found" if args.no_shrink else "the smallest input found"
    _out(f"{finding.kind}, on {found}:\n  {finding.message}")
    return EXIT_FAILED


# -- the parser --------------------------------------------------------------


def _own_version() -> str:
    try:
        return _dist_version("rangespec")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def _command(
    commands: Any,
    name: str,
    run: Callable[[argparse.Namespace], int],
    summary: str,
    description: str,
) -> argparse.ArgumentParser:
    sub: argparse.ArgumentParser = commands.add_parser(name, help=summary, description=description)
    sub.set_defaults(run=run)
    return sub


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="rangespec",
        description="Check interface_version / interface_version_compatible strings "
        "and decide device migration.",
        epilog="Exit codes: 0 ok, 1 check failed, 2 bad usage or invalid input. "
        "A text that starts with '-' goes after '--'.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_own_version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    text_help = "an interface_version_compatible list"

    p = _command(
        commands,
        "normalize",
        _normalize,
        "print the canonical form of a list",
        "Print the canonical text of TEXT. Exit 0, or 2 if TEXT is invalid.",
    )
    p.add_argument("text", metavar="TEXT", help=text_help)

    p = _command(
        commands,
        "contains",
        _contains,
        "check versions against a list",
        "Print VERSION<TAB>yes|no for each VERSION. Exit 0 if TEXT accepts every "
        "VERSION, 1 if it rejects one, 2 if TEXT or a VERSION is invalid.",
    )
    p.add_argument("text", metavar="TEXT", help=text_help)
    p.add_argument("versions", metavar="VERSION", nargs="+", help="an interface_version")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing, exit only")

    p = _command(
        commands,
        "validate",
        _validate,
        "report every problem of lists or versions",
        "Check each TEXT (from the arguments, '-' for stdin, or -f FILE with one "
        "text per line) and report every error and warning. Exit 0 if all are "
        "valid, 1 if one has an error (or a warning, with --strict), 2 on bad "
        "usage or an unreadable file.",
    )
    p.add_argument("texts", metavar="TEXT", nargs="*", help=f"{text_help}, or '-' for stdin")
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
    p.add_argument(
        "--format",
        choices=["human", "json"],
        default="human",
        help="human (stderr, with markers) or json (stdout); default human",
    )

    p = _command(
        commands,
        "explain",
        _explain,
        "describe a list in words and as a picture",
        "Print each interval of TEXT in interval notation, as an item and in "
        "words, then a picture of the intervals on a version axis.",
    )
    p.add_argument("text", metavar="TEXT", help=text_help)

    p = _command(
        commands,
        "diff",
        _diff,
        "what a new list adds and drops",
        "Print the versions NEW accepts that OLD did not (added) and those OLD "
        "accepted that NEW does not (dropped), in interval notation.",
    )
    p.add_argument("old", metavar="OLD", help=f"the old {text_help}")
    p.add_argument("new", metavar="NEW", help=f"the new {text_help}")
    p.add_argument(
        "--fail-on-drop",
        action="store_true",
        help="exit 1 if NEW accepts less than OLD (a driver-update regression)",
    )

    p = _command(
        commands,
        "compat",
        _compat,
        "may a device migrate from a source to a destination",
        "Decide whether a device may migrate: the source's interface_version must "
        "be in the destination's interface_version_compatible. Exit 0 if it may "
        "(both ways with --both-ways), 1 if not, 2 on unreadable or invalid input.",
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
    p.add_argument("--format", choices=["human", "json"], default="human")

    p = _command(
        commands,
        "scan",
        _scan,
        "validate the attributes of every device on this host",
        "Find devices under SYSFS_ROOT/bus/mdev/devices and SYSFS_ROOT/bus/pci/devices "
        "that carry the attributes, validate each, and print a table or JSON. "
        "Exit 0 if all are valid, 1 if one is not, 2 if SYSFS_ROOT is missing.",
    )
    p.add_argument("--sysfs-root", metavar="PATH", default="/sys", help="default /sys")
    p.add_argument("--format", choices=["table", "json"], default="table")

    p = _command(
        commands,
        "vectors",
        _vectors,
        "write conformance test vectors (JSON Lines)",
        "Write the hand-curated edge cases, then COUNT generated texts, each with "
        "rangespec's verdict: validity, canonical text or error code and offset, and "
        "membership probes. The same COUNT and SEED give the same file.",
    )
    p.add_argument("--count", type=int, default=200, metavar="N", help="generated vectors (200)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (0)")
    p.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")

    p = _command(
        commands,
        "fuzz",
        _fuzz,
        "fuzz another implementation against rangespec",
        "Run PROGRAM once, send it requests over the line protocol of docs/fuzzing.md, "
        "and compare every answer with rangespec's. Exit 0 if all agree, 1 on a "
        "disagreement, timeout, crash or malformed answer (shown on the smallest input "
        "found), 2 if PROGRAM cannot be started.",
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

    p = _command(
        commands,
        "policy",
        _policy,
        "the list a common policy gives a version",
        "semver: same major, a source minor not newer than ours, any patch "
        "(2.1.3 gives 2.0.0-2.1.*).",
    )
    p.add_argument("rule", choices=["semver"], help="the policy")
    p.add_argument("version", metavar="VERSION", help="the device's interface_version")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except RangeSpecError as exc:
        _err(f"rangespec: error: {exc}")
        return EXIT_USAGE
    except (SysfsError, _UsageError) as exc:
        _err(f"rangespec: error: {exc}")
        return EXIT_USAGE
    return status
