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

from dataclasses import dataclass

from ._version import Version

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal

__all__ = ["Closed", "ClosedToWildcard", "Exact", "Item", "SameMajor", "Wildcard"]


@dataclass(frozen=True, slots=True)
class Exact:
    """``V``: the versions equal to V."""

    version: Version
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Closed:
    """``A-B``: A <= v <= B. Invariant: lower <= upper."""

    lower: Version
    upper: Version
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SameMajor:
    """``A+`` (or the older spelling ``A-``): A <= v < (A's major + 1)."""

    lower: Version
    spelling: Literal["+", "-"]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Wildcard:
    """``P.*``: every version whose leading components are P's.

    ``prefix.components`` are exactly the components written.
    """

    prefix: Version
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ClosedToWildcard:
    """``A-P.*``: A <= v < (the first version after prefix P).

    Invariant: lower lies before that end, so the item is never empty.
    """

    lower: Version
    prefix: Version
    start: int
    end: int


Item = Exact | Closed | SameMajor | Wildcard | ClosedToWildcard
