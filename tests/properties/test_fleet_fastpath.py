"""The fleet reader's fast path against the general one, and the command against any bytes.

The fast path (rangespec._fleet_read._fast) must accept exactly the
documents ``Inventory.from_json`` accepts and read the same devices from
them: documents are taken apart at random places and checked both ways.
"""

from __future__ import annotations

import copy
import io
import json
import sys
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rangespec.cli import main
from rangespec.fleet import Fleet, generate_fleet, read_fleet
from rangespec.sysfs import Inventory, InventoryError, ReadError, SysfsErrorCode

_LISTING = ("/sys/bus/pci/devices", ReadError(SysfsErrorCode.PERMISSION_DENIED, "denied"))
BASE = [
    json.loads(json.dumps(i.to_json()))
    for i in [
        *generate_fleet(6, seed=11, devices_per_host=3, problems=0.6),
        *(
            Inventory(i.sysfs_root, i.devices, (_LISTING,), i.host)
            for i in generate_fleet(2, seed=12, devices_per_host=3)
        ),
    ]
]
REPLACEMENTS: list[Any] = [
    None,
    0,
    -1,
    1.5,
    True,
    "",
    "x",
    "0x10de",
    "2.1.3\n",
    "2.0.*\n",
    "2.1.0-,02",
    [],
    {},
    {"read_error": {"code": "missing", "message": "m"}},
    {"read_error": {"code": "odd", "message": "m"}},
    {"code": "permission-denied", "message": "m", "offset": None},
    {"text": "2.1.3"},
    [{"path": "/sys/bus/mdev/devices", "code": "permission-denied", "message": "m"}],
    [{"path": "/sys/bus/mdev/devices", "code": "denied", "message": "m"}],
]


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[str, tuple[Any, ...]]]:
    """(name, path) of every place in a document; a list item's name is '[]'."""
    found = []
    children = node.items() if isinstance(node, dict) else enumerate(node)
    for key, child in children:
        found.append(("[]" if isinstance(key, int) else key, (*path, key)))
        if isinstance(child, dict | list):
            found.extend(_places(child, (*path, key)))
    return found


@st.composite
def mutated(draw: st.DrawFn) -> Any:
    """A base document changed at one to three places, each picked by its key's name
    first, so rare keys (``path``, ``read_error``) are changed as often as common ones."""
    document = json.loads(json.dumps(draw(st.sampled_from(BASE))))
    for _ in range(draw(st.integers(1, 3))):
        places = _places(document)
        if not places:
            break
        name = draw(st.sampled_from(sorted({n for n, _ in places})))
        path = draw(st.sampled_from([p for n, p in places if n == name]))
        node = document
        for key in path[:-1]:
            node = node[key]
        key = path[-1]
        action = draw(st.sampled_from(["replace", "replace", "delete", "add"]))
        # a fresh copy each time: the replacements themselves are never changed
        replacement = copy.deepcopy(draw(st.sampled_from(REPLACEMENTS)))
        if action == "replace":
            node[key] = replacement
        elif action == "delete" and isinstance(node, dict):
            del node[key]
        elif isinstance(node, dict):
            node["extra"] = replacement
    return document


def _general(document: Any) -> Inventory | str:
    """What the general path makes of a document: the inventory, or why not."""
    try:
        return Inventory.from_json(document)
    except InventoryError as exc:
        return str(exc)


def _same_both_ways(document: Any) -> None:
    line = json.dumps(document).encode() + b"\n"
    fleet = read_fleet(["-"], stdin=io.BytesIO(line))
    inventory = _general(document)
    if isinstance(inventory, str):
        assert [(r.source, r.message) for r in fleet.rejected] == [("<stdin>:1", inventory)]
        assert len(fleet) == 0
        return
    direct = Fleet.from_inventories([inventory])
    assert [r.message for r in fleet.rejected] == [r.message for r in direct.rejected]
    assert list(fleet.devices()) == list(direct.devices())
    assert fleet.problems == direct.problems


@given(mutated())
def test_the_fast_path_accepts_what_from_json_accepts(document: Any) -> None:
    _same_both_ways(document)


# A document the fast path takes whole: one device, no read errors, no listing errors.
CLEAN = json.loads(json.dumps(next(generate_fleet(1, seed=5, devices_per_host=1)).to_json()))


def test_every_single_change_of_a_clean_document_reads_the_same_both_ways() -> None:
    # exhaustive: each place, each replacement, and deleting it
    count = 0
    for _, path in _places(CLEAN):
        for replacement in [*REPLACEMENTS, "delete"]:
            document = copy.deepcopy(CLEAN)
            node = document
            for key in path[:-1]:
                node = node[key]
            if replacement == "delete":
                del node[path[-1]]
            else:
                node[path[-1]] = copy.deepcopy(replacement)
            _same_both_ways(document)
            count += 1
    assert count > 500


@given(
    st.binary(max_size=2000)
    | st.lists(st.sampled_from(BASE)).map(lambda ds: b"\n".join(json.dumps(d).encode() for d in ds))
)
def test_the_command_never_crashes(data: bytes) -> None:
    for action in (["report"], ["report", "--format", "csv"], ["export"]):
        stdin, stdout = sys.stdin, sys.stdout
        sys.stdin = io.TextIOWrapper(io.BytesIO(data))
        sys.stdout = io.StringIO()
        try:
            status = main(["fleet", *action, "-"])
        finally:
            sys.stdin, sys.stdout = stdin, stdout
        assert status in (0, 1, 2)


@pytest.mark.parametrize("document", BASE[:2])
def test_the_base_documents_are_accepted(document: Any) -> None:
    fleet = read_fleet(["-"], stdin=io.BytesIO(json.dumps(document).encode()))
    assert fleet.rejected == ()
    assert len(fleet) == 3
