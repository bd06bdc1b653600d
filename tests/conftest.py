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

# dev searches as far as Hypothesis does by default; ci six times as far.
settings.register_profile(
    "dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# CI prints the blob that reproduces a failure (@reproduce_failure).
settings.register_profile(
    "ci",
    max_examples=600,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def sysfs(tmp_path: Path) -> Path:
    """A fake sysfs root (see fakesysfs.py)."""
    return fakesysfs.build(tmp_path / "sys")


@pytest.fixture
def unmeasured_children(monkeypatch: pytest.MonkeyPatch) -> None:
    """Child processes started in the test are not measured for coverage.

    For programs under ``fuzz`` (adapters, not rangespec): coverage's
    ``patch = subprocess`` would start a tracer in each, which makes every
    start several times slower and measures nothing of rangespec.
    """
    monkeypatch.delenv("COVERAGE_PROCESS_CONFIG", raising=False)


# Every RangeSet the tests make checks the interval invariants (rangespec._cuts).
_cuts.CHECK_INVARIANTS = True
