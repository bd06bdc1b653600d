"""``rangespec fleet``: every sub-command in-process, its exit codes, and every edge.

One test runs the command as a process, where the boundary matters: a real
pipe on stdin, and a reader that goes away.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rangespec.cli import main
from rangespec.fleet import (
    INTERVAL_COLUMNS,
    MAX_DISTINCT,
    destinations,
    generate_fleet,
    read_fleet,
)

CLASS = "mdev/nvidia-222"


def _lines(hosts: int, seed: int, devices: int = 5, problems: float = 0.0) -> bytes:
    return b"".join(
        json.dumps(i.to_json()).encode() + b"\n"
        for i in generate_fleet(hosts, seed=seed, devices_per_host=devices, problems=problems)
    )


@pytest.fixture(scope="module")
def fleet_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fleet") / "fleet.jsonl"
    path.write_bytes(_lines(40, seed=7, problems=0.2))
    return path


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    stdin: bytes = b"",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    status = main(["fleet", *args])
    out, err = capsys.readouterr()
    return status, out, err


Run = Any


@pytest.fixture
def fleet(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("COLUMNS", "100")

    def call(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
        return run(capsys, monkeypatch, *args, stdin=stdin)

    return call


# -- report ------------------------------------------------------------------------------


def test_report_human(fleet: Run, fleet_file: Path) -> None:
    status, out, err = fleet("report", str(fleet_file))
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[:2] == [
        "40 hosts, 200 devices, 4 classes",
        "class rule: *=driver; mdev=mdev_type; pci=vendor,device,subsystem_vendor,"
        "subsystem_device,driver",
    ]
    assert "class mdev/nvidia-222: " in out
    assert "  VERSION  L1 L2 L3 L4" in lines
    assert "unreadable or invalid, never compatible: " in out
    problems = lines.index(next(x for x in lines if x.startswith("unreadable or invalid")))
    assert all(len(line) <= 100 for line in lines[:problems])
    # each problem whole, on a line of its own
    assert any(line.endswith("permission-denied: permission denied") for line in lines)


def test_report_of_a_known_fleet_exactly(fleet: Run, tmp_path: Path) -> None:
    path = tmp_path / "f.jsonl"
    path.write_bytes(_lines(3, seed=2, devices=1))
    status, out, _ = fleet("report", str(path), "--width", "80")
    assert status == 0
    name = json.loads(path.read_bytes().splitlines()[2])["devices"][0]["name"]
    assert out == (
        "3 hosts, 3 devices, 2 classes\n"
        "class rule: *=driver; mdev=mdev_type; pci=vendor,device,subsystem_vendor,subs...\n"
        "\n"
        "class mdev/nvidia-222: 2 devices on 2 hosts\n"
        "  VERSION  L1 L2\n"
        "  2.1.0     x  x\n"
        "  2.1.4     x  x\n"
        "  versions:\n"
        "    2.1.0  1 device on 1 host\n"
        "    2.1.4  1 device on 1 host\n"
        "  lists:\n"
        "    L1  2.0.0-2.1.*  1 device on 1 host\n"
        "    L2  2.0.2-2.0.4,2.1.0+  1 device on 1 host\n"
        "  islands:\n"
        "    nowhere to go (no other host accepts the version): none\n"
        "    accepts nothing (from any other host): none\n"
        "  one-way host pairs: none\n"
        "\n"
        "class mdev/nvidia-717: 1 device on 1 host\n"
        "  VERSION  L1\n"
        "  2.1.4     x\n"
        "  versions:\n"
        "    2.1.4  1 device on 1 host\n"
        "  lists:\n"
        "    L1  2.0.0-2.1.*  1 device on 1 host\n"
        "  islands:\n"
        "    nowhere to go (no other host accepts the version): 1 device on 1 host\n"
        f"      node-00003:{name}  2.1.4\n"
        "    accepts nothing (from any other host): 1 device on 1 host\n"
        f"      node-00003:{name}  2.0.0-2.1.*\n"
        "  one-way host pairs: none\n"
        "\n"
        "unreadable or invalid, never compatible: none\n"
    )


def test_report_width(fleet: Run, fleet_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, out, _ = fleet("report", str(fleet_file), "--width", "20")
    before_problems = out[: out.index("\nunreadable")].splitlines()
    assert all(len(line) <= 20 for line in before_problems)
    assert "  VERSION  L1 L2 L3" in out.splitlines()  # L4 does not fit
    assert "  (lists L4 to L4..." in out.splitlines()
    monkeypatch.setenv("COLUMNS", "45")  # the terminal's width, when --width is not given
    _, out, _ = fleet("report", str(fleet_file))
    before_problems = out[: out.index("\nunreadable")].splitlines()
    assert max(len(line) for line in before_problems) == 45
    status, _, err = fleet("report", str(fleet_file), "--width", "19")
    assert status == 2
    assert "--width must be at least 20" in err


def test_report_to_a_pipe_is_not_cut(
    fleet: Run, fleet_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COLUMNS")  # stdout here is no terminal: nothing is cut
    _, out, _ = fleet("report", str(fleet_file))
    rule = "class rule: *=driver; mdev=mdev_type; pci=vendor,device,subsystem_vendor,"
    assert f"{rule}subsystem_device,driver" in out.splitlines()
    assert "..." not in out


def test_report_to_a_terminal_fits_it(fleet_file: Path) -> None:
    import fcntl
    import os
    import pty
    import struct
    import termios

    main_fd, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 50, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    with subprocess.Popen(
        [sys.executable, "-m", "rangespec", "fleet", "report", str(fleet_file)],
        stdout=terminal,
        stderr=subprocess.DEVNULL,
        env=env,
    ) as child:
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert child.wait(timeout=60) == 0
    os.close(main_fd)
    out = b"".join(chunks).decode()
    lines = out[: out.index("\nunreadable")].splitlines()  # problems are shown whole
    assert max(len(line) for line in lines) == 50
    assert lines[1].startswith("class rule: ")
    assert lines[1].endswith("...")


def test_report_json(fleet: Run, fleet_file: Path) -> None:
    status, out, _ = fleet("report", str(fleet_file), "--format", "json")
    document = json.loads(out)
    assert status == 0
    assert document["schema"] == "rangespec.fleet-report/1"
    assert (document["hosts"], document["devices"]) == (40, 200)
    nvidia = next(c for c in document["classes"] if c["class"] == CLASS)
    assert len(nvidia["matrix"]) == len(nvidia["versions"])
    assert all(len(row) == len(nvidia["lists"]) for row in nvidia["matrix"])
    assert nvidia["versions"][0]["key"].startswith("00000000000000000002.")
    assert document["problems"]
    assert {p["what"] for p in document["problems"]} <= {
        "interface_version",
        "interface_version_compatible",
        "facts.mdev_type",
        "facts.device",
        "facts.driver",
    }


def test_report_csv(fleet: Run, fleet_file: Path) -> None:
    status, out, _ = fleet("report", str(fleet_file), "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert status == 0
    assert rows[0] == [
        "section",
        "class",
        "host",
        "device",
        "version",
        "list",
        "devices",
        "hosts",
        "detail",
    ]
    sections = {r[0] for r in rows[1:]}
    assert {"version", "list", "matrix", "profile", "one-way", "problem"} <= sections
    assert all(len(r) == 9 for r in rows)
    matrix = [r for r in rows if r[0] == "matrix" and r[1] == CLASS]
    assert {r[8] for r in matrix} == {"yes", "no"}


def test_bad_documents_are_named_and_set_the_exit_code(fleet: Run) -> None:
    data = _lines(2, seed=1) + b"{oops\n" + b'{"schema": "rangespec.scan/9"}\n'
    status, out, err = fleet("report", "-", stdin=data)
    assert status == 1
    assert out.startswith("2 hosts, 10 devices")
    assert "2 inputs rejected, not in this report (see stderr)" in out
    assert err.splitlines() == [
        "rangespec fleet: <stdin>:3: rejected: not valid JSON: Expecting property name "
        "enclosed in double quotes: line 1 column 2 (char 1)",
        "rangespec fleet: <stdin>:4: rejected: the document's schema is "
        "'rangespec.scan/9', not 'rangespec.scan/2'",
    ]


def test_unreadable_inputs_exit_2(fleet: Run, tmp_path: Path) -> None:
    status, _, err = fleet("report", str(tmp_path / "nowhere.json"))
    assert status == 2
    assert err.startswith("rangespec fleet: error: ")
    assert "nowhere.json: not read: cannot be read: No such file or directory" in err
    status, _, err = fleet("report", "-", "-")
    assert status == 2
    assert "'-' (stdin) can be given once" in err


@pytest.mark.parametrize(
    "args",
    [
        ["destinations", "-", "--class", CLASS],
        ["upgrade", "-", "--hosts", "", "--to-version", "3", "--to-compatible", "3.*"],
        ["report", "-", "--width", "5"],
        ["generate", "--hosts", "-1"],
    ],
)
def test_a_usage_error_shows_the_actions_usage(fleet: Run, args: list[str]) -> None:
    status, out, err = fleet(*args)
    assert (status, out) == (2, "")
    action = args[0]
    assert err.startswith(f"usage: rangespec fleet {action} ")
    assert f"\nrangespec fleet {action}: error: " in err


def test_echoed_names_are_escaped(fleet: Run) -> None:
    (inventory,) = generate_fleet(1, seed=1, devices_per_host=1)
    document = inventory.to_json()
    document["host"] = "evil\x1b[31m\nhost"
    document["devices"][0]["name"] = "dev\u202e\u0000"
    document["devices"][0]["interface_version"]["report"]["text"] = "2.1\x1b\n"  # type: ignore[index]
    data = json.dumps(document).encode() + b"\n"
    for fmt in ("human", "csv"):
        status, out, _ = fleet("report", "-", "--format", fmt, stdin=data)
        assert status == 0
        assert "\x1b" not in out
        assert "\u202e" not in out
        assert "\x00" not in out
        assert "evil\\x1b[31m\\nhost" in out
    _, out, _ = fleet("report", "-", "--format", "json", stdin=data)
    assert json.loads(out)["problems"][0]["host"] == "evil\x1b[31m\nhost"


def test_a_document_that_is_not_utf8(fleet: Run) -> None:
    status, _, err = fleet("report", "-", stdin=b'{"host": "\xff"}\n')
    assert status == 1
    assert "rejected: is not UTF-8: byte 0xff at offset 10" in err


def test_class_key(fleet: Run, fleet_file: Path) -> None:
    _, out, _ = fleet(
        "report", str(fleet_file), "--format", "json", "--class-key", "mdev=mdev_type,parent"
    )
    per_parent = json.loads(out)["classes"]
    assert len(per_parent) > 30  # every GPU is a class of its own
    assert per_parent[0]["class"].count("/") == 2
    status, _, err = fleet("report", str(fleet_file), "--class-key", "mdev=colour")
    assert status == 2
    assert "--class-key: 'mdev=colour': 'colour' is not a fact" in err
    # outside text in the message: escaped as everywhere, and cut when long
    status, _, err = fleet("report", str(fleet_file), "--class-key", "mdev=" + "x" * 100_000)
    assert status == 2
    assert len(err) < 1000
    assert "'mdev=" + "x" * 23 + "..." + "x" * 28 + "'" in err
    status, _, err = fleet("report", str(fleet_file), "--class-key", "mdev=a\udcff")
    assert "'a\\xff' is not a fact" in err
    # no fact at all would make every mdev type one class: never allowed
    for spec in ("mdev=", "mdev=mdev_type,", "mdev=,driver", "=driver", "mdev"):
        status, _, err = fleet("report", str(fleet_file), "--class-key", spec)
        assert status == 2, spec
        assert f"'{spec}': expected BUS=FACT[,FACT...]" in err


# -- destinations --------------------------------------------------------------------------


def _device(fleet_file: Path, host: str = "node-00001") -> tuple[str, str, str]:
    """HOST:DEVICE of the host's first device, its class and its version."""
    for line in fleet_file.read_bytes().splitlines():
        document = json.loads(line)
        if document["host"] == host:
            device = document["devices"][0]
            version = device["interface_version"]["report"]["canonical"]
            return f"{host}:{device['name']}", f"mdev/{device['facts']['mdev_type']}", version
    raise AssertionError(host)


