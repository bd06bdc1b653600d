"""Reading devices from sysfs: exact attribute reads, device records, a host's inventory.

An attribute's content is valid only when it is exactly one value and at
most one trailing newline, as a sysfs ``show()`` function writes it. The
reader hands the parser exactly what the file holds; the parser allows the
one newline and nothing else, so ``2.1.3\\n\\n`` or ``2.1.3\\r\\n`` are
invalid, never compatible.

Anything that cannot be read (a missing file, no permission, a directory,
a FIFO, bytes that are not ASCII, a NUL, more than a page) is a
:class:`ReadError` in the record, or a :class:`SysfsError` when raised, and
always names the path. Unreadable is never the same as absent: a device
directory that cannot be searched is listed, with its error.

A device directory holds ``interface_version`` and
``interface_version_compatible`` itself, or in its ``migration/``
subdirectory; the first place wins.

>>> import pathlib, tempfile
>>> device = pathlib.Path(tempfile.mkdtemp())
>>> _ = (device / "interface_version").write_text("2.1.3\\n")
>>> _ = (device / "interface_version_compatible").write_text("2.0.*\\n\\n")
>>> record = read_device(device)
>>> record.interface_version.value, record.status
(Version(2, 1, 3), 'error')
>>> record.interface_version_compatible.report.errors[0].code.value
'unexpected-character'
"""

from __future__ import annotations

import enum
import errno
import os
import re
import socket
import stat
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final, Generic, Literal, TypeVar

from ._diagnostics import Report
from ._errors import ErrorCode, RangeSpecError
from ._excerpt import escape
from ._rangeset import RangeSet
from ._validation import validate, validate_version
from ._version import Version
from .schemas import (
    SCAN,
    AttributeJSON,
    DeviceJSON,
    FactJSON,
    FactsJSON,
    ReadErrorJSON,
    ScanDocument,
)

__all__ = [
    "COMPATIBLE_ATTRIBUTE",
    "FACT_NAMES",
    "MAX_LIMIT",
    "PAGE_SIZE",
    "VERSION_ATTRIBUTE",
    "Attribute",
    "Device",
    "Fact",
    "Facts",
    "Inventory",
    "InventoryError",
    "ReadError",
    "SysfsError",
    "SysfsErrorCode",
    "check_fact",
    "read_attribute",
    "read_device",
    "read_facts",
    "scan",
]

PAGE_SIZE: Final = 4096
#: The largest ``limit`` read_attribute takes.
MAX_LIMIT: Final = 1 << 24
VERSION_ATTRIBUTE: Final = "interface_version"
COMPATIBLE_ATTRIBUTE: Final = "interface_version_compatible"
# Where devices of each bus are listed, relative to the sysfs root.
_BUSES: Final = (("mdev", "bus/mdev/devices"), ("pci", "bus/pci/devices"))

#: The class facts of a device, in the order of its JSON form: the names of
#: the ``mdev_type`` and ``driver`` link targets, the parent device's
#: name, and the PCI ids (of the device, or of an mdev's parent).
FACT_NAMES: Final = (
    "mdev_type",
    "driver",
    "parent",
    "vendor",
    "device",
    "subsystem_vendor",
    "subsystem_device",
)
# Facts read from link targets or directory names, and from PCI id files.
_NAME_FACTS: Final = frozenset({"mdev_type", "driver", "parent"})
_ID_FACTS: Final = frozenset({"vendor", "device", "subsystem_vendor", "subsystem_device"})
# A PCI id as sysfs shows it (the file ends in one newline, removed first).
_PCI_ID: Final = re.compile(r"0x[0-9a-f]{4}")
# The longest file name (NAME_MAX); a PCI id file is read up to this too.
_NAME_MAX: Final = 255

T = TypeVar("T", Version, RangeSet)


class SysfsErrorCode(enum.StrEnum):
    """Why an attribute (or a device entry) could not be used.

    >>> SysfsErrorCode("not-ascii") is SysfsErrorCode.NOT_ASCII
    True
    """

    #: No such file (or device).
    MISSING = "missing"
    #: The file or a directory on the way to it may not be read or searched.
    PERMISSION_DENIED = "permission-denied"
    #: A directory, FIFO, socket or device node where a file should be.
    NOT_A_FILE = "not-a-file"
    #: Any other failure to open or read: a symlink loop, a name too long, I/O.
    UNREADABLE = "unreadable"
    #: More than a page.
    TOO_LONG = "too-long"
    #: A NUL byte.
    NUL_BYTE = "nul-byte"
    #: A byte outside ASCII.
    NOT_ASCII = "not-ascii"
    #: Read, but the text is not a valid attribute (``require`` only).
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class ReadError:
    """Why a file could not be read: a code, a sentence, and for content the byte offset.

    >>> ReadError(SysfsErrorCode.NUL_BYTE, "holds a NUL byte at offset 5", 5).code.value
    'nul-byte'
    """

    code: SysfsErrorCode
    message: str
    offset: int | None = None

    def to_json(self) -> ReadErrorJSON:
        """The JSON form (docs/cli.md, "scan")."""
        return {"code": self.code.value, "message": self.message, "offset": self.offset}


