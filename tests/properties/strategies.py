"""Hypothesis strategies for the tests: valid texts built from the naive model.

Everything is valid by construction (ranges are ordered, wildcard ends lie
past their lower end), so nothing is filtered and shrinking stays fast.
"""

from __future__ import annotations

from hypothesis import strategies as st

from model import U64_MAX, Item, V, cmp, head

# Small numbers make collisions (equal, touching, overlapping items) likely;
# the rest reach the u64 ceiling.
components = st.one_of(
    st.integers(0, 3),
    st.integers(0, 12),
    st.sampled_from([U64_MAX - 1, U64_MAX]),
    st.integers(0, U64_MAX),
)

# 1 to 5 components, so mixed arity and trailing zeros are common.
versions: st.SearchStrategy[V] = st.lists(components, min_size=1, max_size=5).map(tuple)


@st.composite
def items(draw: st.DrawFn) -> Item:
    kind = draw(
        st.sampled_from(["exact", "closed", "plus", "hyphen", "wildcard", "closed_wildcard"])
    )
    a = draw(versions)
    if kind == "closed":
        b = draw(versions)
        lo, hi = (a, b) if cmp(a, b) <= 0 else (b, a)
        return Item("closed", lo, hi)
    if kind == "wildcard":
        # The prefix may be 1 component longer than a, so zeros are padded in.
        n = draw(st.integers(1, len(a) + 1))
        return Item("wildcard", head(a, n))
    if kind == "closed_wildcard":
        # P has a's leading components, its last raised by d >= 0: then a's
        # head is <= P, so a lies before the end of P.*.
        n = draw(st.integers(1, len(a) + 1))
        p = head(a, n)
        d = draw(st.integers(0, min(3, U64_MAX - p[-1])) | st.integers(0, U64_MAX - p[-1]))
        return Item("closed_wildcard", a, (*p[:-1], p[-1] + d))
    return Item(kind, a)


item_lists = st.lists(items(), max_size=6)


def text_of(item_list: list[Item], newline: bool = False) -> str:
    return ",".join(i.text() for i in item_list) + ("\n" if newline else "")


# Characters that matter to the grammar, plus look-alikes and controls.
ALPHABET = st.sampled_from(
    [*"0123456789.,-+*\n \t\r\x00", "\uff12", "\u0661", "\u2010", "\u2212", "\u00b7"]
)


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    """A valid text with one character inserted, deleted or replaced."""
    text = text_of(draw(item_lists))
    i = draw(st.integers(0, len(text)))
    char = draw(ALPHABET)
    mutants = [
        text[:i] + char + text[i:],
        text[:i] + text[i + 1 :],
        text[:i] + char + text[i + 1 :],
    ]
    mutant: str = draw(st.sampled_from(mutants))
    return mutant
