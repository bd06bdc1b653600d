"""Hypothesis strategies for rangespec values and texts (needs ``rangespec[hypothesis]``).

For testing code that reads, writes or consumes the syntax: your own parser
(against rangespec as the oracle), a driver that emits the attributes, a
tool that reads them.

>>> from hypothesis import given
>>> from rangespec import parse
>>> from rangespec.strategies import invalid_texts, range_texts
>>> @given(range_texts())
... def test_my_parser_accepts(text): assert parse(text) is not None
>>> test_my_parser_accepts()

Everything is valid by construction, not by filtering, so examples shrink to
small ones fast. Installing rangespec also registers ``st.from_type(Version)``
and ``st.from_type(RangeSet)`` through Hypothesis's plugin entry point.
"""

from __future__ import annotations

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - exercised without the extra
    raise ImportError(
        "rangespec.strategies needs Hypothesis: pip install 'rangespec[hypothesis]'"
    ) from exc

from collections.abc import Callable
from importlib.resources import files
from typing import TypeVar

from . import DEFAULT_MAX_LENGTH, U64_MAX, RangeSet, RangeSpecError, Version, parse
from ._generate import Choose, InvalidText
from ._generate import bounds as _bounds
from ._generate import intervals as _intervals
from ._generate import invalid_text as _invalid_text
from ._generate import probe as _probe
from ._generate import valid_text as _valid_text
from ._generate import version as _version

__all__ = [
    "InvalidText",
    "grammar_texts",
    "invalid_texts",
    "probe_versions",
    "range_sets",
    "range_texts",
    "versions",
]

T = TypeVar("T")


def _check_count(name: str, value: object, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name} must be an int, not {type(value).__name__}")
    if value < low:
        raise InvalidArgument(f"{name} must be at least {low}")
    return value


def _drawn(make: Callable[[Choose], T]) -> st.SearchStrategy[T]:
    """A strategy running a generator of rangespec._generate, Hypothesis choosing."""

    @st.composite
    def strategy(draw: st.DrawFn) -> T:
        return make(lambda lo, hi: draw(st.integers(lo, hi)))

    return strategy()


def versions(
    *, min_components: int = 1, max_components: int = 5, max_value: int = U64_MAX
) -> st.SearchStrategy[Version]:
    """Versions of ``min_components`` to ``max_components`` components, each
    at most ``max_value``.

    By default they reach zero and trailing-zero components, mixed arity,
    and values at and just below 2^64-1; they shrink towards ``0``.

    >>> from hypothesis import given
    >>> from rangespec import parse_version
    >>> @given(versions(max_components=3))
    ... def test_text_round_trip(v):
    ...     assert parse_version(str(v)) == v
    ...     assert len(v.components) <= 3
    >>> test_text_round_trip()
    """
    _check_count("min_components", min_components, 1)
    _check_count("max_components", max_components, min_components)
    _check_count("max_value", max_value, 0)
    if max_value > U64_MAX:
        # not the number itself: a huge int cannot even be printed
        raise InvalidArgument("max_value is above 2^64-1, which no text can spell")
    return _drawn(
        lambda choose: Version(*_version(choose, min_components, max_components, max_value))
    )


def range_texts(*, min_items: int = 0, max_items: int = 8) -> st.SearchStrategy[str]:
    """Valid ``interface_version_compatible`` texts, not only canonical ones.

    Items come in any order, overlap and repeat, in every form (``A-`` and
    wildcard ends included); some texts end with a newline. Their versions
    are often related to one another, so bounds are adjacent
    (``2.0.2-2.0.4,2.0.5``), touching (``2.0-2.1,2.1-2.2``), nested, equal
    in another arity (``2.1`` and ``2.1.0.0``), or ordered differently as
    numbers and as strings (``2.9`` and ``2.10``, ``2.1.*`` and ``2.10``).
    They shrink towards the empty text.

    >>> from hypothesis import given
    >>> from rangespec import parse
    >>> @given(range_texts())
    ... def test_canonical_text_is_a_fixed_point(text):
    ...     canonical = parse(text).to_text()
    ...     assert canonical is not None
    ...     assert parse(canonical).to_text() == canonical
    >>> test_canonical_text_is_a_fixed_point()
    """
    _check_count("min_items", min_items, 0)
    _check_count("max_items", max_items, min_items)
    return _drawn(lambda choose: _valid_text(choose, min_items, max_items))


def range_sets(
    *, max_intervals: int = 5, representable: bool | None = None
) -> st.SearchStrategy[RangeSet]:
    """RangeSet values, up to ``max_intervals`` intervals.

    With ``representable=True`` only sets that a text can write (parsed
    from ``range_texts``); with ``False`` only sets that no text can write
    (none has an upper end, and some have open lower ends); by default
    both. They reach the empty set, wildcard (open) upper ends, open lower
    ends and sets with no upper end.

    >>> from hypothesis import given
    >>> @given(range_sets(), range_sets())
    ... def test_de_morgan(a, b):
    ...     assert ~(a | b) == ~a & ~b
    >>> test_de_morgan()
    >>> @given(range_sets(representable=False))
    ... def test_no_text(s):
    ...     assert s.to_text() is None
    >>> test_no_text()
    """
    _check_count("max_intervals", max_intervals, 0)
    if representable not in (None, True, False):
        raise InvalidArgument(f"representable={representable!r} must be None, True or False")
    # Each item adds at most one interval, so a list of up to max_intervals
    # items never has more.
    from_text = range_texts(max_items=max_intervals).map(parse)
    if representable is True:
        return from_text
    if representable is False:
        if max_intervals == 0:
            raise InvalidArgument("with max_intervals=0 every set is representable")
        return _drawn(
            lambda choose: RangeSet.from_intervals(_intervals(choose, max_intervals, True))
        )
    return st.one_of(
        from_text,
        _drawn(lambda choose: RangeSet.from_intervals(_intervals(choose, max_intervals))),
    )


