"""rangespec: the reference implementation of the interface_version_compatible syntax.

>>> from rangespec import parse
>>> compatible = parse("2.0.2-2.0.4,2.1.0+")
>>> "2.1.3" in compatible, "2.0.5" in compatible, "3.0" in compatible
(True, False, False)
>>> str(compatible)
'2.0.2-2.0.4,2.1.0+'
"""

from ._frontend import DEFAULT_MAX_LENGTH
from .diagnostics import Diagnostic, Report, WarningCode
from .errors import ErrorCode, RangeSpecError
from .interval import Interval
from .parsing import parse, parse_version
from .rangeset import RangeSet
from .validation import validate, validate_version
from .version import U64_MAX, Version

__all__ = [
    "DEFAULT_MAX_LENGTH",
    "U64_MAX",
    "Diagnostic",
    "ErrorCode",
    "Interval",
    "RangeSet",
    "RangeSpecError",
    "Report",
    "Version",
    "WarningCode",
    "parse",
    "parse_version",
    "validate",
    "validate_version",
]
