"""KL610: `compile(target_tensors=)` and `Input(tensor=)`, TF1 graph inputs Keras 3 lacks."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.training import GRAPH_TENSOR_ARGUMENTS
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.keras224.targets import Target


class GraphTensorArgument(Rule):
    """
    ## What it does
    On the `keras3` target, reports the TF1-graph ways of feeding tensors into a model:
    `compile(target_tensors=...)` and `Input(tensor=...)`.

    ## Why is this bad?
    Keras 3 has no `target_tensors`, and `Input(tensor=)` takes only a KerasTensor, so
    models built on TensorFlow tensors (a `tf.data` iterator's `get_next()`, as in
    `examples/mnist_dataset_api.py`) fail to build.

    ## Example
    ```python
    model_input = layers.Input(tensor=inputs)
    model.compile(optimizer, loss, target_tensors=[labels])
    ```

    ## Use instead
    ```python
    model_input = layers.Input(shape=(28, 28, 1))
    model.compile(optimizer, loss)
    model.fit(dataset)  # a tf.data.Dataset of (inputs, labels)
    ```

    ## Fix safety
    No fix: the data pipeline has to move to `fit()`.
    """

    code = "KL610"
    name = "graph-tensor-argument"
    summary = "`compile(target_tensors=)` / `Input(tensor=)`: Keras 3 has no TF1 graph inputs"
    cases = (
        Valid("""
            import keras
            x = keras.layers.Input(shape=(3,))
            """),
        Invalid(
            """
            import keras
            x = keras.layers.Input(tensor=t)
            """,
            fixed=None,
            message=("Keras 3 has no `Input(tensor=...)`: build the model on keras.Input(shape=...) and feed "
                     "the data to fit() as a tf.data.Dataset"),
        ),
        Invalid(
            """
            import keras
            model.compile('sgd', 'mse', target_tensors=[y])
            """,
            fixed=None,
            message=("Keras 3 has no `compile(target_tensors=...)`: pass the targets to fit() (e.g. from a "
                     "tf.data.Dataset)"),
        ),
    )

    matches = Matches(keras=True, names=frozenset(function for function, _ in GRAPH_TENSOR_ARGUMENTS))

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target != Target.KERAS3:
            return
        found = self.context.keras.keras_name(node.func)
        if found is not None:
            function = found[1]
        elif isinstance(node.func, ast.Attribute):
            function = node.func.attr  # a method: `model.compile`
        else:
            return
        for argument in calls.keyword_names(node):
            guidance = GRAPH_TENSOR_ARGUMENTS.get((function, argument))
            if guidance is not None:
                self.report(node, f"Keras 3 has no `{function}({argument}=...)`: {guidance}")