class SysfsError(Exception):
    """An attribute that could not be read, or not used, naming its path.

    >>> str(SysfsError(SysfsErrorCode.MISSING, "/sys/x/interface_version", "no such file"))
    '/sys/x/interface_version: no such file (missing)'

    For code ``invalid``, ``error`` is the first error in the text, and
    printing shows it with its excerpt.
    """

    def __init__(
        self,
        code: SysfsErrorCode,
        path: str | os.PathLike[str],
        message: str,
        offset: int | None = None,
        error: RangeSpecError | None = None,
    ) -> None:
        super().__init__(code, os.fspath(path), message, offset, error)
        self.code = code
        self.path = os.fspath(path)
        self.message = message
        self.offset = offset
        self.error = error

    def __str__(self) -> str:
        if self.error is not None:
            return f"{escape(self.path)}: {self.message}: {self.error}"
        return f"{escape(self.path)}: {self.message} ({self.code})"


def read_attribute(path: str | os.PathLike[str], *, limit: int = PAGE_SIZE) -> str:
    """The text of a sysfs attribute, exactly as the file holds it.

    At most ``limit`` bytes are accepted; no more than ``limit + 1`` are
    ever read. The file is opened without blocking and its type checked on
    the open descriptor, so a FIFO or device node swapped in is refused,
    never waited on. Nothing is stripped: the parser allows one trailing
    newline and rejects anything else.

    Raises SysfsError, with the path and a code saying why; ValueError for a
    ``limit`` that is not an int from 0 to MAX_LIMIT (16 MiB: the buffer
    for it is allocated up front).

    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = pathlib.Path(tmp.name, "interface_version")
    >>> _ = path.write_bytes(b"2.1.3\\n")
    >>> read_attribute(path)  # exactly the bytes, newline kept
    '2.1.3\\n'
    >>> for where, limit in ((path, 3), (path.with_name("interface_version_compatible"), 4096)):
    ...     try:
    ...         read_attribute(where, limit=limit)
    ...     except SysfsError as exc:
    ...         print(exc.code.value, exc.path == str(where))
    too-long True
    missing True
    >>> tmp.cleanup()
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= MAX_LIMIT:
        raise ValueError(f"limit must be an int from 0 to {MAX_LIMIT}, not {limit!r}")
    try:
        data = _read_bytes(path, limit)
    except _Unreadable as exc:
        raise SysfsError(exc.error.code, path, exc.error.message, exc.error.offset) from None
    return data


class _Unreadable(Exception):
    def __init__(self, error: ReadError) -> None:
        super().__init__(error)
        self.error = error


def _read_bytes(path: str | os.PathLike[str], limit: int) -> str:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENOENT and _dangling(os.fspath(path)):
            raise _Unreadable(_POINTS_NOWHERE) from None
        raise _Unreadable(_os_error(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise _Unreadable(ReadError(SysfsErrorCode.NOT_A_FILE, "is a directory, not a file"))
        if not stat.S_ISREG(mode):
            # A FIFO or device node could block or never end.
            raise _Unreadable(ReadError(SysfsErrorCode.NOT_A_FILE, "is not a regular file"))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise _Unreadable(_os_error(exc)) from None
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise _Unreadable(ReadError(SysfsErrorCode.TOO_LONG, f"holds more than {limit} bytes"))
    nul = data.find(b"\0")
    if nul >= 0:
        raise _Unreadable(
            ReadError(SysfsErrorCode.NUL_BYTE, f"holds a NUL byte at offset {nul}", nul)
        )
    try:
        return data.decode("ascii")
    except UnicodeDecodeError as exc:
        raise _Unreadable(
            ReadError(
                SysfsErrorCode.NOT_ASCII,
                f"holds a byte that is not ASCII (0x{data[exc.start]:02x}) at offset {exc.start}",
                exc.start,
            )
        ) from None


#: A symbolic link on the way to a file that leads nowhere: the file is not
#: absent, it cannot be read.
_POINTS_NOWHERE: Final = ReadError(SysfsErrorCode.UNREADABLE, "a link on its path points nowhere")


def _dangling(path: str) -> bool:
    """Whether ``path``, or the directory it is in, is a link that leads nowhere."""
    return any(os.path.lexists(p) and not os.path.exists(p) for p in (path, os.path.dirname(path)))


def _os_error(exc: OSError) -> ReadError:
    reason = exc.strerror or str(exc)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return ReadError(SysfsErrorCode.MISSING, "no such file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReadError(SysfsErrorCode.PERMISSION_DENIED, "permission denied")
    return ReadError(SysfsErrorCode.UNREADABLE, f"cannot be read: {reason}")


@dataclass(frozen=True, slots=True)
class Attribute(Generic[T]):
    """One attribute of a device, as read and as checked.

    Exactly one of these holds: ``read_error`` is set (the file could not
    be read: ``text``, ``report`` and ``value`` are None), or ``report`` is
    the validation of ``text`` (and ``value`` is set when it has no
    errors).

    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> device = pathlib.Path(tmp.name)
    >>> _ = (device / "interface_version").write_text("2.1.3\\n")
    >>> _ = (device / "interface_version_compatible").write_text("2.1.0-,02\\n")
    >>> record = read_device(device)
    >>> version, compatible = record.interface_version, record.interface_version_compatible
    >>> version.ok, version.require()
    (True, Version(2, 1, 3))
    >>> compatible.ok, compatible.text, compatible.read_error, compatible.value
    (False, '2.1.0-,02\\n', None, None)
    >>> try:
    ...     compatible.require()
    ... except SysfsError as exc:
    ...     print(exc.code.value, exc.offset, exc.error.code.value)
    invalid 7 leading-zero
    >>> tmp.cleanup()
    """

    name: str
    path: str
    text: str | None
    read_error: ReadError | None
    report: Report | None
    value: T | None

    @property
    def ok(self) -> bool:
        """Read, and valid (warnings allowed)."""
        return self.value is not None

    def require(self) -> T:
        """The value; SysfsError (naming the path) if unreadable or invalid.

        For invalid text the error's code is ``invalid``, its message the
        first error's, and its offset where that error is in the text.
        """
        if self.value is not None:
            return self.value
        if self.read_error is not None:
            e = self.read_error
            raise SysfsError(e.code, self.path, e.message, e.offset)
        assert self.report is not None
        assert self.text is not None
        first = self.report.errors[0]
        assert isinstance(first.code, ErrorCode)
        error = RangeSpecError(first.code, first.message, self.text, first.offset, first.end)
        raise SysfsError(
            SysfsErrorCode.INVALID, self.path, f"invalid {self.name}", first.offset, error
        )

    def to_json(self) -> AttributeJSON:
        """The JSON form (docs/cli.md, "scan")."""
        return {
            "path": self.path,
            "read_error": None if self.read_error is None else self.read_error.to_json(),
            "report": None if self.report is None else self.report.to_json(),
        }


def _read_version(path: str) -> Attribute[Version]:
    try:
        text = _read_bytes(path, PAGE_SIZE)
    except _Unreadable as exc:
        return Attribute(VERSION_ATTRIBUTE, path, None, exc.error, None, None)
    report = validate_version(text)
    return Attribute(VERSION_ATTRIBUTE, path, text, None, report, report.version)


def _read_compatible(path: str, own: Version | None) -> Attribute[RangeSet]:
    try:
        text = _read_bytes(path, PAGE_SIZE)
    except _Unreadable as exc:
        return Attribute(COMPATIBLE_ATTRIBUTE, path, None, exc.error, None, None)
    report = validate(text, own_version=own)
    return Attribute(COMPATIBLE_ATTRIBUTE, path, text, None, report, report.rangeset)


@dataclass(frozen=True, slots=True)
class Fact:
    """One class fact as read: its value, or why there is none.

    Exactly one of ``value`` and ``error`` is set. A fact sysfs does not
    have at all (no ``mdev_type`` link on a PCI device) is not a Fact but
    None in :class:`Facts`: unreadable is never the same as absent.

    >>> Fact("nvidia-63").ok, Fact(None, ReadError(SysfsErrorCode.PERMISSION_DENIED, "no")).ok
    (True, False)
    """

    value: str | None
    error: ReadError | None = None

    @property
    def ok(self) -> bool:
        """Read, and a valid value."""
        return self.value is not None

    def to_json(self) -> FactJSON:
        """The JSON form: the value, or ``{"read_error": ...}`` (docs/cli.md, "scan")."""
        if self.value is not None:
            return self.value
        assert self.error is not None
        return {"read_error": self.error.to_json()}


@dataclass(frozen=True, slots=True)
class Facts:
    """A device's class facts (FACT_NAMES); None where sysfs has no such fact.

    ``mdev_type`` and ``driver`` are the names of the targets of the device's
    ``mdev_type`` and ``driver`` links; ``parent`` is the name of the
    directory the device's own directory sits in (an mdev's parent device);
    the four PCI ids are read from the device's directory, or for an mdev
    from its parent's. A value must be valid to count: a link name is 1 to
    255 printable ASCII characters, no space and no ``/``; a PCI id is
    ``0x`` and four lower-case hex digits (the file's one trailing newline
    removed). Anything else is a Fact with an error, code ``invalid``.

    >>> Facts(mdev_type=Fact("nvidia-63")).get("mdev_type")
    Fact(value='nvidia-63', error=None)
    >>> Facts().get("driver") is None
    True
    """

    mdev_type: Fact | None = None
    driver: Fact | None = None
    parent: Fact | None = None
    vendor: Fact | None = None
    device: Fact | None = None
    subsystem_vendor: Fact | None = None
    subsystem_device: Fact | None = None

    def get(self, name: str) -> Fact | None:
        """The fact called ``name`` (one of FACT_NAMES)."""
        if name not in FACT_NAMES:
            raise KeyError(name)
        found: Fact | None = getattr(self, name)
        return found

    def problems(self) -> Iterator[tuple[str, ReadError]]:
        """(name, error) for each fact that could not be read or is not valid."""
        for name in FACT_NAMES:
            fact = self.get(name)
            if fact is not None and fact.error is not None:
                yield name, fact.error

    def to_json(self) -> FactsJSON:
        """The JSON form (docs/cli.md, "scan")."""
        return {
            "mdev_type": _fact_json(self.mdev_type),
            "driver": _fact_json(self.driver),
            "parent": _fact_json(self.parent),
            "vendor": _fact_json(self.vendor),
            "device": _fact_json(self.device),
            "subsystem_vendor": _fact_json(self.subsystem_vendor),
            "subsystem_device": _fact_json(self.subsystem_device),
        }


def _fact_json(fact: Fact | None) -> FactJSON:
    return None if fact is None else fact.to_json()


_NO_FACTS: Final = Facts()


def check_fact(name: str, value: str) -> ReadError | None:
    """Why ``value`` is not a valid value of the fact ``name``; None if it is.
    ValueError for a name not in FACT_NAMES.

    >>> check_fact("vendor", "0x10de") is None, check_fact("driver", "nvidia") is None
    (True, True)
    >>> check_fact("vendor", "0x10DE").message
    'is not a PCI id (0x and four lower-case hex digits)'
    """
    if name in _ID_FACTS:
        if _PCI_ID.fullmatch(value):
            return None
        bad = _first_non_ascii(value)
        if bad is not None:
            return bad
        return ReadError(
            SysfsErrorCode.INVALID, "is not a PCI id (0x and four lower-case hex digits)"
        )
    if name not in _NAME_FACTS:
        raise ValueError(f"no fact {name!r}: one of {', '.join(FACT_NAMES)}")
    if not value:
        return ReadError(SysfsErrorCode.INVALID, "is an empty name")
    bad = _first_non_ascii(value)
    if bad is not None:
        return bad
    if len(value) > _NAME_MAX:
        return ReadError(SysfsErrorCode.TOO_LONG, f"is a name of more than {_NAME_MAX} characters")
    for offset, char in enumerate(value):
        if not "!" <= char <= "~" or char == "/":
            return ReadError(
                SysfsErrorCode.INVALID,
                f"holds {char!r} at offset {offset}: a name is printable ASCII, "
                "without spaces or '/'",
                offset,
            )
    return None


def _first_non_ascii(value: str) -> ReadError | None:
    for offset, char in enumerate(value):
        if not char.isascii():
            return ReadError(
                SysfsErrorCode.NOT_ASCII,
                f"holds a character that is not ASCII ({escape(char)}) at offset {offset}",
                offset,
            )
    return None


def _fact(name: str, value: str) -> Fact:
    error = check_fact(name, value)
    return Fact(value) if error is None else Fact(None, error)


def _read_link_name(path: str, name: str) -> Fact | None:
    """The name of the target of the link ``path``; None if there is no such link."""
    try:
        target = os.readlink(path)
    except OSError as exc:
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return None
        if exc.errno == errno.EINVAL:
            return Fact(None, ReadError(SysfsErrorCode.NOT_A_FILE, "is not a symbolic link"))
        return Fact(None, _os_error(exc))
    return _fact(name, os.path.basename(target.rstrip("/")) or target)


def _read_pci_id(path: str, name: str) -> Fact | None:
    """A PCI id file's value (without its one trailing newline); None if there is none."""
    try:
        text = _read_bytes(path, _NAME_MAX)
    except _Unreadable as exc:
        if exc.error.code is SysfsErrorCode.MISSING:
            return None
        return Fact(None, exc.error)
    return _fact(name, text.removesuffix("\n"))


