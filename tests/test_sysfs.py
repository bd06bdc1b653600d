"""Reading attributes exactly, device records, and scanning a host.

The permission tests really use chmod when not running as root; as root
(this machine and CI), which may read anything, they make the operating
system call fail as it fails for an unprivileged user.
"""

from __future__ import annotations

import errno
import json
import os
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from rangespec import ErrorCode, RangeSpecError, parse, parse_version, validate
from rangespec.cli import main
from rangespec.migration import check_migration
from rangespec.sysfs import (
    MAX_LIMIT,
    Inventory,
    InventoryError,
    SysfsError,
    SysfsErrorCode,
    check_fact,
    read_attribute,
    read_device,
    scan,
)

ROOT = os.geteuid() == 0


def _error(path: Path) -> SysfsError:
    with pytest.raises(SysfsError) as info:
        read_attribute(path)
    assert info.value.path == str(path)
    assert str(path) in str(info.value)
    return info.value


# -- item 0: an attribute is exactly one value and at most one newline --------

# content -> the error code and offset, of the parse or of the read. As a
# list file, "2.1.3" is replaced by "2.0.*" (as long), with the same result;
# only "\n\n" differs: an empty list may end in one newline, a version may not.
EXACT = {
    b"2.1.3\n\n": ("unexpected-character", 6),
    b"2.1.3\r\n": ("unexpected-character", 5),
    b"2.1.3 \n": ("unexpected-character", 5),
    b"2.1.3 ": ("unexpected-character", 5),
    b" 2.1.3\n": ("unexpected-character", 0),
    b"\t2.1.3\n": ("unexpected-character", 0),
    b"\n\n": ("unexpected-character", 0),
    b"2.1.3\n2.1.4\n": ("unexpected-character", 6),
    b"2.1\x003\n": ("nul-byte", 3),
    b"2.1.3\x00": ("nul-byte", 5),
}
LIST_DIFFERS = {b"\n\n": ("unexpected-character", 1)}
# an empty file, and a file that holds only a newline: no version at all; as
# a list, the empty list (valid, and accepting nothing).
EMPTY_VERSION = {b"": ("unexpected-end", 0), b"\n": ("unexpected-character", 0)}


def _version_outcome(tmp_path: Path, content: bytes) -> tuple[str, int]:
    """What read_attribute and parse_version make of a version file: code, offset."""
    path = tmp_path / "interface_version"
    path.write_bytes(content)
    try:
        text = read_attribute(path)
    except SysfsError as err:
        return err.code.value, err.offset if err.offset is not None else -1
    with pytest.raises(RangeSpecError) as info:
        parse_version(text)
    return info.value.code.value, info.value.offset


@pytest.mark.parametrize("content", [*EXACT, *EMPTY_VERSION])
def test_a_version_file_is_exactly_one_version(tmp_path: Path, content: bytes) -> None:
    expected = {**EXACT, **EMPTY_VERSION}[content]
    assert _version_outcome(tmp_path, content) == expected


@pytest.mark.parametrize("content", list(EXACT))
def test_a_list_file_is_exactly_one_list(tmp_path: Path, content: bytes) -> None:
    # The same bytes as a list: the same error at the same place.
    path = tmp_path / "interface_version_compatible"
    path.write_bytes(content.replace(b"2.1.3", b"2.0.*"))
    code, offset = LIST_DIFFERS.get(content, EXACT[content])
    if code == "nul-byte":  # "2.0.*" is as long as "2.1.3": the same offsets
        with pytest.raises(SysfsError) as read_error:
            read_attribute(path)
        assert (read_error.value.code.value, read_error.value.offset) == (code, offset)
        return
    text = read_attribute(path)
    with pytest.raises(RangeSpecError) as info:
        parse(text)
    assert (info.value.code.value, info.value.offset) == (code, offset)
    report = validate(text)
    assert not report.ok
    assert (report.errors[0].code.value, report.errors[0].offset) == (code, offset)