def test_destinations_of_a_device(fleet: Run, fleet_file: Path) -> None:
    ref, device_class, version = _device(fleet_file)
    status, out, _ = fleet("destinations", str(fleet_file), "--device", ref)
    lines = out.splitlines()
    assert status == 0
    assert lines[0].startswith(f"{ref} at {version} (class {device_class}): ")
    assert all(not line.startswith("node-00001:") for line in lines[1:])
    assert len(lines) > 5
    _, both, _ = fleet("destinations", str(fleet_file), "--device", ref, "--both-ways")
    assert set(both.splitlines()[1:]) < set(lines[1:])
    _, out, _ = fleet("destinations", str(fleet_file), "--device", ref, "--format", "csv")
    assert out.splitlines()[0] == "host,device,version,list"
    _, out, _ = fleet("destinations", str(fleet_file), "--device", ref, "--format", "json")
    document = json.loads(out)  # written a destination per line, so it is never one string
    assert out.count("\n") > len(lines)
    assert document == destinations(read_fleet([fleet_file]), device=ref).to_json()
    assert document["schema"] == "rangespec.fleet-destinations/1"
    assert document["source"] == ref
    assert document["devices"] == len(lines) - 1


def test_destinations_of_a_class_version(fleet: Run, fleet_file: Path) -> None:
    args = ("destinations", str(fleet_file), "--class", CLASS)
    status, out, _ = fleet(*args, "--version", "2.0.3")
    assert status == 0
    assert all(line.split()[-1] != "3.0.*" for line in out.splitlines()[1:])
    status, out, _ = fleet(*args, "--version", "9.9")
    assert (status, out.splitlines()[0]) == (
        1,
        f"9.9.0 (class {CLASS}): 0 devices on 0 hosts accept it",
    )
    _, out, _ = fleet(*args, "--version", "9.9", "--format", "json")
    assert json.loads(out)["destinations"] == []
    status, out, _ = fleet(*args, "--version", "2.0.3", "--both-ways", "--compatible", "2.1.*")
    assert status == 0
    assert all(line.split()[1].startswith("2.1.") for line in out.splitlines()[1:])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--device", "x:y", "--class", CLASS], "give --device HOST:DEVICE, or --class"),
        (["--class", CLASS], "--class and --version go together"),
        ([], "give --device HOST:DEVICE, or --class"),
        (["--device", "a:b", "--compatible", "2.*"], "--compatible is the way back"),
        (["--class", CLASS, "--version", "2", "--both-ways"], "needs --compatible LIST"),
        (["--class", CLASS, "--version", "2.x"], "--version: Expected"),
        (
            ["--device", "node-00001:nothing"],
            "error: --device: no device 'node-00001:nothing' in the fleet",
        ),
        (
            ["--class", "mdev/none", "--version", "2"],
            "error: --class: no device has the class 'mdev/none'",
        ),
    ],
)
def test_destination_queries_the_fleet_cannot_answer(
    fleet: Run, fleet_file: Path, args: list[str], message: str
) -> None:
    status, out, err = fleet("destinations", str(fleet_file), *args)
    assert status == 2
    assert out == ""
    assert message in err