def read_facts(path: str | os.PathLike[str], bus: str) -> Facts:
    """The class facts of the device directory ``path`` on ``bus`` (see :class:`Facts`).

    Every read is bounded and never blocks (links are read with readlink, id
    files as attributes are); nothing raises. An mdev's PCI ids are its
    parent's; a fact sysfs lacks is None, one that is not valid a Fact with
    an error.

    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> root = pathlib.Path(tmp.name)
    >>> gpu = root / "0000:00:02.0"
    >>> mdev = gpu / "6bc0b8f2-0000-4a00-9000-000000000001"
    >>> mdev.mkdir(parents=True)
    >>> (root / "i915-GVTg_V5_4").mkdir()
    >>> (mdev / "mdev_type").symlink_to(root / "i915-GVTg_V5_4")
    >>> _ = (gpu / "vendor").write_text("0x8086\\n")
    >>> _ = (gpu / "device").write_text("0x3E92\\n")  # upper case: not as sysfs writes it
    >>> facts = read_facts(mdev, "mdev")
    >>> facts.mdev_type.value, facts.parent.value, facts.vendor.value
    ('i915-GVTg_V5_4', '0000:00:02.0', '0x8086')
    >>> facts.driver, facts.device.value, facts.device.error.code.value
    (None, None, 'invalid')
    >>> tmp.cleanup()
    """
    path = os.fspath(path)
    real = os.path.realpath(path)
    parent_dir = os.path.dirname(real)
    parent_name = os.path.basename(parent_dir)
    ids_dir = parent_dir if bus == "mdev" else path
    ids = {n: _read_pci_id(os.path.join(ids_dir, n), n) for n in sorted(_ID_FACTS)}
    return Facts(
        mdev_type=_read_link_name(os.path.join(path, "mdev_type"), "mdev_type"),
        driver=_read_link_name(os.path.join(path, "driver"), "driver"),
        parent=_fact("parent", parent_name) if parent_name else None,
        vendor=ids["vendor"],
        device=ids["device"],
        subsystem_vendor=ids["subsystem_vendor"],
        subsystem_device=ids["subsystem_device"],
    )


