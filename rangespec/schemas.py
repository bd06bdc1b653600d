"""The JSON documents rangespec writes: their schema ids and their layouts.

Every document carries a ``schema`` id of the form ``rangespec.NAME/N``;
``N`` changes whenever the layout does, so a reader can refuse what it does
not know. The layouts are ``TypedDict`` types, for code that reads or
writes these documents under a type checker.

>>> from rangespec import validate
>>> from rangespec.render import render_json
>>> render_json([("<arg 1>", validate("2.1.0-"))])["schema"] == REPORT
True
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias, TypedDict

__all__ = [
    "CONTAINS",
    "DIFF",
    "ERROR",
    "EXPLAIN",
    "FILTER",
    "FLEET_DESTINATIONS",
    "FLEET_DEVICE",
    "FLEET_INTERVAL",
    "FLEET_REPORT",
    "FLEET_UPGRADE",
    "FUZZ",
    "MIGRATION",
    "NORMALIZE",
    "POLICY",
    "REPORT",
    "SCAN",
    "SCHEMAS",
    "VECTORS",
    "AttributeJSON",
    "ChangeJSON",
    "ClassReportJSON",
    "DestinationJSON",
    "DestinationsDocument",
    "DeviceJSON",
    "DeviceRowJSON",
    "DiagnosticJSON",
    "DirectionJSON",
    "EditJSON",
    "FactErrorJSON",
    "FactJSON",
    "FactsJSON",
    "FindingJSON",
    "FixJSON",
    "FleetReportDocument",
    "FuzzDocument",
    "HostProfileJSON",
    "IntervalRowJSON",
    "ListCountJSON",
    "ListingErrorJSON",
    "MigrationDocument",
    "OneWayJSON",
    "ProblemJSON",
    "ReadErrorJSON",
    "RejectedJSON",
    "ReportDocument",
    "ReportJSON",
    "ResultJSON",
    "RollingJSON",
    "ScanDocument",
    "UpgradeDocument",
    "VectorJSON",
    "VerdictJSON",
    "VersionCountJSON",
]

#: ``rangespec validate --format json``: a report per text.
REPORT: Final = "rangespec.report/2"
#: ``rangespec scan --format json``: a host's device inventory.
SCAN: Final = "rangespec.scan/2"
#: ``rangespec compat --format json``: a migration decision.
MIGRATION: Final = "rangespec.migration/1"
#: ``rangespec vectors``: one conformance vector per line.
VECTORS: Final = "rangespec.vectors/1"
#: ``rangespec fuzz --format json``: the run, and what it found.
FUZZ: Final = "rangespec.fuzz/1"
#: ``rangespec normalize --format json``.
NORMALIZE: Final = "rangespec.normalize/1"
#: ``rangespec contains --format json``.
CONTAINS: Final = "rangespec.contains/1"
#: ``rangespec filter --format json``.
FILTER: Final = "rangespec.filter/1"
#: ``rangespec explain --format json``.
EXPLAIN: Final = "rangespec.explain/1"
#: ``rangespec diff --format json``.
DIFF: Final = "rangespec.diff/1"
#: ``rangespec policy --format json``.
POLICY: Final = "rangespec.policy/1"
#: What any command writes with ``--format json`` when it fails (exit 2).
ERROR: Final = "rangespec.error/1"
#: ``rangespec fleet report --format json``: per class, versions, lists, islands.
FLEET_REPORT: Final = "rangespec.fleet-report/1"
#: ``rangespec fleet destinations --format json``: who accepts a device's version.
FLEET_DESTINATIONS: Final = "rangespec.fleet-destinations/1"
#: ``rangespec fleet upgrade --format json``: what a driver release changes.
FLEET_UPGRADE: Final = "rangespec.fleet-upgrade/1"
#: ``rangespec fleet export --format jsonl``: one accepted interval per line.
FLEET_INTERVAL: Final = "rangespec.fleet-interval/1"
#: ``rangespec fleet export --table devices --format jsonl``: one device per line.
FLEET_DEVICE: Final = "rangespec.fleet-device/1"

#: Every schema id the package writes.
SCHEMAS: Final = (
    REPORT,
    SCAN,
    MIGRATION,
    VECTORS,
    FUZZ,
    NORMALIZE,
    CONTAINS,
    FILTER,
    EXPLAIN,
    DIFF,
    POLICY,
    ERROR,
    FLEET_REPORT,
    FLEET_DESTINATIONS,
    FLEET_UPGRADE,
    FLEET_INTERVAL,
    FLEET_DEVICE,
)


class EditJSON(TypedDict):
    """Replace ``text[offset:end]`` with ``replacement``."""

    offset: int
    end: int
    replacement: str


class FixJSON(TypedDict):
    """A fix: what it does, whether it keeps the meaning, and its edits."""

    message: str
    applicability: Literal["safe", "unsafe"]
    edits: list[EditJSON]


class DiagnosticJSON(TypedDict):
    """One error or warning about ``text[offset:end]``."""

    code: str
    severity: Literal["error", "warning"]
    message: str
    offset: int
    end: int
    fix: FixJSON | None


class ReportJSON(TypedDict):
    """What validation found in one text (``Report.to_json``)."""

    text: str
    kind: Literal["list", "version"]
    ok: bool
    canonical: str | None
    fix: str | None
    diagnostics: list[DiagnosticJSON]


class ResultJSON(ReportJSON):
    """A report and where its text came from."""

    source: str


class ReportDocument(TypedDict):
    """Validation reports (``render_json``); ``rangespec validate --format json``
    adds ``error``: null, or why it could not read all its inputs."""

    schema: str
    results: list[ResultJSON]


VerdictJSON = TypedDict(
    "VerdictJSON",
    {
        "from": str,
        "to": str,
        "allowed": bool,
        "version": str,
        "compatible": str,
        "reason": str,
    },
)
VerdictJSON.__doc__ = """One direction of a migration decision."""


class MigrationDocument(TypedDict):
    """The document of ``rangespec compat --format json``."""

    schema: str
    allowed: bool
    directions: list[VerdictJSON]


class ReadErrorJSON(TypedDict):
    """Why a file could not be read; ``offset`` is the byte, for content problems."""

    code: str
    message: str
    offset: int | None


class ListingErrorJSON(ReadErrorJSON):
    """A directory ``scan`` could not list."""

    path: str


class AttributeJSON(TypedDict):
    """One attribute of a device: where it is, and what reading and checking it found.

    ``read_error`` is set when the file could not be read; ``report`` when it
    could (a validation report of the text, which may itself hold errors).
    """

    path: str
    read_error: ReadErrorJSON | None
    report: ReportJSON | None


class FactErrorJSON(TypedDict):
    """A class fact that could not be read, or whose content is not a valid value."""

    read_error: ReadErrorJSON


#: One class fact of a device: its value; null when sysfs has no such fact
#: (a PCI device has no ``mdev_type``); or ``{"read_error": ...}`` when it
#: could not be read or holds no valid value (never the same as absent).
FactJSON: TypeAlias = str | FactErrorJSON | None


class FactsJSON(TypedDict):
    """A device's class facts (docs/fleet.md, "Classes")."""

    mdev_type: FactJSON
    driver: FactJSON
    parent: FactJSON
    vendor: FactJSON
    device: FactJSON
    subsystem_vendor: FactJSON
    subsystem_device: FactJSON


