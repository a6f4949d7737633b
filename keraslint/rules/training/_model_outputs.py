"""How many outputs a model has: from its `Model(inputs, outputs)` call, or a loss per output in `compile`."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.imports import dotted_name
from keraslint.keras224.signatures import MODEL, position


def model_name(node: ast.expr) -> str | None:
    """``a.b.c`` for a chain of plain names, else None. Like ``dotted_name``, but also from
    ``None``/``True``/``False`` (names to libcst, constants to ``ast``), as these rules read them."""
    if isinstance(node, ast.Constant) and (node.value is None or type(node.value) is bool):
        return repr(node.value)
    if isinstance(node, ast.Attribute):
        root = model_name(node.value)
        return None if root is None else f"{root}.{node.attr}"
    return dotted_name(node)


def output_count(value: ast.expr | None) -> int | None:
    """How many outputs a list/tuple literal names (no starred element), else None."""
    if isinstance(value, (ast.List, ast.Tuple)) and not any(isinstance(e, ast.Starred) for e in value.elts):
        return len(value.elts)
    return None


def per_output(value: ast.expr | None) -> int | tuple[str, ...] | None:
    """From a loss or loss_weights value: the number of outputs (a list), their names (a
    dict with string keys, as written), or None."""
    count = output_count(value)
    if count is not None:
        return count
    if isinstance(value, ast.Dict) and value.keys and all(
            key is not None and calls.is_string(key) for key in value.keys):
        return tuple(calls.segment(key) for key in value.keys)
    return None


def note_outputs(keras, node: ast.Assign, outputs: dict[str, list[int | None]]) -> None:
    """``name = Model(inputs, [a, b])``: how many outputs each name is bound to (None: unknown)."""
    count = None
    if isinstance(node.value, ast.Call) and keras.keras_class(node.value.func) == "Model":
        count = output_count(calls.argument(node.value, "outputs", position(MODEL, "outputs"), ("output",)))
    for target in node.targets:
        name = dotted_name(target)
        if name is not None:
            outputs.setdefault(name, []).append(count)
