"""KL617: reads of model and layer attributes that Keras 3 removed or changed."""

from __future__ import annotations

import ast

from keraslint.keras224.methods import ATTRIBUTE_FUNCTIONS, ATTRIBUTE_FUNCTIONS_TARGETS, LAYER_ATTRIBUTE_FUNCTIONS
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Rule, Valid, definable


class RemovedModelAttribute(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites reads of model and layer attributes Keras 3 removed to a
    call of Keras 2.2.4's definition, written as a function once per module:
    `model.metrics_names` becomes `metrics_names_224(model)`, `layer.output_shape`
    `output_shape_224(layer)`, `layer.input_shape` `input_shape_224(layer)`,
    `layer.output_mask` `output_mask_224(layer)` and `model.input_names`
    `input_names_224(model)`; and `model.layers[0].input` becomes `input_224(...)`, since a
    Keras 3 InputLayer's `input` is an empty list where 2.2.4's was the input tensor.

    ## Why is this bad?
    Keras 3 layers have no `output_shape` or `input_shape`, nor models `input_names`
    (`AttributeError`), and Keras 3's
    `model.metrics_names` is `['loss', 'compile_metrics']`: code that zips it with what
    `evaluate()` returns (`dict(zip(model.metrics_names, scores))`) pairs the wrong names
    and values, without an error.

    ## Example
    ```python
    scores = model.evaluate(x_test, y_test)
    print(dict(zip(model.metrics_names, scores)))
    print(model.layers[0].output_shape)
    ```

    ## Use instead
    ```python
    scores = model.evaluate(x_test, y_test)
    print(dict(zip(metrics_names_224(model), scores)))
    print(output_shape_224(model.layers[0]))
    ```

    ## Fix safety
    Safe: each function returns what 2.2.4's attribute held (the attribute itself when the
    object still has one, as Keras 3 models have `output_shape`). `metrics_names_224` names
    the values in the order Keras 3 returns them, which is 2.2.4's order for one output;
    with several outputs Keras 3 returns the per-output metrics in sorted order. Attributes
    that are assigned are left alone.
    """

    code = "KL617"
    name = "removed-model-attribute"
    summary = "`metrics_names`, `output_shape`, `input_shape`, `input_names` are gone or changed in Keras 3"
    fix_title = "Use 2.2.4's definition as a function"
    cases = (
        Valid("""
            import keras
            self.input_shape = input_shape
            """),
        Valid("""
            import keras
            shape = model.output.shape
            """),
        Invalid(
            """
            import keras
            print(dict(zip(model.metrics_names, scores)))
            """,
            fixed=("import keras\n\n\n" + ATTRIBUTE_FUNCTIONS["metrics_names"][1]
                   + "\n\nprint(dict(zip(metrics_names_224(model), scores)))\n"),
            message="Keras 3 changed `.metrics_names`",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._assigned: set[int] = set()

    def _assigned_target(self, target: ast.expr) -> None:
        if isinstance(target, ast.Starred):  # `a, *m.b = ...`
            target = target.value
        if isinstance(target, ast.Attribute):
            self._assigned.add(id(target))
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._assigned_target(element)

    def visit_Assign(self, node: ast.Assign) -> None:
        for target in node.targets:
            self._assigned_target(target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._assigned_target(node.target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assigned_target(node.target)

    def visit_Delete(self, node: ast.Delete) -> None:
        for target in node.targets:
            self._assigned_target(target)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        attribute = node.attr
        if self.context.settings.target not in ATTRIBUTE_FUNCTIONS_TARGETS or id(node) in self._assigned:
            return
        if attribute in ATTRIBUTE_FUNCTIONS:
            name, code = ATTRIBUTE_FUNCTIONS[attribute]
        elif attribute in LAYER_ATTRIBUTE_FUNCTIONS and _model_layer(node.value):
            name, code = LAYER_ATTRIBUTE_FUNCTIONS[attribute]
        else:
            return
        message = f"Keras 3 {'changed' if attribute == 'metrics_names' else 'removed'} `.{attribute}`"
        if not definable(self.context.table, name):
            self.report(node, f"{message}; read it by hand (`{name}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: cst.Call(func=cst.Name(name), args=[cst.Arg(updated.value)],
                                               lpar=updated.lpar, rpar=updated.rpar),
            definitions=(Definition(name, code),),
        )


def _model_layer(node: ast.expr) -> bool:
    """``model.layers[i]`` or ``model.get_layer(...)``."""
    if isinstance(node, ast.Subscript):
        return isinstance(node.value, ast.Attribute) and node.value.attr == "layers"
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get_layer"
