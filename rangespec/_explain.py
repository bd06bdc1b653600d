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

from ._canonical import item_text
from ._interval import Interval
from ._rangeset import RangeSet

__all__ = ["describe", "explain", "in_words", "picture"]


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
    text = item_text(*interval._cuts())
    return "-" if text is None else text


def picture(rangeset: RangeSet, width: int | None = None) -> str:
    """The intervals drawn under an axis of their bounds, evenly spaced.

    ``[`` and ``]`` mark closed ends, ``(`` and ``)`` open ones, ``|`` a
    single version, ``>`` a set that goes on for ever. With ``width``, a
    picture wider than that many columns is cut into blocks of whole axis
    marks, one under the other.
    """
    intervals = rangeset.intervals
    if not intervals:
        return "(no versions)"
    marks = sorted({v for i in intervals for v in (i.lower, i.upper) if v is not None})
    step = max(len(str(v)) for v in marks) + 2
    column = {v: k * step for k, v in enumerate(marks)}
    axis = "".join(str(v).ljust(step) for v in marks)
    line = [" "] * (len(marks) * step + 2)
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
    drawn = "".join(line)
    per_block = len(drawn) if width is None else max(1, (width - 2) // step) * step
    blocks = []
    for at in range(0, len(drawn), per_block):
        # The last mark's block also takes the two columns after it, for ")" or ">".
        stop = at + per_block if at + per_block < len(marks) * step else len(drawn)
        blocks.append(f"{axis[at:stop].rstrip()}\n{drawn[at:stop].rstrip()}")
        if stop == len(drawn):
            break
    return "\n\n".join(blocks)


def explain(rangeset: RangeSet, width: int | None = None) -> str:
    """Each interval in notation, as an item and in words; then the picture,
    cut to ``width`` columns when given."""
    intervals = rangeset.intervals
    if not intervals:
        return "no versions (the empty list)"
    rows = [(str(i), _item(i), in_words(i)) for i in intervals]
    w0 = max(len(r[0]) for r in rows)
    w1 = max(len(r[1]) for r in rows)
    lines = [f"{a.ljust(w0)}  {b.ljust(w1)}  {c}" for a, b, c in rows]
    return "\n".join(lines) + "\n\n" + picture(rangeset, width)


def describe(rangeset: RangeSet) -> list[tuple[Interval, str | None, str]]:
    """Each interval, the item that writes it (None if none can), and its words."""
    return [(i, item_text(*i._cuts()), in_words(i)) for i in rangeset.intervals]