class DeviceJSON(TypedDict):
    """One device of an inventory."""

    name: str
    bus: str
    path: str
    facts: FactsJSON
    status: Literal["ok", "warning", "error"]
    error: ReadErrorJSON | None
    interface_version: AttributeJSON
    interface_version_compatible: AttributeJSON


class ScanDocument(TypedDict):
    """The document of ``rangespec scan --format json``: a host's inventory."""

    schema: str
    host: str
    sysfs_root: str
    devices: list[DeviceJSON]
    errors: list[ListingErrorJSON]


class ProbeJSON(TypedDict):
    version: str
    contains: bool


class VectorErrorJSON(TypedDict):
    code: str
    offset: int


class VectorJSON(TypedDict):
    """One line of ``rangespec vectors``."""

    schema: str
    text: str
    valid: bool
    canonical: str | None
    error: VectorErrorJSON | None
    probes: list[ProbeJSON]


class FindingJSON(TypedDict):
    """What ``rangespec fuzz`` found (``rangespec.fuzz.Finding``), on one input."""

    kind: str  # disagreement, timeout, crash or malformed
    message: str
    request: str
    answer: str
    stderr: list[str]
    text: str
    version: str | None
    where: str
    notes: list[str]


class FuzzDocument(TypedDict):
    """``rangespec fuzz --format json``: ``finding`` is None when the program
    agreed on every example (exit 0)."""

    schema: str
    program: list[str]
    per_request: bool
    max_examples: int
    seed: int
    finding: FindingJSON | None


# -- rangespec fleet (docs/fleet.md) -------------------------------------------


class VersionCountJSON(TypedDict):
    """A distinct version of a class, its order key, and its devices and hosts."""

    version: str
    key: str
    devices: int
    hosts: int


class ListCountJSON(TypedDict):
    """A distinct (canonical) list of a class, and its devices and hosts."""

    list: str
    devices: int
    hosts: int


class SourceIslandJSON(TypedDict):
    """A device with nowhere to go: no device of its class on another host accepts it."""

    host: str
    device: str
    version: str


