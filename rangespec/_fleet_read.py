"""Reading inventory documents into a fleet: files, directories and JSON Lines, streamed.

Where documents come from (docs/fleet.md, "Inputs"):

* ``-``: the given stream, JSON Lines (one inventory per line; an empty
  stream is an empty fleet, while a file without a document is rejected);
* a file named ``*.jsonl`` or ``*.ndjson``: JSON Lines;
* any other file: JSON Lines if its first non-blank line is a JSON document
  by itself, else the whole file is one document (as ``rangespec scan
  --format json`` writes it);
* a directory: every file in it (and below it) named ``*.json``,
  ``*.jsonl`` or ``*.ndjson``, in name order; other entries are not inputs.

Every document is checked like :meth:`rangespec.sysfs.Inventory.from_json`
checks it (schema id and layout; the texts are validated again, the
reports in the document are never trusted), and a document that fails, or
names a host already read, or lists a device twice, is rejected whole with
its place (``FILE:LINE``). Only one document is held at a time.

Reads are bounded: a line or a whole-file document of more than
``MAX_DOCUMENT`` bytes is rejected after reading that much of it (and the
rest of a long line is skipped, at most ``MAX_SKIP`` bytes; an input that
never ends a line is given up, as unreadable). Bytes that are not UTF-8, JSON
that nests too deeply, and numbers too long to convert are rejected
documents, never a crash.

The common document (no read errors, every fact a plain value) is checked
by a fast path that looks at each device once with exact type tests and
validates each distinct text once; anything else takes the general path
through ``Inventory.from_json``. The fast path accepts only documents the
general one accepts, and yields the same devices (tests/test_fleet_read.py
checks both on the same documents).
"""

from __future__ import annotations

import json
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO, Any, Final

from ._fleet_class import ClassRule
from ._fleet_store import LIST_NAME, VERSION_NAME, Fleet, Problem, Rejected, _Builder
from .schemas import SCAN
from .sysfs import Inventory, InventoryError

__all__ = ["MAX_DOCUMENT", "MAX_SKIP", "read_fleet"]

#: The most bytes of one document: a line of JSON Lines, or a whole file.
MAX_DOCUMENT: Final = 16 << 20
#: How far past an over-long line the reader looks for its end.
MAX_SKIP: Final = 64 << 20
_CHUNK: Final = 1 << 20
_LINES_SUFFIXES: Final = (".jsonl", ".ndjson")
_STDIN: Final = "<stdin>"
_DIRECTORY_SUFFIXES: Final = (".json", ".jsonl", ".ndjson")


class _Slow(Exception):
    """The fast path met something it does not handle; the general path decides."""


class _Unreadable(Exception):
    """An input that cannot be read (on); the message says where it stopped."""


def read_fleet(
    sources: Iterable[str | os.PathLike[str]],
    *,
    rule: ClassRule | None = None,
    stdin: IO[bytes] | None = None,
) -> Fleet:
    """The fleet of every inventory document in ``sources`` (paths, or ``-`` for ``stdin``).

    Never raises for bad input: a bad document is in ``Fleet.rejected`` with
    its place, an input that cannot be read with ``unreadable`` set. A single
    path instead of a list of them is a TypeError.

    >>> import io, json
    >>> from rangespec.fleet import generate_fleet
    >>> lines = b"".join(json.dumps(i.to_json()).encode() + b"\\n"
    ...                  for i in generate_fleet(3, seed=2, devices_per_host=2))
    >>> fleet = read_fleet(["-"], stdin=io.BytesIO(lines + b"{}\\n"))
    >>> len(fleet), [(r.source, r.message) for r in fleet.rejected]
    (6, [('<stdin>:4', "document: no 'schema'")])
    """
    if isinstance(sources, (str, bytes, os.PathLike)):
        raise TypeError("read_fleet() takes a list of paths, not one path")
    builder = _Builder(rule or ClassRule.default())
    reader = _Reader(builder)
    for source in sources:
        if os.fspath(source) == "-":
            if stdin is None:
                builder.rejected.append(Rejected(_STDIN, "no stdin to read", True))
            else:
                reader.stream(stdin, _STDIN, lines=True)
        else:
            reader.path(os.fspath(source))
    return Fleet(builder)


