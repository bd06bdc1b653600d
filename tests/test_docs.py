"""The spec's tables agree with the code: the error codes, and the examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rangespec import ErrorCode, RangeSpecError, parse

SPEC = (Path(__file__).parents[1] / "docs" / "spec.md").read_text(encoding="utf-8")


def _table_after(marker: str) -> list[list[str]]:
    """The rows of the first Markdown table after ``marker``, cells stripped."""
    rest = SPEC[SPEC.index(marker) :]
    rows = []
    for line in rest.splitlines()[1:]:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if not set(cells[0]) <= set("-"):
                rows.append(cells)
        elif rows:
            break
    return rows[1:]  # without the header


def _code_span(cell: str) -> str | None:
    match = re.fullmatch(r"`([^`]*)`", cell)
    return match.group(1) if match else None


ERROR_ROWS = _table_after("<!-- The table below is checked")
CANONICAL_ROWS = _table_after("| text | canonical text |")


def test_error_table_lists_every_code_once() -> None:
    documented = [_code_span(row[0]) for row in ERROR_ROWS]
    assert sorted(documented) == sorted(code.value for code in ErrorCode)  # type: ignore[type-var]


@pytest.mark.parametrize(
    "row", [r for r in ERROR_ROWS if _code_span(r[2]) and r[0] != "`not-representable`"]
)
def test_error_examples(row: list[str]) -> None:
    example = _code_span(row[2])
    assert example is not None
    with pytest.raises(RangeSpecError) as info:
        parse(example)
    assert info.value.code == _code_span(row[0])
    assert info.value.offset == int(row[3].split()[0])


@pytest.mark.parametrize("row", CANONICAL_ROWS)
def test_canonical_examples(row: list[str]) -> None:
    text, canonical = (_code_span(cell) or "" for cell in row[:2])
    assert str(parse(text)) == canonical


def test_tables_were_found() -> None:
    assert len(ERROR_ROWS) == len(ErrorCode)
    assert len(CANONICAL_ROWS) >= 8
