"""Reading (and rewriting) what a `compile` call gets for its loss and metrics, for the KL6xx metric rules."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.imports import dotted_name
from keraslint.keras224.training import BINARY_LOSS, COMPILE_PARAMETERS



def compile_argument(node: cst.Call, name: str) -> cst.BaseExpression | None:
    """The value ``compile`` gets for ``name`` (by keyword or by 2.2.4's position)."""
    if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "compile"):
        return None
    return calls.argument(node, name, COMPILE_PARAMETERS.index(name))


def quoted_like(node: cst.SimpleString, text: str) -> cst.SimpleString:
    """``text`` as a string literal in the quotes of ``node``."""
    quote = node.value[len(node.prefix)]
    return cst.SimpleString(f"{quote}{text}{quote}")


def metric_strings(call: cst.Call, argument: str = "metrics"):
    """Each metric string ``compile`` gets (in a list, a dict by output, or a list per output),
    with the loss of the output(s) it measures: an expression, a list of them (a flat metrics
    list measures every output), ``...`` if that cannot be told, or None without a loss."""
    metrics, loss = compile_argument(call, argument), compile_argument(call, "loss")
    losses = by_output(loss)
    if isinstance(metrics, (cst.List, cst.Tuple)):
        for index, element in enumerate(metrics.elements):
            if not isinstance(element, cst.Element):
                continue
            if isinstance(element.value, (cst.List, cst.Tuple)):  # one list per output
                own = losses[index] if isinstance(losses, list) and index < len(losses) else (
                    list(losses.values()) if isinstance(losses, dict) else ... if isinstance(losses, list) else loss)
                for string in only_strings(element.value):
                    yield string, own
            elif isinstance(element.value, cst.SimpleString):
                yield element.value, list(losses.values()) if isinstance(losses, dict) else (
                    losses if isinstance(losses, list) else loss)
    elif isinstance(metrics, cst.Dict):
        for element in metrics.elements:
            if not isinstance(element, cst.DictElement):
                continue
            key = element.key.evaluated_value if isinstance(element.key, cst.SimpleString) else None
            # a list of losses by output: only what they all agree on is known for this one
            own = losses.get(key, ...) if isinstance(losses, dict) else (losses if isinstance(losses, list) else loss)
            for string in only_strings(element.value):
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


def only_strings(value: cst.BaseExpression):
    if isinstance(value, cst.SimpleString):
        yield value
    elif isinstance(value, (cst.List, cst.Tuple)):
        for element in value.elements:
            if isinstance(element, cst.Element) and isinstance(element.value, cst.SimpleString):
                yield element.value


def by_output(loss: cst.BaseExpression | None):
    """A loss list as a list, a loss dict with string keys as a dict, else None."""
    if isinstance(loss, (cst.List, cst.Tuple)):
        return [e.value for e in loss.elements if isinstance(e, cst.Element)]
    if isinstance(loss, cst.Dict):
        return {e.key.evaluated_value: e.value for e in loss.elements
                if isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString)}
    return None

