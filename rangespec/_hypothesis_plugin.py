"""Hypothesis's plugin hook: ``st.from_type(Version)`` and ``st.from_type(RangeSet)``.

Hypothesis calls ``_hypothesis_setup_hook`` through the ``hypothesis`` entry
point group when it is imported (pyproject.toml), so this module, and
rangespec.strategies with it, is only imported once Hypothesis is.
"""

from __future__ import annotations

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st

    from . import RangeSet, Version
    from .strategies import range_sets, versions

    # deferred: building strategies is work Hypothesis asks plugins not to
    # do while it is being imported.
    st.register_type_strategy(Version, st.deferred(versions))
    st.register_type_strategy(RangeSet, st.deferred(range_sets))
