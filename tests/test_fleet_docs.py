"""docs/fleet.md is true: the walk-through's commands print what it shows, and its
Python sessions (SQLite, the library) run as doctests."""

from __future__ import annotations

import doctest
import io
import re
import shlex
import sys
from pathlib import Path

import pytest

from rangespec.cli import main

DOC = Path(__file__).parents[1] / "docs" / "fleet.md"
TEXT = DOC.read_text(encoding="utf-8")
WALK = TEXT[TEXT.index("## A generated fleet, walked through") : TEXT.index("## The library")]
# each block that is not Python or SQL: its '$ rangespec ...' commands and their output
BLOCKS = re.findall(r"^```\n(.*?)^```", WALK, re.M | re.S)
COMMANDS = [
    (m.group(1), m.group(2))
    for block in BLOCKS
    for m in re.finditer(r"^\$ (rangespec [^\n]*)\n((?:(?!\$ )[^\n]*\n)*)", block, re.M)
]
# the exit status the walk-through describes, where it is not 0
STATUS = {"--both-ways": 1, "--fail-on-loss": 1}


def test_the_walk_through_was_found() -> None:
    assert len(COMMANDS) >= 8
    assert COMMANDS[0][0].startswith("rangespec fleet generate")


def test_the_walk_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    for command, expected in COMMANDS:
        status = main(shlex.split(command)[1:])
        out, err = capsys.readouterr()
        assert err + out == expected, command
        wanted = next((s for flag, s in STATUS.items() if flag in command), 0)
        assert status == wanted, command
    # the Python sessions, in the files the commands wrote
    failures, tried = doctest.testfile(
        str(DOC), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )
    assert tried >= 12
    assert failures == 0
