"""Reading inventories into a fleet: every way in, and hostile input at each.

A bad document is rejected with its place and never dropped silently; an
input that cannot be read is marked unreadable; nothing raises.
"""

from __future__ import annotations

import io
import json
import os
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from rangespec import _fleet_read
from rangespec.fleet import Fleet, Rejected, generate_fleet, read_fleet
from rangespec.sysfs import Inventory, scan


def _doc(host: str = "h1", devices: int = 2, seed: int = 1) -> dict[str, Any]:
    (inventory,) = generate_fleet(1, seed=seed, devices_per_host=devices, problems=0)
    document: dict[str, Any] = json.loads(json.dumps(inventory.to_json()))
    document["host"] = host
    return document


def _line(document: object) -> bytes:
    return json.dumps(document).encode() + b"\n"


def _read(data: bytes) -> Fleet:
    return read_fleet(["-"], stdin=io.BytesIO(data))


def _rejected(fleet: Fleet) -> list[tuple[str, str, bool]]:
    return [(r.source, r.message, r.unreadable) for r in fleet.rejected]


# -- the fast path and the general path agree ---------------------------------------


def test_generated_fleets_read_the_same_both_ways() -> None:
    # problems=0.5: many devices with read errors and bad facts (the general path)
    inventories = list(generate_fleet(30, seed=3, devices_per_host=6, problems=0.5))
    data = b"".join(_line(i.to_json()) for i in inventories)
    streamed, direct = _read(data), Fleet.from_inventories(inventories)
    assert streamed.rejected == ()
    assert list(streamed.devices()) == list(direct.devices())
    assert streamed.problems == direct.problems
    assert len(streamed.problems) > 5


def test_the_fake_sysfs_reads_the_same_both_ways(sysfs: Path) -> None:
    (sysfs / "bus" / "pci" / "devices" / "loop").symlink_to("loop")
    inventories = [scan(sysfs, host=f"host-{n}") for n in range(3)]
    streamed = _read(b"".join(_line(i.to_json()) for i in inventories))
    direct = Fleet.from_inventories(inventories)
    assert list(streamed.devices()) == list(direct.devices())
    assert streamed.problems == direct.problems
    whats = {p.what for p in streamed.problems}
    assert {"device", "interface_version", "facts.driver", "facts.vendor"} <= whats


# -- bad documents ---------------------------------------------------------------------


def test_a_bad_line_is_rejected_with_its_place_and_the_rest_is_read() -> None:
    data = _line(_doc("a")) + b"{not json\n" + _line(_doc("b"))
    fleet = _read(data)
    assert fleet.hosts == ("a", "b")
    ((source, message, unreadable),) = _rejected(fleet)
    assert (source, unreadable) == ("<stdin>:2", False)
    assert message.startswith("not valid JSON: Expecting property name")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (b"[]", "document: expected an object, found an array"),
        (b'{"schema": "rangespec.scan/1"}', "the document's schema is 'rangespec.scan/1'"),
        (b'"just a string"', "document: expected an object, found a string"),
        (b"NaN", "document: expected an object, found a number"),
        (b"\xff\xfe{}", "is not UTF-8: byte 0xff at offset 0"),
        (b'{"a": "\xed\xa0\x80"}', "is not UTF-8: byte 0xed at offset 7"),  # a surrogate
        (b"[" * 200_000 + b"]" * 200_000, "nests too deeply"),
        (b'{"schema": ' + b"1" * 10_000 + b"}", "it holds a number of more than 4300 digits"),
        (b'{"a": "x\x01"}', "not valid JSON: Invalid control character at: line 1 column 9"),
    ],
)
def test_hostile_lines(line: bytes, message: str) -> None:
    fleet = _read(line + b"\n" + _line(_doc("ok")))
    assert fleet.hosts == ("ok",)
    ((source, found, unreadable),) = _rejected(fleet)
    assert source == "<stdin>:1"
    assert message in found
    assert not unreadable


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(host=""), "the inventory's host is empty"),
        (lambda d: d.update(host=7), "document.host: expected a string, found an integer"),
        (
            lambda d: d["devices"].append(dict(d["devices"][0])),
            "is listed twice",
        ),
        (
            lambda d: d["devices"][0].update(interface_version={"path": "x"}),
            "exactly one of read_error and report must be set",
        ),
        (
            lambda d: d["devices"][0]["facts"].update(driver=["x"]),
            "facts.driver: expected a string, an object or null, found an array",
        ),
        (
            lambda d: d["devices"][1]["interface_version"]["report"].update(text=None),
            "devices[1].interface_version.report.text: expected a string, found null",
        ),
        (lambda d: d.pop("errors"), "document: no 'errors'"),
    ],
)
def test_bad_layouts_are_rejected(change: Any, message: str) -> None:
    document = _doc("bad")
    change(document)
    fleet = _read(_line(_doc("good")) + _line(document))
    assert fleet.hosts == ("good",)
    ((source, found, _),) = _rejected(fleet)
    assert source == "<stdin>:2"
    assert message in found