def invalid_texts(*, max_length: int = DEFAULT_MAX_LENGTH) -> st.SearchStrategy[InvalidText]:
    """Near misses of valid texts, each with the error rangespec reports for it.

    Each example is an ``InvalidText(text, code, offset)``: a valid text
    changed in one place, with the code and offset that ``parse(text,
    max_length=max_length)`` raises. The changes: a leading zero; a
    reversed range (often of close versions: ``2.1.0.1-2.1``,
    ``2.10-2.9``) or an empty one; a doubled, trailing or leading comma;
    whitespace anywhere, and most often at a token boundary (``2, 3``,
    ``2 -3``, ``2.1 \\n``); a line ending other than one ``\\n`` (``\\n\\n``,
    ``\\r\\n``, a lone ``\\r``, text after the newline, a newline inside the
    list); a wildcard out of place (``*``, ``2.*-3``, ``2.*.*``); a
    look-alike Unicode digit or punctuation; a number above 2^64-1 or one
    where the grammar allows none; a stray character; or a text longer
    than ``max_length`` (also a valid list of exactly ``max_length``
    characters and its newline).

    >>> from hypothesis import given
    >>> from rangespec import RangeSpecError, parse
    >>> @given(invalid_texts())
    ... def test_offsets(bad):
    ...     try:
    ...         parse(bad.text)
    ...     except RangeSpecError as err:
    ...         assert (err.code, err.offset) == (bad.code, bad.offset)
    ...     else:
    ...         raise AssertionError(f"{bad.text!r} was accepted")
    >>> test_offsets()
    """
    _check_count("max_length", max_length, 16)
    return _drawn(lambda choose: _invalid_text(choose, max_length))


def probe_versions(of: str | RangeSet) -> st.SearchStrategy[Version]:
    """Versions to ask ``of`` about (``version in parse(text)``): mostly
    beside a bound, where membership changes, and where implementations
    err.

    Around each version written in the text and each end of its set's
    intervals: the version itself, the same version in another arity
    (``2.1.0.0``), a descendant (``2.1.7`` under ``2.1.*``), the next and the
    previous sibling, a number sharing a string prefix (``2.10`` for
    ``2.1``), the end of a prefix (``3`` where ``2.1+`` ends), an ancestor;
    sometimes any version. ``of`` is a valid text or a ``RangeSet``; they
    shrink towards its first bound.

    >>> from hypothesis import given
    >>> from rangespec import parse
    >>> @given(probe_versions("2.1.*"))
    ... def test_wildcard(v): assert (v in parse("2.1.*")) == (v.components[:2] == (2, 1))
    >>> test_wildcard()
    """
    if isinstance(of, RangeSet):
        around = [
            end.components
            for interval in of.intervals
            for end in (interval.lower, interval.upper)
            if end is not None and max(end.components) <= U64_MAX
        ]
    elif isinstance(of, str):
        try:
            around = _bounds(of)
        except RangeSpecError as err:
            message = f"probe_versions({of!r}): not a valid text: {err.message}"
            raise InvalidArgument(message) from None
    else:
        raise InvalidArgument(f"probe_versions({of!r}) needs a text or a RangeSet")
    around = list(dict.fromkeys(around))
    return _drawn(lambda choose: Version(*_probe(choose, around)))


def grammar_texts() -> st.SearchStrategy[str]:
    """Texts derived from the shipped grammar (``hypothesis.extra.lark``).

    They follow the grammar's syntax; the checks the grammar cannot express
    (numbers up to 2^64-1, ordered ranges) may still reject them, which is
    the point: they test a parser where syntax ends and meaning begins.

    >>> from hypothesis import given
    >>> from rangespec import ErrorCode, RangeSpecError, parse
    >>> meaning = {ErrorCode.NUMBER_TOO_LARGE, ErrorCode.REVERSED_RANGE, ErrorCode.EMPTY_RANGE}
    >>> @given(grammar_texts())
    ... def test_only_meaning_is_rejected(text):
    ...     try:
    ...         parse(text)
    ...     except RangeSpecError as err:
    ...         assert err.code in meaning, err
    >>> test_only_meaning_is_rejected()
    """
    # Imported here: hypothesis.extra.lark reads Unicode tables when imported,
    # which Hypothesis warns against while plugins load; and Lark is needed
    # by nothing else.
    try:
        from hypothesis.extra.lark import from_lark
        from lark import Lark
    except ImportError as exc:
        raise ImportError("grammar_texts needs Lark: pip install 'rangespec[hypothesis]'") from exc

    grammar = files("rangespec").joinpath("rangespec.lark").read_text(encoding="utf-8")
    return from_lark(Lark(grammar, start="compatible_list"), start="compatible_list")
