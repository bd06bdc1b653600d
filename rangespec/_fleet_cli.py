"""``rangespec fleet``: its arguments, and rendering of rangespec.fleet's answers."""

from __future__ import annotations

import argparse

from .cli import _Context, _Failure
from .cli import _new_parser as new_parser

__all__ = ["build_parser", "run"]


def build_parser() -> argparse.ArgumentParser:
    """The fleet command's arguments."""
    return new_parser("fleet", "Migration across a fleet's inventories (not yet available).")


def run(ctx: _Context, args: argparse.Namespace) -> int:
    """The fleet command."""
    raise _Failure("fleet is not available yet", usage=True)
