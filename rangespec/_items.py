"""Items: what the front end reads out of a list, one per comma-separated entry.

This is the first stage of the pipeline (text -> items -> normalized
intervals -> canonical text). Items keep the spelling-level facts a
diagnostic needs (which form was written, where it stands in the text);
their meaning as sets is given in docs/spec.md and computed in
``rangespec._normalize``. The items are internal: the public API gives sets
and diagnostics, not items.

Every item spans ``text[start:end]``; the spans of a list are ascending and
do not overlap.
"""

from __future__ import annotations

from ._record import Record
from ._version import Version

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

__all__ = ["Closed", "ClosedToWildcard", "Exact", "Item", "SameMajor", "Wildcard"]


class Exact(Record):
    """``V``: the versions equal to V."""

    __slots__ = ("version", "start", "end")  # noqa: RUF023 - in __init__'s order
    version: Version
    start: int
    end: int

    def __init__(self, version: Version, start: int, end: int) -> None:
        self._set(version, start, end)


class Closed(Record):
    """``A-B``: A <= v <= B. Invariant: lower <= upper."""

    __slots__ = ("lower", "upper", "start", "end")  # noqa: RUF023 - in __init__'s order
    lower: Version
    upper: Version
    start: int
    end: int

    def __init__(self, lower: Version, upper: Version, start: int, end: int) -> None:
        self._set(lower, upper, start, end)


class SameMajor(Record):
    """``A+`` (or the older spelling ``A-``): A <= v < (A's major + 1)."""

    __slots__ = ("lower", "spelling", "start", "end")  # noqa: RUF023 - in __init__'s order
    lower: Version
    spelling: Literal["+", "-"]
    start: int
    end: int

    def __init__(self, lower: Version, spelling: Literal["+", "-"], start: int, end: int) -> None:
        self._set(lower, spelling, start, end)


class Wildcard(Record):
    """``P.*``: every version whose leading components are P's.

    ``prefix.components`` are exactly the components written.
    """

    __slots__ = ("prefix", "start", "end")  # noqa: RUF023 - in __init__'s order
    prefix: Version
    start: int
    end: int

    def __init__(self, prefix: Version, start: int, end: int) -> None:
        self._set(prefix, start, end)


class ClosedToWildcard(Record):
    """``A-P.*``: A <= v < (the first version after prefix P).

    Invariant: lower lies before that end, so the item is never empty.
    """

    __slots__ = ("lower", "prefix", "start", "end")  # noqa: RUF023 - in __init__'s order
    lower: Version
    prefix: Version
    start: int
    end: int

    def __init__(self, lower: Version, prefix: Version, start: int, end: int) -> None:
        self._set(lower, prefix, start, end)


Item = Exact | Closed | SameMajor | Wildcard | ClosedToWildcard
