"""The ``rangespec`` commands that are not on the hot path of a one-shot
check: filter, explain, diff, policy, compat, scan, vectors, fuzz and fleet.

Each parses nothing and renders what the library returns, as rangespec.cli
does for normalize, contains and validate; this module loads only when one
of them runs.
"""

from __future__ import annotations

from ._cli_parsers import columns
from ._excerpt import escape
from .cli import EXIT_FAILED, EXIT_OK, _argument_versions, _Context, _Failure, _list, _version

# typing is imported for type checkers only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Iterator
    from typing import Any, Final

    from ._rangeset import RangeSet
    from ._version import Version

__all__ = ["RUNNERS"]


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


def run_filter(ctx: _Context, args: argparse.Namespace) -> int:
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


def run_explain(ctx: _Context, args: argparse.Namespace) -> int:
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
    return columns() if given is None else given


def run_diff(ctx: _Context, args: argparse.Namespace) -> int:
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


def run_policy(ctx: _Context, args: argparse.Namespace) -> int:
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


def run_compat(ctx: _Context, args: argparse.Namespace) -> int:
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


def run_scan(ctx: _Context, args: argparse.Namespace) -> int:
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


def run_vectors(ctx: _Context, args: argparse.Namespace) -> int:
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
        where = escape(args.out)
        raise _Failure(f"{where}: cannot be written: {exc.strerror or exc}", where=where) from None
    return EXIT_OK


def run_fuzz(ctx: _Context, args: argparse.Namespace) -> int:
    from ._fuzz_cli import run

    return run(ctx, args)


def run_fleet(ctx: _Context, args: argparse.Namespace) -> int:
    from ._fleet_cli import run

    return run(ctx, args)


#: Each command's runner.
RUNNERS: Final[dict[str, Callable[[_Context, argparse.Namespace], int]]] = {
    "filter": run_filter,
    "explain": run_explain,
    "diff": run_diff,
    "policy": run_policy,
    "compat": run_compat,
    "scan": run_scan,
    "vectors": run_vectors,
    "fuzz": run_fuzz,
    "fleet": run_fleet,
}
