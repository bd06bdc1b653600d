"""rangespec: the reference implementation of the interface_version_compatible syntax.

>>> from rangespec import parse
>>> compatible = parse("2.0.2-2.0.4,2.1.0+")
>>> "2.1.3" in compatible, "2.0.5" in compatible, "3.0" in compatible
(True, False, False)
>>> str(compatible)
'2.0.2-2.0.4,2.1.0+'

The public surface is this package's ``__all__`` and the public modules
``rangespec.migration``, ``rangespec.sysfs``, ``rangespec.fleet``, ``rangespec.policy``,
``rangespec.render``, ``rangespec.schemas``, ``rangespec.strategies``,
``rangespec.vectors``, ``rangespec.fuzz`` and ``rangespec.cli``
(docs/api.md). Every module whose name starts with an underscore is private.

The names are loaded when first used, so that a command or a program that
needs only part of the package (``rangespec contains``, a plugin hook)
imports only that part.
"""

from __future__ import annotations

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: The version of this package (PEP 440); pyproject.toml reads it from here.
__version__ = "1.0.0.dev0"

if TYPE_CHECKING:
    from ._diagnostics import Applicability, Diagnostic, Edit, Fix, Report, Severity, WarningCode
    from ._errors import ErrorCode, RangeSpecError
    from ._interval import Interval
    from ._limits import DEFAULT_MAX_LENGTH, U64_MAX
    from ._rangeset import RangeSet, parse
    from ._validation import validate, validate_version
    from ._version import Version, parse_version

# public name -> the private module that defines it
_WHERE = {
    "Applicability": "_diagnostics",
    "Diagnostic": "_diagnostics",
    "Edit": "_diagnostics",
    "Fix": "_diagnostics",
    "Report": "_diagnostics",
    "Severity": "_diagnostics",
    "WarningCode": "_diagnostics",
    "ErrorCode": "_errors",
    "RangeSpecError": "_errors",
    "Interval": "_interval",
    "DEFAULT_MAX_LENGTH": "_limits",
    "U64_MAX": "_limits",
    "RangeSet": "_rangeset",
    "parse": "_rangeset",
    "validate": "_validation",
    "validate_version": "_validation",
    "Version": "_version",
    "parse_version": "_version",
}

__all__ = [
    "DEFAULT_MAX_LENGTH",
    "U64_MAX",
    "Applicability",
    "Diagnostic",
    "Edit",
    "ErrorCode",
    "Fix",
    "Interval",
    "RangeSet",
    "RangeSpecError",
    "Report",
    "Severity",
    "Version",
    "WarningCode",
    "__version__",
    "parse",
    "parse_version",
    "validate",
    "validate_version",
]


def __getattr__(name: str) -> Any:
    where = _WHERE.get(name)
    if where is None:
        raise AttributeError(f"module 'rangespec' has no attribute {name!r}")
    module = __import__(f"{__name__}.{where}", fromlist=[name])
    for public, home in _WHERE.items():  # the module's other public names too
        if home == where:
            globals()[public] = getattr(module, public)
    return globals()[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
