"""Reading (and rewriting) what a `compile` call gets for its loss and metrics, for the KL6xx metric rules."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import calls
from keraslint.imports import dotted_name
from keraslint.keras224.training import BINARY_LOSS, COMPILE_PARAMETERS
from keraslint.lazycst import cst

if TYPE_CHECKING:
    import libcst


def compile_argument(node: ast.Call, name: str) -> ast.expr | None:
    """The value ``compile`` gets for ``name`` (by keyword or by 2.2.4's position)."""
    if not (isinstance(node.func, ast.Attribute) and node.func.attr == "compile"):
        return None
    return calls.argument(node, name, COMPILE_PARAMETERS.index(name))


def quoted_like(node: libcst.SimpleString, text: str) -> libcst.SimpleString:
    """``text`` as a string literal in the quotes of ``node`` (a fix's libcst node)."""
    quote = node.value[len(node.prefix)]
    return cst.SimpleString(f"{quote}{text}{quote}")


def metric_strings(call: ast.Call, argument: str = "metrics"):
    """Each metric string ``compile`` gets (in a list, a dict by output, or a list per output),
    with the loss of the output(s) it measures: an expression, a list of them (a flat metrics
    list measures every output), ``...`` if that cannot be told, or None without a loss."""
    metrics, loss = compile_argument(call, argument), compile_argument(call, "loss")
    losses = by_output(loss)
    if isinstance(metrics, (ast.List, ast.Tuple)):
        for index, element in enumerate(metrics.elts):
            if isinstance(element, ast.Starred):
                continue
            if isinstance(element, (ast.List, ast.Tuple)):  # one list per output
                own = losses[index] if isinstance(losses, list) and index < len(losses) else (
                    list(losses.values()) if isinstance(losses, dict) else ... if isinstance(losses, list) else loss)
                for string in only_strings(element):
                    yield string, own
            elif calls.is_string(element):
                yield element, list(losses.values()) if isinstance(losses, dict) else (
                    losses if isinstance(losses, list) else loss)
    elif isinstance(metrics, ast.Dict):
        for key, value in zip(metrics.keys, metrics.values):
            if key is None:  # **other
                continue
            key = key.value if calls.is_string(key) else None
            # a list of losses by output: only what they all agree on is known for this one
            own = losses.get(key, ...) if isinstance(losses, dict) else (losses if isinstance(losses, list) else loss)
            for string in only_strings(value):
                yield string, own


def binary_loss(loss) -> bool | None:
    """Whether the loss (or every loss of a list) is binary_crossentropy; None if mixed or unknown."""
    if loss is ...:
        return None
    if isinstance(loss, list):
        found = {binary_loss(one) for one in loss}
        return found.pop() if len(found) == 1 else None
    if loss is None:
        return False  # compile() without a loss: nothing is binary
    return calls.string_value(loss) == BINARY_LOSS or (dotted_name(loss) or "").rsplit(".", 1)[-1] == BINARY_LOSS


def only_strings(value: ast.expr):
    """The string literal ``value``, or those of a list or tuple of them."""
    if calls.is_string(value):
        yield value
    elif isinstance(value, (ast.List, ast.Tuple)):
        for element in value.elts:
            if calls.is_string(element):
                yield element


def by_output(loss: ast.expr | None):
    """A loss list as a list, a loss dict with string keys as a dict, else None."""
    if isinstance(loss, (ast.List, ast.Tuple)):
        return [e for e in loss.elts if not isinstance(e, ast.Starred)]
    if isinstance(loss, ast.Dict):
        return {k.value: v for k, v in zip(loss.keys, loss.values) if k is not None and calls.is_string(k)}
    return None
