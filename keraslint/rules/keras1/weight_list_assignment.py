"""KL507: a Keras-1 custom layer that assigns its weight lists."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from keraslint import call_edits, calls
from keraslint.keras224.keras1 import (
    ADD_WEIGHT,
    BACKEND_VARIABLE,
    VARIABLE_WEIGHT_CODE,
    VARIABLE_WEIGHT_NAME,
    WEIGHT_LISTS,
)
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Rule, Valid, definable


def _self_attribute(node: ast.expr) -> str | None:
    """``x`` for ``self.x``."""
    if type(node) is ast.Attribute and type(node.value) is ast.Name and node.value.id == "self":
        return node.attr
    return None


@dataclass
class _Layer:
    #: (the assignment, its attribute, whether the list trains, the attributes listed)
    lists: list[tuple[ast.Assign, str, bool, list[str | None]]] = field(default_factory=list)
    weights: dict[str, tuple[ast.Call, str]] = field(default_factory=dict)  # attr -> (call, kind)
    repeated: set[str] = field(default_factory=set)  # attributes assigned a weight twice


class WeightListAssignment(Rule):
    """
    ## What it does
    Finds Keras-1 style custom layers that assign their weight lists in `build`
    (`self.trainable_weights = [self.W]`, `self.non_trainable_weights = [...]`), removes those
    assignments, and makes each listed weight a weight the layer tracks with the same
    trainability: a `K.variable(value)` becomes `variable_weight_224(self, value,
    trainable=...)`, a function keraslint adds once that calls `self.add_weight` with that
    value, and an `add_weight` listed as non-trainable gets `trainable=False`.

    ## Why is this bad?
    Keras 2.2.4 still let a layer assign these lists. tf.keras layers have no setter
    (`AttributeError: property 'trainable_weights' ... has no setter`), and they do not track
    `K.variable`s: the weight would silently not train, nor be saved.

    ## Example
    ```python
    def build(self, input_shape):
        self.W = K.variable(np.ones((input_shape[-1],)), name='scale')
        self.trainable_weights = [self.W]
    ```

    ## Use instead
    ```python
    def build(self, input_shape):
        self.W = variable_weight_224(self, np.ones((input_shape[-1],)), name='scale', trainable=True)
    ```

    ## Fix safety
    Safe: the same weights, with the same values, training as the lists said. The fix is
    given only when every weight the class makes with `K.variable` or `add_weight` once is
    in one of the lists (a weight left out of an assigned `trainable_weights` did not train
    in 2.2.4), and each list is `[self.a, self.b, ...]` on a line of its own.
    """

    code = "KL507"
    name = "weight-list-assignment"
    summary = "`self.trainable_weights = [...]` in a layer: tf.keras layers have no such setter"
    fix_title = "Make the listed weights the layer's own"
    cases = (
        Valid("""
            import keras
            class L(keras.layers.Layer):
                def build(self, s):
                    self.W = self.add_weight(name='W', shape=s)
            """),
        Invalid(
            """
            from keras import backend as K
            class L(Layer):
                def build(self, s):
                    self.W = K.variable(v, name='W')
                    self.trainable_weights = [self.W]
            """,
            fixed=("from keras import backend as K\n\n\n" + VARIABLE_WEIGHT_CODE + "\n\nclass L(Layer):\n"
                   "    def build(self, s):\n        self.W = variable_weight_224(self, v, name='W', trainable=True)\n"),
            message="`K.variable` listed in a layer's weights: tf.keras layers do not track it",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._layers: list[_Layer] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._layers.append(_Layer())

    def leave_ClassDef(self, node: ast.ClassDef) -> None:
        self._check(self._layers.pop())

    def visit_Assign(self, assign: ast.Assign) -> None:
        if not self._layers or len(assign.targets) != 1 or not _own_line(assign):
            return
        target = _self_attribute(assign.targets[0])
        layer = self._layers[-1]
        if target in WEIGHT_LISTS:
            value = assign.value
            names = [_self_attribute(calls.unstarred(e)) for e in value.elts] if isinstance(value, (ast.List, ast.Tuple)) \
                else [None]
            layer.lists.append((assign, target, WEIGHT_LISTS[target], names))
        elif target is not None and type(assign.value) is ast.Call:
            kind = self._weight_kind(assign.value)
            if kind is not None:
                if target in layer.weights:
                    layer.repeated.add(target)
                layer.weights[target] = (assign.value, kind)

    def _weight_kind(self, call: ast.Call) -> str | None:
        func = call.func
        if _self_attribute(func) == ADD_WEIGHT:
            return ADD_WEIGHT
        found = self.context.keras.keras_name(func)
        return BACKEND_VARIABLE if found is not None and ".".join(found) == BACKEND_VARIABLE else None

    def _check(self, layer: _Layer) -> None:
        if not layer.lists:
            return
        trains: dict[str, bool] = {}
        exact = True
        for _assign, _attribute, trainable, names in layer.lists:
            for name in names:
                exact = exact and name is not None and trains.setdefault(name, trainable) == trainable
        exact = exact and bool(trains) and set(trains) == set(layer.weights) and not layer.repeated
        exact = exact and definable(self.context.table, VARIABLE_WEIGHT_NAME)
        for assign, attribute, _trainable, _names in layer.lists:
            message = f"tf.keras layers cannot assign `self.{attribute}`"
            if not exact:
                self.report(assign, message + "; make the weights with `self.add_weight` by hand")
                continue
            self.report(assign, message, transform=lambda _line: cst.RemovalSentinel.REMOVE, kind="SimpleStatementLine")
        if not exact:
            return
        for name, (call, kind) in layer.weights.items():
            trainable = trains[name]
            if kind == BACKEND_VARIABLE:
                self.report(
                    call, "`K.variable` listed in a layer's weights: tf.keras layers do not track it",
                    transform=lambda updated, trainable=trainable: _variable_weight(updated, trainable),
                    definitions=(Definition(VARIABLE_WEIGHT_NAME, VARIABLE_WEIGHT_CODE),),
                )
            elif not trainable and "trainable" not in calls.keyword_names(call):
                self.report(
                    call, "a weight listed in `non_trainable_weights`: pass `trainable=False`",
                    transform=lambda updated: call_edits.add_keywords(updated, [("trainable", cst.Name("False"))]),
                )


def _own_line(statement: ast.stmt) -> bool:
    """Whether a statement is alone on its line (libcst's SimpleStatementLine of one statement):
    not after a colon (``if x: a = b``) nor beside another statement (``a = b; c = d``)."""
    source = calls.current_source.get()
    start_line, start, end_line, end = source.span(statement)
    after = source.lines[end_line - 1][end:].strip()
    if after.startswith(";"):
        after = after[1:].strip()
    return not source.lines[start_line - 1][:start].strip() and (not after or after.startswith("#"))


def _variable_weight(call: cst.Call, trainable: bool) -> cst.Call:
    args = [cst.Arg(cst.Name("self"), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))), *call.args]
    call = call.with_changes(func=cst.Name(VARIABLE_WEIGHT_NAME), args=args)
    return call_edits.add_keywords(call, [("trainable", cst.Name("True" if trainable else "False"))])
