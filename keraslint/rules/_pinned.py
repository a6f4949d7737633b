"""Shared by KL1xx, KL2xx and KL4xx: a layer call that relies on a default gets it written out."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, ClassVar

from keraslint import call_edits, calls
from keraslint.imports import dotted_name
from keraslint.diagnostics import Applicability
from keraslint.keras224.layers import KERAS1_NAMES, PINNED_DEFAULTS, RENAMED_LAYERS, SIGNATURES
from keraslint.keras224.recurrent import CUDNN_SETTINGS
from keraslint.rule import Definition, Import, Matches, Rule

if TYPE_CHECKING:
    import libcst as cst


def converted_as(layer: str) -> str:
    """The layer whose Keras-1 argument conversions a call of ``layer`` gets. A layer keraslint
    replaces (CuDNNGRU -> GRU) gets its replacement's: 2.2.4 rejected `output_dim=` or
    `input_length=` on it, and once renamed the call is converted like any GRU, so both
    modes must read it that way."""
    return RENAMED_LAYERS.get(layer, layer) if layer in CUDNN_SETTINGS else layer


@dataclass(frozen=True)
class Pin:
    """What a fix writes for the argument, and how far it can be trusted."""

    expression: Callable[[], cst.BaseExpression]  # built when the fix is applied
    shown: str  # for messages, e.g. "kernel_initializer='he_normal'"
    applicability: Applicability = Applicability.SAFE
    note: str = ""  # appended to the fix title
    imports: tuple[Import, ...] = ()
    definitions: tuple[Definition, ...] = ()
    refused: str = ""  # why this pin cannot be written here; reported without a fix

class PinnedDefaultRule(Rule):
    """Reports a call to a Keras layer that omits ``argument``, and pins its 2.2.4 default.

    Subclasses set ``argument`` and may override :meth:`value`; the layers and defaults
    come from ``keras224.layers.PINNED_DEFAULTS``.
    """

    argument: ClassVar[str]

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._fstring_quotes: list[str] = []  # quotes of the f-strings we are inside

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self._fstring_quotes.append(calls.current_source.get().quote(node))

    def leave_JoinedStr(self, node: ast.JoinedStr) -> None:
        self._fstring_quotes.pop()

    def _quote(self, node: ast.Call) -> str:
        """The call's own quote style, unless an enclosing f-string already uses it
        (before Python 3.12 an f-string's expressions cannot reuse its quote)."""
        quote = calls.quote_of(node)
        if quote in self._fstring_quotes:
            quote = '"' if quote == "'" else "'"
        return quote

    #: The message for a call relying on the default; {layer} and {argument} are filled in.
    message: ClassVar[str] = "`{layer}` relies on the implicit `{argument}` default"

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        layer = self.context.keras.meant_layer(node.func)
        if layer is None or layer not in PINNED_DEFAULTS[self.argument] or not self.applies(layer):
            return
        if self._passed(node, layer):
            self.check_passed(node, layer)
            return
        written = (dotted_name(node.func) or layer).rsplit(".", 1)[-1]
        pin = self.pin(node, layer)
        message = self.message.format(layer=written, argument=self.argument)
        if calls.has_star_args(node):
            self.report(node, f"{message} (`*args`/`**kwargs` may hide it); pin `{pin.shown}` by hand")
            return
        if pin.refused:
            self.report(node, f"{message}; pin `{pin.shown}` by hand ({pin.refused})")
            return
        self.report(
            node,
            message,
            transform=lambda updated: call_edits.add_keywords(updated, [(self.argument, pin.expression())]),
            fix_title=f"Pin `{pin.shown}`{pin.note}",
            applicability=pin.applicability,
            imports=pin.imports,
            definitions=pin.definitions,
        )

    def applies(self, layer: str) -> bool:
        """Whether this layer's default needs writing out for the configured target."""
        return True

    def check_passed(self, node: ast.Call, layer: str) -> None:
        """Hook for calls that do pass the argument (e.g. with a value that changed meaning)."""

    def pin(self, node: ast.Call, layer: str) -> Pin:
        """The configured value (the 2.2.4 default unless configured), as a literal."""
        value = self.value(node, layer)
        default = PINNED_DEFAULTS[self.argument][layer]
        changes = value != default
        return Pin(
            expression=lambda quote=self._quote(node): call_edits.literal(value, quote),
            shown=f"{self.argument}={value!r}",
            applicability=Applicability.UNSAFE if changes else Applicability.SAFE,
            note=f" (configured; Keras 2.2.4 used {default!r})" if changes else "",
        )

    def _passed(self, node: ast.Call, layer: str) -> bool:
        names = {self.argument, *KERAS1_NAMES.get(self.argument, {}).get(converted_as(layer), ())}
        if names & calls.keyword_names(node):
            return True
        parameters = SIGNATURES[layer][1]
        return calls.positional_count(node) > parameters.index(self.argument)

    def value(self, node: ast.Call, layer: str) -> object:
        """The value to write: the 2.2.4 default unless the configuration says otherwise."""
        return PINNED_DEFAULTS[self.argument][layer]