def test_a_device_with_an_unusable_version_has_no_destinations(fleet: Run) -> None:
    (inventory,) = generate_fleet(1, seed=1, devices_per_host=1)
    document = inventory.to_json()
    document["devices"][0]["interface_version"]["report"]["text"] = "2.01"  # type: ignore[index]
    data = json.dumps(document).encode() + b"\n"
    ref = f"node-00001:{document['devices'][0]['name']}"
    status, out, err = fleet("destinations", "-", "--device", ref, "--format", "json", stdin=data)
    assert status == 2
    assert json.loads(out)["schema"] == "rangespec.error/1"
    assert "never judged compatible" in err


# -- upgrade ----------------------------------------------------------------------------------


def test_upgrade_that_strands_devices(fleet: Run, fleet_file: Path) -> None:
    args = ("upgrade", str(fleet_file), "--hosts", "node-0001*", "--class", CLASS)
    status, out, _ = fleet(*args, "--to-version", "3.0.0", "--to-compatible", "3.0.*")
    assert status == 0
    assert "new->old: " in out
    assert "loses: yes" in out
    status, _, _ = fleet(
        *args, "--to-version", "3.0.0", "--to-compatible", "3.0.*", "--fail-on-loss"
    )
    assert status == 1
    _, out, _ = fleet(
        *args, "--to-version", "3.0.0", "--to-compatible", "3.0.*", "--format", "json"
    )
    document = json.loads(out)
    assert document["schema"] == "rangespec.fleet-upgrade/1"
    assert document["loses"] is True
    assert [d["direction"] for d in document["directions"]] == ["old->new", "new->old", "new->new"]


