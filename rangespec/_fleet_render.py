"""The human and CSV forms of the fleet's answers (the JSON forms are their ``to_json``).

Every piece of outside text (host, device and class names, texts of lists,
messages that quote them) goes through ``rangespec._excerpt.escape``; CSV
cells are escaped the same way, then quoted when they hold ``,`` or ``"``.
The human report shows each class's matrix as a picture, versions down and
lists across, ``x`` where the list accepts the version and ``.`` where it
does not, cut to the width it is given.

>>> print("\\n".join(matrix_lines(["2.0.3", "2.1.4"], [[True, False], [True, True]], 40)))
  VERSION  L1 L2
  2.0.3     x  .
  2.1.4     x  x
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Final

from ._excerpt import escape, shown
from ._fleet_index import Destinations
from ._fleet_report import ClassReport, FleetReport, Island
from ._fleet_store import Problem, Rejected
from ._fleet_upgrade import Upgrade

__all__ = [
    "REPORT_COLUMNS",
    "csv_row",
    "destinations_csv",
    "destinations_human",
    "destinations_json",
    "matrix_lines",
    "rejected_lines",
    "report_csv",
    "report_human",
    "upgrade_human",
]

#: How many devices, hosts or steps a human listing shows before "... and N more".
SHOWN: Final = 10
#: The columns of ``rangespec fleet report --format csv`` (docs/fleet.md, "CSV").
REPORT_COLUMNS: Final = (
    "section",
    "class",
    "host",
    "device",
    "version",
    "list",
    "devices",
    "hosts",
    "detail",
)


def _cut(line: str, width: int) -> str:
    return line if len(line) <= width else line[: max(width - 3, 0)] + "..."


def _n(count: int, what: str) -> str:
    if count == 1:
        return f"{count} {what}"
    return f"{count} {what}{'es' if what.endswith('s') else 's'}"


def matrix_lines(
    versions: Sequence[str], matrix: Sequence[Sequence[bool]], width: int
) -> list[str]:
    """The matrix picture: a header, then one row per version; the list columns that do
    not fit in ``width`` are left out, and a last line says which."""
    label = max([len("VERSION"), *(len(v) for v in versions)])
    columns = len(matrix[0]) if matrix else 0
    cell = len(f"L{columns}") + 1
    room = max((width - 2 - label - 1) // cell, 1)
    shown = min(columns, room)
    lines = [
        "  " + "VERSION".ljust(label) + " " + "".join(f"L{j + 1}".rjust(cell) for j in range(shown))
    ]
    for version, row in zip(versions, matrix, strict=True):
        cells = "".join(("x" if row[j] else ".").rjust(cell) for j in range(shown))
        lines.append("  " + version.ljust(label) + " " + cells)
    if shown < columns:
        lines.append(
            f"  (lists L{shown + 1} to L{columns} do not fit: give --width, or --format json)"
        )
    return lines


def _islands(kind: str, found: Sequence[Island], width: int) -> Iterator[str]:
    if not found:
        yield f"    {kind}: none"
        return
    hosts = len({i.host for i in found})
    yield f"    {kind}: {_n(len(found), 'device')} on {_n(hosts, 'host')}"
    for island in found[:SHOWN]:
        value = island.version if island.version is not None else island.compatible
        yield _cut(f"      {escape(island.ref)}  {escape(str(value))}", width)
    if len(found) > SHOWN:
        yield f"      ... and {len(found) - SHOWN} more (--format json lists them all)"


def _class_lines(report: ClassReport, width: int) -> Iterator[str]:
    yield _cut(
        f"class {escape(str(report.device_class))}: {_n(report.devices, 'device')} on "
        f"{_n(report.hosts, 'host')}"
        + (f", {report.unusable} unusable (see the problems)" if report.unusable else ""),
        width,
    )
    versions = [str(v.version) for v in report.versions]
    if versions and report.lists and report.islands_worked_out:
        yield from matrix_lines(versions, report.matrix, width)
    yield "  versions:"
    for v in report.versions:
        yield f"    {v.version}  {_n(v.devices, 'device')} on {_n(v.hosts, 'host')}"
    yield "  lists:"
    for j, lst in enumerate(report.lists, 1):
        yield _cut(
            f"    L{j}  {escape(str(lst.compatible))}  {_n(lst.devices, 'device')} on "
            f"{_n(lst.hosts, 'host')}",
            width,
        )
    if report.limited is not None:
        yield _cut(f"  not worked out: {report.limited}", width)
    if report.islands_worked_out:
        yield "  islands:"
        yield from _islands(
            "nowhere to go (no other host accepts the version)", report.nowhere_to_go, width
        )
        yield from _islands("accepts nothing (from any other host)", report.accepts_nothing, width)
    if not report.pairs_worked_out:
        return
    if not report.one_way:
        yield "  one-way host pairs: none"
        return
    pairs = sum(o.host_pairs for o in report.one_way)
    yield f"  one-way host pairs: {pairs} ({len(report.profiles)} host profiles)"
    for o in report.one_way[:SHOWN]:
        a, b = report.profiles[o.source], report.profiles[o.destination]
        yield _cut(
            f"    {_n(len(a.hosts), 'host')} at {_versions(a.versions)} -> "
            f"{_n(len(b.hosts), 'host')} at {_versions(b.versions)}: "
            f"{_n(o.host_pairs, 'pair')}, e.g. {escape(a.hosts[0])} -> {escape(b.hosts[0])}",
            width,
        )
    if len(report.one_way) > SHOWN:
        yield f"    ... and {len(report.one_way) - SHOWN} more (--format json lists them all)"


def _versions(versions: Iterable[object]) -> str:
    shown = ", ".join(str(v) for v in versions)
    return "{" + shown + "}" if shown else "nothing"


def problem_line(p: Problem) -> str:
    """One problem: where, what, the code and the message, escaped."""
    where = escape(p.host) + (f":{escape(p.device)}" if p.device else "")
    return f"{where}  {p.what}  {p.code}: {shown(p.message)}"


def report_human(report: FleetReport, width: int) -> Iterator[str]:
    """The report as a person reads it: the classes cut to ``width`` columns, then every
    problem on a line of its own, whole (a message cut short would hide its cause)."""
    for line in _report_lines(report, width):
        yield _cut(line, width)
    yield from _problem_lines(report, width)


def _report_lines(report: FleetReport, width: int) -> Iterator[str]:
    yield (
        f"{_n(report.hosts, 'host')}, {_n(report.devices, 'device')}, "
        f"{_n(len(report.classes), 'class')}"
    )
    yield f"class rule: {escape(report.rule)}"
    if report.unclassified:
        yield f"{_n(report.unclassified, 'device')} without a class (a class fact is unusable)"
    if report.rejected:
        yield f"{_n(len(report.rejected), 'input')} rejected, not in this report (see stderr)"
    for c in report.classes:
        yield ""
        yield from _class_lines(c, width)


def _problem_lines(report: FleetReport, width: int) -> Iterator[str]:
    yield ""
    hosts = len({p.host for p in report.problems})
    if not report.problems:
        yield "unreadable or invalid, never compatible: none"
        return
    yield _cut(
        f"unreadable or invalid, never compatible: {len(report.problems)} on {_n(hosts, 'host')}",
        width,
    )
    for p in report.problems:
        yield "  " + problem_line(p)


def csv_row(cells: Iterable[object]) -> str:
    """One CSV line: text escaped, quoted when it holds ``,`` or ``"``; None is empty."""
    out = []
    for cell in cells:
        text = "" if cell is None else escape(str(cell))
        if "," in text or '"' in text:
            text = '"' + text.replace('"', '""') + '"'
        out.append(text)
    return ",".join(out)


