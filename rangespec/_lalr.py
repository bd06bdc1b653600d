"""An LALR(1) driver for the tables Lark builds from the grammar (``_tables``).

It does what Lark's LALR parser with the contextual lexer does, step for
step, so that every diagnostic is the grammar's: at each position only the
terminals the current state has an action for may be lexed; a token is fed
by reducing as the table says and then shifting it; a rule's children are
built the way Lark builds a tree (tokens named ``_X`` dropped, rules named
``_x`` spliced into their parent). tests/properties/test_grammar_driver.py
checks it against Lark itself.

Lark is only needed to *make* the tables (grammar/generate_tables.py), so
importing rangespec never imports it, and the first diagnostic of a process
costs no parser construction.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ._tables import ACTIONS, END, RULES, START, TERMINALS

# typing is imported for type checkers only: the package's start-up stays light.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = ["END_OF_TEXT", "OnError", "OnRule", "OnToken", "Run", "Saved", "Unexpected"]

END_OF_TEXT: Final = "$END"

# The root lexer: the terminals never overlap, so the first that matches is
# the one maximal munch would pick (tests/test_grammar.py checks the
# grammar builds with strict=True, which rejects colliding terminals).
_lex: Final = re.compile("|".join(f"(?P<{n}>{p})" for n, p in TERMINALS.items())).match


class Unexpected(Exception):
    """The symbol at ``offset`` has no action in the current state.

    ``end`` is the end of that symbol as the whole grammar's lexer reads it
    (``offset + 1`` when no terminal matches there), and ``expected`` the
    terminals the state could continue with.
    """

    def __init__(self, offset: int, end: int, expected: tuple[str, ...]) -> None:
        super().__init__(offset, end, expected)
        self.offset, self.end, self.expected = offset, end, expected


#: Builds a token's value from its terminal name and span.
OnToken = Callable[[str, int, int], object]
#: Builds a rule's value from its name, its children and the span it covers.
OnRule = Callable[[str, list[object], int, int], object]
#: Told of an unexpected symbol (offset, end, expected), restores a state and
#: returns where to go on; or raises to stop.
OnError = Callable[[int, int, tuple[str, ...]], int]


Saved = tuple[list[int], list[object], list[tuple[int, int]]]


class Run:
    """One parse in progress from a start rule: the state stack, and for each
    symbol on it its value and the span of text it covers.

    Spans are kept per symbol, as Lark's ``propagate_positions`` keeps them,
    so a value need not carry its own position: a number is just its int,
    and a version of a million components costs a list of ints.
    """

    __slots__ = ("end_state", "on_rule", "on_token", "resumed", "spans", "states", "values")

    def __init__(self, start: str, on_token: OnToken, on_rule: OnRule) -> None:
        self.states: list[int] = [START[start]]
        self.values: list[object] = []
        self.spans: list[tuple[int, int]] = []
        self.end_state = END[start]
        self.on_token = on_token
        self.on_rule = on_rule
        #: True once a saved state from another text was restored: the
        #: values below it are not this text's.
        self.resumed = False

    def copy_state(self) -> Saved:
        """The state stack, values and spans, to ``restore`` later."""
        return self.states[:], self.values[:], self.spans[:]

    def restore(self, saved: Saved) -> None:
        """Continue from a saved state (of this or another text)."""
        self.states, self.values, self.spans = saved[0][:], saved[1][:], saved[2][:]
        self.resumed = True

    def parse(self, text: str, pos: int = 0, on_error: OnError | None = None) -> object:
        """Feed ``text[pos:]`` and the end of the text; the start rule's value.

        At the first symbol the grammar does not allow there, raises
        Unexpected, or with ``on_error`` asks it where to go on (it restores
        a state, or raises to stop): so a text with thousands of bad items
        is checked in one call, not one exception each. Whatever
        ``on_token`` and ``on_rule`` raise comes through, in text order.
        """
        length = len(text)
        while True:
            if pos < length:
                match = _lex(text, pos)
                terminal, end = (match.lastgroup or "", match.end()) if match else ("", pos + 1)
            else:
                terminal, end = END_OF_TEXT, length
            if terminal not in ACTIONS[self.states[-1]]:
                # No terminal at all, or one the contextual lexer would not lex here.
                if on_error is None:
                    raise Unexpected(pos, end, self.expected())
                pos = on_error(pos, end, self.expected())
                continue
            if terminal == END_OF_TEXT:
                return self._feed(terminal, None, pos, end)
            self._feed(terminal, self.on_token(terminal, pos, end), pos, end)
            pos = end

    def _feed(self, terminal: str, value: object, pos: int, end: int) -> object:
        """Reduce as the table says, then shift ``terminal`` (or accept at the end)."""
        states, values, spans = self.states, self.values, self.spans
        before = states[:]
        while True:
            action = ACTIONS[states[-1]].get(terminal)
            if action is None:  # only after a reduction the lookahead did not allow
                raise Unexpected(pos, end, _expected(tuple(before), self.end_state))
            if action >= 0:
                states.append(action)
                values.append(value)
                spans.append((pos, end))
                return None
            origin, name, size, kept, spliced = RULES[~action]
            if size:
                popped = values[len(values) - size :]
                span = (spans[-size][0], spans[-1][1])
                del states[-size:], values[-size:], spans[-size:]
            else:  # an empty rule covers nothing, where the lookahead starts
                popped, span = [], (pos, pos)
            children: list[object] = []
            for k in kept:
                child = popped[k]
                if k in spliced:
                    assert isinstance(child, list)
                    if children:
                        children.extend(child)
                    else:  # the left-recursive case: grow the list in place
                        children = child
                else:
                    children.append(child)
            result = children if name.startswith("_") else self.on_rule(name, children, *span)
            states.append(ACTIONS[states[-1]][origin])
            values.append(result)
            spans.append(span)
            if terminal == END_OF_TEXT and states[-1] == self.end_state:
                return result

    def expected(self) -> tuple[str, ...]:
        """The terminals that can come next, as Lark's ``accepts()`` finds them."""
        return _expected(tuple(self.states), self.end_state)


_expected_cache: dict[tuple[tuple[int, ...], int], tuple[str, ...]] = {}


def _expected(states: tuple[int, ...], end_state: int) -> tuple[str, ...]:
    """The terminals that can be fed in this stack: reductions then a shift, or accept."""
    key = (states, end_state)
    found = _expected_cache.get(key)
    if found is None:
        found = tuple(
            t for t in ACTIONS[states[-1]] if t.isupper() and _can_feed(list(states), t, end_state)
        )
        if len(_expected_cache) < 1024:  # stacks are shallow; this bound is never near
            _expected_cache[key] = found
    return found


def _can_feed(states: list[int], terminal: str, end_state: int) -> bool:
    while True:
        action = ACTIONS[states[-1]].get(terminal)
        if action is None:
            return False
        if action >= 0:
            return True
        origin, _, size, _, _ = RULES[~action]
        if size:
            del states[-size:]
        states.append(ACTIONS[states[-1]][origin])
        if terminal == END_OF_TEXT and states[-1] == end_state:
            return True