def test_upgrade_takes_the_policy_output(
    fleet: Run, fleet_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", "semver", "2.1.4"]) == 0
    policy = capsys.readouterr().out.strip()
    assert policy == "2.0.0-2.1.*"
    status, out, _ = fleet(
        "upgrade",
        str(fleet_file),
        "--hosts",
        "node-00002,node-00001",
        "--class",
        CLASS,
        "--to-version",
        "2.1.4",
        "--to-compatible",
        policy + "\n",  # as read from a file: one trailing newline is allowed
    )
    assert status == 0
    assert "  on 1 host (1 device)" in out  # node-00001 has no device of the class
    assert "to 2.1.4, accepting 2.0.0-2.1.*" in out


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--hosts", "zz*"], 2, "--hosts: no host matches 'zz*'"),
        (["--hosts", "node-00001,"], 2, "--hosts: an empty pattern"),
        (["--hosts", "node-00001", "--class", "mdev/none"], 2, "no selected host has"),
        (["--hosts", "node-0000*"], 2, "the selected hosts have 4 classes"),
        (["--hosts", "node-00001", "--class", CLASS, "--to-version", "x"], 2, "--to-version"),
    ],
)
def test_upgrade_usage(
    fleet: Run, fleet_file: Path, args: list[str], status: int, message: str
) -> None:
    defaults = {"--to-version": "3.0.0", "--to-compatible": "3.0.*"}
    for option, value in defaults.items():
        if option not in args:
            args = [*args, option, value]
    found, _, err = fleet("upgrade", str(fleet_file), *args)
    assert found == status
    assert message in err


