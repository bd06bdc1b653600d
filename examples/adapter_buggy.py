#!/usr/bin/env python3
"""An adapter with a planted bug, to show that `rangespec fuzz` finds it.

It answers like examples/adapter_rangespec.py, except for one realistic
mistake of a hand-written implementation, chosen with --bug:

* leading-zeros (the default): numbers are read with int(), so "02.1" is
  taken for "2.1" instead of being rejected;
* plus-uncapped: "A+" is read as "A and everything above", not capped at
  A's major.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from rangespec import RangeSpecError, parse, parse_version

# The lower end of each "A+" (or "A-") item of a valid list.
_SAME_MAJOR = re.compile(r"(?:^|,)([0-9.]+)[+-](?=,|\n|$)")


def _int_numbers(text: str) -> str:
    return re.sub(r"[0-9]+", lambda m: str(int(m.group())), text)


def answer(request: dict[str, Any], bug: str) -> dict[str, Any]:
    text = request["text"]
    if bug == "leading-zeros":
        text = _int_numbers(text)
    if request["op"] == "parse":
        try:
            parse(text)
        except RangeSpecError as err:
            return {"valid": False, "offset": err.offset}
        return {"valid": True}
    if request["op"] == "canonical":
        return {"canonical": parse(text).to_text()}
    version = request["version"]
    inside = version in parse(text)
    if bug == "plus-uncapped":
        lower_ends = [parse_version(a) for a in _SAME_MAJOR.findall(text)]
        inside = inside or any(parse_version(version) >= lower for lower in lower_ends)
    return {"contains": inside}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--bug", choices=["leading-zeros", "plus-uncapped"], default="leading-zeros"
    )
    bug = parser.parse_args().bug
    for line in sys.stdin:
        request = json.loads(line)
        print(json.dumps({"id": request["id"], **answer(request, bug)}), flush=True)


if __name__ == "__main__":
    main()
