"""Reports for people (a caret under each problem) and for tools (JSON).

>>> from rangespec import validate
>>> print(render_human(validate("2.1.0-"), source="<arg 1>"))
<arg 1>: warning[hyphen-spelling] at offset 0: '2.1.0-' is the older spelling of '2.1.0+'
  2.1.0-
  ^~~~~~
  fix: 2.1.0+
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import IO, Any, Final

from ._excerpt import excerpt
from .diagnostics import Report

__all__ = ["JSON_SCHEMA", "render_human", "render_json", "use_color"]

#: Names the layout of ``render_json``'s output; it changes when the layout does.
JSON_SCHEMA: Final = "rangespec.report/1"

_RED, _YELLOW, _CYAN, _BOLD, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[1m", "\x1b[0m"


def use_color(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def render_human(report: Report, *, source: str | None = None, color: bool = False) -> str:
    """Each diagnostic: a headline, the text with a marker under the span, the fix."""

    def paint(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    blocks = []
    for d in report.diagnostics:
        where = f"{source}: " if source else ""
        tone = _RED if d.severity == "error" else _YELLOW
        head = f"{where}{paint(_BOLD + tone, f'{d.severity}[{d.code}]')} at offset {d.offset}"
        line, marker = excerpt(report.text, d.offset, d.end)
        block = [f"{head}: {d.message}", f"  {line}", f"  {paint(tone, marker)}"]
        if d.fix is not None:
            block.append(f"  fix: {paint(_CYAN, d.fix)}")
        blocks.append("\n".join(block))
    return "\n".join(blocks)


def render_json(results: Iterable[tuple[str, Report]]) -> dict[str, Any]:
    """Reports as one JSON-ready document (schema in docs/diagnostics.md)."""
    return {
        "schema": JSON_SCHEMA,
        "results": [{"source": source, **report.to_json()} for source, report in results],
    }
