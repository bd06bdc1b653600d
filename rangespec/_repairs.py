"""Fixes for errors: the corrections that are unambiguous, and the one that is likely.

An error gets a fix only where one edit clearly gives what the author meant:

* spaces or tabs beside a separator, or at either end of the text
  (``2.0.2 - 2.0.4`` -> ``2.0.2-2.0.4``), as other kernel list formats
  allow; never between two digits (``2 3`` could be ``23`` or ``2,3``);
* a carriage return or more newlines at the end (``2.1.3\\r\\n``,
  ``2.1.3\\n\\n``), as an editor or a careless ``echo`` leaves them;
* a ``v`` before a version (``v2.1``);
* a leading zero (``535.104.05`` -> ``535.104.5``, the usual spelling of
  NVIDIA-style driver releases): *unsafe*, since the result is a different
  string, which the author must confirm.

>>> from rangespec import RangeSpecError, parse
>>> def fixed(text):
...     try:
...         parse(text)
...     except RangeSpecError as err:
...         fix = fix_for(err)
...         return None if fix is None else (fix.apply(text), fix.applicability.value)
>>> fixed("2.0.2 - 2.0.4"), fixed("2.1.3\\r\\n"), fixed("535.104.05"), fixed("2 3")
(('2.0.2-2.0.4', 'safe'), ('2.1.3\\n', 'safe'), ('535.104.5', 'unsafe'), None)
"""

from __future__ import annotations

from ._diagnostics import Applicability, Edit, Fix
from ._errors import ErrorCode, RangeSpecError
from ._excerpt import clip

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final, Literal


__all__ = ["fix_for"]

_BLANK: Final = " \t"
_SEPARATORS: Final = ",-+.*\n"
_DIGITS: Final = "0123456789"
#: The unexpected characters that can have a fix: blanks, line endings, a "v".
_FIXABLE: Final = frozenset(_BLANK + "\r\nvV")


def fix_for(error: RangeSpecError, kind: Literal["list", "version"] = "list") -> Fix | None:
    """The fix of one error in a text of ``kind``, or None where no correction
    is unambiguous."""
    text, at = error.text, error.offset
    if error.code is ErrorCode.LEADING_ZERO:
        return _leading_zero(text, at, error.end)
    if error.code is not ErrorCode.UNEXPECTED_CHARACTER or at >= len(text):
        return None
    char = text[at]
    if char not in _FIXABLE:  # most unexpected characters have no fix: one lookup
        return None
    if char in _BLANK:
        return _blank(text, at)
    if char in "\r\n" and not text[at:].strip("\r\n" + _BLANK) and _complete(text[:at], kind):
        # Keep the one newline sysfs writes, if the text had one.
        keep = "\n" if "\n" in text[at:] and text[at - 1 : at] != "\n" else ""
        return Fix("End the value with one newline", (Edit(at, len(text), keep),))
    if char in "vV" and text[at + 1 : at + 2].isdigit() and (at == 0 or text[at - 1] in ",-"):
        return Fix(f"Remove the {char!r} before the version", (Edit(at, at + 1, ""),))
    return None


def _complete(text: str, kind: Literal["list", "version"]) -> bool:
    """Whether ``text`` is a whole value, so that what follows is only a line ending."""
    from ._frontend import list_cuts, version

    try:
        if kind == "list":
            list_cuts(text, len(text))
        else:
            version(text, len(text))
    except RangeSpecError:
        return False
    return True


def _run(text: str, at: int) -> tuple[int, int]:
    """The blanks around ``at`` (an empty run if there are none)."""
    start, end = at, at
    while start > 0 and text[start - 1] in _BLANK:
        start -= 1
    while end < len(text) and text[end] in _BLANK:
        end += 1
    return start, end


def _blank(text: str, at: int) -> Fix | None:
    start, end = _run(text, at)
    before = text[start - 1] if start else ""
    after = text[end] if end < len(text) else ""
    if before and after and before not in _SEPARATORS and after not in _SEPARATORS:
        return None  # between two numbers: which was meant?
    runs = {(start, end)}
    # The blanks on the other side of the separator go too: "2 - 3" -> "2-3".
    if after and after in _SEPARATORS and after != "\n":
        runs.add(_run(text, end + 1))
        where = f"around {after!r}"
    elif before and before in _SEPARATORS:
        runs.add(_run(text, start - 2) if start >= 2 else (start, start))
        where = f"around {before!r}"
    else:
        where = "at the start of the text" if not before else "at the end of the value"
    edits = tuple(Edit(a, b, "") for a, b in sorted(runs) if a < b)
    return Fix(f"Remove the blanks {where}", edits)


def _leading_zero(text: str, start: int, end: int) -> Fix:
    spelled = text[start:end].lstrip("0") or "0"  # no int(): numbers may be huge
    # The whole version the number is in, for a message a person can check.
    low, high = start, end
    while low > 0 and (text[low - 1] in _DIGITS or text[low - 1] == "."):
        low -= 1
    while high < len(text) and (text[high] in _DIGITS or text[high] == "."):
        high += 1
    before = text[low:high]
    after = text[low:start] + spelled + text[end:high]
    return Fix(
        f"Write {clip(after)} instead of {clip(before)}",
        (Edit(start, end, spelled),),
        Applicability.UNSAFE,
    )
