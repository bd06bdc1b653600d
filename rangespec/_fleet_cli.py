"""``rangespec fleet``: its arguments, and rendering of rangespec.fleet's answers.

Sub-commands (docs/fleet.md): ``report``, ``destinations``, ``upgrade``,
``export`` and ``generate``. Each reads its inventories with
:func:`rangespec.fleet.read_fleet` and prints a library result. Every input
that was not used is named on stderr; exit codes:

* 0: ok;
* 1: the check failed (``destinations``: nothing accepts it; ``upgrade
  --fail-on-loss``: something is lost), or an inventory document was
  rejected (the answer covers the others);
* 2: bad usage, an input that cannot be read, or a query the fleet cannot
  answer (an unknown device or class, a device whose attributes are
  unusable).
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING

from ._cli_parsers import new_parser
from ._excerpt import escape, shown
from .cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, _Context, _Failure, _list, _version

if TYPE_CHECKING:
    from .fleet import ClassRule, Fleet

__all__ = ["build_parser", "run"]

_INVENTORY_HELP = (
    "an inventory: a file (one JSON document, or JSON Lines), a directory of them, "
    "or '-' for JSON Lines on stdin"
)


def _common(p: argparse.ArgumentParser, formats: list[str]) -> None:
    p.add_argument("inventories", metavar="INVENTORY", nargs="+", help=_INVENTORY_HELP)
    p.add_argument(
        "--class-key",
        metavar="BUS=FACT[,FACT...]",
        action="append",
        default=[],
        help="the facts that make a device's class on BUS ('*': any other bus); "
        "repeatable (default: mdev=mdev_type; pci=vendor,device,subsystem_vendor,"
        "subsystem_device,driver; *=driver)",
    )
    p.add_argument("--format", choices=formats, default=formats[0], help=" or ".join(formats))


def build_parser() -> argparse.ArgumentParser:
    """The fleet command's arguments."""
    p = new_parser(
        "fleet",
        "Migration across a fleet: read the inventories 'rangespec scan --format json'\n"
        "writes, and report, query, simulate an upgrade or export (docs/fleet.md).\n"
        "Exit 0 ok; 1 the check failed or a document was rejected; 2 bad usage or an\n"
        "unreadable input.",
    )
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    report = sub.add_parser(
        "report",
        prog="rangespec fleet report",
        allow_abbrev=False,
        help="per class: versions, lists, the matrix, islands, one-way host pairs, problems",
        description="Per class: the distinct versions and lists, which lists accept which\n"
        "versions (a matrix), islands, one-way host pairs; then every unreadable or\n"
        "invalid attribute. Exit 0, 1 if a document was rejected, 2 if an input\n"
        "cannot be read.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(report, ["human", "json", "csv"])
    report.add_argument(
        "--width",
        type=int,
        metavar="COLUMNS",
        help="cut lines to COLUMNS (default: the terminal's; not cut into a pipe or file)",
    )
    dest = sub.add_parser(
        "destinations",
        prog="rangespec fleet destinations",
        allow_abbrev=False,
        help="the devices and hosts that accept a device's version",
        description="List the devices that accept a device's version (--device HOST:DEVICE;\n"
        "devices on its own host are left out), or a class's version (--class and\n"
        "--version). Exit 0 if one does, 1 if none does (or a document was\n"
        "rejected), 2 on bad usage or a query the fleet cannot answer.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(dest, ["human", "json", "csv"])
    dest.add_argument("--device", metavar="HOST:DEVICE", help="the device to move")
    dest.add_argument("--class", dest="device_class", metavar="CLASS", help="a class key")
    dest.add_argument("--version", metavar="V", help="with --class: the version to move")
    dest.add_argument(
        "--compatible", metavar="LIST", help="with --class --both-ways: the list to come back to"
    )
    dest.add_argument(
        "--both-ways", action="store_true", help="only destinations that could migrate back"
    )
    upgrade = sub.add_parser(
        "upgrade",
        prog="rangespec fleet upgrade",
        allow_abbrev=False,
        help="what a driver release on some hosts would change",
        description="Simulate a driver release on the selected hosts: every device of the\n"
        "class on them gets the new version and list. Report the migration directions\n"
        "gained and lost, the devices that become islands, and whether a rolling\n"
        "upgrade (one host at a time, in the order selected) keeps every device\n"
        "evacuable. Exit 0; 1 with --fail-on-loss if anything is lost, or if a\n"
        "document was rejected; 2 on bad usage.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(upgrade, ["human", "json"])
    upgrade.add_argument(
        "--hosts",
        required=True,
        metavar="PATTERN[,PATTERN...]",
        help="the hosts to upgrade, in rollout order: names or shell patterns "
        "(the hosts a pattern matches, in name order)",
    )
    upgrade.add_argument("--to-version", required=True, metavar="V", help="the new version")
    upgrade.add_argument(
        "--to-compatible",
        required=True,
        metavar="LIST",
        help="the new list (the output of 'rangespec policy' works)",
    )
    upgrade.add_argument(
        "--class", dest="device_class", metavar="CLASS", help="the class to upgrade"
    )
    upgrade.add_argument("--fail-on-loss", action="store_true", help="exit 1 if anything is lost")
    upgrade.add_argument(
        "--width",
        type=int,
        metavar="COLUMNS",
        help="cut lines to COLUMNS (default: the terminal's; not cut into a pipe or file)",
    )
    export = sub.add_parser(
        "export",
        prog="rangespec fleet export",
        allow_abbrev=False,
        help="every device's accepted intervals (or every device), for SQL",
        description="Write rows for a SQL engine: every accepted interval of every device\n"
        "(class, host, device, lo_key, lo_inclusive, hi_key, hi_inclusive), or with\n"
        "--table devices every device with its version key (docs/fleet.md, 'SQL').\n"
        "Exit 0; 1 if a document was rejected; 2 on bad usage, an input not read, or\n"
        "--out not writable.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _common(export, ["csv", "jsonl"])
    export.add_argument(
        "--table",
        choices=["intervals", "devices"],
        default="intervals",
        help="every accepted interval (the default), or every device with its version key",
    )
    export.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    generate = sub.add_parser(
        "generate",
        prog="rangespec fleet generate",
        allow_abbrev=False,
        help="write a realistic generated fleet, one inventory per line",
        description="Write the inventories of a generated fleet as JSON Lines: a few\n"
        "classes, releases whose lists come from the semver policy, an upgrade half\n"
        "rolled out, some invalid and unreadable attributes (docs/fleet.md). The same\n"
        "arguments give the same fleet. Exit 0; 2 on bad usage or --out not writable.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    generate.add_argument(
        "--hosts", type=int, required=True, metavar="N", help="the number of hosts"
    )
    generate.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (0)")
    generate.add_argument(
        "--devices-per-host", type=int, default=50, metavar="N", help="devices per host (50)"
    )
    generate.add_argument(
        "--problems",
        type=float,
        default=0.02,
        metavar="SHARE",
        help="the share of hosts with an unreadable or invalid attribute or fact (0.02)",
    )
    generate.add_argument("--out", metavar="FILE", help="write to FILE instead of stdout")
    generate.add_argument("--format", choices=["jsonl"], default="jsonl", help="jsonl")
    # A usage error shows the action's own usage (rangespec.cli.main reads this).
    for action in (report, dest, upgrade, export, generate):
        action.set_defaults(usage_parser=action)
    return p


def run(ctx: _Context, args: argparse.Namespace) -> int:
    """The fleet command."""
    if args.action == "generate":
        return _generate(ctx, args)
    from .fleet import ClassRule

    try:
        rule = ClassRule.parse(args.class_key)
    except ValueError as exc:
        raise _Failure(f"--class-key: {shown(str(exc))}", usage=True) from None
    if args.action == "report":
        return _report(ctx, args, rule)
    if args.action == "destinations":
        return _destinations(ctx, args, rule)
    if args.action == "upgrade":
        return _upgrade(ctx, args, rule)
    return _export(ctx, args, rule)


def _read(ctx: _Context, args: argparse.Namespace, rule: ClassRule) -> tuple[Fleet, int]:
    """The fleet, and the exit status its inputs call for (0, 1 rejected, 2 unreadable)."""
    from ._fleet_render import rejected_lines
    from .fleet import read_fleet

    stdin: IO[bytes] | None = None
    if "-" in args.inventories:
        if args.inventories.count("-") > 1:
            raise _Failure("'-' (stdin) can be given once", usage=True)
        stdin = _stdin()
    fleet = read_fleet(args.inventories, rule=rule, stdin=stdin)
    for rejected, line in zip(fleet.rejected, rejected_lines(fleet.rejected), strict=True):
        # not read: an error (exit 2); rejected: a finding, as in any check (exit 1)
        ctx.err(f"rangespec fleet: {'error: ' if rejected.unreadable else ''}{line}")
    if any(r.unreadable for r in fleet.rejected):
        return fleet, EXIT_USAGE
    return fleet, EXIT_FAILED if fleet.rejected else EXIT_OK


def _stdin() -> IO[bytes]:
    stdin = sys.stdin
    if stdin is None:
        raise _Failure("<stdin>: stdin is closed")
    try:
        stream: IO[bytes] = stdin.buffer
    except (AttributeError, ValueError):
        raise _Failure("<stdin>: stdin cannot be read") from None
    return stream


def _width(given: int | None, ctx: _Context) -> int:
    """Lines are cut to fit a terminal; written to a pipe or a file they are whole
    (a reader there is grep or a pager, not a window), unless COLUMNS says otherwise."""
    if given is not None:
        if given < 20:
            raise _Failure("--width must be at least 20", usage=True)
        return given
    import os

    try:
        terminal = ctx.out.stream is not None and ctx.out.stream.isatty()
    except (AttributeError, ValueError, OSError):
        terminal = False
    if not terminal and not os.environ.get("COLUMNS"):
        return sys.maxsize
    from ._cli_parsers import columns as _columns

    return max(_columns(), 20)


def _lines(ctx: _Context, lines: Iterable[str]) -> None:
    for line in lines:
        ctx.out.line(line)


def _report(ctx: _Context, args: argparse.Namespace, rule: ClassRule) -> int:
    from ._fleet_render import report_csv, report_human
    from .fleet import report

    width = _width(args.width, ctx)
    fleet, status = _read(ctx, args, rule)
    found = report(fleet)
    if ctx.json:
        ctx.document(found.to_json())
    elif ctx.format == "csv":
        _lines(ctx, report_csv(found))
    else:
        _lines(ctx, report_human(found, width))
    return status


def _destinations(ctx: _Context, args: argparse.Namespace, rule: ClassRule) -> int:
    from ._fleet_render import destinations_csv, destinations_human, destinations_json
    from .fleet import FleetQueryError, destinations

    by_device = args.device is not None
    by_class = args.device_class is not None or args.version is not None
    if by_device == by_class:
        raise _Failure("give --device HOST:DEVICE, or --class CLASS and --version V", usage=True)
    if by_class and (args.device_class is None or args.version is None):
        raise _Failure("--class and --version go together", usage=True)
    if args.compatible is not None and not (by_class and args.both_ways):
        raise _Failure("--compatible is the way back of --class --both-ways", usage=True)
    if by_class and args.both_ways and args.compatible is None:
        raise _Failure("--class --both-ways needs --compatible LIST, the way back", usage=True)
    version = _version(args.version, "--version") if args.version is not None else None
    back = _list(args.compatible, "--compatible") if args.compatible is not None else None
    fleet, status = _read(ctx, args, rule)
    try:
        answer = destinations(
            fleet,
            device=args.device,
            device_class=args.device_class,
            version=version,
            back=back,
            both_ways=args.both_ways,
        )
    except FleetQueryError as exc:
        asked = "--device" if by_device else "--class"
        raise _Failure(f"{asked}: {shown(str(exc))}", where=asked) from None
    if ctx.json:
        for piece in destinations_json(answer, fleet.rejected):
            ctx.out.write(piece)
    elif ctx.format == "csv":
        _lines(ctx, destinations_csv(answer))
    else:
        _lines(ctx, destinations_human(answer))
    if status != EXIT_OK:
        return status
    return EXIT_OK if answer.found else EXIT_FAILED


def _select(fleet: Fleet, patterns: str) -> list[str]:
    """The hosts the patterns name, in rollout order (see --hosts)."""
    chosen: list[str] = []
    taken: set[str] = set()
    names = sorted(fleet.hosts)
    for pattern in patterns.split(","):
        if not pattern:
            raise _Failure("--hosts: an empty pattern", usage=True)
        matched = [h for h in names if fnmatch.fnmatchcase(h, pattern)]
        if not matched:
            raise _Failure(f"--hosts: no host matches '{escape(pattern)}'")
        for host in matched:
            if host not in taken:
                taken.add(host)
                chosen.append(host)
    return chosen


def _upgrade(ctx: _Context, args: argparse.Namespace, rule: ClassRule) -> int:
    from ._fleet_render import upgrade_human
    from .fleet import simulate_upgrade

    width = _width(args.width, ctx)
    version = _version(args.to_version, "--to-version")
    compatible = _list(args.to_compatible, "--to-compatible")
    fleet, status = _read(ctx, args, rule)
    hosts = _select(fleet, args.hosts)
    selected = set(hosts)
    chosen = {h for h, name in enumerate(fleet.hosts) if name in selected}
    present = sorted(
        {
            str(fleet.classes[fleet.group_keys[g][0]])
            for h in chosen
            for g, _ in fleet.host_groups[h]
            if fleet.group_keys[g][0] >= 0
        }
    )
    if args.device_class is None:
        if len(present) != 1:
            classes = ", ".join(escape(c) for c in present) or "none"
            raise _Failure(
                f"the selected hosts have {len(present)} classes ({classes}): choose one "
                "with --class",
                usage=True,
            )
        device_class = present[0]
    else:
        device_class = args.device_class
        if device_class not in present:
            raise _Failure(
                f"--class: no selected host has a device of class '{escape(device_class)}'"
            )
    try:
        impact = simulate_upgrade(fleet, hosts, device_class, version, compatible)
    except ValueError as exc:  # a class too varied to simulate
        raise _Failure(f"--class: {shown(str(exc))}") from None
    if ctx.json:
        ctx.document(impact.to_json(fleet.rejected))
    else:
        _lines(ctx, upgrade_human(impact, width))
    if status != EXIT_OK:
        return status
    return EXIT_FAILED if args.fail_on_loss and impact.loses else EXIT_OK


def _write(ctx: _Context, lines: Iterator[str], out: str | None) -> None:
    if out is None:
        for line in lines:
            ctx.out.write(line)
        return
    try:
        with open(out, "w", encoding="utf-8") as stream:
            stream.writelines(lines)
    except OSError as exc:
        where = escape(out)
        raise _Failure(f"{where}: cannot be written: {exc.strerror or exc}", where=where) from None


def _export(ctx: _Context, args: argparse.Namespace, rule: ClassRule) -> int:
    from .fleet import export_lines

    fleet, status = _read(ctx, args, rule)
    _write(ctx, export_lines(fleet, args.table, args.format), args.out)
    return status


def _generate(ctx: _Context, args: argparse.Namespace) -> int:
    import json

    from .fleet import MAX_DEVICES_PER_HOST, generate_fleet

    if args.hosts < 0:
        raise _Failure("--hosts must be at least 0", usage=True)
    if not 0 <= args.devices_per_host <= MAX_DEVICES_PER_HOST:
        raise _Failure(f"--devices-per-host is from 0 to {MAX_DEVICES_PER_HOST}", usage=True)
    if not 0 <= args.problems <= 1:
        raise _Failure("--problems is a share, from 0 to 1", usage=True)
    inventories = generate_fleet(
        args.hosts, seed=args.seed, devices_per_host=args.devices_per_host, problems=args.problems
    )
    lines = (json.dumps(i.to_json(), separators=(",", ":")) + "\n" for i in inventories)
    _write(ctx, lines, args.out)
    return EXIT_OK
