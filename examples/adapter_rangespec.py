#!/usr/bin/env python3
"""A reference adapter for `rangespec fuzz`: answers the protocol with rangespec.

Run it as `rangespec fuzz --cmd 'python3 examples/adapter_rangespec.py'`; it
agrees with rangespec on every input, so the fuzzer passes. An adapter for
another implementation reads the same requests and answers the same way
(docs/fuzzing.md describes the protocol).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from rangespec import RangeSpecError, parse


def answer(request: dict[str, Any]) -> dict[str, Any]:
    text = request["text"]
    if request["op"] == "parse":
        try:
            parse(text)
        except RangeSpecError as err:
            return {"valid": False, "offset": err.offset, "code": err.code.value}
        return {"valid": True}
    if request["op"] == "canonical":
        return {"canonical": parse(text).to_text()}
    return {"contains": request["version"] in parse(text)}


def main() -> None:
    for line in sys.stdin:
        request = json.loads(line)
        print(json.dumps({"id": request["id"], **answer(request)}), flush=True)


if __name__ == "__main__":
    main()
