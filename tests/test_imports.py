"""What importing rangespec costs: checked in fresh interpreters, by sys.modules.

Parsing and checking valid text need nothing heavy; Lark is needed by
nothing at run time (the grammar's tables are shipped as data), and the
package's version is read without importlib.metadata.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest


def _modules_after(code: str, *, fast_path: bool | None = None) -> set[str]:
    """The modules loaded once ``code`` has run in a fresh interpreter (with
    the fast path as this process has it, or as ``fast_path`` says)."""
    program = textwrap.dedent(code) + "\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))\n"
    env = dict(os.environ)
    if fast_path is not None:
        env.pop("RANGESPEC_NO_FAST_PATH", None)
        if not fast_path:
            env["RANGESPEC_NO_FAST_PATH"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        env=env,
    )
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_import_and_valid_text_load_no_lark() -> None:
    loaded = _modules_after(
        """
        import rangespec
        s = rangespec.parse("2.0.2-2.0.4,2.1.0+")
        assert "2.1.3" in s and rangespec.Version("2.1.3") in s
        assert rangespec.validate("2.1.0-").ok
        assert rangespec.validate_version("2.1.3").ok
        """
    )
    assert "lark" not in loaded
    assert "importlib.metadata" not in loaded
    assert "rangespec.strategies" not in loaded


def test_a_diagnostic_loads_no_lark_either() -> None:
    loaded = _modules_after(
        """
        import rangespec
        try:
            rangespec.parse("2.0.2-2.0.4,,2.1.0+")
        except rangespec.RangeSpecError as err:
            assert err.offset == 12
        assert not rangespec.validate("3-2,x,02").ok
        """
    )
    assert "lark" not in loaded


def test_the_version_needs_no_metadata() -> None:
    loaded = _modules_after(
        """
        import rangespec
        assert rangespec.__version__[0].isdigit()
        from rangespec.cli import main
        main(["--version"])
        """
    )
    assert "importlib.metadata" not in loaded


def test_importing_hypothesis_imports_only_the_plugin_entry_point() -> None:
    loaded = _modules_after("import hypothesis")
    assert {m for m in loaded if m.startswith("rangespec")} == {
        "rangespec",
        "rangespec._hypothesis_plugin",
    }
    assert "lark" not in loaded


@pytest.mark.parametrize(
    "imports",
    [
        "import hypothesis\nfrom rangespec import RangeSet, Version",
        "from rangespec import RangeSet, Version\nimport hypothesis",
        "from rangespec import Version\nimport hypothesis\nfrom rangespec import RangeSet",
    ],
)
def test_from_type_works_whatever_is_imported_first(imports: str) -> None:
    used = _modules_after(
        imports
        + """
from hypothesis import given, settings, strategies as st

@settings(max_examples=5, database=None)
@given(st.from_type(Version), st.from_type(RangeSet))
def check(v, s):
    assert isinstance(v, Version) and isinstance(s, RangeSet)

check()
"""
    )
    assert "rangespec.strategies" in used


_CLI_ONLY_WHEN_NEEDED = {"argparse", "rangespec._cli_parsers", "rangespec._cli_commands"}


@pytest.mark.parametrize(
    ("argv", "unneeded"),
    [
        (
            ["contains", "2.0.2-2.0.4,2.1.0+", "2.1.3"],
            {
                "rangespec._canonical",
                "rangespec._interval",
                "rangespec._diagnostics",
                "rangespec._errors",
            },
        ),
        (["normalize", "2.1.0-,2.0.2-2.0.4"], {"rangespec._interval", "rangespec._items"}),
        (
            ["validate", "2.0.2-2.0.4,2.1.0+\n"],
            {
                "rangespec._diagnostics",
                "rangespec._lints",
                "rangespec._items",
                "rangespec.render",
                "rangespec._errors",
            },
        ),
    ],
    ids=lambda v: v[0] if isinstance(v, list) else "",
)
def test_a_one_shot_check_loads_only_what_it_needs(argv: list[str], unneeded: set[str]) -> None:
    # start-up is most of a one-shot command's time (docs/performance.md);
    # as installed, with the fast path (without it, the grammar builds items)
    program = f"from rangespec.cli import main\nassert main({argv!r}) == 0"
    loaded = _modules_after(program, fast_path=True)
    assert not loaded & (unneeded | _CLI_ONLY_WHEN_NEEDED)
    assert "rangespec._fastpath" in loaded  # the check did run


def test_options_and_other_commands_load_the_parsers() -> None:
    argv = ["diff", "2.*", "2.1.*", "--format", "json"]
    loaded = _modules_after(f"from rangespec.cli import main\nassert main({argv!r}) == 0")
    assert loaded >= _CLI_ONLY_WHEN_NEEDED
