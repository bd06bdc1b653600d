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
    "MIGRATION",
    "NORMALIZE",
    "POLICY",
    "REPORT",
    "SCAN",
    "SCHEMAS",
    "VECTORS",
    "AttributeJSON",
    "DeviceJSON",
    "DiagnosticJSON",
    "EditJSON",
    "FactErrorJSON",
    "FactJSON",
    "FactsJSON",
    "FixJSON",
    "ListingErrorJSON",
    "MigrationDocument",
    "ReadErrorJSON",
    "ReportDocument",
    "ReportJSON",
    "ResultJSON",
    "ScanDocument",
    "VectorJSON",
    "VerdictJSON",
]

#: ``rangespec validate --format json``: a report per text.
REPORT: Final = "rangespec.report/2"
#: ``rangespec scan --format json``: a host's device inventory.
SCAN: Final = "rangespec.scan/2"
#: ``rangespec compat --format json``: a migration decision.
MIGRATION: Final = "rangespec.migration/1"
#: ``rangespec vectors``: one conformance vector per line.
VECTORS: Final = "rangespec.vectors/1"
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

#: Every schema id the package writes.
SCHEMAS: Final = (
    REPORT,
    SCAN,
    MIGRATION,
    VECTORS,
    NORMALIZE,
    CONTAINS,
    FILTER,
    EXPLAIN,
    DIFF,
    POLICY,
    ERROR,
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
