"""Shared fixtures, and the Hypothesis profiles.

``dev`` (the default) is quick; ``ci`` searches harder. Pick one with
HYPOTHESIS_PROFILE=ci.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from rangespec import _cuts

import fakesysfs

# The first parse builds the Lark parser, so one example may be slow.
settings.register_profile(
    "dev", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def sysfs(tmp_path: Path) -> Path:
    """A fake sysfs root (see fakesysfs.py)."""
    return fakesysfs.build(tmp_path / "sys")


# Every RangeSet the tests make checks the interval invariants (rangespec._cuts).
_cuts.CHECK_INVARIANTS = True