@pytest.mark.parametrize("content", [b"", b"\n"])
def test_an_empty_list_file_is_the_empty_list(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "interface_version_compatible"
    path.write_bytes(content)
    compatible = parse(read_attribute(path))
    assert not compatible
    assert not check_migration("2.1.3", read_attribute(path)).allowed


def _device(tmp_path: Path, version: bytes, compatible: bytes, name: str = "dev") -> Path:
    directory = tmp_path / name
    directory.mkdir()
    (directory / "interface_version").write_bytes(version)
    (directory / "interface_version_compatible").write_bytes(compatible)
    return directory


@pytest.mark.parametrize("content", [*EXACT, *EMPTY_VERSION])
def test_no_inexact_attribute_is_ever_judged_compatible(tmp_path: Path, content: bytes) -> None:
    # Through every way a device is decided: the record and the command, both ways.
    good = _device(tmp_path, b"2.1.3\n", b"2.0.0-2.1.*\n", "good")
    bad_version = _device(tmp_path, content, b"2.0.0-2.1.*\n", "bad-version")
    bad_list = _device(tmp_path, b"2.1.3\n", content.replace(b"2.1.3", b"2.0.*"), "bad-list")

    record = read_device(bad_version)
    assert record.status == "error"
    assert record.interface_version.value is None
    with pytest.raises(SysfsError) as info:
        record.interface_version.require()
    assert info.value.offset is not None
    compat = ["compat", "--both-ways", "--src"]
    assert main([*compat, str(bad_version), "--dst", str(good)]) == 2
    assert main([*compat, str(good), "--dst", str(bad_version)]) == 2
    # An empty list is valid and accepts nothing; anything else here is invalid.
    expected = 1 if content in EMPTY_VERSION else 2
    assert main([*compat, str(good), "--dst", str(bad_list)]) == expected
    assert main([*compat, str(bad_list), "--dst", str(good)]) == expected


def test_scan_reports_inexact_attributes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "sys"
    devices = root / "devices"
    links = root / "bus" / "pci" / "devices"
    devices.mkdir(parents=True)
    links.mkdir(parents=True)
    for n, content in enumerate(EXACT):
        _device(devices, content, b"2.*\n", f"d{n}")
        (links / f"d{n}").symlink_to(devices / f"d{n}")
    inventory = scan(root)
    assert [d.status for d in inventory.devices] == ["error"] * len(EXACT)
    for device, (code, offset) in zip(inventory.devices, EXACT.values(), strict=True):
        attribute = device.interface_version
        if attribute.read_error is not None:
            assert (attribute.read_error.code.value, attribute.read_error.offset) == (code, offset)
        else:
            assert attribute.report is not None
            first = attribute.report.errors[0]
            assert (first.code.value, first.offset) == (code, offset)
    assert main(["scan", "--sysfs-root", str(root)]) == 1
    table = capsys.readouterr().out.splitlines()
    # one header and one line per device: no raw newline splits a row
    assert len(table) == 1 + len(EXACT)
    assert any("<invalid: 2.1.3\\n\\n>" in row for row in table)
    assert any("<invalid: 2.1.3\\r\\n>" in row for row in table)


# -- reading ------------------------------------------------------------------


def test_reads_the_file_exactly(tmp_path: Path) -> None:
    (tmp_path / "a").write_bytes(b"2.1.3\n")
    (tmp_path / "b").write_bytes(b"2.1.3\n\n")
    (tmp_path / "c").write_bytes(b"")
    assert read_attribute(tmp_path / "a") == "2.1.3\n"
    assert read_attribute(tmp_path / "b") == "2.1.3\n\n"
    assert read_attribute(tmp_path / "c") == ""


def test_page_limit(tmp_path: Path) -> None:
    (tmp_path / "full").write_bytes(b"1," * 2047 + b"1\n")  # 4096 bytes
    (tmp_path / "over").write_bytes(b"1," * 2048 + b"1\n")
    assert read_attribute(tmp_path / "full").endswith(",1\n")
    assert _error(tmp_path / "over").code is SysfsErrorCode.TOO_LONG


@pytest.mark.parametrize("limit", [-1, MAX_LIMIT + 1, 10**12, 4096.0, True])
def test_a_limit_out_of_bounds_is_refused_before_any_read(tmp_path: Path, limit: object) -> None:
    (tmp_path / "version").write_text("2.1.3\n")
    with pytest.raises(ValueError, match="limit must be an int"):
        read_attribute(tmp_path / "version", limit=limit)  # type: ignore[arg-type]


def test_an_unknown_fact_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="no fact 'colour'"):
        check_fact("colour", "red")


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
    assert _error(tmp_path / "nothing").code is SysfsErrorCode.MISSING
    assert _error(tmp_path).code is SysfsErrorCode.NOT_A_FILE
    os.mkfifo(tmp_path / "fifo")  # must not block
    assert _error(tmp_path / "fifo").code is SysfsErrorCode.NOT_A_FILE
    assert _error(Path("/dev/zero")).code is SysfsErrorCode.NOT_A_FILE
    (tmp_path / "loop").symlink_to("loop")
    err = _error(tmp_path / "loop")
    assert err.code is SysfsErrorCode.UNREADABLE
    assert "symbolic links" in err.message


