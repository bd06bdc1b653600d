"""Set expressions over parsed lists, evaluated two ways: by rangespec's set
algebra, and naively, by boolean logic on the model's membership."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st

from rangespec import RangeSet, parse

from model import Item, V, list_contains
from strategies import item_lists, text_of


@dataclass(frozen=True)
class Expr:
    """``op`` is "leaf" (items), "~" (one arg) or one of | & - ^ (two args)."""

    op: str
    args: tuple[Expr, ...] = ()
    items: tuple[Item, ...] = ()

    def build(self) -> RangeSet:
        if self.op == "leaf":
            return parse(text_of(list(self.items)))
        if self.op == "~":
            return ~self.args[0].build()
        a, b = (arg.build() for arg in self.args)
        return {"|": a | b, "&": a & b, "-": a - b, "^": a ^ b}[self.op]

    def contains(self, v: V) -> bool:
        if self.op == "leaf":
            return list_contains(list(self.items), v)
        if self.op == "~":
            return not self.args[0].contains(v)
        a, b = (arg.contains(v) for arg in self.args)
        return {"|": a or b, "&": a and b, "-": a and not b, "^": a != b}[self.op]

    def bounds(self) -> list[V]:
        if self.op == "leaf":
            return [w for item in self.items for w in item.versions()]
        return [w for arg in self.args for w in arg.bounds()]

    def __repr__(self) -> str:
        if self.op == "leaf":
            return f"parse({text_of(list(self.items))!r})"
        if self.op == "~":
            return f"~{self.args[0]!r}"
        return f"({self.args[0]!r} {self.op} {self.args[1]!r})"


leaves = item_lists.map(lambda xs: Expr("leaf", items=tuple(xs)))


def _extend(children: st.SearchStrategy[Expr]) -> st.SearchStrategy[Expr]:
    unary = children.map(lambda e: Expr("~", (e,)))
    binary = st.builds(
        lambda op, a, b: Expr(op, (a, b)), st.sampled_from("|&-^"), children, children
    )
    return unary | binary


expressions = st.recursive(leaves, _extend, max_leaves=5)

# Unions and intersections of lists only: the sets the language can write.
representable_expressions = st.recursive(
    leaves,
    lambda children: st.builds(
        lambda op, a, b: Expr(op, (a, b)), st.sampled_from("|&"), children, children
    ),
    max_leaves=5,
)
