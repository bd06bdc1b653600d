"""Limits shared by both front ends."""

from typing import Final

__all__ = ["DEFAULT_MAX_LENGTH"]

#: sysfs attributes are at most one page.
DEFAULT_MAX_LENGTH: Final = 4096
