"""The command's line reader against a naive model: lines split at newlines,
decoded as UTF-8 with surrogate escapes, an over-long line cut to its first
``limit + 1`` characters, whatever the chunks the stream is read in."""

from __future__ import annotations

import io
from unittest import mock

from hypothesis import example, given
from hypothesis import strategies as st

from rangespec import _cli_io
from rangespec._cli_io import Overlong, read_blocks

# Single bytes only (no multi-byte characters), so a cut never splits one.
_DATA = st.lists(st.sampled_from([b"1", b".", b"\n", b"\xff", b"x", b"\n\n"]), max_size=80).map(
    b"".join
)


def _model(data: bytes, limit: int) -> list[tuple[bool, str]]:
    parts = data.split(b"\n")
    if parts[-1] == b"":  # the newline ends the last line; an empty last line is none
        parts.pop()
    lines = [part.decode("utf-8", "surrogateescape") for part in parts]
    return [(len(line) > limit, line[: limit + 1]) for line in lines]


@given(_DATA, st.integers(1, 12), st.integers(1, 9))
@example(b"1" * 40 + b"\n1\n", 4, 3)  # far over the limit: skipped unread
@example(b"1" * 9 + b"\n" + b"1" * 9, 8, 5)  # one over, the last without a newline
def test_lines_are_read_as_the_model_splits_them(data: bytes, limit: int, chunk: int) -> None:
    with mock.patch.object(_cli_io, "_CHUNK", chunk):
        blocks = list(read_blocks(io.BytesIO(data), limit))
    lines = [line for _, block in blocks for line in block]
    assert [(isinstance(line, Overlong), str(line)) for line in lines] == _model(data, limit)
    numbers = [first for first, _ in blocks]
    sizes = [len(block) for _, block in blocks]
    assert numbers == [1 + sum(sizes[:k]) for k in range(len(blocks))]


@given(_DATA, st.integers(1, 12))
def test_no_line_over_the_limit_goes_unseen(data: bytes, limit: int) -> None:
    if not _cli_io._may_hold_a_line_over(data, limit):
        assert max(map(len, data.split(b"\n"))) <= limit
