"""The spec's tables agree with the code: the error codes, and the examples."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rangespec import ErrorCode, RangeSpecError, WarningCode, parse, validate

SPEC = (Path(__file__).parents[1] / "docs" / "spec.md").read_text(encoding="utf-8")


def _table_after(marker: str, document: str = SPEC) -> list[list[str]]:
    """The rows of the first Markdown table after ``marker``, cells stripped."""
    rest = document[document.index(marker) :]
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


@pytest.mark.parametrize("row", [r for r in ERROR_ROWS if _code_span(r[2])])
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


DIAGNOSTICS = (Path(__file__).parents[1] / "docs" / "diagnostics.md").read_text(encoding="utf-8")
WARNING_ROWS = _table_after(
    "<!-- The table below is checked against rangespec.WarningCode", DIAGNOSTICS
)


def test_warning_table_lists_every_code_once() -> None:
    documented = sorted(str(_code_span(row[0])) for row in WARNING_ROWS)
    assert documented == sorted(code.value for code in WarningCode)


@pytest.mark.parametrize("row", WARNING_ROWS, ids=lambda row: row[0])
def test_warning_examples(row: list[str]) -> None:
    spans = re.findall(r"`([^`]*)`", row[2])
    text = spans[0]
    own = spans[1] if "own version" in row[2] else None
    report = validate(text, own_version=own)
    found = [d for d in report.warnings if d.code == _code_span(row[0])]
    assert len(found) == 1
    if "(at " in row[2]:
        assert text[found[0].offset : found[0].end] == spans[1]
    # its own fix, applied to the example, and the report's whole-text fix
    own_fix = found[0].fix
    assert (None if own_fix is None else own_fix.apply(text)) == _code_span(row[3])
    assert report.fix == _code_span(row[4])
