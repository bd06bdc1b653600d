"""Inventories with identity: the host, and each device's class facts.

As in test_sysfs.py, permission failures are made by refusing the system
call when running as root (who may read anything).
"""

from __future__ import annotations

import errno
import json
import os
import re
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rangespec.sysfs import (
    FACT_NAMES,
    Fact,
    Facts,
    Inventory,
    InventoryError,
    ReadError,
    SysfsErrorCode,
    check_fact,
    read_device,
    read_facts,
    scan,
)

ROOT = os.geteuid() == 0
MDEV = "6bc0b8f2-0000-4a00-9000-000000000001"


def _facts(sysfs: Path) -> dict[str, dict[str, Any]]:
    return {d.name: dict(d.facts.to_json()) for d in scan(sysfs, host="h").devices}


def test_scan_names_the_host(sysfs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "gethostname", lambda: "node-7")
    assert scan(sysfs).host == "node-7"
    assert scan(sysfs, host="rack2-node1").host == "rack2-node1"
    assert scan(sysfs, host="rack2-node1").to_json()["host"] == "rack2-node1"
    with pytest.raises(TypeError):
        scan(sysfs, host=3)  # type: ignore[arg-type]


def test_class_facts_of_an_mdev_come_from_its_links_and_its_parent(sysfs: Path) -> None:
    assert _facts(sysfs)[MDEV] == {
        "mdev_type": "i915-GVTg_V5_4",
        "driver": "vfio_mdev",
        "parent": "0000:00:02.0",
        "vendor": "0x8086",
        "device": "0x3e92",
        "subsystem_vendor": "0x1028",
        "subsystem_device": "0x0869",
    }


def test_class_facts_of_a_pci_device_come_from_its_own_directory(sysfs: Path) -> None:
    assert _facts(sysfs)["0000:00:03.0"] == {
        "mdev_type": None,  # absent: a PCI device has none
        "driver": "mlx5_vfio_pci",
        "parent": "pci0000:00",
        "vendor": "0x15b3",
        "device": "0x101e",
        "subsystem_vendor": "0x15b3",
        "subsystem_device": "0x0042",
    }


def test_bad_facts_are_recorded_as_errors_never_as_absent(sysfs: Path) -> None:
    facts = _facts(sysfs)["0000:00:04.0"]
    assert facts["driver"] == {
        "read_error": {"code": "not-a-file", "message": "is not a symbolic link", "offset": None}
    }
    assert facts["vendor"]["read_error"]["code"] == "invalid"  # upper-case hex
    assert facts["device"]["read_error"]["code"] == "not-ascii"
    assert facts["device"]["read_error"]["offset"] == 2
    # these files are not there at all: absent
    assert facts["subsystem_vendor"] is None
    assert facts["subsystem_device"] is None


def _refuse(monkeypatch: pytest.MonkeyPatch, name: str, path: Path, error: int) -> None:
    real = getattr(os, name)

    def refuse(target: object, *args: object, **kwargs: object) -> object:
        if str(target) == str(path):
            raise OSError(error, os.strerror(error), str(target))
        return real(target, *args, **kwargs)

    monkeypatch.setattr(os, name, refuse)


