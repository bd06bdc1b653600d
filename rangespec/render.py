"""Reports for people (a caret under each problem) and for tools (JSON).

>>> from rangespec import validate
>>> print(render_human(validate("2.1.0-"), source="<arg 1>"))
<arg 1>: warning[hyphen-spelling] at offset 0: '2.1.0-' is the older spelling of '2.1.0+'
  2.1.0-
  ^~~~~~
  fix: Write '2.1.0+'
<arg 1>: fix for the whole text: 2.1.0+
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from ._diagnostics import Report, Severity
from ._excerpt import escape, excerpt

# typing and the JSON layouts are imported for type checkers only.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO, Final

    from .schemas import ReportDocument, ResultJSON

__all__ = ["render_human", "render_json", "use_color"]

_RED, _YELLOW, _CYAN, _BOLD, _RESET = "\x1b[31m", "\x1b[33m", "\x1b[36m", "\x1b[1m", "\x1b[0m"
_UNSAFE: Final = " (unsafe: a different string, to be confirmed)"


def use_color(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org).

    >>> import io
    >>> use_color(io.StringIO())
    False
    """
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (ValueError, OSError):  # a closed or broken stream is no terminal
        return False


def render_human(report: Report, *, source: str | None = None, color: bool = False) -> str:
    """Each diagnostic: a headline, the text with a marker under the span, its fix;
    then the report's whole-text fix, if any.

    ``source`` names where the text came from; it is escaped like the text.

    >>> from rangespec import validate
    >>> print(render_human(validate("2.1.x"), source="<arg 1>"))
    <arg 1>: error[unexpected-character] at offset 4: Expected a number or '*', found 'x'
      2.1.x
          ^
    """

    def paint(code: str, s: str) -> str:
        return f"{code}{s}{_RESET}" if color else s

    where = f"{escape(source)}: " if source else ""
    blocks = []
    for d in report.diagnostics:
        tone = _RED if d.severity is Severity.ERROR else _YELLOW
        head = f"{where}{paint(_BOLD + tone, f'{d.severity}[{d.code}]')} at offset {d.offset}"
        line, marker = excerpt(report.text, d.offset, d.end)
        block = [f"{head}: {d.message}", f"  {line}", f"  {paint(tone, marker)}"]
        if d.fix is not None:
            note = _UNSAFE if d.fix.applicability == "unsafe" else ""
            block.append(f"  fix{note}: {paint(_CYAN, d.fix.message)}")
        blocks.append("\n".join(block))
    if report.fix is not None:
        blocks.append(f"{where}fix for the whole text: {paint(_CYAN, escape(report.fix))}")
    return "\n".join(blocks)


def render_json(results: Iterable[tuple[str, Report]]) -> ReportDocument:
    """Reports as one JSON-ready document (schema in docs/diagnostics.md).

    >>> from rangespec import validate
    >>> doc = render_json([("<arg 1>", validate("2.x"))])
    >>> doc["schema"], doc["results"][0]["diagnostics"][0]["code"]
    ('rangespec.report/2', 'unexpected-character')
    """
    from .schemas import REPORT

    rows: list[ResultJSON] = []
    for source, report in results:
        data = report.to_json()
        rows.append(
            {
                "source": source,
                "text": data["text"],
                "kind": data["kind"],
                "ok": data["ok"],
                "canonical": data["canonical"],
                "fix": data["fix"],
                "diagnostics": data["diagnostics"],
            }
        )
    return {"schema": REPORT, "results": rows}