@dataclass(frozen=True, slots=True)
class Device:
    """A device directory and its two attributes.

    ``error`` is set when the device's directory entry itself could not be
    followed (a symlink loop, no search permission); its attributes then
    carry the same error. Warnings (here: the list rejects the device's own
    version, and spells ``2.1.0+`` as ``2.1.0-``) make the status
    ``warning``, never ``error``:

    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = pathlib.Path(tmp.name)
    >>> _ = (path / "interface_version").write_text("3.0.0\\n")
    >>> _ = (path / "interface_version_compatible").write_text("2.1.0-\\n")
    >>> device = read_device(path, name="0000:3b:00.1", bus="pci")
    >>> device.name, device.bus, device.status, device.error
    ('0000:3b:00.1', 'pci', 'warning', None)
    >>> [d.code.value for d in device.interface_version_compatible.report.diagnostics]
    ['own-version-rejected', 'hyphen-spelling']
    >>> tmp.cleanup()
    """

    name: str
    bus: str
    path: str
    interface_version: Attribute[Version]
    interface_version_compatible: Attribute[RangeSet]
    error: ReadError | None = None
    #: What decides the device's class (docs/fleet.md, "Classes"); they do
    #: not change ``status``, which is about the two attributes.
    facts: Facts = _NO_FACTS

    @property
    def status(self) -> Literal["ok", "warning", "error"]:
        """``error`` if an attribute is unreadable or invalid, ``warning`` if one
        has warnings, else ``ok``."""
        attributes = (self.interface_version, self.interface_version_compatible)
        if not all(a.ok for a in attributes):
            return "error"
        if any(a.report is not None and a.report.diagnostics for a in attributes):
            return "warning"
        return "ok"

    def to_json(self) -> DeviceJSON:
        """The JSON form (docs/cli.md, "scan")."""
        return {
            "name": self.name,
            "bus": self.bus,
            "path": self.path,
            "facts": self.facts.to_json(),
            "status": self.status,
            "error": None if self.error is None else self.error.to_json(),
            "interface_version": self.interface_version.to_json(),
            "interface_version_compatible": self.interface_version_compatible.to_json(),
        }


