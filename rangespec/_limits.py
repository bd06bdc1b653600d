"""Limits of the syntax, and the one check of a number against the u64 ceiling."""

from __future__ import annotations

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = ["DEFAULT_MAX_LENGTH", "U64_MAX", "fits_u64"]

#: sysfs attributes are at most one page.
DEFAULT_MAX_LENGTH: Final = 4096

#: The largest number a version component may have in rangespec *text*, so
#: that C code can read any accepted string into u64 fields. Version values
#: themselves are unbounded: set arithmetic needs the version just past
#: ``x.18446744073709551615``.
U64_MAX: Final = 2**64 - 1

_U64_TEXT: Final = str(U64_MAX)


def fits_u64(numeral: str) -> bool:
    """Whether a canonical numeral (ASCII digits, no leading zero) is at most 2^64-1.

    It compares the text, so a numeral of a million digits costs nothing
    and never meets Python's int-digit limit.

    >>> fits_u64("18446744073709551615"), fits_u64("18446744073709551616"), fits_u64("7" * 21)
    (True, False, False)
    """
    return len(numeral) < len(_U64_TEXT) or (
        len(numeral) == len(_U64_TEXT) and numeral <= _U64_TEXT
    )
