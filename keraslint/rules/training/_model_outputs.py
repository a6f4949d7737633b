"""How many outputs a model has: from its `Model(inputs, outputs)` call, or a loss per output in `compile`."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.imports import dotted_name
from keraslint.keras224.signatures import MODEL, position


def output_count(value: cst.BaseExpression | None) -> int | None:
    """How many outputs a list/tuple literal names (no starred element), else None."""
    if isinstance(value, (cst.List, cst.Tuple)) and all(isinstance(e, cst.Element) for e in value.elements):
        return len(value.elements)
    return None


def per_output(value: cst.BaseExpression | None) -> int | tuple[str, ...] | None:
    """From a loss or loss_weights value: the number of outputs (a list), their names (a
    dict with string keys), or None."""
    count = output_count(value)
    if count is not None:
        return count
    if isinstance(value, cst.Dict) and value.elements and all(
            isinstance(e, cst.DictElement) and isinstance(e.key, cst.SimpleString) for e in value.elements):
        return tuple(e.key.value for e in value.elements)
    return None


def note_outputs(keras, node: cst.Assign, outputs: dict[str, list[int | None]]) -> None:
    """``name = Model(inputs, [a, b])``: how many outputs each name is bound to (None: unknown)."""
    count = None
    if isinstance(node.value, cst.Call) and keras.keras_class(node.value.func) == "Model":
        count = output_count(calls.argument(node.value, "outputs", position(MODEL, "outputs"), ("output",)))
    for target in node.targets:
        name = dotted_name(target.target)
        if name is not None:
            outputs.setdefault(name, []).append(count)
