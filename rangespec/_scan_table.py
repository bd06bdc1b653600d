"""The human form of an inventory: one row per device, every cell escaped and bounded.

>>> from rangespec.sysfs import Inventory
>>> print("\\n".join(scan_table(Inventory("/sys", ()))))
DEVICE  BUS  VERSION  COMPATIBLE  STATUS
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, Final

from ._excerpt import escape

if TYPE_CHECKING:
    from .sysfs import Attribute, Inventory

__all__ = ["scan_table"]

#: The widest a cell gets; longer ones are cut in the middle with "...".
CELL: Final = 40


def _cut(text: str) -> str:
    if len(text) <= CELL:
        return text
    half = (CELL - 3) // 2
    return f"{text[:half]}...{text[-(CELL - 3 - half) :]}"


def _cell(attribute: Attribute[Any]) -> str:
    if attribute.read_error is not None:
        return f"<{attribute.read_error.code}>"
    assert attribute.text is not None
    if attribute.ok:
        return _cut(escape(attribute.text.removesuffix("\n")))
    return f"<invalid: {_cut(escape(attribute.text))}>"


def _problems(attribute: Attribute[Any]) -> list[str]:
    if attribute.read_error is not None:
        return [attribute.read_error.code.value]
    assert attribute.report is not None
    return [d.code.value for d in attribute.report.diagnostics]


def scan_table(inventory: Inventory) -> Iterator[str]:
    """The table's lines: a header, a row per device, a row per unlistable directory."""
    rows = [("DEVICE", "BUS", "VERSION", "COMPATIBLE", "STATUS")]
    for d in inventory.devices:
        if d.error is not None:
            cells = (f"<{d.error.code}>", f"<{d.error.code}>")
            status = f"error ({d.error.code}: {d.error.message})"
        else:
            attributes = (d.interface_version, d.interface_version_compatible)
            cells = (_cell(attributes[0]), _cell(attributes[1]))
            problems = [p for a in attributes for p in _problems(a)]
            status = d.status + (f" ({', '.join(problems)})" if problems else "")
        rows.append((_cut(escape(d.name)), escape(d.bus), *cells, status))
    for path, error in inventory.errors:
        where = os.path.relpath(path, inventory.sysfs_root)
        rows.append((escape(where), "", "", "", f"error ({error.code}: {error.message})"))
    widths = [max(len(r[k]) for r in rows) for k in range(4)]
    for r in rows:
        yield "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[4]
