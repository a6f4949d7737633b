"""Keras optimizer calls, for the KL3xx rules: finding them, reading their 2.2.4 arguments, rewriting them."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.optimizers import OPTIMIZER_NAME, RENAMED_ARGUMENTS, SIGNATURES
from keraslint.lazycst import cst
from keraslint.rule import Matches, Rule

if TYPE_CHECKING:
    import libcst


class OptimizerCallRule(Rule):
    """Calls ``check(node, optimizer)`` for every call of a Keras optimizer class."""

    matches = Matches(keras=True, names=frozenset({OPTIMIZER_NAME}))

    def visit_Call(self, node: ast.Call) -> None:
        optimizer = self.context.keras.optimizer_of(node.func)
        if optimizer is not None:
            self.check(node, optimizer)

    def check(self, node: ast.Call, optimizer: str) -> None:
        raise NotImplementedError


def parameters_224(optimizer: str) -> tuple[str, ...]:
    return tuple(name for name, _ in SIGNATURES[optimizer])


def passed_value(node: ast.Call, optimizer: str, name: str) -> ast.expr | None:
    """The value passed for 2.2.4 parameter ``name``, by keyword or by its 2.2.4 position."""
    parameters = parameters_224(optimizer)
    return calls.argument(node, name, parameters.index(name) if name in parameters else None)


def is_number(node: ast.AST | None, value: float) -> bool:
    """An int or float literal equal to ``value`` (not a bool, not a signed or complex one)."""
    return type(node) is ast.Constant and type(node.value) in (int, float) and node.value == value


def by_keyword(optimizer: str, transform):
    """``transform`` after the arguments past the learning rate are keywords (KL306's fix, so
    the two commute when both apply to one call)."""
    return lambda updated: transform(call_edits.keywords_for_positionals(updated, parameters_224(optimizer), 1))


class RenamedArgumentRule(OptimizerCallRule):
    """Renames the keyword ``old`` to its tf.keras name (RENAMED_ARGUMENTS) in optimizer calls."""

    old: str

    def check(self, node: ast.Call, optimizer: str) -> None:
        new = RENAMED_ARGUMENTS[self.old]
        names = calls.keyword_names(node)
        if self.old not in names:
            return
        if new in names:
            self.report(node, f"`{optimizer}` gets both `{self.old}=` and `{new}=`")
            return
        self.report(
            node,
            self.message.format(optimizer=optimizer),
            transform=lambda updated: call_edits.rename_keyword(updated, self.old, new),
        )


def wrap_in_optimizer_224(updated: libcst.Call) -> libcst.Call:
    """``SGD(...)`` -> ``optimizer_224(SGD)(...)``."""
    if isinstance(updated.func, cst.Call):
        return updated
    return updated.with_changes(func=cst.Call(func=cst.Name(OPTIMIZER_NAME), args=[cst.Arg(updated.func)]))
