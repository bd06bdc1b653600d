"""Text -> items: the first stage of the pipeline, and its one dispatcher.

Every text goes through here. The fast twin (``_fastpath``) is tried once;
it accepts exactly what the grammar accepts. Only when it declines does the
grammar run (``_grammar``, loaded then), to build the items or, for invalid
text, the diagnostic. So every message and offset comes from the grammar,
and valid text never pays for it.
"""

from __future__ import annotations

from . import _fastpath
from ._cuts import Cut
from ._version import Version

# Errors are made only for invalid text: their module (and the ErrorCode
# enum) loads with the first, so valid input never pays for it.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ._errors import RangeSpecError
    from ._items import Item

__all__ = ["ListErrors", "check_text", "list_cuts", "list_items", "overlong", "version"]


class ListErrors(Exception):
    """Every bad item's first error, in text order (``list_items(every_error=True)``)."""

    def __init__(self, errors: list[RangeSpecError]) -> None:
        super().__init__(errors)
        self.errors = errors


def list_cuts(text: str, max_length: int) -> tuple[Cut, ...]:
    """The set an ``interface_version_compatible`` text means, as cuts.

    Raises RangeSpecError (the first error) for invalid text.
    """
    check_text(text, max_length)
    if _fastpath.ENABLED:
        cuts = _fastpath.list_cuts(text)
        if cuts is not None:
            return cuts
    from ._grammar import grammar_list
    from ._normalize import to_cuts

    return to_cuts(grammar_list(text, every_error=False))


def list_items(text: str, max_length: int, *, every_error: bool = False) -> tuple[Item, ...]:
    """The items of an ``interface_version_compatible`` text, in text order.

    Raises RangeSpecError (the first error) for invalid text; with
    ``every_error``, ListErrors with the first error of every bad item.
    """
    check_text(text, max_length)
    if _fastpath.ENABLED:
        items = _fastpath.list_items(text)
        if items is not None:
            return items
    from ._grammar import grammar_list

    return grammar_list(text, every_error=every_error)


def version(text: str, max_length: int) -> Version:
    """The version an ``interface_version`` text holds (one trailing newline allowed)."""
    check_text(text, max_length)
    if _fastpath.ENABLED:
        found = _fastpath.version(text)
        if found is not None:
            return found
    from ._grammar import grammar_version

    return grammar_version(text)


def check_text(text: str, max_length: int) -> None:
    """The checks before any parsing: a str, not longer than ``max_length``."""
    if not isinstance(text, str):
        raise TypeError(f"rangespec text must be str, not {type(text).__name__}")
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 0:
        raise ValueError(f"max_length must be an int >= 0, not {max_length!r}")
    # Bounded before any other work, so a huge input costs nothing.
    if len(text) > max_length:
        from ._errors import ErrorCode, RangeSpecError

        raise RangeSpecError(
            ErrorCode.TOO_LONG,
            f"Expected at most {max_length} characters, found {len(text)}",
            text,
            max_length,
            len(text),
        )


def overlong(prefix: str, max_length: int) -> RangeSpecError:
    """The too-long error of a text of which only ``prefix`` was read.

    For readers that stop reading a line past the limit: the error says how
    much was seen, never a length nobody counted.
    """
    from ._errors import ErrorCode, RangeSpecError

    return RangeSpecError(
        ErrorCode.TOO_LONG,
        f"Expected at most {max_length} characters, found more than {len(prefix) - 1}",
        prefix,
        max_length,
        len(prefix),
    )
