"""Reading the two attributes from sysfs, strictly and with a bounded read.

sysfs hands out at most one page per attribute, in ASCII, ending in a
newline. Anything else (a missing file, no permission, a directory, bytes
that are not ASCII, a NUL, more than a page) is a :class:`SysfsError` that
names the path, never a traceback.

A device directory holds ``interface_version`` and
``interface_version_compatible`` itself, or in its ``migration/``
subdirectory; :func:`find_attribute` looks in both, in that order.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = [
    "COMPATIBLE_ATTRIBUTE",
    "PAGE_SIZE",
    "VERSION_ATTRIBUTE",
    "Device",
    "SysfsError",
    "find_attribute",
    "find_devices",
    "read_attribute",
]

PAGE_SIZE: Final = 4096
VERSION_ATTRIBUTE: Final = "interface_version"
COMPATIBLE_ATTRIBUTE: Final = "interface_version_compatible"
# Where devices of each bus are listed, relative to the sysfs root.
_BUSES: Final = (("mdev", "bus/mdev/devices"), ("pci", "bus/pci/devices"))


class SysfsError(Exception):
    """An attribute that could not be read as sysfs text.

    ``code`` is one of: missing, permission-denied, not-a-file, unreadable,
    too-long, nul-byte, not-ascii. ``offset`` is the byte the problem is at,
    for the last three.
    """

    def __init__(
        self, code: str, path: str | os.PathLike[str], message: str, offset: int | None = None
    ) -> None:
        super().__init__(code, os.fspath(path), message, offset)
        self.code = code
        self.path = os.fspath(path)
        self.message = message
        self.offset = offset

    def __str__(self) -> str:
        return f"{self.path}: {self.message} ({self.code})"


def read_attribute(path: str | os.PathLike[str], *, limit: int = PAGE_SIZE) -> str:
    """The text of a sysfs attribute, one trailing newline removed.

    At most ``limit`` bytes, the newline counted, are accepted; no more than
    ``limit + 1`` are ever read.
    """
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise SysfsError("not-a-file", path, "is a directory, not an attribute file")
        if not stat.S_ISREG(mode):
            # A FIFO or device node could block or never end.
            raise SysfsError("not-a-file", path, "is not a regular file")
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise SysfsError("missing", path, "no such file") from None
    except PermissionError:
        raise SysfsError("permission-denied", path, "permission denied") from None
    except OSError as exc:
        raise SysfsError("unreadable", path, f"cannot be read: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise SysfsError("too-long", path, f"holds more than {limit} bytes", limit)
    nul = data.find(b"\0")
    if nul >= 0:
        raise SysfsError("nul-byte", path, f"holds a NUL byte at offset {nul}", nul)
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as exc:
        raise SysfsError(
            "not-ascii",
            path,
            f"holds a byte that is not ASCII (0x{data[exc.start]:02x}) at offset {exc.start}",
            exc.start,
        ) from None
    return text.removesuffix("\n")


def find_attribute(device: str | os.PathLike[str], name: str) -> Path:
    """Where ``name`` is for a device: in its directory, else in ``migration/``.

    Returns the first path when neither exists, so reading it reports it missing.
    """
    direct = Path(device, name)
    nested = Path(device, "migration", name)
    # os.path.exists, unlike Path.exists, says False for an unreadable parent.
    if not os.path.exists(direct) and os.path.exists(nested):
        return nested
    return direct


@dataclass(frozen=True, slots=True)
class Device:
    """A device directory that carries at least one of the two attributes."""

    name: str
    bus: str
    path: Path


def find_devices(root: str | os.PathLike[str] = "/sys") -> Iterator[Device]:
    """Devices under ``root``/bus/{mdev,pci}/devices that carry an attribute.

    Each device is listed once even if reachable by several links.
    """
    seen: set[Path] = set()
    for bus, listing in _BUSES:
        try:
            entries = sorted(Path(root, listing).iterdir())
        except OSError:
            continue
        for entry in entries:
            real = entry.resolve()
            if real in seen or not real.is_dir():
                continue
            attributes = (
                find_attribute(real, a) for a in (VERSION_ATTRIBUTE, COMPATIBLE_ATTRIBUTE)
            )
            if any(os.path.exists(a) for a in attributes):
                seen.add(real)
                yield Device(entry.name, bus, entry)
