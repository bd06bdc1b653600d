"""``st.from_type(Version)`` and ``st.from_type(RangeSet)``, registered with Hypothesis.

Hypothesis calls ``_hypothesis_setup_hook`` through the ``hypothesis``
entry-point group when it is imported (pyproject.toml). Importing Hypothesis
must cost nothing where rangespec is merely installed, so the hook imports
none of rangespec's values: it registers those already loaded, and each
value type loaded later, with Hypothesis present, registers itself (the
last lines of ``rangespec._version`` and ``rangespec._rangeset``). Either
way the strategies, and Lark with them, are imported only when
``from_type`` is first resolved.
"""

from __future__ import annotations

import sys

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    for name in ("Version", "RangeSet"):
        module = sys.modules.get(f"rangespec._{name.lower()}")
        if module is not None and hasattr(module, name):
            register(getattr(module, name))


def register(cls: type) -> None:
    """Register ``from_type(cls)`` for Version or RangeSet, deferred until used."""
    from hypothesis import strategies as st

    # A function of the type, not a strategy: Hypothesis calls it only when
    # from_type is resolved (a strategy would be checked, so built, here).
    def strategy(thing: type) -> st.SearchStrategy[object]:
        from . import strategies

        if thing.__name__ == "Version":
            return strategies.versions()
        return strategies.range_sets()

    st.register_type_strategy(cls, strategy)
