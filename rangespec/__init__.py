"""rangespec: the reference implementation of the interface_version_compatible syntax.

>>> from rangespec import parse
>>> compatible = parse("2.0.2-2.0.4,2.1.0+")
>>> "2.1.3" in compatible, "2.0.5" in compatible, "3.0" in compatible
(True, False, False)
>>> str(compatible)
'2.0.2-2.0.4,2.1.0+'

The public surface is this package's ``__all__`` and the public modules
``rangespec.migration``, ``rangespec.sysfs``, ``rangespec.policy``,
``rangespec.render``, ``rangespec.schemas``, ``rangespec.strategies``,
``rangespec.vectors``, ``rangespec.fuzz`` and ``rangespec.cli``
(docs/api.md). Every module whose name starts with an underscore is private.
"""

from ._diagnostics import Applicability, Diagnostic, Edit, Fix, Report, Severity, WarningCode
from ._errors import ErrorCode, RangeSpecError
from ._interval import Interval
from ._limits import DEFAULT_MAX_LENGTH, U64_MAX
from ._rangeset import RangeSet, parse
from ._validation import validate, validate_version
from ._version import Version, parse_version

#: The version of this package (PEP 440); pyproject.toml reads it from here.
__version__ = "1.0.0.dev0"

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

# The public names say where to find them: tracebacks, reprs, pickles and
# the API reference name rangespec.Version, not the private module it is in.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) or callable(_obj):
        _obj.__module__ = __name__
del _name, _obj
