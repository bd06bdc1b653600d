"""A fleet generator: realistic inventories for N hosts from a seed.

The fleet (docs/fleet.md, "A generated fleet"):

* every host has devices of one GPU class (an NVIDIA mdev type on one of
  two boards, or an Intel GVT-g type) and, when it has room, a few virtual
  functions of a NIC driven by a variant VFIO driver (a PCI class);
* each class has driver releases whose lists come from
  :func:`rangespec.policy.semver_policy`, except one release that
  publishes a hand-written list; an upgrade is half rolled out (about half
  the hosts run the newer release), a few hosts run an older one, and about
  one host in 150 is a canary on the next major version, which nothing
  else accepts;
* about ``problems`` of the hosts (2% by default) have one damaged device:
  an invalid list or version, an unreadable attribute, or an unreadable
  class fact.

The same arguments always give the same inventories.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Final

from ._diagnostics import Report
from ._validation import validate, validate_version
from ._version import Version
from .policy import semver_policy
from .sysfs import (
    COMPATIBLE_ATTRIBUTE,
    FACT_NAMES,
    VERSION_ATTRIBUTE,
    Attribute,
    Device,
    Fact,
    Facts,
    Inventory,
    ReadError,
    SysfsErrorCode,
)

__all__ = ["MAX_DEVICES_PER_HOST", "generate_fleet"]


@dataclass(frozen=True)
class _Kind:
    """A class of device: how its devices are named and what facts they have."""

    bus: str
    mdev_type: str | None
    driver: str
    ids: tuple[str, str, str, str]
    # (version, list or None for the semver policy's), from the oldest release
    releases: tuple[tuple[str, str | None], ...]


_T4: Final = _Kind(
    "mdev",
    "nvidia-222",
    "vfio_mdev",
    ("0x10de", "0x1eb8", "0x10de", "0x12a2"),
    (("2.0.3", None), ("2.1.0", "2.0.2-2.0.4,2.1.0+"), ("2.1.4", None), ("3.0.0", None)),
)
_A16: Final = _Kind(
    "mdev",
    "nvidia-717",
    "vfio_mdev",
    ("0x10de", "0x25b6", "0x10de", "0x14a9"),
    (("2.0.3", None), ("2.1.0", "2.0.2-2.0.4,2.1.0+"), ("2.1.4", None), ("3.0.0", None)),
)
_GVT: Final = _Kind(
    "mdev",
    "i915-GVTg_V5_4",
    "vfio_mdev",
    ("0x8086", "0x3e92", "0x1028", "0x0869"),
    (("1.4.0", None), ("1.4.2", "1.4.*"), ("1.5.1", None), ("2.0.0", None)),
)
_NIC: Final = _Kind(
    "pci",
    None,
    "mlx5_vfio_pci",
    ("0x15b3", "0x101e", "0x15b3", "0x0042"),
    (("5.2.0", None), ("5.2.3", None), ("5.3.1", None), ("6.0.0", None)),
)
_GPUS: Final = (_T4, _T4, _A16, _GVT)  # T4 hosts are the most common
_NIC_FUNCTIONS: Final = 4


def _release(rng: random.Random, host: int, hosts: int) -> int:
    """Which release a host runs: 0 older, 1 and 2 the rollout (2 newer), 3 the canary."""
    if hosts >= 8 and host % 150 == 7:
        return 3
    draw = rng.random()
    if draw < 0.08:
        return 0
    if draw < 0.50:
        return 1
    return 2


class _Maker:
    """Builds devices, sharing the reports and facts that repeat."""

    def __init__(self) -> None:
        self.reports: dict[tuple[str, str, str | None], Report] = {}
        self.facts: dict[tuple[str, str, str], Facts] = {}

    def report(self, kind: str, text: str, own: Version | None = None) -> Report:
        key = (kind, text, None if own is None else str(own))
        found = self.reports.get(key)
        if found is None:
            found = validate_version(text) if kind == "version" else validate(text, own_version=own)
            self.reports[key] = found
        return found

    def facts_of(self, kind: _Kind, parent: str, host: str) -> Facts:
        key = (kind.mdev_type or kind.driver, kind.ids[1], parent)
        found = self.facts.get(key)
        if found is None:
            vendor, device, sub_vendor, sub_device = kind.ids
            found = Facts(
                mdev_type=None if kind.mdev_type is None else Fact(kind.mdev_type),
                driver=Fact(kind.driver),
                parent=Fact(parent),
                vendor=Fact(vendor),
                device=Fact(device),
                subsystem_vendor=Fact(sub_vendor),
                subsystem_device=Fact(sub_device),
            )
            self.facts[key] = found
        return found

    def device(
        self, kind: _Kind, name: str, parent: str, host: str, version: str, compatible: str
    ) -> Device:
        path = f"/sys/bus/{kind.bus}/devices/{name}"
        v_report = self.report("version", version + "\n")
        l_report = self.report("list", compatible + "\n", v_report.version)
        return Device(
            name,
            kind.bus,
            path,
            Attribute(
                VERSION_ATTRIBUTE,
                f"{path}/{VERSION_ATTRIBUTE}",
                v_report.text,
                None,
                v_report,
                v_report.version,
            ),
            Attribute(
                COMPATIBLE_ATTRIBUTE,
                f"{path}/{COMPATIBLE_ATTRIBUTE}",
                l_report.text,
                None,
                l_report,
                l_report.rangeset,
            ),
            facts=self.facts_of(kind, parent, host),
        )


def _list_for(release: tuple[str, str | None]) -> str:
    version, written = release
    return written if written is not None else str(semver_policy(version))


def _damage(rng: random.Random, device: Device, maker: _Maker) -> Device:
    """One device made bad in one of the ways real hosts are."""
    how = rng.randrange(6)
    version, compatible = device.interface_version, device.interface_version_compatible
    denied = ReadError(SysfsErrorCode.PERMISSION_DENIED, "permission denied")
    if how == 0:  # a list with a leading zero
        text = (compatible.text or "").removesuffix("\n") + ",02\n"
        report = maker.report("list", text)
        compatible = Attribute(compatible.name, compatible.path, text, None, report, None)
    elif how == 1:  # a version written with a carriage return
        text = (version.text or "").removesuffix("\n") + "\r\n"
        report = maker.report("version", text)
        version = Attribute(version.name, version.path, text, None, report, None)
    elif how == 2:
        version = Attribute(version.name, version.path, None, denied, None, None)
    elif how == 3:
        missing = ReadError(SysfsErrorCode.MISSING, "no such file")
        compatible = Attribute(compatible.name, compatible.path, None, missing, None, None)
    elif how == 4:  # the class fact cannot be read: the device has no class
        name = "mdev_type" if device.bus == "mdev" else "device"
        return _with_fact(device, name, Fact(None, denied))
    else:  # a driver link that is a plain file: in the class of a PCI device, not an mdev's
        not_link = ReadError(SysfsErrorCode.NOT_A_FILE, "is not a symbolic link")
        return _with_fact(device, "driver", Fact(None, not_link))
    return Device(device.name, device.bus, device.path, version, compatible, facts=device.facts)


def _with_fact(device: Device, name: str, fact: Fact) -> Device:
    values = {n: device.facts.get(n) for n in FACT_NAMES}
    values[name] = fact
    return Device(
        device.name,
        device.bus,
        device.path,
        device.interface_version,
        device.interface_version_compatible,
        facts=Facts(**values),
    )


#: The most devices a generated host has: its inventory, a few hundred
#: bytes a device, then stays far below what fleet reads (MAX_DOCUMENT).
MAX_DEVICES_PER_HOST: Final = 4096


def generate_fleet(
    hosts: int,
    *,
    seed: int = 0,
    devices_per_host: int = 50,
    problems: float = 0.02,
) -> Iterator[Inventory]:
    """``hosts`` inventories (one per host, named ``node-00001`` ...), generated lazily.

    ``devices_per_host`` devices each, at most ``MAX_DEVICES_PER_HOST``
    (the GPU's mdevs, then up to four NIC functions when there are more
    than four); ``problems`` is the share of hosts with one damaged device.
    Deterministic: the same arguments give the same inventories.

    >>> fleet = list(generate_fleet(3, seed=1, devices_per_host=6))
    >>> [i.host for i in fleet], [len(i.devices) for i in fleet]
    (['node-00001', 'node-00002', 'node-00003'], [6, 6, 6])
    >>> str(fleet[0].devices[0].interface_version_compatible.value) in (
    ...     "2.0.*", "2.0.2-2.0.4,2.1.0+", "2.0.0-2.1.*", "1.0.0-1.4.*", "1.4.*", "1.0.0-1.5.*")
    True
    """
    if hosts < 0 or not 0 <= devices_per_host <= MAX_DEVICES_PER_HOST:
        raise ValueError(f"hosts is at least 0, devices_per_host from 0 to {MAX_DEVICES_PER_HOST}")
    if not 0 <= problems <= 1:
        raise ValueError("problems is a share, from 0 to 1")
    rng = random.Random(seed)
    maker = _Maker()
    width = max(5, len(str(hosts)))
    nic_functions = _NIC_FUNCTIONS if devices_per_host > _NIC_FUNCTIONS else 0
    for k in range(1, hosts + 1):
        host = f"node-{k:0{width}d}"
        gpu = rng.choice(_GPUS)
        release = _release(rng, k, hosts)
        gpu_bus = rng.randrange(0x18, 0xE0)
        parent = f"0000:{gpu_bus:02x}:00.0"
        devices: list[Device] = []
        gpu_release = gpu.releases[release]
        for _ in range(devices_per_host - nic_functions):
            name = str(uuid.UUID(int=rng.getrandbits(128), version=4))
            devices.append(
                maker.device(gpu, name, parent, host, gpu_release[0], _list_for(gpu_release))
            )
        nic_release = _NIC.releases[min(release, 2) if rng.random() < 0.9 else 2]
        nic_bus = rng.randrange(0x18, 0xE0)
        for fn in range(nic_functions):
            name = f"0000:{nic_bus:02x}:00.{fn + 1}"
            devices.append(
                maker.device(
                    _NIC,
                    name,
                    f"0000:{nic_bus:02x}:00.0",
                    host,
                    nic_release[0],
                    _list_for(nic_release),
                )
            )
        if devices and rng.random() < problems:
            at = rng.randrange(len(devices))
            devices[at] = _damage(rng, devices[at], maker)
        yield Inventory("/sys", tuple(devices), (), host)