def read_device(path: str | os.PathLike[str], *, name: str | None = None, bus: str = "") -> Device:
    """Read and check both attributes of the device directory ``path``, and its class facts.

    The list is checked with the device's own version as ``own_version``.
    Each attribute is read from the directory itself if it is there, else
    from ``migration/``; ``name`` defaults to the directory's name.

    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> path = pathlib.Path(tmp.name, "0000:3b:00.1")
    >>> (path / "migration").mkdir(parents=True)
    >>> _ = (path / "migration" / "interface_version").write_text("2.1.3\\n")
    >>> _ = (path / "migration" / "interface_version_compatible").write_text("2.0.0-2.1.*\\n")
    >>> device = read_device(path, bus="pci")
    >>> device.name, device.status
    ('0000:3b:00.1', 'ok')
    >>> pathlib.Path(device.interface_version.path).relative_to(path).as_posix()
    'migration/interface_version'
    >>> _ = (path / "interface_version").write_text("2.1.4\\n")  # the first place wins
    >>> read_device(path).interface_version.value
    Version(2, 1, 4)
    >>> tmp.cleanup()
    """
    path = os.fspath(path)
    name = os.path.basename(os.path.normpath(path)) if name is None else name
    version = _read_version(_locate(path, VERSION_ATTRIBUTE))
    compatible = _read_compatible(_locate(path, COMPATIBLE_ATTRIBUTE), version.value)
    return Device(name, bus, path, version, compatible, facts=read_facts(path, bus))


