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

import os
import sys
from collections.abc import Iterator

# typing is imported for type checkers only: a one-shot command starts fast.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import BinaryIO, Final, TextIO

__all__ = [
    "SKIP_LIMIT",
    "InputError",
    "Output",
    "OutputBroken",
    "OutputFailed",
    "Overlong",
    "read_blocks",
    "read_lines",
    "silence_stdout",
]

#: How far past an over-long line the reader looks for the next line.
SKIP_LIMIT: Final = 1 << 20
_CHUNK: Final = 1 << 16


class InputError(Exception):
    """An input that could not be read to its end; the message says where it stopped."""


class Overlong(str):
    """A line too long to be read whole: only its first characters are here."""

    __slots__ = ()


def read_blocks(stream: BinaryIO, limit: int) -> Iterator[tuple[int, list[str]]]:
    """The lines of ``stream``, split at ``\n`` (which is not part of a line), a
    block at a time: ``(number of the block's first line, its lines)``.

    A line longer than ``limit`` characters comes as an Overlong of its first
    ``limit + 1`` characters, and the rest of it is skipped unread as far as
    can be; if no end of it comes within SKIP_LIMIT bytes, InputError. A
    last line without ``\n`` counts when it is not empty. Each block is
    split and decoded at once, in C, so a stream of many short lines costs
    little more than reading it.
    """
    number = 1  # of the next line
    pending = b""  # the start of a line whose end has not been read yet
    skipped = -1  # bytes skipped of an over-long line; -1 when not skipping
    while True:
        try:
            chunk = stream.read(_CHUNK)
        except OSError as exc:
            raise InputError(
                f"cannot be read after line {number - 1}: {exc.strerror or exc}"
            ) from None
        if not chunk:
            break
        if skipped >= 0:
            newline = chunk.find(b"\n")
            if newline < 0:
                skipped += len(chunk)
                if skipped > SKIP_LIMIT:
                    raise InputError(
                        f"not read past line {number - 1}: no end of that line within "
                        f"{SKIP_LIMIT} bytes"
                    )
                continue
            skipped, chunk = -1, chunk[newline + 1 :]
        data = pending + chunk if pending else chunk
        last = data.rfind(b"\n")
        if last < 0:
            pending = data
            if len(pending) > 4 * limit:  # surely more than ``limit`` characters
                yield number, [Overlong(_decode(pending)[: limit + 1])]
                number += 1
                pending, skipped = b"", 0
            continue
        pending = data[last + 1 :]
        body = data[:last]
        lines = _decode(body).split("\n")
        if _may_hold_a_line_over(body, limit):  # seldom: look line by line only then
            for k, line in enumerate(lines):
                if len(line) > limit:
                    lines[k] = Overlong(line[: limit + 1])
        yield number, lines
        number += len(lines)
    if pending and skipped < 0:
        line = _decode(pending)
        yield number, [Overlong(line[: limit + 1]) if len(line) > limit else line]


def _may_hold_a_line_over(data: bytes, limit: int) -> bool:
    """False when no line of ``data`` can be longer than ``limit``: every
    stretch of ``limit // 2`` bytes at a multiple of it holds a newline,
    and a line longer than ``limit`` would hold one such stretch whole. A
    few searches in C per block, where measuring every line was a call per
    line.

    >>> _may_hold_a_line_over(b"2.1\\n" * 100, 8), _may_hold_a_line_over(b"2.1.3.4.5.6", 8)
    (False, True)
    """
    step = max(1, limit // 2)
    find = data.find
    return any(
        find(b"\n", start, start + step) < 0 for start in range(0, len(data) - step + 1, step)
    )


def read_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, str]]:
    """``(number, line)`` for each line of ``stream``, as ``read_blocks`` reads them."""
    for first, lines in read_blocks(stream, limit):
        yield from enumerate(lines, first)


def _decode(data: bytes) -> str:
    return data.decode("utf-8", errors="surrogateescape")


class OutputBroken(Exception):
    """The reader of stdout went away (a broken pipe)."""


class OutputFailed(Exception):
    """stdout could not be written: it is closed, or the disk is full."""


class Output:
    """stdout for data. Writes are buffered by the stream; failures become
    OutputBroken or OutputFailed, never a traceback, and never a silent loss.

    Text goes to the stream's binary buffer, encoded here, and every count the
    buffer returns is checked: CPython's buffered writer, when a pipe breaks
    in the middle of a large write, returns the short count and drops the
    error, and the text layer above it ignores the count, so a large
    document into ``| head -c1`` would otherwise end with status 0.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self.stream = stream
        self._binary: BinaryIO | None = None
        self._encoding = "utf-8"
        self._line_buffered = False
        if stream is not None:
            # No text can fail to encode: what is not encodable shows as an escape.
            try:  # noqa: SIM105 - contextlib would cost a one-shot command its import
                stream.reconfigure(errors="backslashreplace")  # type: ignore[attr-defined]
            except (AttributeError, ValueError, OSError):
                pass
            binary = getattr(stream, "buffer", None)
            if binary is not None and hasattr(binary, "write"):
                self._binary = binary
                self._encoding = getattr(stream, "encoding", None) or "utf-8"
                self._line_buffered = bool(getattr(stream, "line_buffering", False))

    def write(self, text: str) -> None:
        """Write ``text`` (a whole number of lines, normally)."""
        if self.stream is None:
            raise OutputFailed("stdout is closed")
        try:
            if self._binary is None:
                self.stream.write(text)
                return
            data = memoryview(text.encode(self._encoding, "backslashreplace"))
            while data:
                # Short only when the pipe broke part way: writing the rest raises.
                written = self._binary.write(data)
                if not written:
                    raise OutputFailed("cannot write to stdout: it takes no more")
                data = data[written:]
            if self._line_buffered and "\n" in text:
                self._binary.flush()  # a terminal sees each line as it is written
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
