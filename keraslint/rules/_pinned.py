"""Shared by KL1xx and KL2xx: a layer call that relies on a default gets it written out."""

from __future__ import annotations

from typing import ClassVar

import libcst as cst

from keraslint import calls
from keraslint.imports import dotted_name
from keraslint.diagnostics import Applicability
from keraslint.keras224.layers import KERAS1_NAMES, PINNED_DEFAULTS, SIGNATURES
from keraslint.rule import Rule


class PinnedDefaultRule(Rule):
    """Reports a call to a Keras layer that omits ``argument``, and pins its 2.2.4 default.

    Subclasses set ``argument`` and may override :meth:`value`; the layers and defaults
    come from ``keras224.layers.PINNED_DEFAULTS``.
    """

    argument: ClassVar[str]

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._fstring_quotes: list[str] = []  # quotes of the f-strings we are inside

    def visit_FormattedString(self, node: cst.FormattedString) -> None:
        self._fstring_quotes.append(node.quote[0])

    def leave_FormattedString(self, node: cst.FormattedString) -> None:
        self._fstring_quotes.pop()

    def _quote(self, node: cst.Call) -> str:
        """The call's own quote style, unless an enclosing f-string already uses it
        (before Python 3.12 an f-string's expressions cannot reuse its quote)."""
        quote = calls.quote_of(node)
        if quote in self._fstring_quotes:
            quote = '"' if quote == "'" else "'"
        return quote

    def visit_Call(self, node: cst.Call) -> None:
        layer = self.context.table.layer_of(node.func)
        defaults = PINNED_DEFAULTS[self.argument]
        if layer is None or layer not in defaults or self._passed(node, layer):
            return
        written = (dotted_name(node.func) or layer).rsplit(".", 1)[-1]
        value = self.value(node, layer)
        default = defaults[layer]
        shown = f"{self.argument}={value!r}"
        if calls.has_star_args(node):
            self.report(
                node,
                f"`{written}` may rely on the implicit `{self.argument}` default "
                f"(`*args`/`**kwargs` hide it); pin `{shown}` by hand",
            )
            return
        changes = value != default
        expression = calls.literal(value, self._quote(node))
        self.report(
            node,
            f"`{written}` relies on the implicit `{self.argument}` default",
            transform=lambda updated: calls.add_keywords(updated, [(self.argument, expression)]),
            fix_title=f"Pin `{shown}`"
            + (f" (configured; Keras 2.2.4 used {default!r})" if changes else ""),
            applicability=Applicability.UNSAFE if changes else Applicability.SAFE,
        )

    def _passed(self, node: cst.Call, layer: str) -> bool:
        names = {self.argument, *KERAS1_NAMES.get(self.argument, {}).get(layer, ())}
        if names & calls.keyword_names(node):
            return True
        parameters = SIGNATURES[layer][1]
        return calls.positional_count(node) > parameters.index(self.argument)

    def value(self, node: cst.Call, layer: str) -> object:
        """The value to write: the 2.2.4 default unless the configuration says otherwise."""
        return PINNED_DEFAULTS[self.argument][layer]