def _locate(device: str, name: str) -> str:
    """Where ``name`` is for a device: in its directory, else in ``migration/``.

    The direct place is returned whenever the nested one is not there for
    sure, so reading it reports what is wrong.
    """
    direct = os.path.join(device, name)
    nested = os.path.join(device, "migration", name)
    if _presence(direct) != "absent":
        return direct
    if _presence(nested) != "absent" or _presence(os.path.dirname(nested)) == "unknown":
        return nested  # there, or a migration/ that cannot be followed: reading it says why
    return direct


def _presence(path: str) -> Literal["present", "absent", "unknown"]:
    """Whether a file is there; "unknown" when that cannot be told (no permission, a
    loop, a link that points nowhere)."""
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno not in (errno.ENOENT, errno.ENOTDIR):
            return "unknown"
        return "unknown" if os.path.lexists(path) else "absent"
    return "present"


def _carries_attributes(device: str) -> bool:
    """Whether a device directory has either attribute, or might (cannot be told)."""
    places = (
        os.path.join(device, where, name)
        for where in ("", "migration")
        for name in (VERSION_ATTRIBUTE, COMPATIBLE_ATTRIBUTE)
    )
    return any(_presence(p) != "absent" for p in places)


class InventoryError(ValueError):
    """An inventory document that does not have the documented layout.

    The message says where in the document the layout is wrong.

    >>> document = Inventory("/sys", (), host="node-1").to_json()
    >>> for broken in ({"schema": "rangespec.scan/1"}, {"devices": [{"name": "0000:3b:00.1"}]}):
    ...     try:
    ...         Inventory.from_json({**document, **broken})
    ...     except InventoryError as exc:
    ...         print(exc)
    the document's schema is 'rangespec.scan/1', not 'rangespec.scan/2'
    document.devices[0]: no 'interface_version'
    >>> issubclass(InventoryError, ValueError)
    True
    """


@dataclass(frozen=True, slots=True)
class Inventory:
    """A host's devices, as ``scan`` found them.

    ``errors`` are the places that could not be listed at all (a bus
    directory without read permission): never read as "no devices".
    ``host`` names the machine (its hostname, unless ``scan`` was told
    another name); a fleet tells its inventories apart by it. The JSON form
    reads back as an equal inventory.

    >>> denied = ReadError(SysfsErrorCode.PERMISSION_DENIED, "permission denied")
    >>> inventory = Inventory("/sys", (), (("/sys/bus/pci/devices", denied),), "node-1")
    >>> inventory.ok  # no device found, but a listing failed: not "no devices"
    False
    >>> Inventory.from_json(inventory.to_json()) == inventory
    True
    """

    sysfs_root: str
    devices: tuple[Device, ...]
    errors: tuple[tuple[str, ReadError], ...] = ()
    host: str = ""

    @property
    def ok(self) -> bool:
        """No listing error and no device with an error."""
        return not self.errors and all(d.status != "error" for d in self.devices)

    def to_json(self) -> ScanDocument:
        """The JSON form, schema ``rangespec.scan/2`` (docs/cli.md, "scan")."""
        return {
            "schema": SCAN,
            "host": self.host,
            "sysfs_root": self.sysfs_root,
            "devices": [d.to_json() for d in self.devices],
            "errors": [
                {"path": path, "code": e.code.value, "message": e.message, "offset": e.offset}
                for path, e in self.errors
            ],
        }

    @classmethod
    def from_json(cls, document: Mapping[str, Any]) -> Inventory:
        """The inventory a document describes; InventoryError if its layout is wrong.

        The reports in the document are derived data and are not trusted:
        each attribute's text is validated again, so a document can never
        make an invalid attribute look valid.
        """
        return _inventory_from_json(document)