def _refuse(monkeypatch: pytest.MonkeyPatch, name: str, path: Path, error: int) -> None:
    """Make os.NAME fail with ``error`` for ``path`` (and everything under it)."""
    real = getattr(os, name)

    def refuse(target: object, *args: object, **kwargs: object) -> object:
        if str(target) == str(path) or str(target).startswith(str(path) + os.sep):
            raise OSError(error, os.strerror(error), str(target))
        return real(target, *args, **kwargs)

    monkeypatch.setattr(os, name, refuse)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "attr"
    path.write_bytes(b"2.1.3\n")
    if ROOT:
        _refuse(monkeypatch, "open", path, errno.EACCES)
    else:
        path.chmod(0)
    assert _error(path).code is SysfsErrorCode.PERMISSION_DENIED


def test_a_fifo_swapped_in_is_never_waited_on(tmp_path: Path) -> None:
    # A symlink flips between a file and a FIFO while reads go on: the type is
    # checked on the open descriptor, so a read never blocks.
    (tmp_path / "file").write_bytes(b"2.1.3\n")
    os.mkfifo(tmp_path / "fifo")
    link = tmp_path / "attr"
    link.symlink_to("file")
    stop = threading.Event()

    def flip() -> None:
        while not stop.is_set():
            for target in ("fifo", "file"):
                temporary = tmp_path / "next"
                temporary.symlink_to(target)
                os.replace(temporary, link)

    flipper = threading.Thread(target=flip, daemon=True)
    flipper.start()
    outcomes = set()
    deadline = time.monotonic() + 1.0
    try:
        while time.monotonic() < deadline:
            try:
                outcomes.add(read_attribute(link))
            except SysfsError as err:
                outcomes.add(err.code.value)
    finally:
        stop.set()
        flipper.join(5)
    assert outcomes <= {"2.1.3\n", "not-a-file", "missing"}
    assert "2.1.3\n" in outcomes


# -- devices --------------------------------------------------------------------


def test_read_device_prefers_the_device_directory(tmp_path: Path) -> None:
    (tmp_path / "migration").mkdir()
    (tmp_path / "migration" / "interface_version").write_text("1\n")
    (tmp_path / "migration" / "interface_version_compatible").write_text("1.*\n")
    device = read_device(tmp_path)
    assert device.interface_version.path == str(tmp_path / "migration" / "interface_version")
    assert device.interface_version.value == parse_version("1")
    (tmp_path / "interface_version").write_text("2\n")
    device = read_device(tmp_path)
    assert device.interface_version.path == str(tmp_path / "interface_version")
    assert device.interface_version.value == parse_version("2")
    # the list is checked against the device's own version
    assert device.interface_version_compatible.report is not None
    assert [d.code.value for d in device.interface_version_compatible.report.warnings] == [
        "own-version-rejected"
    ]