def test_an_unreadable_id_file_is_an_error(sysfs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    device = sysfs / "bus" / "pci" / "devices" / "0000:00:03.0"
    vendor = device / "vendor"
    if ROOT:
        _refuse(monkeypatch, "open", vendor, errno.EACCES)
    else:
        vendor.chmod(0)
    fact = read_facts(device, "pci").vendor
    assert fact is not None
    assert fact.error is not None
    assert fact.error.code is SysfsErrorCode.PERMISSION_DENIED


def test_an_unreadable_link_is_an_error(sysfs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    device = sysfs / "bus" / "pci" / "devices" / "0000:00:03.0"
    _refuse(monkeypatch, "readlink", device / "driver", errno.EACCES)
    fact = read_facts(device, "pci").driver
    assert fact == Fact(None, ReadError(SysfsErrorCode.PERMISSION_DENIED, "permission denied"))


def test_an_id_file_that_is_a_fifo_is_never_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "vendor")  # opening it to read would block
    (tmp_path / "device").write_bytes(b"0x" + b"1" * 10_000)
    facts = read_facts(tmp_path, "pci")
    assert facts.vendor is not None
    assert facts.vendor.error is not None
    assert facts.vendor.error.code is SysfsErrorCode.NOT_A_FILE
    assert facts.device is not None
    assert facts.device.error is not None
    assert facts.device.error.code is SysfsErrorCode.TOO_LONG


@pytest.mark.parametrize(
    ("target", "code"),
    [
        ("types/nvidia\x1b[31m", "invalid"),
        ("types/nvidia 63", "invalid"),
        ("types/" + "x" * 256, "too-long"),
        ("types/nvidia-\u0663", "not-ascii"),
    ],
)
def test_hostile_link_names(tmp_path: Path, target: str, code: str) -> None:
    (tmp_path / "mdev_type").symlink_to(target)
    fact = read_facts(tmp_path, "mdev").mdev_type
    assert fact is not None
    assert fact.value is None
    assert fact.error is not None
    assert fact.error.code.value == code


def test_a_link_name_that_is_not_utf8(tmp_path: Path) -> None:
    os.symlink(b"types/nv\xff", os.path.join(os.fsencode(tmp_path), b"driver"))
    fact = read_facts(tmp_path, "pci").driver
    assert fact is not None
    assert fact.error is not None
    assert (fact.error.code, fact.error.offset) == (SysfsErrorCode.NOT_ASCII, 2)
    assert "\\xff" in fact.error.message  # shown escaped, never raw


def test_a_broken_entry_has_every_fact_unreadable(sysfs: Path) -> None:
    (sysfs / "bus" / "pci" / "devices" / "loop").symlink_to("loop")
    broken = {d.name: d for d in scan(sysfs, host="h").devices}["loop"]
    for name in FACT_NAMES:
        fact = broken.facts.get(name)
        assert fact is not None
        assert fact.error is not None
        assert fact.error.code is SysfsErrorCode.UNREADABLE
    assert len(list(broken.facts.problems())) == len(FACT_NAMES)


def test_read_device_reads_the_facts(sysfs: Path) -> None:
    device = read_device(sysfs / "bus" / "mdev" / "devices" / MDEV, bus="mdev")
    assert device.facts.mdev_type == Fact("i915-GVTg_V5_4")


def test_facts_get_knows_only_fact_names() -> None:
    with pytest.raises(KeyError):
        Facts().get("colour")
    # A value error, not a lookup miss: the caller passed a name no fact has.
    with pytest.raises(ValueError, match="no fact 'colour'"):
        check_fact("colour", "red")


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("vendor", "0x10de", None),
        ("vendor", "10de", "invalid"),
        ("vendor", "0x10de\n", "invalid"),
        ("subsystem_device", "0x10dé", "not-ascii"),
        ("driver", "", "invalid"),
        ("driver", "vfio-pci", None),
        ("driver", "a/b", "invalid"),
        ("parent", "0000:3b:00.0", None),
        ("mdev_type", "x" * 255, None),
        ("mdev_type", "x" * 256, "too-long"),
    ],
)
def test_check_fact(name: str, value: str, code: str | None) -> None:
    error = check_fact(name, value)
    assert (None if error is None else error.code.value) == code


# -- JSON -----------------------------------------------------------------------


def test_facts_and_host_round_trip(sysfs: Path) -> None:
    (sysfs / "bus" / "pci" / "devices" / "loop").symlink_to("loop")
    inventory = scan(sysfs, host="node-1")
    document = json.loads(json.dumps(inventory.to_json()))
    assert document["host"] == "node-1"
    assert Inventory.from_json(document) == inventory


def test_a_document_cannot_make_a_bad_fact_valid(sysfs: Path) -> None:
    document: Any = json.loads(json.dumps(scan(sysfs, host="h").to_json()))
    document["devices"][0]["facts"]["vendor"] = "0xZZZZ"
    document["devices"][0]["facts"]["driver"] = "a\nb"
    device = Inventory.from_json(document).devices[0]
    assert device.facts.vendor is not None
    assert device.facts.vendor.value is None
    assert device.facts.driver is not None
    assert device.facts.driver.value is None
    assert [name for name, _ in device.facts.problems()] == ["driver", "vendor"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("host"), "document: no 'host'"),
        (lambda d: d.update(host=None), "document.host: expected a string, found null"),
        (lambda d: d["devices"][0].pop("facts"), "devices[0]: no 'facts'"),
        (lambda d: d["devices"][0].update(facts="x"), "devices[0].facts: expected an object"),
        (lambda d: d["devices"][0]["facts"].pop("driver"), "facts: no 'driver'"),
        (lambda d: d["devices"][0]["facts"].update(driver=3), "facts.driver: expected a string"),
        (lambda d: d["devices"][0]["facts"].update(driver={}), "driver: no 'read_error'"),
        (
            lambda d: d["devices"][0]["facts"].update(
                driver={"read_error": {"code": "odd", "message": "m"}}
            ),
            "not a read error code",
        ),
    ],
)
def test_bad_fact_layouts_are_refused(
    sysfs: Path, change: Callable[[Any], object], message: str
) -> None:
    document = json.loads(json.dumps(scan(sysfs, host="h").to_json()))
    change(document)
    with pytest.raises(InventoryError, match=re.escape(message)):
        Inventory.from_json(document)