def test_upgrade_with_an_invalid_list(fleet: Run, fleet_file: Path) -> None:
    status, _, err = fleet(
        "upgrade",
        str(fleet_file),
        "--hosts",
        "node-00001",
        "--to-version",
        "3.0.0",
        "--to-compatible",
        "3.0.*,02",
    )
    assert status == 2
    assert "--to-compatible: Expected a number without leading zeros" in err
    assert "3.0.*,02" in err


# -- export and generate -----------------------------------------------------------------------


def test_export(fleet: Run, fleet_file: Path, tmp_path: Path) -> None:
    status, out, _ = fleet("export", str(fleet_file))
    rows = list(csv.reader(io.StringIO(out)))
    assert status == 0
    assert tuple(rows[0]) == INTERVAL_COLUMNS
    assert {r[4] for r in rows[1:]} == {"1"}  # every lower end of a list is closed
    _, out, _ = fleet("export", str(fleet_file), "--format", "jsonl", "--table", "devices")
    first = json.loads(out.splitlines()[0])
    assert first["schema"] == "rangespec.fleet-device/1"
    assert len(out.splitlines()) == 200
    assert fleet("export", str(fleet_file), "--out", str(tmp_path / "i.csv"))[0] == 0
    assert (tmp_path / "i.csv").read_text().startswith("class,host,device,lo_key,")
    status, _, err = fleet("export", str(fleet_file), "--out", str(tmp_path / "no" / "i.csv"))
    assert status == 2
    assert "cannot be written: No such file or directory" in err


