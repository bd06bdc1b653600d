"""The command's edges: reading texts from files and stdin, writing data to stdout.

Reading is bounded: a line longer than the limit is reported as too long
after reading at most the limit of it, and the rest of that line is
skipped without being kept; an input that never ends a line (``/dev/zero``)
is given up after ``SKIP_LIMIT`` bytes, as an error. Bytes that are not
UTF-8 stay visible as lone surrogates (Python's ``surrogateescape``), which
the grammar rejects with an offset and ``escape`` shows as ``\\xNN``.

Writing never raises a traceback: a closed reader (``| head -c1``) ends the
command quietly with status 141, the shell's for SIGPIPE; a full disk or a
closed stdout is one message and status 2 (docs/cli.md, "Exit codes").
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

# typing is imported for type checkers only: a one-shot command starts fast.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO, Final, TextIO

__all__ = ["SKIP_LIMIT", "Line", "Output", "OutputBroken", "OutputFailed", "read_lines"]

#: How far past an over-long line the reader looks for the next line.
SKIP_LIMIT: Final = 1 << 20
_CHUNK: Final = 1 << 16


class Line:
    """One line of an input: its number from 1, and its text; ``text`` is the
    first ``limit + 1`` characters only when ``too_long``."""

    __slots__ = ("number", "text", "too_long")

    def __init__(self, number: int, text: str, too_long: bool) -> None:
        self.number, self.text, self.too_long = number, text, too_long


class InputError(Exception):
    """An input that could not be read to its end; the message says where it stopped."""


def read_lines(stream: BinaryIO, limit: int) -> Iterator[Line]:
    """The lines of ``stream``, split at ``\\n`` (which is not part of a line).

    At most ``limit`` bytes of a line are kept. A longer line is yielded
    once, as too long, and skipped to its end; if no end comes within
    SKIP_LIMIT bytes, InputError. A last line without ``\\n`` counts when it
    is not empty.
    """
    number = 0
    pending = b""
    skipping = -1  # bytes skipped of an over-long line; -1 when not skipping
    while True:
        try:
            chunk = stream.read(_CHUNK)
        except OSError as exc:
            raise InputError(f"cannot be read after line {number}: {exc.strerror or exc}") from None
        if not chunk:
            break
        start = 0
        while start < len(chunk):
            newline = chunk.find(b"\n", start)
            if skipping >= 0:
                if newline < 0:
                    skipping += len(chunk) - start
                    if skipping > SKIP_LIMIT:
                        raise InputError(
                            f"not read past line {number}: no end of that line within "
                            f"{SKIP_LIMIT} bytes"
                        )
                    break
                skipping = -1
                start = newline + 1
                continue
            piece = chunk[start:] if newline < 0 else chunk[start:newline]
            if len(pending) + len(piece) > limit:
                number += 1
                kept = (pending + piece)[: limit + 1]
                yield Line(number, _decode(kept), True)
                pending = b""
                if newline < 0:
                    skipping = len(chunk) - start
                    break
                start = newline + 1
                continue
            if newline < 0:
                pending += piece
                break
            number += 1
            yield Line(number, _decode(pending + piece), False)
            pending = b""
            start = newline + 1
    if pending:
        yield Line(number + 1, _decode(pending), False)


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogateescape")


class OutputBroken(Exception):
    """The reader of stdout went away (a broken pipe)."""


class OutputFailed(Exception):
    """stdout could not be written: it is closed, or the disk is full."""


class Output:
    """stdout for data. Writes are buffered by the stream; failures become
    OutputBroken or OutputFailed, never a traceback, and never a silent loss."""

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        if stream is not None:
            # No text can fail to encode: what is not encodable shows as an escape.
            with contextlib.suppress(AttributeError, ValueError, OSError):
                stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]

    def write(self, text: str) -> None:
        """Write ``text`` (a whole number of lines, normally)."""
        if self.stream is None:
            raise OutputFailed("stdout is closed")
        try:
            self.stream.write(text)
        except BrokenPipeError:
            raise OutputBroken from None
        except (OSError, ValueError) as exc:  # ValueError: I/O on a closed file
            raise OutputFailed(f"cannot write to stdout: {_reason(exc)}") from None

    def line(self, text: str = "") -> None:
        self.write(text + "\n")

    def flush(self) -> None:
        """Push everything out; the last chance to find a full disk."""
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise OutputBroken from None
        except (OSError, ValueError) as exc:
            raise OutputFailed(f"cannot write to stdout: {_reason(exc)}") from None


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that nothing is written (or fails) at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno() if sys.stdout is not None else 1)
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
