"""The shipped grammar: the normative file, conflict-free, loaded from the package."""

from __future__ import annotations

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
