"""The one exception type for rejected input, and its stable error codes.

Every rejection of input is a :class:`RangeSpecError`. It keeps the
structured facts (``code``, ``message``, ``text``, ``offset``, ``end``) and
renders the human form, with a caret under the problem, only when printed.

>>> err = RangeSpecError(ErrorCode.LEADING_ZERO, "Expected no leading zero", "2.01", 2, 4)
>>> print(err)
Expected no leading zero (leading-zero at offset 2)
  2.01
    ^~
"""

from __future__ import annotations

import enum

from ._excerpt import excerpt

__all__ = ["ErrorCode", "RangeSpecError"]


class ErrorCode(enum.StrEnum):
    """Stable short codes of errors; docs/spec.md lists each with an example.

    The values are part of the public interface: tools match on them, so a
    value never changes meaning once released.

    >>> ErrorCode("leading-zero") is ErrorCode.LEADING_ZERO, str(ErrorCode.TOO_LONG)
    (True, 'too-long')
    """

    TOO_LONG = "too-long"
    UNEXPECTED_CHARACTER = "unexpected-character"
    UNEXPECTED_END = "unexpected-end"
    LEADING_ZERO = "leading-zero"
    NUMBER_TOO_LARGE = "number-too-large"
    REVERSED_RANGE = "reversed-range"
    EMPTY_RANGE = "empty-range"


class RangeSpecError(ValueError):
    """A text that is not valid rangespec.

    >>> from rangespec import parse
    >>> try:
    ...     parse("2.0.5-2.0.4")
    ... except RangeSpecError as err:
    ...     print(err.code, err.offset, err.end)
    reversed-range 0 11

    Attributes:
        code: the stable :class:`ErrorCode`.
        message: one sentence for humans, "Expected ..., found ...",
            without position.
        text: the text the problem is in.
        offset: 0-based index in ``text`` where the problem starts;
            ``len(text)`` when the text ended too early.
        end: index just past the problem (``offset <= end <= len(text)``).
    """

    code: ErrorCode
    message: str
    text: str
    offset: int
    end: int

    def __init__(
        self,
        code: ErrorCode,
        message: str,
        text: str,
        offset: int,
        end: int | None = None,
    ) -> None:
        if end is None:
            end = min(offset + 1, len(text))
        elif end < offset:
            end = offset
        # Not super(): validate() makes one of these per bad item, and the
        # explicit base call is measurably quicker.
        ValueError.__init__(self, code, message, text, offset, end)
        self.code = code
        self.message = message
        self.text = text
        self.offset = offset
        self.end = end

    def __str__(self) -> str:
        line, caret = excerpt(self.text, self.offset, self.end)
        return f"{self.message} ({self.code} at offset {self.offset})\n  {line}\n  {caret}"


# Tracebacks, reprs, pickles and the reference name these rangespec.NAME,
# not the private module they are defined in.
for _public in (ErrorCode, RangeSpecError):
    _public.__module__ = "rangespec"
del _public
