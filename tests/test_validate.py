"""validate and validate_version: each diagnostic, and the report's shape."""

from __future__ import annotations

import itertools

import pytest

from rangespec import (
    ErrorCode,
    RangeSpecError,
    Version,
    WarningCode,
    parse,
    validate,
    validate_version,
)

WARNINGS = [
    # text, code, the span it points at, the text after its own fix (None:
    # no local fix), the report's whole-text fix
    ("2.1.0+,2.0.2-2.0.4", WarningCode.UNSORTED, "2.0.2-2.0.4", None, "2.0.2-2.0.4,2.1.0+"),
    ("1,3,2", WarningCode.UNSORTED, "2", None, "1.0.0,2.0.0,3.0.0"),
    ("2.*,2.1.0", WarningCode.REDUNDANT, "2.1.0", "2.*", "2.*"),
    ("2.1.0,2.*", WarningCode.REDUNDANT, "2.1.0", "2.*", "2.*"),
    ("1,1", WarningCode.REDUNDANT, "1", "1", "1.0.0"),
    ("2.0.*,2.1.*", WarningCode.OVERLAP, "2.1.*", None, "2.0.0-2.1.*"),
    ("2.0.2-2.0.4,2.0.4-2.0.6", WarningCode.OVERLAP, "2.0.4-2.0.6", None, "2.0.2-2.0.6"),
    ("2.1.0-2.1.0", WarningCode.SINGLE_VERSION_RANGE, "2.1.0-2.1.0", "2.1.0", "2.1.0"),
    ("2.1-2.1.0\n", WarningCode.SINGLE_VERSION_RANGE, "2.1-2.1.0", "2.1\n", "2.1.0"),
    ("1.9.0-2.1.0", WarningCode.CROSS_MAJOR, "1.9.0-2.1.0", None, None),
    ("2.1.0-", WarningCode.HYPHEN_SPELLING, "2.1.0-", "2.1.0+", "2.1.0+"),
    ("", WarningCode.EMPTY_LIST, "", None, None),
    ("\n", WarningCode.EMPTY_LIST, "", None, None),
]


@pytest.mark.parametrize(("text", "code", "span", "fixed", "whole"), WARNINGS)
def test_warning(
    text: str, code: WarningCode, span: str, fixed: str | None, whole: str | None
) -> None:
    report = validate(text)
    assert report.ok
    assert report.rangeset == parse(text)
    found = [d for d in report.diagnostics if d.code == code]
    assert len(found) == 1, report.diagnostics
    (d,) = found
    assert d.severity == "warning"
    assert text[d.offset : d.end] == span
    assert (None if d.fix is None else d.fix.apply(text)) == fixed
    assert report.fix == whole


def test_unsorted_compares_with_the_highest_item_so_far() -> None:
    report = validate("1,3,2,2.5")
    assert [(d.code.value, d.offset) for d in report.warnings] == [
        ("unsorted", 4),
        ("unsorted", 6),
    ]


def test_redundant_items_can_all_be_left_out() -> None:
    # [1, 3], [2, 4] and [1, 2.5]: each of the first and last is covered by
    # the others, but not both at once; only the last is reported.
    report = validate("1.0-1.3,1.2-1.4,1.0-1.2.5")
    assert [(d.code, d.offset) for d in report.warnings if d.code == "redundant"] == [
        ("redundant", 16)
    ]


def test_own_version() -> None:
    assert not validate("2.1.0+", own_version="2.1.3").warnings
    assert not validate("2.1.0+", own_version=Version(2, 1, 3)).warnings
    report = validate("2.0.*", own_version="2.1.3")
    assert [d.code for d in report.warnings] == ["own-version-rejected"]
    assert report.warnings[0].fix is None
    with pytest.raises(RangeSpecError):
        validate("2.0.*", own_version="2.x")


def test_a_canonical_list_has_no_warnings() -> None:
    assert validate("2.0.2-2.0.4,2.1.0+\n").diagnostics == ()


