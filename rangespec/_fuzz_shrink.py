"""Explicit simplification of a failing fuzz example, after Hypothesis.

Hypothesis shrinks the choices that made an example, and stalls where a
smaller example needs several choices to change together: a number that
the text and the probed version share (``2.1.*`` and ``2.10``), a
component to drop from both, an item whose removal shifts which earlier
version later ones are related to. ``simpler`` proposes such changes on
the concrete strings instead:

* fewer probes: only the version that showed the failure;
* known small witnesses: the short hand-curated edge cases
  (``rangespec.vectors.HAND_CURATED``), each alone and with versions
  around its bounds;
* one item kept, one item dropped, half or a quarter of the text dropped;
* a number replaced by a shorter or smaller one, everywhere at once or in
  one place; a digit replaced by a smaller one everywhere, so that numbers
  sharing a string prefix keep sharing it; a component dropped from every
  version at once or from one;
* one character deleted; the probe replaced by a version around the text's
  bounds.

Every candidate is strictly smaller than the example (``Example.size``),
so repeating ``simpler`` on whatever still fails ends. Probes stay valid
versions; texts may be anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final, NamedTuple

from ._errors import RangeSpecError
from ._generate import bounds, neighbours
from ._version import parse_version

__all__ = ["Example", "simpler"]

#: Texts no longer than this are known witnesses.
_WITNESS_LENGTH: Final = 16
_NUMBER: Final = re.compile(r"[0-9]+")
_DIGIT: Final = re.compile(r"[0-9]")
#: Texts up to this long get the fine changes (an item, a character).
_FINE: Final = 256
_VERSION: Final = re.compile(r"[0-9]+(?:\.[0-9]+)*")


class Example(NamedTuple):
    """One fuzz input: a text, the versions asked about it, and more
    examples asked about each alone (``variants``: near misses of the text,
    the text with an item at or beside one of its bounds). A failure is
    reported on the one example that showed it, which has no variants."""

    text: str
    probes: tuple[str, ...]
    variants: tuple[Example, ...] = ()

    def size(self) -> tuple[int, int, str, tuple[str, ...]]:
        """Smaller is simpler: fewer characters in all, fewer probes, then
        the string order (so ``1`` comes before ``9``, ``10`` before ``2``).

        >>> Example("1.*", ("10",)).size() < Example("2.1.*", ("2.10",)).size()
        True
        """
        length = len(self.text) + sum(map(len, self.probes))
        return (length, len(self.probes), self.text, self.probes)


def _witnesses() -> list[str]:
    from .vectors import HAND_CURATED

    return ["", *(t for t in HAND_CURATED if 0 < len(t) <= _WITNESS_LENGTH)]


def simpler(example: Example, version: str | None) -> list[Example]:
    """Candidates strictly smaller than ``example``, smallest first.

    ``version`` is the probe that showed the failure (None when the failure
    came before any probe): the others are dropped first.
    """
    size = example.size()
    probe_sets = [(version,)] if version is not None else [()]
    found: dict[Example, None] = {}

    def offer(text: str, probes: tuple[str, ...]) -> None:
        candidate = Example(text, probes)
        if candidate.size() < size and all(map(_is_version, probes)):
            found.setdefault(candidate, None)

    for probes in [*probe_sets, example.probes]:
        offer(example.text, probes)
    base = Example(example.text, probe_sets[0])
    for text in _witnesses():
        offer(text, ())
        if version is not None:
            offer(text, base.probes)
            for probe in _around(text):
                offer(text, (probe,))
    for text, probes in _rewrites(base):
        offer(text, probes)
    if version is not None:
        for probe in _around(base.text):
            offer(base.text, (probe,))
    return sorted(found, key=Example.size)


def _rewrites(example: Example) -> Iterator[tuple[str, tuple[str, ...]]]:
    """Changes to the text alone, and to the text and its probes together.

    A long text (a failure that needs one over the length limit) gets only
    the coarse changes: a change per character of it would cost a request
    per character, each as long as the text.
    """
    text, probes = example.text, example.probes
    n = len(text)
    items = text.split(",")
    if 1 < len(items) <= _FINE:
        for j in range(len(items)):
            yield items[j], probes
            yield ",".join(items[:j] + items[j + 1 :]), probes
    width = n // 2
    while width >= max(2, n // _FINE):
        for start in range(0, n - width + 1, width):
            yield text[:start] + text[start + width :], probes
        width //= 2
    if n <= _FINE:
        for i in range(n):
            yield text[:i] + text[i + 1 :], probes
    # one digit for a smaller one, everywhere: keeps numbers that share a
    # string prefix (2.1.* and 2.10) sharing it
    for digit in sorted({c for s in (text, *probes) for c in s if c in "123456789"}):
        for smaller in "012"[: int(digit)]:
            yield _everywhere(example, _DIGIT, _replace(digit, smaller))
    numbers = dict.fromkeys(m.group() for s in (text, *probes) for m in _NUMBER.finditer(s))
    for number in numbers:
        for smaller in _smaller_numbers(number):
            yield _everywhere(example, _NUMBER, _replace(number, smaller))
            for match in _NUMBER.finditer(text):
                if match.group() == number:
                    yield text[: match.start()] + smaller + text[match.end() :], probes
    for drop in (_drop_first, _drop_last):
        yield _everywhere(example, _VERSION, drop)
    for match in _VERSION.finditer(text):
        parts = match.group().split(".")
        for i in range(len(parts)):
            if len(parts) > 1:
                shorter = ".".join(parts[:i] + parts[i + 1 :])
                yield text[: match.start()] + shorter + text[match.end() :], probes


def _everywhere(
    example: Example, pattern: re.Pattern[str], change: Callable[[str], str]
) -> tuple[str, tuple[str, ...]]:
    def apply(s: str) -> str:
        return pattern.sub(lambda m: change(m.group()), s)

    return apply(example.text), tuple(map(apply, example.probes))


def _replace(old: str, new: str) -> Callable[[str], str]:
    return lambda number: new if number == old else number


def _drop_first(version: str) -> str:
    return version.split(".", 1)[1] if "." in version else version


def _drop_last(version: str) -> str:
    return version.rsplit(".", 1)[0] if "." in version else version


def _smaller_numbers(number: str) -> list[str]:
    """Numerals simpler than ``number``: 0, 1, 2, a digit fewer, half, one less.

    >>> _smaller_numbers("10")
    ['0', '1', '2', '5', '9']
    """
    value = int(number)
    candidates = {"0", "1", "2", number[:-1], number[1:], str(value // 2), str(value - 1)}
    return sorted(
        (c for c in candidates if c and c == str(int(c)) and (len(c), c) < (len(number), number)),
        key=lambda c: (len(c), c),
    )


def _around(text: str) -> list[str]:
    """Versions at and beside the bounds of a valid ``text``; none for an invalid one."""
    try:
        found = bounds(text)
    except RangeSpecError:
        return []
    versions = [v for b in found for v in (b, *neighbours(b))]
    return list(dict.fromkeys(".".join(map(str, v)) for v in versions))


def _is_version(text: str) -> bool:
    try:
        parse_version(text)
    except RangeSpecError:
        return False
    return "\n" not in text
