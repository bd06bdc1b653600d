"""Coverage-guided fuzzing of parse, parse_version and validate, with atheris.

    python fuzz/fuzz_rangespec.py -max_total_time=60 NEW_CORPUS_DIR fuzz/corpus

(libFuzzer adds what it finds to the first directory and only reads the
others, so the committed seed corpus stays as it is.) ``make fuzz-smoke``
runs it for a minute, as CI does; ``make fuzz`` for an hour.

Any exception other than RangeSpecError fails the run, and so does a broken
invariant: the canonical text must parse back to the same set, and
validate must agree with parse, first error included.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from rangespec import RangeSpecError, parse, parse_version, validate


def _parse_error(text: str) -> RangeSpecError | None:
    try:
        s = parse(text)
    except RangeSpecError as err:
        return err
    canonical = s.to_text()
    if canonical is None:
        raise AssertionError(f"a parsed set has no text: {text!r}")
    again = parse(canonical)
    if again != s or again.to_text() != canonical:
        raise AssertionError(f"canonical round trip broke: {text!r} -> {canonical!r}")
    return None


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", errors="replace")
    err = _parse_error(text)
    report = validate(text)
    if (err is None) != report.ok:
        raise AssertionError(f"validate and parse disagree on {text!r}")
    if err is not None:
        first = report.errors[0]
        if (first.code, first.offset) != (err.code.value, err.offset):
            raise AssertionError(f"validate's first error differs from parse's on {text!r}")
    try:
        v = parse_version(text)
    except RangeSpecError:
        return
    if parse_version(str(v)) != v:
        raise AssertionError(f"version round trip broke: {text!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
