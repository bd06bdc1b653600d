"""The README's command-line examples print what the README says."""

from __future__ import annotations

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