def report_csv(report: FleetReport) -> Iterator[str]:
    """The report as one CSV table (REPORT_COLUMNS; docs/fleet.md, "CSV")."""
    yield csv_row(REPORT_COLUMNS)
    for c in report.classes:
        key = str(c.device_class)
        for v in c.versions:
            yield csv_row(("version", key, "", "", v.version, "", v.devices, v.hosts, ""))
        for lst in c.lists:
            yield csv_row(("list", key, "", "", "", lst.compatible, lst.devices, lst.hosts, ""))
        if c.limited is not None:
            yield csv_row(("not-worked-out", key, "", "", "", "", "", "", c.limited))
        for v, row in zip(c.versions, c.matrix, strict=False):  # none when not worked out
            for lst, inside in zip(c.lists, row, strict=True):
                detail = "yes" if inside else "no"
                yield csv_row(("matrix", key, "", "", v.version, lst.compatible, "", "", detail))
        for i in c.nowhere_to_go:
            yield csv_row(("nowhere-to-go", key, i.host, i.device, i.version, "", "", "", ""))
        for i in c.accepts_nothing:
            yield csv_row(("accepts-nothing", key, i.host, i.device, "", i.compatible, "", "", ""))
        for k, profile in enumerate(c.profiles, 1):
            for host in profile.hosts:
                yield csv_row(
                    (
                        "profile",
                        key,
                        host,
                        "",
                        " ".join(map(str, profile.versions)),
                        " ".join(map(str, profile.accepts)),
                        "",
                        "",
                        f"P{k}",
                    )
                )
        for o in c.one_way:
            detail = f"P{o.source + 1}->P{o.destination + 1}"
            yield csv_row(("one-way", key, "", "", "", "", "", o.host_pairs, detail))
    for p in report.problems:
        detail = f"{p.what} {p.code}: {p.message}"
        yield csv_row(("problem", "", p.host, p.device, "", "", "", "", detail))
    for r in report.rejected:
        yield csv_row(("rejected", "", "", "", "", "", "", "", f"{r.source}: {r.message}"))


