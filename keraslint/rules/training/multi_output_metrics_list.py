"""KL613: a flat `compile` metrics list on a model with several outputs, which Keras 3's fit rejects."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint.keras224.training import ACCURACY_STRINGS, BINARY_ACCURACY, BINARY_ACCURACY_MODULE, HISTORY_KEY
from keraslint.lazycst import cst
from keraslint.rule import Import, Invalid, Matches, Rule, Valid
from keraslint.rules.training._compile_values import binary_loss, by_output, compile_argument, only_strings
from keraslint.rules.training._model_outputs import model_name, note_outputs, per_output

if TYPE_CHECKING:
    import libcst


class MultiOutputMetricsList(Rule):
    """
    ## What it does
    Finds `compile(metrics=[...])` with one flat list of metrics on a model with several
    outputs, and writes the list once per output: `[[...], [...]]`, or a dict by output name
    when the losses are given as a dict. The number of outputs is read from the `loss` or
    `loss_weights` list (or dict) of the same call, or from the model's `Model(inputs,
    [out1, out2])` call in the module.

    ## Why is this bad?
    Keras 2.2.4 applied a flat metrics list to every output. Keras 3 matches it against the
    outputs instead and fails at the first `fit` with `ValueError: tuple arity mismatch`.

    ## Example
    ```python
    model = Model(inputs, [class_out, box_out])
    model.compile('adam', loss=['categorical_crossentropy', 'mse'], metrics=['acc'])
    ```

    ## Use instead
    ```python
    model = Model(inputs, [class_out, box_out])
    model.compile('adam', loss=['categorical_crossentropy', 'mse'], metrics=[['acc'], ['acc']])
    ```

    ## Fix safety
    Safe: every output gets the metrics 2.2.4 gave it, logged under the same keys
    (`<output>_acc`). Metric objects in the list are written once per output, so each output
    has its own instance, as 2.2.4's per-output metric functions had their own state.
    """

    code = "KL613"
    name = "multi-output-metrics-list"
    summary = "A flat metrics list on a multi-output model fails in Keras 3's fit"
    fix_title = "Give each output its metrics"
    cases = (
        Valid("""
            import keras
            model.compile('sgd', 'mse', metrics=['acc'])
            """),
        Valid("""
            import keras
            model.compile('sgd', ['mse', 'mse'], metrics=[['acc'], ['mae']])
            """),
        Valid("""
            import keras
            model.compile('sgd', ['mse', 'mse'], metrics={'a': 'acc'})
            """),
        Invalid(
            """
            import keras
            model.compile('sgd', ['mse', 'mse'], metrics=['acc'])
            """,
            fixed="""
            import keras
            model.compile('sgd', ['mse', 'mse'], metrics=[['acc'], ['acc']])
            """,
            message=("a flat metrics list on a model with 2 outputs: Keras 2.2.4 gave it to each output, Keras "
                     "3 fails in `fit`"),
        ),
        Invalid(
            """
            import keras
            model.compile('sgd', loss={'a': 'mse', 'b': 'mse'}, metrics=['mae'])
            """,
            fixed="""
            import keras
            model.compile('sgd', loss={'a': 'mse', 'b': 'mse'}, metrics={'a': ['mae'], 'b': ['mae']})
            """,
            message=("a flat metrics list on a model with 2 outputs: Keras 2.2.4 gave it to each output, Keras "
                     "3 fails in `fit`"),
        ),
        Invalid(
            """
            from keras.models import Model
            m = Model(inputs=x, outputs=[a, b, c])
            m.compile('sgd', 'mse', metrics=['acc'])
            """,
            fixed="""
            from keras.models import Model
            m = Model(inputs=x, outputs=[a, b, c])
            m.compile('sgd', 'mse', metrics=[['acc'], ['acc'], ['acc']])
            """,
            message=("a flat metrics list on a model with 3 outputs: Keras 2.2.4 gave it to each output, Keras "
                     "3 fails in `fit`"),
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._outputs: dict[str, list[int | None]] = {}  # model name -> output counts it is bound to
        self._compiles: list[tuple[ast.Call, str | None, ast.List | ast.Tuple]] = []

    def visit_Assign(self, node: ast.Assign) -> None:
        note_outputs(self.context.keras, node, self._outputs)

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        metrics = compile_argument(node, "metrics")
        flat = isinstance(metrics, (ast.List, ast.Tuple)) and metrics.elts and all(
            not isinstance(e, (ast.Starred, ast.List, ast.Tuple, ast.Dict)) for e in metrics.elts)
        if flat:  # a metric object in it is constructed once per output, as it should be
            self._compiles.append((node, model_name(node.func.value), metrics))

    def leave_Module(self, node: ast.Module) -> None:
        for call, model, metrics in self._compiles:
            outputs = per_output(compile_argument(call, "loss"))
            if outputs is None:
                outputs = per_output(compile_argument(call, "loss_weights"))
            if outputs is None and model is not None and len(set(self._outputs.get(model, ()))) == 1:
                outputs = self._outputs[model][0]
            if outputs is None or outputs == 1:
                continue
            count = outputs if isinstance(outputs, int) else len(outputs)
            losses = by_output(compile_argument(call, "loss"))
            losses = list(losses.values()) if isinstance(losses, dict) else losses
            binaries = [binary_loss(loss) for loss in losses] if losses and len(losses) == count else [None] * count
            accuracy = any(string.value in ACCURACY_STRINGS for string in only_strings(metrics))
            self.report(
                metrics,
                f"a flat metrics list on a model with {count} outputs: Keras 2.2.4 gave it to "
                f"each output, Keras 3 fails in `fit`",
                transform=lambda updated, outputs=outputs, binaries=binaries: _spread(updated, outputs, binaries),
                imports=(Import(BINARY_ACCURACY_MODULE, BINARY_ACCURACY),) if accuracy and any(binaries) else (),
            )


def _spread(metrics: libcst.List | libcst.Tuple, outputs: int | tuple[str, ...],
            binaries: list) -> libcst.BaseExpression:
    """The list once per output, with 2.2.4's accuracy for each output's loss (KL606 cannot
    choose one for a list that measures outputs with different losses)."""
    texts = []
    for binary in binaries:
        elements = []
        for element in metrics.elements:
            value = element.value
            text = value.evaluated_value if isinstance(value, cst.SimpleString) else None
            if text in ACCURACY_STRINGS and binary is not None:
                quote = value.value[len(value.prefix)]
                value = cst.parse_expression(f"{BINARY_ACCURACY}(name={quote}{HISTORY_KEY}{quote})") if binary \
                    else cst.SimpleString(f"{quote}{HISTORY_KEY}{quote}")
            elements.append(element.with_changes(value=value, comma=cst.MaybeSentinel.DEFAULT))
        texts.append(cst.Module([]).code_for_node(cst.List(elements)))
    if isinstance(outputs, int):
        return cst.parse_expression("[" + ", ".join(texts) + "]")
    return cst.parse_expression("{" + ", ".join(f"{key}: {text}" for key, text in zip(outputs, texts)) + "}")