class DestinationIslandJSON(TypedDict):
    """A device whose list accepts no version of its class on another host."""

    host: str
    device: str
    list: str


class IslandsJSON(TypedDict):
    """Devices that cannot leave, and devices that cannot receive."""

    nowhere_to_go: list[SourceIslandJSON]
    accepts_nothing: list[DestinationIslandJSON]


class HostProfileJSON(TypedDict):
    """Hosts with the same versions of a class and the same accepted versions of it."""

    versions: list[str]
    accepts: list[str]
    hosts: list[str]


OneWayJSON = TypedDict("OneWayJSON", {"from": int, "to": int, "host_pairs": int})
OneWayJSON.__doc__ = """Hosts of profile ``from`` can send to hosts of profile ``to``, and
not back (indices into ``profiles``)."""

ClassReportJSON = TypedDict(
    "ClassReportJSON",
    {
        "class": str,
        "devices": int,
        "hosts": int,
        "unusable": int,
        "versions": list[VersionCountJSON],
        "lists": list[ListCountJSON],
        "limited": str | None,
        "matrix": list[list[bool]] | None,
        "islands": IslandsJSON | None,
        "profiles": list[HostProfileJSON] | None,
        "one_way": list[OneWayJSON] | None,
    },
)
ClassReportJSON.__doc__ = """The report of one class; ``matrix[i][j]``: list j accepts
version i. ``null`` for what was not worked out, and ``limited`` says why."""


class ProblemJSON(TypedDict):
    """An unreadable or invalid attribute or class fact, or a place a scan could not list."""

    host: str
    device: str
    what: str
    code: str
    message: str


class RejectedJSON(TypedDict):
    """An input not used: a bad document, or (``unreadable``) an input not read."""

    source: str
    message: str
    unreadable: bool


class FleetReportDocument(TypedDict):
    """The document of ``rangespec fleet report --format json``."""

    schema: str
    rule: str
    hosts: int
    devices: int
    unclassified: int
    classes: list[ClassReportJSON]
    problems: list[ProblemJSON]
    rejected: list[RejectedJSON]


class DestinationJSON(TypedDict):
    """A device that accepts the version asked about."""

    host: str
    device: str
    version: str | None
    list: str


DestinationsDocument = TypedDict(
    "DestinationsDocument",
    {
        "schema": str,
        "class": str,
        "source": str | None,
        "version": str,
        "both_ways": bool,
        "back": str | None,
        "devices": int,
        "hosts": int,
        "destinations": list[DestinationJSON],
        "rejected": list[RejectedJSON],
    },
)
DestinationsDocument.__doc__ = """The document of ``rangespec fleet destinations --format
json``."""


class ChangeJSON(TypedDict):
    """Ordered device pairs whose verdict an upgrade flips, by version and list before."""

    from_version: str | None
    to_list: str | None
    pairs: int
    change: Literal["gained", "lost"]


class DirectionJSON(TypedDict):
    """One direction of an upgrade: allowed pairs before and after, gained, lost."""

    direction: str
    before: int
    after: int
    gained: int
    lost: int
    changes: list[ChangeJSON]


class BlockedStepJSON(TypedDict):
    """A rolling-upgrade step that is not safe."""

    step: int
    host: str
    undrainable: list[str]
    stranded: int


class RollingJSON(TypedDict):
    """Whether a rolling upgrade keeps every device evacuable, and the steps that do not."""

    safe: bool
    steps: int
    blocked: list[BlockedStepJSON]


UpgradeDocument = TypedDict(
    "UpgradeDocument",
    {
        "schema": str,
        "class": str,
        "version": str,
        "list": str,
        "hosts": list[str],
        "devices": int,
        "loses": bool,
        "directions": list[DirectionJSON],
        "new_islands": IslandsJSON,
        "rolling": RollingJSON,
        "rejected": list[RejectedJSON],
    },
)
UpgradeDocument.__doc__ = """The document of ``rangespec fleet upgrade --format json``."""

IntervalRowJSON = TypedDict(
    "IntervalRowJSON",
    {
        "schema": str,
        "class": str,
        "host": str,
        "device": str,
        "lo_key": str,
        "lo_inclusive": bool,
        "hi_key": str | None,
        "hi_inclusive": bool,
    },
)
IntervalRowJSON.__doc__ = """One line of ``rangespec fleet export --format jsonl``."""

DeviceRowJSON = TypedDict(
    "DeviceRowJSON",
    {
        "schema": str,
        "class": str | None,
        "host": str,
        "device": str,
        "version": str | None,
        "version_key": str | None,
        "list": str | None,
    },
)
DeviceRowJSON.__doc__ = """One line of ``rangespec fleet export --table devices --format
jsonl``."""
