"""Reading attributes as sysfs text, and finding devices."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rangespec.sysfs import SysfsError, find_attribute, find_devices, read_attribute


def _error(path: Path) -> SysfsError:
    with pytest.raises(SysfsError) as info:
        read_attribute(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    return info.value


def test_reads_one_trailing_newline_off(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"2.1.3\n")
    (tmp_path / "b").write_bytes(b"2.1.3\n\n")
    (tmp_path / "c").write_bytes(b"")
    assert read_attribute(tmp_path / "a") == "2.1.3"
    assert read_attribute(tmp_path / "b") == "2.1.3\n"
    assert read_attribute(tmp_path / "c") == ""


def test_page_limit(tmp_path: Path) -> None:
    (tmp_path / "full").write_bytes(b"1," * 2047 + b"1\n")  # 4096 bytes
    (tmp_path / "over").write_bytes(b"1," * 2048 + b"1\n")
    assert read_attribute(tmp_path / "full").endswith(",1")
    assert _error(tmp_path / "over").code == "too-long"


@pytest.mark.parametrize(
    ("content", "code", "offset"),
    [(b"2.1\x003", "nul-byte", 3), (b"2.\xd9\xa1\n", "not-ascii", 2), (b"\xff", "not-ascii", 0)],
)
def test_bytes_that_are_not_sysfs_text(
    tmp_path: Path, content: bytes, code: str, offset: int
) -> None:
    (tmp_path / "attr").write_bytes(content)
    err = _error(tmp_path / "attr")
    assert (err.code, err.offset) == (code, offset)


def test_missing_and_not_a_file(tmp_path: Path) -> None:
    assert _error(tmp_path / "nothing").code == "missing"
    assert _error(tmp_path).code == "not-a-file"
    os.mkfifo(tmp_path / "fifo")  # must not block
    assert _error(tmp_path / "fifo").code == "not-a-file"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "attr"
    path.write_bytes(b"2.1.3\n")
    if os.geteuid() == 0:
        # root reads any file: simulate what a mode of 000 does to others

        def refuse(*args: object, **kwargs: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("rangespec.sysfs.open", refuse, raising=False)
    else:
        path.chmod(0)
    assert _error(path).code == "permission-denied"


def test_find_attribute_prefers_the_device_directory(tmp_path: Path) -> None:
    (tmp_path / "migration").mkdir()
    (tmp_path / "migration" / "interface_version").write_text("1\n")
    assert (
        find_attribute(tmp_path, "interface_version")
        == tmp_path / "migration" / "interface_version"
    )
    (tmp_path / "interface_version").write_text("2\n")
    assert find_attribute(tmp_path, "interface_version") == tmp_path / "interface_version"
    assert find_attribute(tmp_path, "nothing") == tmp_path / "nothing"


def test_find_devices(sysfs: Path) -> None:
    found = [(d.bus, d.name) for d in find_devices(sysfs)]
    assert found == [
        ("mdev", "6bc0b8f2-0000-4a00-9000-000000000001"),
        ("mdev", "6bc0b8f2-0000-4a00-9000-000000000002"),
        ("pci", "0000:00:03.0"),
        ("pci", "0000:00:04.0"),
        ("pci", "0000:00:05.0"),
    ]


def test_find_devices_lists_each_device_once(sysfs: Path) -> None:
    (sysfs / "bus" / "pci" / "devices" / "alias").symlink_to(
        sysfs / "bus" / "pci" / "devices" / "0000:00:05.0"
    )
    names = [d.name for d in find_devices(sysfs)]
    assert names.count("0000:00:05.0") + names.count("alias") == 1


def test_find_devices_without_buses(tmp_path: Path) -> None:
    assert list(find_devices(tmp_path)) == []