class _Reader:
    def __init__(self, builder: _Builder) -> None:
        self.builder = builder
        self.seen_directories: set[tuple[int, int]] = set()

    def reject(self, source: str, message: str, unreadable: bool = False) -> None:
        self.builder.rejected.append(Rejected(source, message, unreadable))

    # -- where documents come from -------------------------------------------

    def path(self, path: str) -> None:
        try:
            info = os.stat(path)
        except OSError as exc:
            self.reject(path, f"cannot be read: {exc.strerror or exc}", True)
            return
        if stat.S_ISDIR(info.st_mode):
            self.directory(path, info)
            return
        try:
            stream = open(path, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            self.reject(path, f"cannot be read: {exc.strerror or exc}", True)
            return
        with stream:
            self.stream(stream, path, lines=path.endswith(_LINES_SUFFIXES))

    def directory(self, path: str, info: os.stat_result) -> None:
        """Every inventory file under ``path``, depth first in name order.

        A stack of open listings, not recursion: a tree of any depth is read
        without running out of Python's stack.
        """
        listings = [self._entries(path, info)]
        while listings:
            for entry, entry_info in listings[-1]:
                if stat.S_ISDIR(entry_info.st_mode):
                    listings.append(self._entries(entry, entry_info))
                    break  # into it; this listing goes on when that one is done
                self.regular_file(entry)
            else:
                listings.pop()

    def _entries(self, path: str, info: os.stat_result) -> Iterator[tuple[str, os.stat_result]]:
        """The subdirectories and inventory files of one directory, in name order."""
        identity = (info.st_dev, info.st_ino)
        if identity in self.seen_directories:
            return  # reached again through a link: read once
        self.seen_directories.add(identity)
        try:
            names = sorted(os.listdir(path))
        except OSError as exc:
            self.reject(path, f"cannot be listed: {exc.strerror or exc}", True)
            return
        for name in names:
            entry = os.path.join(path, name)
            try:
                entry_info = os.stat(entry)
            except OSError as exc:
                if name.endswith(_DIRECTORY_SUFFIXES):
                    self.reject(entry, f"cannot be read: {exc.strerror or exc}", True)
                continue
            if stat.S_ISDIR(entry_info.st_mode) or name.endswith(_DIRECTORY_SUFFIXES):
                yield entry, entry_info

    def regular_file(self, path: str) -> None:
        """A file found in a directory: opened without blocking, and read only if regular."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY)
        except OSError as exc:
            self.reject(path, f"cannot be read: {exc.strerror or exc}", True)
            return
        try:
            regular = stat.S_ISREG(os.fstat(fd).st_mode)
        except OSError:
            regular = False
        if not regular:
            os.close(fd)
            self.reject(path, "is not a regular file", True)
            return
        with os.fdopen(fd, "rb") as stream:
            self.stream(stream, path, lines=path.endswith(_LINES_SUFFIXES))

    def stream(self, stream: IO[bytes], label: str, *, lines: bool) -> None:
        try:
            self._stream(stream, label, lines)
        except _Unreadable as exc:
            self.reject(label, str(exc), True)
        except OSError as exc:
            self.reject(label, f"cannot be read: {exc.strerror or exc}", True)

    def _stream(self, stream: IO[bytes], label: str, lines: bool) -> None:
        numbered = _lines(stream)
        first: tuple[int, bytes | None] | None = None
        for number, line in numbered:
            if line is not None and not line.strip():
                continue  # blank lines hold no document
            first = (number, line)
            break
        if first is None:
            if label != _STDIN:  # an empty stream is an empty fleet; a file is a mistake
                self.reject(label, "holds no inventory document")
            return
        number, line = first
        if not lines and line is not None and not _is_json(line):
            self.whole(stream, label, line)
            return
        self.line(label, number, line)
        for number, line in numbered:
            if line is None or line.strip():
                self.line(label, number, line)

    # -- one document --------------------------------------------------------

    def line(self, label: str, number: int, line: bytes | None) -> None:
        where = f"{label}:{number}"
        if line is None:
            self.reject(where, f"the line is longer than {MAX_DOCUMENT} bytes")
            return
        self.document(where, line)

    def whole(self, stream: IO[bytes], label: str, start: bytes) -> None:
        rest = stream.read(MAX_DOCUMENT + 1 - len(start))
        data = start + rest
        if len(data) > MAX_DOCUMENT:
            self.reject(label, f"is longer than {MAX_DOCUMENT} bytes")
            return
        self.document(label, data)

    def document(self, where: str, data: bytes) -> None:
        self.take(where, _parse(data))

    def take(self, where: str, parsed: _Parsed) -> None:
        """Add one parsed document (rangespec._fleet_read._parse), or reject it."""
        kind, payload = parsed
        if kind == "error":
            self.reject(where, payload)
            return
        if kind == "fast":
            host, names, rows = payload
            keys, problems = _intern(self.builder, host, names, rows)
            message = self.builder.commit(host, names, keys, problems)
        else:
            message = self.general(payload)
        if message is not None:
            self.reject(where, message)

    def general(self, document: Any) -> str | None:
        """The general path: Inventory.from_json, then the library model."""
        try:
            inventory = Inventory.from_json(document)
        except InventoryError as exc:
            return str(exc)
        except RecursionError:
            return "not read: the JSON nests too deeply"
        return self.builder.add_inventory(inventory)


def _is_json(line: bytes) -> bool:
    try:
        json.loads(line)
    except (ValueError, RecursionError):
        return False
    return True


def _lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(number, line) for each line; None for a line longer than MAX_DOCUMENT, whose
    rest is skipped. Raises _Unreadable when a long line does not end within MAX_SKIP."""
    number = 0
    while True:
        line = stream.readline(MAX_DOCUMENT + 1)
        if not line:
            return
        number += 1
        if len(line) <= MAX_DOCUMENT or line.endswith(b"\n"):
            yield number, line
            continue
        skipped = 0
        while True:
            chunk = stream.readline(_CHUNK)
            if not chunk or chunk.endswith(b"\n"):
                break
            skipped += len(chunk)
            if skipped > MAX_SKIP:
                raise _Unreadable(
                    f"not read past line {number}: no end of that line within "
                    f"{MAX_DOCUMENT + MAX_SKIP} bytes"
                )
        yield number, None


# What _parse makes of one document: ("error", message), ("fast", (host, names,
# rows)) for the common document, or ("doc", document) for the general path.
_Parsed = tuple[str, Any]
# One device as the fast path sees it: its bus and fact values, version text, list text.
_Row = tuple[tuple[object, ...], str, str]


def _parse(data: bytes) -> _Parsed:
    """Decode and check one document (touching nothing else: the checks are separate
    from the interning, so that they could run anywhere)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return "error", f"is not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:  # "Expecting value: line 1 column 5 (char 4)"
        return "error", f"not valid JSON: {exc}"
    except RecursionError:
        return "error", "not read: the JSON nests too deeply"
    except ValueError:  # the only other: an int past the interpreter's digit limit
        return "error", (
            f"not read: it holds a number of more than {sys.get_int_max_str_digits()} digits"
        )
    try:
        return "fast", _extract(document)
    except (_Slow, KeyError, TypeError, AttributeError):
        return "doc", document


def _extract(doc: Any) -> tuple[str, list[str], list[_Row]]:
    """The common document, checked with exact type tests; _Slow for anything else.

    Accepts only what Inventory.from_json accepts: the same keys must be
    there with the same types. Devices with an entry error, an attribute
    read error, a fact that is not a string or null, and listing errors go
    to the general path. This loop runs once per device, so it is written
    flat.
    """
    if type(doc) is not dict or doc["schema"] != SCAN:
        raise _Slow
    host = doc["host"]
    devices = doc["devices"]
    if (
        type(host) is not str
        or type(doc["sysfs_root"]) is not str
        or type(devices) is not list
        or type(doc["errors"]) is not list
        or doc["errors"]
    ):
        raise _Slow
    names: list[str] = []
    rows: list[_Row] = []
    plain: set[tuple[object, ...]] = set()  # fact tuples already seen to be str or None
    for d in devices:
        if type(d) is not dict or d.get("error") is not None:
            raise _Slow
        name = d["name"]
        bus = d["bus"]
        if type(name) is not str or type(bus) is not str or type(d["path"]) is not str:
            raise _Slow
        attribute = d["interface_version"]
        if (
            type(attribute) is not dict
            or attribute.get("read_error") is not None
            or type(attribute["path"]) is not str
            or type(report := attribute["report"]) is not dict
        ):
            raise _Slow
        version = report["text"]
        attribute = d["interface_version_compatible"]
        if (
            type(attribute) is not dict
            or attribute.get("read_error") is not None
            or type(attribute["path"]) is not str
            or type(report := attribute["report"]) is not dict
        ):
            raise _Slow
        compatible = report["text"]
        if type(version) is not str or type(compatible) is not str:
            raise _Slow
        facts = d["facts"]
        if type(facts) is not dict:
            raise _Slow
        key = (
            bus,
            facts["mdev_type"],
            facts["driver"],
            facts["parent"],
            facts["vendor"],
            facts["device"],
            facts["subsystem_vendor"],
            facts["subsystem_device"],
        )
        if key not in plain:  # an unhashable value raises TypeError: the general path
            if any(v is not None and type(v) is not str for v in key):
                raise _Slow
            plain.add(key)
        names.append(name)
        rows.append((key, version, compatible))
    return host, names, rows


def _intern(
    builder: _Builder, host: str, names: list[str], rows: list[_Row]
) -> tuple[list[tuple[int, int, int]], list[Problem]]:
    """Each device's (class, version, list) numbers, and its problems, from the memos.

    The rows come from _extract, so every fact value is a str or None.
    """
    keys: list[tuple[int, int, int]] = []
    problems: list[Problem] = []
    version_texts, list_texts = builder.version_texts, builder.list_texts
    device_facts = builder.device_facts
    for name, (key, version, compatible) in zip(names, rows, strict=True):
        found = device_facts.get(key) or builder.facts_of(key)
        v, v_error = version_texts.get(version) or builder.version_text(version)
        lst, l_error = list_texts.get(compatible) or builder.list_text(compatible)
        if v_error is not None:
            problems.append(Problem(host, name, VERSION_NAME, *v_error))
        if l_error is not None:
            problems.append(Problem(host, name, LIST_NAME, *l_error))
        for what, code, message in found[1]:
            problems.append(Problem(host, name, what, code, message))
        keys.append((found[0], v, lst))
    return keys, problems