def test_a_host_read_twice_is_rejected_the_second_time() -> None:
    fleet = _read(_line(_doc("a")) + _line(_doc("a", seed=2)))
    assert fleet.hosts == ("a",)
    assert _rejected(fleet) == [
        ("<stdin>:2", "host 'a' was already read from another document", False)
    ]


def test_a_document_cannot_make_an_invalid_attribute_valid() -> None:
    document = _doc("h")
    attribute = document["devices"][0]["interface_version_compatible"]
    attribute["report"]["text"] = "2.1.0-,02\n"  # says ok, canonical, no diagnostics: not trusted
    fleet = _read(_line(document))
    assert fleet.device(0).compatible is None
    assert [(p.device, p.code) for p in fleet.problems] == [
        (document["devices"][0]["name"], "leading-zero")
    ]


def test_blank_lines_hold_nothing_and_an_empty_stream_is_no_fleet() -> None:
    assert _read(b"\n  \n" + _line(_doc("a")) + b"\n\n").hosts == ("a",)
    empty = _read(b"")
    assert (len(empty), empty.rejected) == (0, ())


def test_a_line_too_long_is_rejected_and_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fleet_read, "MAX_DOCUMENT", 4096)
    long = b'{"x": "' + b"y" * 10_000 + b'"}\n'
    fleet = _read(long + _line(_doc("a", devices=1)))
    assert fleet.hosts == ("a",)
    assert _rejected(fleet) == [("<stdin>:1", "the line is longer than 4096 bytes", False)]


def test_a_line_that_never_ends_is_given_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fleet_read, "MAX_DOCUMENT", 1024)
    monkeypatch.setattr(_fleet_read, "MAX_SKIP", 1 << 20)
    fleet = _read(_line(_doc("a", devices=1)) + b"x" * (3 << 20))
    assert fleet.hosts == ("a",)
    ((source, message, unreadable),) = _rejected(fleet)
    assert (source, unreadable) == ("<stdin>", True)
    assert message.startswith("not read past line 2: no end of that line")


def test_dev_zero_is_given_up_not_read_forever(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fleet_read, "MAX_DOCUMENT", 1024)
    monkeypatch.setattr(_fleet_read, "MAX_SKIP", 1 << 16)
    fleet = read_fleet(["/dev/zero"])
    assert [(r.source, r.unreadable) for r in fleet.rejected] == [("/dev/zero", True)]


# -- files and directories ----------------------------------------------------------------


def test_a_scan_document_file_and_a_lines_file(tmp_path: Path, sysfs: Path) -> None:
    # scan --format json writes an indented document: the whole file is one
    (tmp_path / "a.json").write_text(json.dumps(scan(sysfs, host="a").to_json(), indent=2))
    # one compact document per line
    (tmp_path / "b.json").write_bytes(_line(_doc("b")) + _line(_doc("c")))
    (tmp_path / "d.jsonl").write_bytes(_line(_doc("d")))
    fleet = read_fleet([tmp_path / "a.json", tmp_path / "b.json", tmp_path / "d.jsonl"])
    assert fleet.hosts == ("a", "b", "c", "d")
    assert fleet.rejected == ()


