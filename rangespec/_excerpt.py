"""Showing user text safely: the one escaping rule, and the ``^~~`` excerpt.

Every piece of outside text rangespec echoes (a text in an excerpt, a
version in a ``contains`` line, a file or device name in a table) goes
through :func:`escape`, so no input can split a line, move the cursor or
reorder the terminal's text.

>>> print(escape("2.1\\n\\x1b[31m"))
2.1\\n\\x1b[31m
>>> line, marker = excerpt("\uff12,\uff12x", 3, 4)  # two wide digits: 2 columns each
>>> print(marker)
     ^
"""

from __future__ import annotations

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = ["clip", "escape", "excerpt"]

# How much of a long text an excerpt shows on each side of the problem, and
# of a long problem itself.
_CONTEXT: Final = 30
_SPAN: Final = 40

_NAMED: Final = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    """``text`` with every character that is not plainly printable escaped.

    Backslash, newline, carriage return and tab as ``\\\\ \\n \\r \\t``;
    other control and format characters (ESC, NUL, bidirectional overrides,
    zero-width characters) as ``\\xNN``, ``\\uNNNN`` or ``\\UNNNNNNNN``. A
    byte that was not valid UTF-8, kept as a lone surrogate by Python's
    ``surrogateescape``, shows as the byte: ``\\xff``.
    """
    if text.isprintable() and "\\" not in text:
        return text
    return "".join(_show(c) for c in text)


def shown(message: str) -> str:
    r"""A message for the terminal: as it is when every character is printable,
    else escaped.

    For messages that already quote outside text safely (with ``repr`` or
    :func:`escape`): escaping them again would double every backslash.

    >>> print(shown(f"no host {'a' + chr(27)!r}"), shown("raw" + chr(27)))
    no host 'a\x1b' raw\x1b
    """
    return message if message.isprintable() else escape(message)


def _show(char: str) -> str:
    if char.isprintable() and char != "\\":
        return char
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the original byte
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _width(shown: str) -> int:
    """Terminal columns a shown character takes: 2 for wide East Asian
    characters, 0 for combining marks, and each escape its length."""
    if len(shown) != 1:
        return len(shown)
    import unicodedata  # here: most text to show is ASCII and never asks

    if unicodedata.combining(shown):
        return 0
    return 2 if unicodedata.east_asian_width(shown) in ("W", "F") else 1


def excerpt(text: str, start: int, end: int) -> tuple[str, str]:
    """The text around ``text[start:end]``, escaped, and a marker line under the span.

    The marker is aligned by display width, so wide characters and escapes
    cannot move it. The excerpt is a window: at most ``_CONTEXT`` characters
    either side, and at most ``_SPAN`` of the span itself, so an error in a
    megabyte of text still prints one short line.
    """
    end = max(end, start)
    shown_end = min(end, start + _SPAN)
    lo = max(0, start - _CONTEXT)
    hi = min(len(text), shown_end if end > shown_end else max(end, start + 1) + _CONTEXT)
    pieces = [_show(c) for c in text[lo:hi]]
    prefix = "..." if lo > 0 else ""
    suffix = "..." if hi < len(text) else ""
    column = len(prefix) + sum(map(_width, pieces[: start - lo]))
    width = sum(map(_width, pieces[start - lo : shown_end - lo])) or 1
    line = prefix + "".join(pieces) + suffix
    return line, " " * column + "^" + "~" * (width - 1)


def clip(spelled: str, limit: int = 24) -> str:
    """A valid piece of text (a number, a version, an item) quoted for a
    message, its middle cut when long.

    Messages quote parts of the input; clipping keeps every message short
    however long the input, so a report stays linear in the text. Only
    spellings the grammar accepted are quoted, so there is nothing to escape.

    >>> clip("2.1.3"), clip("1" * 40)
    ("'2.1.3'", "'1111111111...1111111111'")
    """
    if len(spelled) > limit:
        half = (limit - 3) // 2
        spelled = f"{spelled[:half]}...{spelled[-half:]}"
    return f"'{spelled}'"