def test_read_device_with_nothing_there(tmp_path: Path) -> None:
    device = read_device(tmp_path)
    assert device.status == "error"
    assert device.interface_version.read_error is not None
    assert device.interface_version.read_error.code is SysfsErrorCode.MISSING


def test_scan_finds_devices(sysfs: Path) -> None:
    found = [(d.bus, d.name, d.status) for d in scan(sysfs).devices]
    assert found == [
        ("mdev", "6bc0b8f2-0000-4a00-9000-000000000001", "ok"),
        ("mdev", "6bc0b8f2-0000-4a00-9000-000000000002", "ok"),
        ("pci", "0000:00:03.0", "error"),
        ("pci", "0000:00:04.0", "error"),
        ("pci", "0000:00:05.0", "warning"),
    ]


def test_scan_lists_each_device_once(sysfs: Path) -> None:
    (sysfs / "bus" / "pci" / "devices" / "alias").symlink_to(
        sysfs / "bus" / "pci" / "devices" / "0000:00:05.0"
    )
    names = [d.name for d in scan(sysfs).devices]
    assert names.count("0000:00:05.0") + names.count("alias") == 1


@pytest.mark.parametrize(
    ("layout", "code"),
    [
        # migration/ is a loop: the attribute cannot be read, it is not absent
        ({"migration": "->migration"}, SysfsErrorCode.UNREADABLE),
        # migration/ points nowhere
        ({"migration": "->/nonexistent"}, SysfsErrorCode.UNREADABLE),
        # the attribute itself points nowhere; a good one under migration/ must not
        # stand in for it
        (
            {"interface_version": "->/nonexistent", "migration/interface_version": "2.1.3\n"},
            SysfsErrorCode.UNREADABLE,
        ),
        # truly nothing: absent
        ({}, SysfsErrorCode.MISSING),
    ],
)
def test_an_attribute_that_cannot_be_reached_is_not_absent(
    tmp_path: Path, layout: dict[str, str], code: SysfsErrorCode
) -> None:
    device = tmp_path / "device"
    device.mkdir()
    for name, content in layout.items():
        path = device / name
        path.parent.mkdir(exist_ok=True)
        if content.startswith("->"):
            path.symlink_to(content[2:])
        else:
            path.write_text(content)
    found = read_device(device)
    assert found.interface_version.read_error is not None
    assert found.interface_version.read_error.code is code
    assert found.status == "error"


@pytest.mark.parametrize("bus", ["mdev", "pci"])
def test_a_bus_listing_that_cannot_be_followed_is_an_error(tmp_path: Path, bus: str) -> None:
    (tmp_path / "bus").mkdir()
    (tmp_path / "bus" / bus).symlink_to("/nonexistent")  # a dangling link
    (tmp_path / "bus" / ("pci" if bus == "mdev" else "mdev")).mkdir()
    (tmp_path / "bus" / ("pci" if bus == "mdev" else "mdev") / "devices").write_text("x")
    inventory = scan(tmp_path)
    assert not inventory.ok
    codes = sorted(e.code.value for _, e in inventory.errors)
    assert codes == ["not-a-file", "unreadable"]


def test_scan_without_buses(tmp_path: Path) -> None:
    inventory = scan(tmp_path)
    assert inventory.devices == ()
    assert inventory.errors == ()
    assert inventory.ok


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda p: p.mkdir(), None),
        (lambda p: p.write_text("x"), SysfsErrorCode.NOT_A_FILE),
        (lambda p: None, SysfsErrorCode.MISSING),
    ],
)
def test_scan_root_must_be_a_directory(
    tmp_path: Path, make: Callable[[Path], object], code: SysfsErrorCode | None
) -> None:
    root = tmp_path / "root"
    make(root)
    if code is None:
        assert scan(root).ok
        return
    with pytest.raises(SysfsError) as info:
        scan(root)
    assert info.value.code is code
    expected = "is not a directory" if code is SysfsErrorCode.NOT_A_FILE else "no such directory"
    assert expected in str(info.value)