def test_generate(fleet: Run, tmp_path: Path) -> None:
    status, out, _ = fleet("generate", "--hosts", "3", "--seed", "4")
    assert status == 0
    expected = "".join(
        json.dumps(i.to_json(), separators=(",", ":")) + "\n" for i in generate_fleet(3, seed=4)
    )
    assert out == expected
    assert fleet("generate", "--hosts", "-1")[0] == 2
    assert fleet("generate", "--hosts", "1", "--problems", "2")[0] == 2
    # bounded before any work: a host of 10^11 devices would fill memory
    status, out, err = fleet("generate", "--hosts", "1", "--devices-per-host", "99999999999")
    assert (status, out) == (2, "")
    assert "--devices-per-host is from 0 to 4096" in err
    assert fleet("generate", "--hosts", "1", "--devices-per-host", "4096")[0] == 0
    with pytest.raises(ValueError, match="devices_per_host from 0 to 4096"):
        next(generate_fleet(1, devices_per_host=4097))
    assert fleet("generate", "--hosts", "2", "--out", str(tmp_path / "g.jsonl"))[0] == 0
    assert len((tmp_path / "g.jsonl").read_bytes().splitlines()) == 2


def test_fleet_needs_an_action(fleet: Run) -> None:
    status, _, err = fleet()
    assert status == 2
    assert "the following arguments are required: ACTION" in err


# -- across the process boundary -----------------------------------------------------------


def test_a_real_pipe_and_a_reader_that_goes_away(fleet_file: Path) -> None:
    command = [sys.executable, "-m", "rangespec", "fleet"]
    done = subprocess.run(
        [*command, "report", "-", "--format", "json"],
        input=fleet_file.read_bytes(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["devices"] == 200
    # the reader closes after one line: quietly, with the status of SIGPIPE (the
    # output, megabytes, is far more than a pipe holds)
    export = subprocess.Popen(
        [*command, "generate", "--hosts", "200"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert export.stdout is not None
    export.stdout.readline()
    export.stdout.close()
    _, err = export.communicate(timeout=60)
    assert export.returncode == 141
    assert b"Traceback" not in err


# -- a class too varied to work out in bounded time ------------------------------------


def _varied(devices: int) -> bytes:
    """One class in which every device has its own version and its own list."""
    (template,) = generate_fleet(1, seed=1, devices_per_host=1, problems=0.0)
    lines = []
    for h in range(devices // 10):
        document = template.to_json()
        document["host"] = f"h{h}"
        device = document["devices"][0]
        document["devices"] = []
        for d in range(10):
            n = h * 10 + d
            copy = json.loads(json.dumps(device))
            copy["name"] = f"d{d}"
            copy["interface_version"]["report"] = {"text": f"2.{n}.0"}
            copy["interface_version_compatible"]["report"] = {"text": f"2.{n}.0-2.{n + 5}.0"}
            document["devices"].append(copy)
        lines.append(json.dumps(document).encode() + b"\n")
    return b"".join(lines)


def test_a_class_too_varied_is_counted_but_not_worked_out(fleet: Run) -> None:
    varied = _varied(MAX_DISTINCT + 10)
    status, out, err = fleet("report", "-", stdin=varied)
    assert (status, err) == (0, "")
    assert f"  not worked out: {MAX_DISTINCT + 10} versions and {MAX_DISTINCT + 10} lists" in out
    assert "islands:" not in out  # "none" would be a claim: nothing is said
    status, out, _ = fleet("report", "-", "--format", "json", stdin=varied)
    assert status == 0
    (found,) = json.loads(out)["classes"]
    assert (found["matrix"], found["islands"], found["one_way"]) == (None, None, None)
    assert len(found["versions"]) == MAX_DISTINCT + 10
    status, out, _ = fleet("report", "-", "--format", "csv", stdin=varied)
    assert status == 0
    assert ",matrix," not in out
    assert "not-worked-out,mdev/" in out
    hosts = ["--hosts", "h1", "--to-version", "3", "--to-compatible", "3.*"]
    status, out, err = fleet("upgrade", "-", *hosts, stdin=varied)
    assert (status, out) == (2, "")
    assert "too varied to simulate" in err


def test_a_class_just_within_the_limit_is_worked_out(fleet: Run) -> None:
    status, out, _ = fleet("report", "-", "--format", "json", stdin=_varied(MAX_DISTINCT))
    assert status == 0
    (found,) = json.loads(out)["classes"]
    assert found["limited"] is None
    assert len(found["matrix"]) == MAX_DISTINCT