def scan(root: str | os.PathLike[str] = "/sys", *, host: str | None = None) -> Inventory:
    """Every device under ``root``/bus/{mdev,pci}/devices that carries an attribute.

    Each device is listed once even if reachable by several links. A
    device entry that cannot be followed is listed with its error; a bus
    listing that cannot be read, is not a directory or leads nowhere is an
    inventory error. A bus that does not exist is simply empty. Each
    device's class facts are read too (:func:`read_facts`). The inventory
    is named ``host``, by default this machine's hostname.

    Raises SysfsError if ``root`` is not a directory.

    >>> import pathlib, tempfile
    >>> tmp = tempfile.TemporaryDirectory()
    >>> root = pathlib.Path(tmp.name)
    >>> nic = root / "devices" / "0000:3b:00.1"
    >>> nic.mkdir(parents=True)
    >>> _ = (nic / "interface_version").write_text("2.1.3\\n")
    >>> _ = (nic / "interface_version_compatible").write_text("2.0.0-2.1.*\\n")
    >>> (root / "devices" / "0000:3b:00.0").mkdir()  # no attribute: not listed
    >>> listing = root / "bus" / "pci" / "devices"
    >>> listing.mkdir(parents=True)
    >>> for name in ("0000:3b:00.0", "0000:3b:00.1", "0000:3b:00.2"):
    ...     (listing / name).symlink_to(root / "devices" / name)  # 00.2 points nowhere
    >>> inventory = scan(root, host="node-1")
    >>> inventory.host, [(d.bus, d.name, d.status) for d in inventory.devices]
    ('node-1', [('pci', '0000:3b:00.1', 'ok'), ('pci', '0000:3b:00.2', 'error')])
    >>> inventory.devices[1].error.message, inventory.ok
    ('the entry points nowhere', False)
    >>> tmp.cleanup()
    """
    root = os.fspath(root)
    if host is None:
        host = socket.gethostname()
    if not isinstance(host, str):
        raise TypeError(f"host must be a str, not {type(host).__name__}")
    try:
        if not stat.S_ISDIR(os.stat(root).st_mode):
            raise SysfsError(SysfsErrorCode.NOT_A_FILE, root, "is not a directory")
    except OSError as exc:
        error = _os_error(exc)
        message = "no such directory" if error.code is SysfsErrorCode.MISSING else error.message
        raise SysfsError(error.code, root, message) from None
    devices: list[Device] = []
    errors: list[tuple[str, ReadError]] = []
    seen: set[tuple[int, int]] = set()
    for bus, listing in _BUSES:
        directory = os.path.join(root, listing)
        try:
            names = sorted(os.listdir(directory))
        except FileNotFoundError:
            if any(_dangling(p) for p in (directory, os.path.dirname(directory))):
                errors.append((directory, _POINTS_NOWHERE))
            continue  # else: no such bus on this host
        except NotADirectoryError:
            errors.append((directory, ReadError(SysfsErrorCode.NOT_A_FILE, "is not a directory")))
            continue
        except OSError as exc:
            errors.append((directory, _os_error(exc)))
            continue
        for name in names:
            device = _entry(os.path.join(directory, name), name, bus, seen)
            if device is not None:
                devices.append(device)
    return Inventory(root, tuple(devices), tuple(errors), host)


def _entry(path: str, name: str, bus: str, seen: set[tuple[int, int]]) -> Device | None:
    """The device at one bus entry; None if it carries no attribute or was seen."""
    try:
        info = os.stat(path)
    except OSError as exc:
        error = _os_error(exc)
        if error.code is SysfsErrorCode.MISSING:
            error = ReadError(SysfsErrorCode.MISSING, "the entry points nowhere")
        return _broken(path, name, bus, error)
    identity = (info.st_dev, info.st_ino)
    if identity in seen or not stat.S_ISDIR(info.st_mode):
        return None
    seen.add(identity)
    if not _carries_attributes(path):
        return None
    return read_device(path, name=name, bus=bus)


def _broken(path: str, name: str, bus: str, error: ReadError) -> Device:
    message = f"device entry {error.message}"
    entry = ReadError(error.code, message)
    return Device(
        name,
        bus,
        path,
        Attribute(
            VERSION_ATTRIBUTE, os.path.join(path, VERSION_ATTRIBUTE), None, entry, None, None
        ),
        Attribute(
            COMPATIBLE_ATTRIBUTE, os.path.join(path, COMPATIBLE_ATTRIBUTE), None, entry, None, None
        ),
        error,
        # Nothing of the device can be read: every fact is unreadable, none absent.
        Facts(*(Fact(None, entry) for _ in FACT_NAMES)),
    )


