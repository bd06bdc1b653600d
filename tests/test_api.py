"""The public surface: what docs/api.md lists is what the package exports,
every public name shows how it is used, and nothing outside the package
reaches for a private one."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import rangespec

ROOT = Path(__file__).parents[1]
API = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
PUBLIC = sorted(
    f"rangespec.{m.name}"
    for m in pkgutil.iter_modules(rangespec.__path__)
    if not m.name.startswith("_")
)


def _section(module: str) -> str:
    start = API.index(f"## `{module}`")
    rest = API[start + 1 :]
    end = rest.find("\n## ")
    return rest if end < 0 else rest[:end]


def test_every_public_module_is_documented_and_no_other() -> None:
    documented = re.findall(r"^## `(rangespec(?:\.\w+)?)`", API, re.M)
    assert sorted(documented) == sorted(["rangespec", *PUBLIC])


@pytest.mark.parametrize("name", ["rangespec", *PUBLIC])
def test_all_is_what_the_docs_list(name: str) -> None:
    module = importlib.import_module(name)
    exported = set(module.__all__)
    listed = set(re.findall(r"`(\w+)`", _section(name)))
    assert exported <= listed, f"not in docs/api.md: {exported - listed}"
    assert {n for n in listed if hasattr(module, n)} <= exported
    for public in exported:
        assert hasattr(module, public), public


def _examples_needed(name: str) -> list[tuple[str, object]]:
    """The public functions and classes of a module (TypedDict layouts and
    constants are documented in their module's docstring and in docs/)."""
    module = importlib.import_module(name)
    found: list[tuple[str, object]] = []
    for public in module.__all__:
        obj = getattr(module, public)
        if inspect.isclass(obj) and hasattr(obj, "__annotations__") and hasattr(obj, "__total__"):
            continue  # a TypedDict
        if inspect.isclass(obj) or inspect.isfunction(obj):
            found.append((public, obj))
    return found


@pytest.mark.parametrize("name", ["rangespec", *PUBLIC])
def test_every_public_name_has_an_example(name: str) -> None:
    missing = [n for n, obj in _examples_needed(name) if ">>>" not in (obj.__doc__ or "")]
    assert not missing, f"{name}: no example in the docstring of {missing}"


def test_public_names_say_where_to_find_them() -> None:
    for public in rangespec.__all__:
        obj = getattr(rangespec, public)
        if inspect.isclass(obj) or inspect.isfunction(obj):
            assert obj.__module__ == "rangespec", public


# -- nothing outside the package uses a private name -----------------------------------

OUTSIDE = [
    *sorted((ROOT / "examples").glob("*.py")),
    *sorted((ROOT / "benchmarks").glob("*.py")),
    *sorted((ROOT / "fuzz").glob("*.py")),
]


def _private_uses(source: str, *, imports: bool) -> list[str]:
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            attr = node.attr
            if attr.startswith("_") and not (attr.startswith("__") and attr.endswith("__")):
                found.append(f"line {node.lineno}: .{attr}")
        elif imports and isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.startswith("rangespec._") or (
                module == "rangespec" and any(a.name.startswith("_") for a in node.names)
            ):
                found.append(f"line {node.lineno}: from {module} import ...")
        elif imports and isinstance(node, ast.Import):
            found += [
                f"line {node.lineno}: import {a.name}"
                for a in node.names
                if a.name.startswith("rangespec._")
            ]
    return found


@pytest.mark.parametrize("path", OUTSIDE, ids=lambda p: str(p.relative_to(ROOT)))
def test_code_outside_the_package_uses_public_names(path: Path) -> None:
    assert _private_uses(path.read_text(encoding="utf-8"), imports=True) == []


def test_ci_uses_public_names() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert not re.search(r"rangespec\._[a-z]|\._[a-z]\w*\(", script)


def test_strategies_use_no_private_attributes() -> None:
    # strategies.py is a public face of the package: it may call the
    # package's private generator module, never private parts of the values.
    source = (ROOT / "rangespec" / "strategies.py").read_text(encoding="utf-8")
    assert _private_uses(source, imports=False) == []


def test_the_scan_finds_private_uses() -> None:
    bad = "import rangespec._cuts\nfrom rangespec._frontend import x\nRangeSet._from_cuts(())\n"
    assert len(_private_uses(bad, imports=True)) == 3
    assert _private_uses("s.__class__\nfrom rangespec import parse\n", imports=True) == []
