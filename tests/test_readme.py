"""The README's command-line examples print what the README says."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest

from rangespec.cli import main

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
BLOCK = README[README.index("## Command line") :]
BLOCK = BLOCK[BLOCK.index("```\n") + 4 :]
BLOCK = BLOCK[: BLOCK.index("```")]
EXAMPLES = [
    (m.group(1), m.group(2))
    for m in re.finditer(r"^\$ (rangespec [^\n]*)\n((?:(?!\$ )[^\n]*\n)*)", BLOCK, re.M)
]


def test_examples_were_found() -> None:
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_example(command: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    main(shlex.split(command)[1:])
    out, err = capsys.readouterr()
    # validate prints each text's diagnostics (stderr) before its verdict (stdout)
    assert err + out == expected


FLEETS = README[README.index("## Fleets") :]
FLEETS = FLEETS[FLEETS.index("```\n") + 4 :]
FLEET_COMMANDS = re.findall(r"^\$ (rangespec fleet [^\n]*)$", FLEETS[: FLEETS.index("```")], re.M)


def test_the_fleet_walk_through_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert [shlex.split(c)[2] for c in FLEET_COMMANDS] == [
        "generate",
        "report",
        "destinations",
        "upgrade",
        "export",
    ]
    monkeypatch.chdir(tmp_path)
    for command in FLEET_COMMANDS:
        status = main(shlex.split(command)[1:])
        out, err = capsys.readouterr()
        assert (status, err) == (0, ""), command
        if "--out" not in command:
            assert out, command
    # the device the README names is in the generated fleet, and goes somewhere
    device = re.search(r"--device (\S+)", "\n".join(FLEET_COMMANDS))
    assert device is not None
    main(["fleet", "destinations", "fleet.jsonl", "--device", device.group(1), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["devices"] > 0
    header = (tmp_path / "intervals.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "class,host,device,lo_key,lo_inclusive,hi_key,hi_inclusive"


ORACLE = README[README.index("## Testing other implementations") :]
ORACLE = ORACLE[ORACLE.index("```\n") + 4 :]
ORACLE = ORACLE[: ORACLE.index("```")]


def test_the_oracle_examples_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    vectors, fuzz = re.findall(r"^\$ (rangespec [^\n]*)$", ORACLE, re.M)
    monkeypatch.chdir(tmp_path)
    assert main(shlex.split(vectors)[1:]) == 0
    capsys.readouterr()
    lines = (tmp_path / "rangespec-vectors.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["text"] == "2.0.2-2.0.4,2.1.0+"
    # the adapter is in the source tree: run from there, as the README is read
    monkeypatch.chdir(Path(__file__).parents[1])
    assert main(shlex.split(fuzz)[1:]) == 1
    out, _ = capsys.readouterr()
    assert out == ORACLE[ORACLE.index(fuzz) + len(fuzz) + 1 :]
