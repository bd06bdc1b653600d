"""A naive model of the rangespec language, written straight from docs/spec.md.

It shares no code with rangespec: a version is a tuple of ints compared
after padding with zeros, and each item is a membership predicate read off
its definition. Property tests compare the package against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import zip_longest

U64_MAX = 2**64 - 1

V = tuple[int, ...]


def cmp(a: V, b: V) -> int:
    """-1, 0 or 1 as a <, ==, > b, missing components counting as 0."""
    for x, y in zip_longest(a, b, fillvalue=0):
        if x != y:
            return -1 if x < y else 1
    return 0


def head(v: V, n: int) -> V:
    """The first n components of v, padded with zeros."""
    return (v + (0,) * n)[:n]


def vtext(v: V) -> str:
    return ".".join(map(str, v))


@dataclass(frozen=True)
class Item:
    """One item: kind is one of exact, closed, plus, hyphen, wildcard, closed_wildcard."""

    kind: str
    a: V
    b: V = ()

    def text(self) -> str:
        a, b = vtext(self.a), vtext(self.b)
        return {
            "exact": a,
            "closed": f"{a}-{b}",
            "plus": f"{a}+",
            "hyphen": f"{a}-",
            "wildcard": f"{a}.*",
            "closed_wildcard": f"{a}-{b}.*",
        }[self.kind]

    def contains(self, v: V) -> bool:
        a, b = self.a, self.b
        if self.kind == "exact":
            return cmp(v, a) == 0
        if self.kind == "closed":
            return cmp(a, v) <= 0 <= cmp(b, v)
        if self.kind in ("plus", "hyphen"):
            # A <= v < M+1: at least A, and the same major.
            return cmp(a, v) <= 0 and head(v, 1) == head(a, 1)
        if self.kind == "wildcard":
            return head(v, len(a)) == a
        if self.kind == "closed_wildcard":
            # v is before the end of P.* when its leading components are <= P.
            return cmp(a, v) <= 0 and head(v, len(b)) <= b
        raise AssertionError(self.kind)

    def versions(self) -> list[V]:
        """Versions at which membership can change: the bounds of the item."""
        a, b = self.a, self.b
        if self.kind == "exact":
            return [a]
        if self.kind == "closed":
            return [a, b]
        if self.kind in ("plus", "hyphen"):
            return [a, (a[0] + 1,)]
        if self.kind == "wildcard":
            return [a, (*a[:-1], a[-1] + 1)]
        return [a, b, (*b[:-1], b[-1] + 1)]


def list_contains(items: list[Item], v: V) -> bool:
    return any(item.contains(v) for item in items)


def probes(bounds: list[V], depth: int = 8) -> list[V]:
    """Versions that tell apart any two unions of intervals with these bounds.

    Each bound itself, and a version just above it (below anything else
    of at most ``depth`` components that is larger), and 0.
    """
    out: set[V] = {(0,)}
    for w in bounds:
        out.add(w)
        out.add(w + (0,) * (depth - len(w)) + (1,))
    return sorted(out)
