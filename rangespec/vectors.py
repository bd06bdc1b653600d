"""Conformance vectors: what rangespec answers, as JSON Lines for any language.

Each vector is one text with rangespec's verdict on it: valid or not, the
canonical text or the error code and offset, and for valid texts membership
probes on and around every interval bound. docs/conformance.md documents the
schema and shows a harness in Go.

The same ``count`` and ``seed`` always give the same vectors: generation is
driven by a seeded ``random.Random``, not by Hypothesis, and a fixed,
hand-curated set of edge cases comes first.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Final

from . import _generate
from ._cuts import strip_zeros
from ._errors import RangeSpecError
from ._limits import DEFAULT_MAX_LENGTH, U64_MAX, fits_u64
from ._rangeset import RangeSet, parse
from .schemas import VECTORS, VectorJSON

__all__ = ["HAND_CURATED", "generate", "vector"]

_U: Final = str(U64_MAX)

#: Edge cases every vector file starts with, in this order.
HAND_CURATED: Final[tuple[str, ...]] = (
    # the proposal's example, and the empty lists
    "2.0.2-2.0.4,2.1.0+",
    "2.0.2-2.0.4,2.1.0+\n",
    "",
    "\n",
    # versions and their spelling
    "2",
    "0",
    "0.0.0.0",
    "2.1.0.0",
    "2.1.0.5",
    _U,
    # every item form, and the canonical rules
    "2.1.0+",
    "2.1.0-",
    "2.0.0+",
    "1.5+,2+",
    "2.*",
    "2.0.*",
    "2.0.0.*",
    "2.0.*,2.1.*",
    "2.0.0-2.1.*",
    "2.0.5-2.0.*",
    "2.1-2.1",
    "2.0.2-2.0.4,2.0.4-2.0.6",
    "2.0.2-2.0.4,2.0.5-2.0.6",
    "2.0.4,2.0.2-2.0.4,2.0.3",
    "0-1.*",
    # the ceiling limits the syntax, not the sets
    f"1.{_U}.*",
    f"1.{_U}+",
    f"{_U}.*",
    f"1.{_U}.*,1.{_U}+",
    # every error, at its offset
    "02.1",
    "2.01",
    "2..1",
    "2.",
    ".2",
    "v2",
    "2.1a",
    "+2",
    "-2",
    "\uff12.1",
    "2.\u0661",
    "2\u20101",
    "*",
    "2.*-3",
    "2.**",
    "2++",
    "3-2",
    "2.1-2.0.*",
    "3-2,x",
    "3-2x",
    ",",
    ",2",
    "2,",
    "2,,3",
    "2, 3",
    " 2",
    "2 ",
    "2\n\n",
    "2\r\n",
    "2,\n",
    "2\x00",
    str(U64_MAX + 1),
    f"2.{U64_MAX + 1}.0",
    # a number where the grammar allows none: the grammar's error comes first
    f"0{U64_MAX + 1}",
    f"0{U64_MAX}",
    f"1+{U64_MAX + 1}",
    f"1.*{U64_MAX + 1}",
    "1" * (DEFAULT_MAX_LENGTH + 1),
)


def _probes(s: RangeSet) -> list[str]:
    """Versions on and around every bound of ``s``, that a text can spell:
    the bound, just above and below it, its siblings, the next major, and
    the number sharing a string prefix with its last component (``2.10``
    beside ``2.1``)."""
    found: dict[tuple[int, ...], str] = {(): "0"}
    for interval in s.intervals:
        for bound in (interval.lower, interval.upper):
            if bound is None:
                continue
            key = bound.components
            stripped = strip_zeros(key)
            candidates = [key, (*key, 1), (key[0] + 1,)]
            if all(c <= U64_MAX for c in key):
                candidates += _generate.neighbours(key)
            if stripped:
                last = len(stripped) - 1
                candidates.append((*stripped[:last], stripped[last] - 1, U64_MAX))
            for c in candidates:
                if all(fits_u64(str(n)) for n in c):
                    found.setdefault(strip_zeros(c), ".".join(map(str, c)))
    return [found[k] for k in sorted(found)]


def vector(text: str) -> VectorJSON:
    """rangespec's answers for one text, in the documented layout (docs/conformance.md).

    >>> vector("2.01")["error"]
    {'code': 'leading-zero', 'offset': 2}
    """
    try:
        s = parse(text)
    except RangeSpecError as err:
        return {
            "schema": VECTORS,
            "text": text,
            "valid": False,
            "canonical": None,
            "error": {"code": err.code.value, "offset": err.offset},
            "probes": [],
        }
    return {
        "schema": VECTORS,
        "text": text,
        "valid": True,
        "canonical": s.to_text(),
        "error": None,
        "probes": [{"version": v, "contains": v in s} for v in _probes(s)],
    }


def generate(count: int, seed: int = 0) -> Iterator[VectorJSON]:
    """The hand-curated vectors, then ``count`` generated ones (about 60%
    valid texts, 40% near misses); the same ``count`` and ``seed`` give the
    same vectors.

    >>> first = next(generate(0))
    >>> first["text"], first["valid"], first["canonical"]
    ('2.0.2-2.0.4,2.1.0+', True, '2.0.2-2.0.4,2.1.0+')
    >>> len(list(generate(10))) == len(HAND_CURATED) + 10
    True
    >>> list(generate(5, seed=1)) == list(generate(5, seed=1)) != list(generate(5, seed=2))
    True
    """
    for text in HAND_CURATED:
        yield vector(text)
    rng = random.Random(seed)
    for _ in range(count):
        if rng.random() < 0.6:
            yield vector(_generate.valid_text(rng.randint))
        else:
            yield vector(_generate.invalid_text(rng.randint).text)
