"""KL614: `layer.get_output_at(i)` and its siblings, gone in Keras 3 and renumbered in TF 2.15."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.methods import NODE_METHODS, NODE_METHODS_TARGETS, node_function_code, node_function_name
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable
from keraslint.keras224.targets import Target


class LayerNodeMethods(Rule):
    """
    ## What it does
    Rewrites `layer.get_output_at(i)`, `get_input_at`, `get_output_shape_at` and
    `get_input_shape_at` to a call of Keras 2.2.4's method written as a function,
    `get_output_at_224(layer, i)`, which keraslint adds to the module once.

    ## Why is this bad?
    Keras 3 layers have none of these methods (`AttributeError`). TF 2.15's have them, but
    number a model's call nodes from its first call, where 2.2.4 counted the model's own
    inputs-to-outputs node first: the same index picks another call, or raises ("Asked to
    get output at node 2, but the layer has only 2 inbound nodes"). Code that shares a layer
    between models, or reads a wrapped model's outputs, used them to pick the tensor of one
    call of the layer.

    ## Example
    ```python
    features = base.get_layer('fc1').get_output_at(0)
    ```

    ## Use instead
    ```python
    def get_output_at_224(layer, node_index):
        ...  # 2.2.4's method (added once)

    features = get_output_at_224(base.get_layer('fc1'), 0)
    ```

    ## Fix safety
    Safe: the function reads the same call node 2.2.4 read, and returns a lone tensor (or
    shape) alone, as 2.2.4 did. It reads `layer._inbound_nodes`, which tf.keras keeps but
    does not document. The mask getters (`get_output_mask_at`) are not rewritten.
    """

    code = "KL614"
    name = "layer-node-methods"
    summary = "`layer.get_output_at(i)` and its siblings: gone in Keras 3, renumbered in TF 2.15"
    fix_title = "Use 2.2.4's method as a function"
    cases = (
        Valid("""
            import keras
            x = layer.output
            """),
        Valid("""
            import keras
            layer.get_output_at(*a)
            """),
        Invalid(
            """
            import keras
            x = model.layers[1].get_output_at(0)
            """,
            fixed=("import keras\n\n\n" + node_function_code("get_output_at")
                   + "\n\nx = get_output_at_224(model.layers[1], 0)\n"),
            message="Keras 3 layers have no `get_output_at`",
        ),
    )

    matches = Matches(names=frozenset(NODE_METHODS))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if (self.context.settings.target not in NODE_METHODS_TARGETS or not isinstance(func, ast.Attribute)
                or func.attr not in NODE_METHODS or len(node.args) + len(node.keywords) != 1
                or calls.has_star_args(node)):
            return
        method = func.attr
        name = node_function_name(method)
        message = (f"Keras 3 layers have no `{method}`" if self.context.settings.target == Target.KERAS3
                   else f"TF 2.15 numbers a model's nodes for `{method}` otherwise than 2.2.4")
        if not definable(self.context.table, name):
            self.report(node, f"{message}; read the layer's call node by hand (`{name}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: call_edits.method_as_function(updated, name),
            definitions=(Definition(name, node_function_code(method)),),
        )
