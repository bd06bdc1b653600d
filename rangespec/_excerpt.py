"""The input line and a ``^~~`` marker under a span, for error messages."""

from __future__ import annotations

__all__ = ["excerpt"]

# How much of a long text an error message shows on each side of the problem.
_CONTEXT = 30


def excerpt(text: str, start: int, end: int) -> tuple[str, str]:
    """The text near ``start`` with control characters escaped, and a marker line.

    Escaping keeps the caret aligned: each character is shown as the exact
    string its column takes, so a newline or a NUL cannot break the layout.
    """
    lo = max(0, start - _CONTEXT)
    hi = min(len(text), max(end, start + 1) + _CONTEXT)
    shown = [_show(c) for c in text[lo:hi]]
    prefix = "..." if lo > 0 else ""
    suffix = "..." if hi < len(text) else ""
    column = len(prefix) + sum(len(s) for s in shown[: start - lo])
    width = sum(len(s) for s in shown[start - lo : end - lo]) or 1
    line = prefix + "".join(shown) + suffix
    return line, " " * column + "^" + "~" * (width - 1)


def _show(char: str) -> str:
    return char if char.isprintable() and char != "\\" else repr(char)[1:-1]