def rejected_lines(rejected: Iterable[Rejected]) -> Iterator[str]:
    """One line per input not used, for stderr."""
    for r in rejected:
        verdict = "not read" if r.unreadable else "rejected"
        yield f"{escape(r.source)}: {verdict}: {shown(r.message)}"


def destinations_human(answer: Destinations) -> Iterator[str]:
    """A summary line, then one line per destination: HOST:DEVICE, its version and list."""
    asked = f"{answer.version} (class {escape(str(answer.device_class))})"
    if answer.source is not None:
        asked = f"{escape(answer.source)} at {asked}"
    back = (
        ""
        if answer.back is None
        else f" and could come back (their version is in {escape(str(answer.back))})"
    )
    found = f"{_n(len(answer.found), 'device')} on {_n(answer.hosts, 'host')}"
    yield f"{asked}: {found} accept it{back}"
    for d in answer.found:
        version = "<unusable>" if d.version is None else str(d.version)
        yield f"{escape(d.ref)}  {version}  {escape(str(d.compatible))}"


def destinations_json(answer: Destinations, rejected: Sequence[Rejected]) -> Iterator[str]:
    """The JSON document ``answer.to_json(rejected)`` is, written in pieces, one line per
    destination: an answer of a million devices is never held as one text."""
    import dataclasses
    import json

    document = dataclasses.replace(answer, found=()).to_json(rejected)
    document["devices"], document["hosts"] = len(answer.found), answer.hosts
    head, tail = json.dumps(document, indent=2).split('\n  "destinations": [],\n')
    yield head + '\n  "destinations": ['
    for k, d in enumerate(answer.found):
        yield ("\n    " if k == 0 else ",\n    ") + json.dumps(d.to_json())
    yield ("\n  " if answer.found else "") + "],\n" + tail + "\n"


def destinations_csv(answer: Destinations) -> Iterator[str]:
    """A header, then host, device, version and list of each destination."""
    yield csv_row(("host", "device", "version", "list"))
    for d in answer.found:
        yield csv_row((d.host, d.device, d.version, d.compatible))


def upgrade_human(impact: Upgrade, width: int) -> Iterator[str]:
    """What the upgrade changes, direction by direction, then islands and the rollout,
    each line cut to ``width`` columns."""
    for line in _upgrade_lines(impact, width):
        yield _cut(line, width)


def _upgrade_lines(impact: Upgrade, width: int) -> Iterator[str]:
    yield _cut(f"upgrade of class {escape(str(impact.device_class))}", width)
    yield _cut(
        f"  on {_n(len(impact.hosts), 'host')} ({_n(impact.devices, 'device')}) to "
        f"{impact.version}, accepting {escape(str(impact.compatible))}",
        width,
    )
    yield "directions (ordered pairs of devices on different hosts; each change by the"
    yield "source's version and the destination's list before the upgrade):"
    for d in impact.directions:
        yield (
            f"  {d.name}: {d.before} allowed before, {d.after} after: "
            f"gained {d.gained}, lost {d.lost}"
        )
        for change in d.changes[:SHOWN]:
            v = "<unusable>" if change.source_version is None else str(change.source_version)
            lst = (
                "<unusable>"
                if change.destination_list is None
                else escape(str(change.destination_list))
            )
            verb = "gained" if change.gained else "lost"
            yield _cut(f"    {verb} {change.pairs}: from {v} into {lst}", width)
        if len(d.changes) > SHOWN:
            yield f"    ... and {len(d.changes) - SHOWN} more (--format json lists them all)"
    nowhere = [i for i in impact.new_islands if i.version is not None]
    nothing = [i for i in impact.new_islands if i.compatible is not None]
    yield "new islands:"
    yield from _islands("nowhere to go", nowhere, width)
    yield from _islands("accepts nothing", nothing, width)
    blocked = [(k, s) for k, s in enumerate(impact.steps, 1) if not s.safe]
    verdict = "safe" if impact.safe else f"not safe ({_n(len(blocked), 'step')} blocked)"
    yield f"rolling upgrade, one host at a time in the order given: {verdict}"
    for k, step in blocked[:SHOWN]:
        parts = []
        if step.undrainable:
            names = ", ".join(escape(n) for n in step.undrainable[:3])
            more = "" if len(step.undrainable) <= 3 else ", ..."
            parts.append(
                f"{_n(len(step.undrainable), 'device')} cannot leave before it ({names}{more})"
            )
        if step.stranded:
            parts.append(f"{_n(step.stranded, 'device')} left with nowhere to go after it")
        yield _cut(f"  step {k}, {escape(step.host)}: {'; '.join(parts)}", width)
    if len(blocked) > SHOWN:
        yield f"  ... and {len(blocked) - SHOWN} more (--format json lists them all)"
    yield "loses: " + ("yes" if impact.loses else "no")