ERRORS = [
    # every bad item gets its first error
    (
        "3-2,x,2.01,1.9-1.8",
        [
            ("reversed-range", 0),
            ("unexpected-character", 4),
            ("leading-zero", 8),
            ("reversed-range", 11),
        ],
    ),
    ("2.,,3", [("unexpected-character", 2), ("unexpected-character", 3)]),
    (",", [("unexpected-character", 0), ("unexpected-end", 1)]),
    ("2.x,3,\n", [("unexpected-character", 2), ("unexpected-character", 6)]),
    ("1,2.", [("unexpected-end", 4)]),
    ("2.1-2.0.*,18446744073709551616", [("empty-range", 0), ("number-too-large", 10)]),
    ("1 ,2 ,3", [("unexpected-character", 1), ("unexpected-character", 4)]),
    # too-long stops everything
    ("x," * 3000, [("too-long", 4096)]),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_errors(text: str, expected: list[tuple[str, int]]) -> None:
    report = validate(text)
    assert [(d.code, d.offset) for d in report.diagnostics] == expected
    assert not report.ok
    assert report.rangeset is None
    assert all(d.severity == "error" for d in report.diagnostics)


def test_errors_read_as_in_the_whole_text() -> None:
    report = validate("x,2.,3")
    assert [d.message for d in report.errors] == [
        "Expected a number, a newline or the end of the text, found 'x'",
        "Expected a number or '*', found ','",
    ]


def test_validate_version() -> None:
    report = validate_version("2.1.3\n")
    assert (report.ok, report.version, report.kind) == (True, Version(2, 1, 3), "version")
    bad = validate_version("2.1.3,2.1.4")
    assert [(d.code, d.offset) for d in bad.errors] == [(ErrorCode.UNEXPECTED_CHARACTER, 5)]
    assert bad.version is None


def test_non_str_is_still_a_type_error() -> None:
    with pytest.raises(TypeError):
        validate(b"2.1")  # type: ignore[arg-type]


def test_redundant_items_all_removed_together_keep_the_set() -> None:
    text = "2.0.3,2.*,2.1,2.0.*,2.1.1,2.2"
    report = validate(text)
    fixes = [d.fix for d in report.warnings if d.code == "redundant"]
    assert len(fixes) == 5
    edits = sorted((e for f in fixes if f is not None for e in f.edits), key=lambda e: e.offset)
    assert all(a.end <= b.offset for a, b in itertools.pairwise(edits))
    for edit in reversed(edits):
        text = edit.apply(text)
    assert text == "2.*"


def test_a_report_holds_the_whole_text_fix_once() -> None:
    # A descending list: every item is out of order, but the canonical text
    # is held once, on the report, not copied into every warning.
    text = ",".join(f"1.{k}" for k in range(600, 0, -1))
    report = validate(text)
    assert len(report.warnings) == 599
    assert all(d.fix is None for d in report.warnings)
    assert report.fix == ",".join(f"1.{k}.0" for k in range(1, 601))
    assert len(str(report.to_json())) < 200 * len(text)


def test_json_form() -> None:
    assert validate("2.1.0-").to_json() == {
        "text": "2.1.0-",
        "kind": "list",
        "ok": True,
        "canonical": "2.1.0+",
        "fix": "2.1.0+",
        "diagnostics": [
            {
                "code": "hyphen-spelling",
                "severity": "warning",
                "message": "'2.1.0-' is the older spelling of '2.1.0+'",
                "offset": 0,
                "end": 6,
                "fix": {
                    "message": "Write '2.1.0+'",
                    "applicability": "safe",
                    "edits": [{"offset": 5, "end": 6, "replacement": "+"}],
                },
            }
        ],
    }


ERROR_FIXES = [
    # text, the text after the first error's fix, whether it is safe
    ("2.0.2 - 2.0.4", "2.0.2-2.0.4", True),
    ("2.0.2 -2.0.4", "2.0.2-2.0.4", True),
    ("2.0.2, 2.1.0+", "2.0.2,2.1.0+", True),
    ("2.1.0 +", "2.1.0+", True),
    ("2 .1", "2.1", True),
    (" 2.1", "2.1", True),
    ("\t2.1\n", "2.1\n", True),
    ("2.1 \n", "2.1\n", True),
    ("2.1.3\r\n", "2.1.3\n", True),
    ("2.1.3\n\n", "2.1.3\n", True),
    ("2.1.3\n\r\n", "2.1.3\n", True),
    ("2.1.3\r", "2.1.3", True),
    ("v2.1", "2.1", True),
    ("2.0,V2.1", "2.0,2.1", True),
    ("1-v2", "1-2", True),
    ("535.104.05", "535.104.5", False),
    ("2.00", "2.0", False),
    ("0" + "0" * 30 + "7", "7", False),
]


@pytest.mark.parametrize(("text", "fixed", "safe"), ERROR_FIXES)
def test_errors_get_a_fix_where_it_is_unambiguous(text: str, fixed: str, safe: bool) -> None:
    report = validate(text)
    first = report.errors[0]
    assert first.fix is not None
    assert first.fix.apply(text) == fixed
    assert (first.fix.applicability == "safe") == safe
    assert validate(fixed).ok


@pytest.mark.parametrize("text", ["2 3", "2.1x", "2..1", "2,,3", "3-2", "1.99999999999999999999"])
def test_no_fix_where_no_correction_is_clear(text: str) -> None:
    assert validate(text).errors[0].fix is None


def test_the_version_attribute_gets_the_same_fixes() -> None:
    report = validate_version("535.104.05\n")
    fix = report.errors[0].fix
    assert fix is not None
    assert fix.apply("535.104.05\n") == "535.104.5\n"
    assert fix.applicability == "unsafe"


def test_reports_are_immutable_values() -> None:
    import pickle

    report = validate("2.1.0-,2.x")
    again = validate("2.1.0-,2.x")
    assert report == again
    assert hash(report) == hash(again)
    assert pickle.loads(pickle.dumps(report)) == report
    warned = validate("2.1.0-")
    assert pickle.loads(pickle.dumps(warned)) == warned
    assert warned != report
    with pytest.raises(AttributeError):
        report.text = "x"
    with pytest.raises(AttributeError):
        del warned.diagnostics[0].fix
    assert "Diagnostic(code=<ErrorCode.UNEXPECTED_CHARACTER" in repr(report)


def test_value_fields_keep_the_constructors_order() -> None:
    # Pickling rebuilds a value from its fields in __slots__ order, so that
    # order must be the constructor's (a sorted __slots__ would scramble it).
    import inspect

    from rangespec import Diagnostic, Edit, Fix, Report
    from rangespec._items import Closed, ClosedToWildcard, Exact, SameMajor, Wildcard

    for cls in (
        Diagnostic,
        Edit,
        Fix,
        Report,
        Closed,
        ClosedToWildcard,
        Exact,
        SameMajor,
        Wildcard,
    ):
        parameters = list(inspect.signature(cls.__init__).parameters)[1:]
        assert list(cls.__slots__) == parameters, cls


def test_the_value_types_are_final_and_take_their_fields_exactly() -> None:
    from rangespec import Diagnostic, Edit, Fix, Report

    for value_type in (Edit, Fix, Diagnostic, Report):
        with pytest.raises(TypeError, match="not meant to be subclassed"):
            type("Sub", (value_type,), {"__slots__": ("note",)})
    with pytest.raises(TypeError):
        Edit(1, 2)  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Report("2.*")  # type: ignore[call-arg]
    edit = Edit(1, 2, "x")
    assert edit == Edit(1, 2, "x")
    assert (edit.offset, edit.end, edit.replacement) == (1, 2, "x")
