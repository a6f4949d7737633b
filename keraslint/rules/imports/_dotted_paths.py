"""Dotted paths in code through a Keras import, and their tf.keras paths, for KL002 and KL003."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from keraslint.imports import dotted_name
from keraslint.keras224.spellings import to_keras
from keraslint.moves import Inlined, Moved, NoHome, resolve
from keraslint.rule import Rule
from keraslint.keras224.targets import Target


@dataclass(frozen=True)
class PathMove:
    old: str  # the Keras name the path means, e.g. "keras.optimizers.rmsprop"
    new: str  # its tf.keras name, or the guidance when it has none
    new_text: str | None  # the path rewritten for the head's binding; None: no home
    renamed: bool = False  # the last name changes, not only the module path
    standalone: bool = False  # the head is bound by a standalone `keras` import


def _attribute_move(table, node: ast.Attribute, target: Target) -> PathMove | None:
    """What a dotted path through a Keras import becomes in tf.keras, if it changes.

    The head keeps its local name; for a standalone-keras head the path is written for the
    binding KL001 gives it (``import keras`` becomes ``from tensorflow import keras``).
    """
    qualified = table.qualify(node)
    keras_name = None if qualified is None else to_keras(qualified)
    if keras_name is None or keras_name == "keras":
        return None
    standalone = qualified.startswith("keras.")
    where = resolve(keras_name, target)
    if isinstance(where, Inlined):
        return None  # the import became a definition of the same name: the path stays
    if isinstance(where, NoHome):
        return PathMove(keras_name, where.guidance, None, standalone=standalone)
    dotted = dotted_name(node)
    head = dotted.split(".")[0]
    base = table.bindings.get(head, "")
    if standalone:
        base_where = resolve(base, target)
        base = base_where.new if isinstance(base_where, Moved) else ""
    if not isinstance(where, Moved) or not base or not where.new.startswith(base + "."):
        return None
    new_text = head + where.new[len(base):]
    if new_text == dotted:
        return None
    renamed = keras_name.rsplit(".", 1)[1] != where.new.rsplit(".", 1)[1]
    return PathMove(keras_name, where.new, new_text, renamed, standalone)


class PathRule(Rule):
    """Shared by KL002/KL003: walk dotted paths in code (``ast`` imports hold none)."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._inner: set[int] = set()

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if id(node) in self._inner:
            return
        inner = node.value
        while isinstance(inner, ast.Attribute):
            self._inner.add(id(inner))
            inner = inner.value
        move = _attribute_move(self.context.table, node, self.context.settings.target)
        if move is not None:
            self.check_path(node, move)

    def check_path(self, node: ast.Attribute, move: PathMove) -> None:
        raise NotImplementedError
