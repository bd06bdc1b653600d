"""``python -m rangespec``: the same as the ``rangespec`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
