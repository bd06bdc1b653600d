"""A fake sysfs tree for tests: good, bad, unreadable and missing attributes and facts."""

from __future__ import annotations

import os
from pathlib import Path

# device directory (under devices/) -> attribute file -> bytes; None: no file
DEVICES: dict[str, dict[str, bytes | None]] = {
    # an mdev under its parent, attributes in the device directory
    "pci0000:00/0000:00:02.0/6bc0b8f2-0000-4a00-9000-000000000001": {
        "interface_version": b"2.1.3\n",
        "interface_version_compatible": b"2.0.2-2.0.4,2.1.0+\n",
    },
    # a second mdev of an older driver
    "pci0000:00/0000:00:02.0/6bc0b8f2-0000-4a00-9000-000000000002": {
        "interface_version": b"2.0.3\n",
        "interface_version_compatible": b"2.0.*\n",
    },
    # a PCI device with the attributes in migration/, and an invalid list
    "pci0000:00/0000:00:03.0/migration": {
        "interface_version": b"2.2.0\n",
        "interface_version_compatible": b"2.1.0-,02\n",
    },
    # non-ASCII bytes and a missing list
    "pci0000:00/0000:00:04.0": {
        "interface_version": b"2.\xd9\xa1\n",
        "interface_version_compatible": None,
    },
    # a list with warnings that rejects the device's own version
    "pci0000:00/0000:00:05.0": {
        "interface_version": b"3.0.0\n",
        "interface_version_compatible": b"2.1.0-\n",
    },
    # no attributes at all: not listed
    "pci0000:00/0000:00:06.0": {},
}

LINKS = {
    "bus/mdev/devices/6bc0b8f2-0000-4a00-9000-000000000001": (
        "pci0000:00/0000:00:02.0/6bc0b8f2-0000-4a00-9000-000000000001"
    ),
    "bus/mdev/devices/6bc0b8f2-0000-4a00-9000-000000000002": (
        "pci0000:00/0000:00:02.0/6bc0b8f2-0000-4a00-9000-000000000002"
    ),
    "bus/pci/devices/0000:00:02.0": "pci0000:00/0000:00:02.0",
    "bus/pci/devices/0000:00:03.0": "pci0000:00/0000:00:03.0",
    "bus/pci/devices/0000:00:04.0": "pci0000:00/0000:00:04.0",
    "bus/pci/devices/0000:00:05.0": "pci0000:00/0000:00:05.0",
    "bus/pci/devices/0000:00:06.0": "pci0000:00/0000:00:06.0",
}

# The class facts. PCI id files, by the directory (under devices/) that holds them:
# the Intel GPU the two mdevs are made on, and the PCI devices themselves.
INTEL_GPU = {
    "vendor": b"0x8086\n",
    "device": b"0x3e92\n",
    "subsystem_vendor": b"0x1028\n",
    "subsystem_device": b"0x0869\n",
}
NIC = {
    "vendor": b"0x15b3\n",
    "device": b"0x101e\n",
    "subsystem_vendor": b"0x15b3\n",
    "subsystem_device": b"0x0042\n",
}
ID_FILES: dict[str, dict[str, bytes]] = {
    "pci0000:00/0000:00:02.0": INTEL_GPU,
    "pci0000:00/0000:00:03.0": NIC,
    # an upper-case id (invalid: sysfs writes lower case) and a byte that is not ASCII
    "pci0000:00/0000:00:04.0": {"vendor": b"0x15B3\n", "device": b"0x\xff01\n"},
    "pci0000:00/0000:00:05.0": NIC,
}
MDEV_TYPE = "pci0000:00/0000:00:02.0/mdev_supported_types/i915-GVTg_V5_4"
# link (under devices/) -> target (under the root)
FACT_LINKS = {
    "pci0000:00/0000:00:02.0/6bc0b8f2-0000-4a00-9000-000000000001/mdev_type": (
        f"devices/{MDEV_TYPE}"
    ),
    "pci0000:00/0000:00:02.0/6bc0b8f2-0000-4a00-9000-000000000001/driver": (
        "bus/mdev/drivers/vfio_mdev"
    ),
    "pci0000:00/0000:00:02.0/6bc0b8f2-0000-4a00-9000-000000000002/mdev_type": (
        f"devices/{MDEV_TYPE}"
    ),
    "pci0000:00/0000:00:02.0/6bc0b8f2-0000-4a00-9000-000000000002/driver": (
        "bus/mdev/drivers/vfio_mdev"
    ),
    "pci0000:00/0000:00:02.0/driver": "bus/pci/drivers/i915",
    "pci0000:00/0000:00:03.0/driver": "bus/pci/drivers/mlx5_vfio_pci",
    "pci0000:00/0000:00:05.0/driver": "bus/pci/drivers/mlx5_vfio_pci",
}
# a regular file where the driver link should be: unreadable as a link
NOT_A_LINK = "pci0000:00/0000:00:04.0/driver"


def build(root: Path) -> Path:
    """Lay the tree out under ``root``; return ``root``."""
    for device, attributes in DEVICES.items():
        directory = root / "devices" / device
        directory.mkdir(parents=True, exist_ok=True)
        for name, content in attributes.items():
            if content is not None:
                (directory / name).write_bytes(content)
    for device, ids in ID_FILES.items():
        for name, content in ids.items():
            (root / "devices" / device / name).write_bytes(content)
    for link, target in LINKS.items():
        path = root / link
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to(os.path.relpath(root / "devices" / target, path.parent))
    for link, target in FACT_LINKS.items():
        path = root / "devices" / link
        path.symlink_to(os.path.relpath(root / target, path.parent))
    (root / "devices" / NOT_A_LINK).write_bytes(b"mlx5_vfio_pci\n")
    return root