# -- unreadable is never absent (issue: the sysfs boundary) ---------------------


def test_an_unlistable_bus_is_an_error_not_an_empty_host(
    sysfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listing = sysfs / "bus" / "pci" / "devices"
    if ROOT:
        _refuse(monkeypatch, "listdir", listing, errno.EACCES)
    else:
        listing.chmod(0)
    inventory = scan(sysfs)
    assert not inventory.ok
    assert [(p, e.code) for p, e in inventory.errors] == [
        (str(listing), SysfsErrorCode.PERMISSION_DENIED)
    ]
    # the other bus is still reported
    assert [d.bus for d in inventory.devices] == ["mdev", "mdev"]
    assert main(["scan", "--sysfs-root", str(sysfs)]) == 1


def test_an_unsearchable_device_is_listed_with_its_error(
    sysfs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    device = (sysfs / "bus" / "pci" / "devices" / "0000:00:05.0").resolve()
    if ROOT:
        for call in ("stat", "open"):
            _refuse(
                monkeypatch, call, sysfs / "bus" / "pci" / "devices" / "0000:00:05.0", errno.EACCES
            )
            _refuse(monkeypatch, call, device, errno.EACCES)
    else:
        device.chmod(0o600)
    found = {d.name: d for d in scan(sysfs).devices}
    assert found["0000:00:05.0"].status == "error"
    attribute = found["0000:00:05.0"].interface_version
    assert attribute.read_error is not None
    assert attribute.read_error.code is SysfsErrorCode.PERMISSION_DENIED
    assert len(found) == 5


@pytest.mark.parametrize("kind", ["loop", "dangling", "too long"])
def test_one_bad_entry_is_one_error_row(sysfs: Path, kind: str) -> None:
    listing = sysfs / "bus" / "pci" / "devices"
    entry = listing / "bad"
    if kind == "loop":
        entry.symlink_to("bad")
    elif kind == "dangling":
        entry.symlink_to("nowhere")
    else:
        entry.symlink_to("x" * 300)  # a name over 255 bytes: ENAMETOOLONG
    inventory = scan(sysfs)
    found = {d.name: d for d in inventory.devices}
    assert len(found) == 6
    bad = found["bad"]
    assert bad.status == "error"
    assert bad.error is not None
    assert bad.error.code in (SysfsErrorCode.UNREADABLE, SysfsErrorCode.MISSING)


@pytest.mark.parametrize("kind", ["loop", "dangling", "too long", "unsearchable"])
def test_one_bad_entry_fails_the_scan_command_and_keeps_the_rest(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clean host: the scan passes, until one entry cannot be followed.
    listing = tmp_path / "bus" / "pci" / "devices"
    good = listing / "good"
    good.mkdir(parents=True)
    (good / "interface_version").write_bytes(b"2.1.3\n")
    (good / "interface_version_compatible").write_bytes(b"2.0.2-2.0.4,2.1.0+\n")
    assert main(["scan", "--sysfs-root", str(tmp_path), "--host", "h"]) == 0
    capsys.readouterr()
    bad = listing / "bad"
    if kind == "loop":
        bad.symlink_to("bad")
    elif kind == "dangling":
        bad.symlink_to("nowhere")
    elif kind == "too long":
        bad.symlink_to("x" * 300)  # a name over 255 bytes: ENAMETOOLONG
    else:
        bad.mkdir()
        (bad / "interface_version").write_bytes(b"2.1.3\n")
        if ROOT:
            for call in ("stat", "open"):
                _refuse(monkeypatch, call, bad, errno.EACCES)
        else:
            bad.chmod(0o600)
    for fmt in ("human", "json"):
        status = main(["scan", "--sysfs-root", str(tmp_path), "--host", "h", "--format", fmt])
        out, err = capsys.readouterr()
        assert status == 1, err
        if fmt == "human":
            rows = {line.split()[0]: line for line in out.splitlines()[1:]}
            assert sorted(rows) == ["bad", "good"]
            assert "error" in rows["bad"]
            assert rows["good"].endswith("ok")
        else:
            devices = {d["name"]: d for d in json.loads(out)["devices"]}
            assert sorted(devices) == ["bad", "good"]
            assert devices["good"]["status"] == "ok"
            assert devices["bad"]["status"] == "error"


def test_the_scan_table_shortens_a_long_list_and_json_keeps_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = tmp_path / "bus" / "pci" / "devices" / "gpu"
    device.mkdir(parents=True)
    listing = ",".join(f"{n}.0.0-{n}.0.5" for n in range(1, 31))  # 389 characters
    (device / "interface_version").write_bytes(b"2.0.1\n")
    (device / "interface_version_compatible").write_bytes(listing.encode() + b"\n")
    assert main(["scan", "--sysfs-root", str(tmp_path), "--host", "h"]) == 0
    _, row = capsys.readouterr().out.splitlines()
    cell = row.split()[3]
    assert len(cell) <= 40
    # cut in the middle: both ends of the list stay in sight
    head, tail = cell.split("...")
    assert listing.startswith(head)
    assert listing.endswith(tail)
    assert main(["scan", "--sysfs-root", str(tmp_path), "--host", "h", "--format", "json"]) == 0
    (found,) = json.loads(capsys.readouterr().out)["devices"]
    assert found["interface_version_compatible"]["report"]["text"] == listing + "\n"


# -- the inventory model ----------------------------------------------------------


def test_inventory_round_trips_through_json(sysfs: Path) -> None:
    (sysfs / "bus" / "pci" / "devices" / "loop").symlink_to("loop")
    inventory = scan(sysfs)
    document = json.loads(json.dumps(inventory.to_json()))
    assert Inventory.from_json(document) == inventory
    assert document["schema"] == "rangespec.scan/2"


def test_inventory_from_json_rederives_the_reports(sysfs: Path) -> None:
    document = scan(sysfs).to_json()
    # a document claiming an invalid text is fine cannot make it fine
    attribute = document["devices"][2]["interface_version_compatible"]
    assert attribute["report"] is not None
    attribute["report"]["ok"] = True
    attribute["report"]["diagnostics"] = []
    device = Inventory.from_json(document).devices[2]
    assert device.status == "error"
    assert device.interface_version_compatible.value is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema="rangespec.scan/1"), "schema"),
        (lambda d: d.pop("devices"), "no 'devices'"),
        (lambda d: d["devices"][0].update(name=3), "devices[0].name: expected a string"),
        (lambda d: d["devices"][0].update(interface_version=[]), "expected an object"),
        (
            lambda d: d["devices"][0]["interface_version"].update(report=None),
            "exactly one of read_error and report",
        ),
        (
            lambda d: d["devices"][3]["interface_version"]["read_error"].update(code="odd"),
            "not a read error code",
        ),
        (lambda d: d.update(errors=[{"path": "x"}]), "no 'code'"),
    ],
)
def test_inventory_from_json_rejects_bad_layouts(
    sysfs: Path, change: Callable[[dict[str, object]], object], message: str
) -> None:
    document = json.loads(json.dumps(scan(sysfs).to_json()))
    change(document)
    with pytest.raises(InventoryError, match=re.escape(message)):
        Inventory.from_json(document)


def test_error_codes_are_typed() -> None:
    assert {c.value for c in SysfsErrorCode} == {
        "missing",
        "permission-denied",
        "not-a-file",
        "unreadable",
        "too-long",
        "nul-byte",
        "not-ascii",
        "invalid",
    }
    assert ErrorCode.UNEXPECTED_END.value == "unexpected-end"