def test_a_broken_document_file_is_rejected_whole(tmp_path: Path) -> None:
    text = json.dumps(_doc("a"), indent=2)
    (tmp_path / "a.json").write_text(text[:-10])
    fleet = read_fleet([tmp_path / "a.json"])
    ((source, message, unreadable),) = _rejected(fleet)
    assert source == str(tmp_path / "a.json")
    assert message.startswith("not valid JSON:")
    assert ": line " in message
    assert not unreadable
    (tmp_path / "empty.json").write_text("\n\n")
    (tmp_path / "empty.jsonl").write_text("")
    assert _rejected(read_fleet([tmp_path / "empty.json", tmp_path / "empty.jsonl"])) == [
        (str(tmp_path / "empty.json"), "holds no inventory document", False),
        (str(tmp_path / "empty.jsonl"), "holds no inventory document", False),
    ]


def test_a_document_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_fleet_read, "MAX_DOCUMENT", 2048)
    (tmp_path / "a.json").write_text(json.dumps(_doc("a", devices=4), indent=2))
    assert _rejected(read_fleet([tmp_path / "a.json"])) == [
        (str(tmp_path / "a.json"), "is longer than 2048 bytes", False)
    ]


def test_directories_are_read_in_name_order_and_only_their_json(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.json").write_bytes(_line(_doc("b")))
    (tmp_path / "sub" / "a.jsonl").write_bytes(_line(_doc("a")))
    (tmp_path / "README").write_text("not an inventory")
    (tmp_path / "loop").symlink_to(".")  # reached again: read once
    os.mkfifo(tmp_path / "c.json")  # never opened for a blocking read
    fleet = read_fleet([tmp_path])
    assert fleet.hosts == ("b", "a")
    assert _rejected(fleet) == [(str(tmp_path / "c.json"), "is not a regular file", True)]


def test_a_tree_deeper_than_pythons_stack_is_read(tmp_path: Path) -> None:
    deep = tmp_path
    for _ in range(sys.getrecursionlimit() + 100):
        deep = deep / "d"
        deep.mkdir()
    (deep / "a.json").write_bytes(_line(_doc("deep")))
    (tmp_path / "z.json").write_bytes(_line(_doc("z")))
    try:
        fleet = read_fleet([tmp_path])
    finally:
        # removed here, leaf first: pytest's own clean-up recurses, and could not
        (deep / "a.json").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent
    assert fleet.hosts == ("deep", "z")
    assert fleet.rejected == ()


@pytest.mark.parametrize("one", ["fleet.jsonl", b"fleet.jsonl", Path("fleet.jsonl")])
def test_one_path_instead_of_a_list_is_a_type_error(one: object) -> None:
    # a str is iterable: its characters would be read as paths, "/" the whole disk
    with pytest.raises(TypeError, match="a list of paths"):
        read_fleet(one)  # type: ignore[arg-type]


def test_an_explicit_fifo_is_read_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "fleet.json"
    os.mkfifo(fifo)
    data = _line(_doc("a")) + _line(_doc("b"))

    def write() -> None:
        with open(fifo, "wb") as out:
            out.write(data)

    writer = threading.Thread(target=write)
    writer.start()
    fleet = read_fleet([fifo])
    writer.join(10)
    assert fleet.hosts == ("a", "b")


def test_inputs_that_cannot_be_read(tmp_path: Path) -> None:
    fleet = read_fleet([tmp_path / "nowhere.json", "-"])
    assert _rejected(fleet) == [
        (str(tmp_path / "nowhere.json"), "cannot be read: No such file or directory", True),
        ("<stdin>", "no stdin to read", True),
    ]


def test_an_input_that_fails_mid_read() -> None:
    class Failing(io.BytesIO):
        def readline(self, size: int | None = -1) -> bytes:
            if self.tell() > 0:
                raise OSError(5, "Input/output error")
            return super().readline(size)

    fleet = read_fleet(["-"], stdin=Failing(_line(_doc("a")) + _line(_doc("b"))))
    assert fleet.hosts == ("a",)
    assert fleet.rejected == (Rejected("<stdin>", "cannot be read: Input/output error", True),)


def test_from_inventories_rejects_like_read_fleet() -> None:
    (one,) = generate_fleet(1, seed=1, devices_per_host=1)
    fleet = Fleet.from_inventories([one, one, Inventory("/sys", (), (), "")])
    assert [(r.source, r.message) for r in fleet.rejected] == [
        ("<inventory 2>", "host 'node-00001' was already read from another document"),
        ("<inventory 3>", "the inventory's host is empty"),
    ]
