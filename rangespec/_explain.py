"""A set in words, and as a picture on a version axis.

>>> from rangespec import parse
>>> print(explain(parse("2.0.2-2.0.4,2.1.0+")))
[2.0.2, 2.0.4]  2.0.2-2.0.4  from 2.0.2 through 2.0.4
[2.1.0, 3.0.0)  2.1.0+       from 2.1.0 up to, not including, 3.0.0
<BLANKLINE>
2.0.2  2.0.4  2.1.0  3.0.0
[======]      [======)
"""

from __future__ import annotations

from ._canonical import to_text
from ._cuts import from_intervals
from .errors import RangeSpecError
from .interval import Interval
from .rangeset import RangeSet

__all__ = ["explain", "in_words", "picture"]


def in_words(interval: Interval) -> str:
    """One interval as a phrase: "from 2.0.2 through 2.0.4"."""
    lower, upper = interval.lower, interval.upper
    if upper is not None and interval.lower_closed and interval.upper_closed and lower == upper:
        return f"exactly {lower}"
    start = f"from {lower}" if interval.lower_closed else f"above {lower}"
    if upper is None:
        return f"{start}, with no upper end"
    if interval.upper_closed:
        return f"{start} through {upper}"
    return f"{start} up to, not including, {upper}"


def _item(interval: Interval) -> str:
    """The item that writes the interval, or "-" if none can."""
    try:
        return to_text(from_intervals([interval._cuts()]))
    except RangeSpecError:
        return "-"


def picture(rangeset: RangeSet) -> str:
    """The intervals drawn under an axis of their bounds, evenly spaced.

    ``[`` and ``]`` mark closed ends, ``(`` and ``)`` open ones, ``|`` a
    single version, ``>`` a set that goes on for ever.
    """
    intervals = rangeset.intervals
    if not intervals:
        return "(no versions)"
    marks = sorted({v for i in intervals for v in (i.lower, i.upper) if v is not None})
    width = max(len(str(v)) for v in marks) + 2
    column = {v: k * width for k, v in enumerate(marks)}
    axis = "".join(str(v).ljust(width) for v in marks).rstrip()
    line = [" "] * (len(marks) * width + 2)
    for i in intervals:
        start = column[i.lower]
        end = column[i.upper] if i.upper is not None else len(line) - 1
        if line[start] in ")]":
            start += 1  # (a, b) right after (c, a): draw ")(" rather than overwrite
        line[start : end + 1] = "=" * (end + 1 - start)
        line[start] = "[" if i.lower_closed else "("
        if i.upper is None:
            line[end] = ">"
        elif start == end:
            line[end] = "|"
        else:
            line[end] = "]" if i.upper_closed else ")"
    return f"{axis}\n{''.join(line).rstrip()}"


def explain(rangeset: RangeSet) -> str:
    """Each interval in notation, as an item and in words; then the picture."""
    intervals = rangeset.intervals
    if not intervals:
        return "no versions (the empty list)"
    rows = [(str(i), _item(i), in_words(i)) for i in intervals]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    lines = [f"{a.ljust(w0)}  {b.ljust(w1)}  {c}" for a, b, c in rows]
    return "\n".join(lines) + "\n\n" + picture(rangeset)
