"""The front doors: text in, RangeSet or Version out.

``parse`` runs the whole pipeline: text -> items (``_frontend``) ->
normalized intervals (``_normalize``) -> RangeSet, whose ``str`` is the
canonical text (``_canonical``). For valid text the fast twin
(``_fastpath.parse_cuts``) does the first two stages in one step.
"""

from __future__ import annotations

from . import _fastpath, _frontend
from ._normalize import to_cuts
from .rangeset import RangeSet
from .version import Version

__all__ = ["parse", "parse_version"]


def parse(text: str, *, max_length: int = _frontend.DEFAULT_MAX_LENGTH) -> RangeSet:
    """The set of versions an ``interface_version_compatible`` text accepts.

    The empty text (and a lone newline) is the empty set; one trailing
    newline is allowed. Texts longer than ``max_length`` characters are
    rejected before parsing.

    Raises:
        RangeSpecError: the text is not valid; ``code`` and ``offset`` say
            what and where.
        TypeError: ``text`` is not a str.

    >>> parse("2.0.2-2.0.4,2.0.4-2.0.6\\n")
    <RangeSet {[2.0.2, 2.0.6]}>
    >>> parse("2.01").offset
    Traceback (most recent call last):
    ...
    rangespec.errors.RangeSpecError: Expected a number without leading zeros (leading-zero ...
    """
    _frontend.check_text(text, max_length)
    cuts = _fastpath.parse_cuts(text) if _fastpath.ENABLED else None
    if cuts is None:  # not valid (or the fast path is off): the grammar decides
        cuts = to_cuts(_frontend.parse_items(text, max_length))
    return RangeSet._from_cuts(cuts)


def parse_version(text: str, *, max_length: int = _frontend.DEFAULT_MAX_LENGTH) -> Version:
    """The version an ``interface_version`` text holds.

    Same rules as a version inside a list; one trailing newline is allowed.

    >>> parse_version("2.1.3\\n")
    Version(2, 1, 3)
    """
    return _frontend.parse_version(text, max_length)