def _inventory_from_json(document: Mapping[str, Any]) -> Inventory:
    doc = _Reader(document, "document")
    schema = doc.get("schema", str)
    if schema != SCAN:
        raise InventoryError(f"the document's schema is {schema!r}, not {SCAN!r}")
    host = doc.get("host", str)
    devices = tuple(_device_from_json(d) for d in doc.items("devices"))
    errors = tuple((e.get("path", str), _read_error_from_json(e)) for e in doc.items("errors"))
    return Inventory(doc.get("sysfs_root", str), devices, errors, host)


def _device_from_json(doc: _Reader) -> Device:
    error = doc.optional("error")
    version = _version_from_json(doc.object(VERSION_ATTRIBUTE))
    compatible = _compatible_from_json(doc.object(COMPATIBLE_ATTRIBUTE), version.value)
    return Device(
        doc.get("name", str),
        doc.get("bus", str),
        doc.get("path", str),
        version,
        compatible,
        None if error is None else _read_error_from_json(error),
        _facts_from_json(doc.object("facts")),
    )


def _facts_from_json(doc: _Reader) -> Facts:
    """The facts; each value is checked again, so a document cannot make a bad one valid."""
    facts: list[Fact | None] = []
    for name in FACT_NAMES:
        if name not in doc.value:
            raise InventoryError(f"{doc.where}: no {name!r}")
        found = doc.value[name]
        if found is None:
            facts.append(None)
        elif isinstance(found, str):
            facts.append(_fact(name, found))
        elif isinstance(found, Mapping):
            fact = _Reader(found, f"{doc.where}.{name}")
            facts.append(Fact(None, _read_error_from_json(fact.object("read_error"))))
        else:
            raise InventoryError(
                f"{doc.where}.{name}: expected a string, an object or null, found {_kind(found)}"
            )
    return Facts(*facts)


def _text_from_json(doc: _Reader) -> tuple[str, ReadError | None, str | None]:
    """An attribute's path, and its read error or its text (the report is not trusted)."""
    path = doc.get("path", str)
    read_error, report = doc.optional("read_error"), doc.optional("report")
    if (read_error is None) == (report is None):
        raise InventoryError(f"{doc.where}: exactly one of read_error and report must be set")
    if read_error is not None:
        return path, _read_error_from_json(read_error), None
    assert report is not None
    return path, None, report.get("text", str)


def _version_from_json(doc: _Reader) -> Attribute[Version]:
    path, error, text = _text_from_json(doc)
    if text is None:
        return Attribute(VERSION_ATTRIBUTE, path, None, error, None, None)
    report = validate_version(text)  # derived again, never trusted
    return Attribute(VERSION_ATTRIBUTE, path, text, None, report, report.version)


def _compatible_from_json(doc: _Reader, own: Version | None) -> Attribute[RangeSet]:
    path, error, text = _text_from_json(doc)
    if text is None:
        return Attribute(COMPATIBLE_ATTRIBUTE, path, None, error, None, None)
    report = validate(text, own_version=own)
    return Attribute(COMPATIBLE_ATTRIBUTE, path, text, None, report, report.rangeset)


def _read_error_from_json(doc: _Reader) -> ReadError:
    code = doc.get("code", str)
    try:
        parsed = SysfsErrorCode(code)
    except ValueError:
        raise InventoryError(f"{doc.where}.code: {code!r} is not a read error code") from None
    offset = doc.get("offset", int, optional=True)
    return ReadError(parsed, doc.get("message", str), offset)


class _Reader:
    """A JSON object being checked, and where it is in the document, for messages."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, Mapping):
            raise InventoryError(f"{where}: expected an object, found {_kind(value)}")
        self.value, self.where = value, where

    def get(self, key: str, kind: type[Any], *, optional: bool = False) -> Any:
        if key not in self.value:
            if optional:
                return None
            raise InventoryError(f"{self.where}: no {key!r}")
        found = self.value[key]
        if optional and found is None:
            return None
        if not isinstance(found, kind) or (kind is int and isinstance(found, bool)):
            raise InventoryError(
                f"{self.where}.{key}: expected {_KINDS[kind]}, found {_kind(found)}"
            )
        return found

    def object(self, key: str) -> _Reader:
        return _Reader(self.get(key, Mapping), f"{self.where}.{key}")

    def optional(self, key: str) -> _Reader | None:
        found = self.get(key, Mapping, optional=True)
        return None if found is None else _Reader(found, f"{self.where}.{key}")

    def items(self, key: str) -> Iterator[_Reader]:
        for k, item in enumerate(self.get(key, list)):
            yield _Reader(item, f"{self.where}.{key}[{k}]")


_KINDS: Final[dict[type[Any], str]] = {
    str: "a string",
    int: "an integer",
    list: "an array",
    Mapping: "an object",
}


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    for kind, name in _KINDS.items():
        if isinstance(value, kind):
            return name
    return "a number" if isinstance(value, float) else type(value).__name__
