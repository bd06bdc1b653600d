"""The shipped grammar: the normative file, conflict-free, loaded from the package."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from lark import Lark

GRAMMAR = Path(__file__).parents[1] / "grammar" / "rangespec.lark"


def _shipped() -> str:
    return files("rangespec").joinpath("rangespec.lark").read_text(encoding="utf-8")


def test_package_ships_the_normative_grammar() -> None:
    assert _shipped() == GRAMMAR.read_text(encoding="utf-8")


def test_grammar_builds_strictly() -> None:
    # strict=True turns shift/reduce conflicts and terminal collisions
    # (checked with interegular) into errors.
    parser = Lark(
        _shipped(),
        parser="lalr",
        lexer="contextual",
        strict=True,
        start=["compatible_list", "single_version"],
    )
    assert parser.parse("2.0.2-2.0.4,2.1.0+", start="compatible_list").data == "compatible_list"
    assert parser.parse("2.1.3\n", start="single_version").data == "single_version"


def test_terminals_are_exact() -> None:
    parser = Lark(_shipped(), parser="lalr", start=["compatible_list", "single_version"])
    terminals = {t.name: t.pattern for t in parser.terminals}
    assert terminals["NUMBER"].value == "0|[1-9][0-9]*"
    assert set(terminals) == {"NUMBER", "_DOT", "STAR", "HYPHEN", "PLUS", "_COMMA", "_NL"}


def _generator() -> object:
    path = Path(__file__).parents[1] / "grammar" / "generate_tables.py"
    spec = importlib.util.spec_from_file_location("generate_tables", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_shipped_tables_are_the_grammars() -> None:
    # rangespec parses with rangespec/_tables.py; it must be exactly what Lark
    # builds from the normative grammar today (grammar/generate_tables.py).
    generator = _generator()
    current = generator.render(generator.tables(generator.build()))  # type: ignore[attr-defined]
    shipped = Path(__file__).parents[1] / "rangespec" / "_tables.py"
    assert shipped.read_text(encoding="utf-8") == current, (
        "rangespec/_tables.py is out of date: run python grammar/generate_tables.py"
    )


def test_the_tables_do_not_depend_on_hash_order() -> None:
    # States are renumbered in a fixed order, so regenerating under another
    # PYTHONHASHSEED writes the same file.
    script = Path(__file__).parents[1] / "grammar" / "generate_tables.py"
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, str(script), "--check"],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr
