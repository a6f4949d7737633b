"""KL619: `evaluate` and the batch methods of a multi-output model, whose results Keras 3 orders otherwise."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.methods import ATTRIBUTE_FUNCTIONS, RESULTS_CODE, RESULTS_METHODS, RESULTS_NAME
from keraslint.keras224.training import KERAS3_METRICS_TARGETS
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable
from keraslint.rules.training._compile_values import compile_argument
from keraslint.rules.training._model_outputs import model_name, note_outputs, per_output

METRICS_NAMES = ATTRIBUTE_FUNCTIONS["metrics_names"]


class MultiOutputResultOrder(Rule):
    """
    ## What it does
    On the `keras3` target, wraps `evaluate`, `train_on_batch` and `test_on_batch` of a model
    with several outputs in `results_224(model, ...)`, a function keraslint adds once that puts
    the values back in Keras 2.2.4's order. The model is known to have several outputs from
    its `Model(inputs, [out1, out2])` call in the module, or from a `loss` list or dict in its
    `compile`.

    ## Why is this bad?
    For a model with several outputs, 2.2.4 returned the total loss, each output's loss, then
    each output's metrics in the order they were given. Keras 3 returns the metrics sorted by
    name (`aux_acc` before `main_acc`), so `scores[3]` is another metric than it was, and a
    `zip` with 2.2.4's `metrics_names` pairs the wrong names and values. Nothing raises.

    ## Example
    ```python
    model = Model(inputs, [main, aux])
    model.compile('adam', ['mse', 'binary_crossentropy'], metrics=[['mae'], ['acc']])
    scores = model.evaluate(x, [y_main, y_aux])
    ```

    ## Use instead
    ```python
    scores = results_224(model, model.evaluate(x, [y_main, y_aux]))
    ```

    ## Fix safety
    Safe: the same values, in 2.2.4's order (that of `metrics_names_224`, KL617). A model
    with one output already gets them in that order and is left alone.
    """

    code = "KL619"
    name = "multi-output-result-order"
    summary = "Keras 3 returns a multi-output model's metrics in another order"
    fix_title = "Put the results in 2.2.4's order"
    cases = (
        Valid("""
            import keras
            model.compile('sgd', 'mse')
            scores = model.evaluate(x, y)
            """),
        Invalid(
            """
            import keras
            m.compile('sgd', ['mse', 'mse'])
            scores = m.evaluate(x, [y, y])
            """,
            fixed=("import keras\n\n\n" + METRICS_NAMES[1] + "\n\n" + RESULTS_CODE
                   + "\n\nm.compile('sgd', ['mse', 'mse'])\nscores = results_224(m, m.evaluate(x, [y, y]))\n"),
            message=("`evaluate` of a model with several outputs returns its metrics in another order in Keras "
                     "3"),
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._outputs: dict[str, list[int | None]] = {}
        self._several: set[str] = set()  # compiled with a loss per output
        self._calls: list[tuple[ast.Call, str]] = []
        self._wrapped: set[int] = set()

    def visit_Assign(self, node: ast.Assign) -> None:
        note_outputs(self.context.keras, node, self._outputs)

    matches = Matches(names=frozenset({RESULTS_NAME, "compile", *RESULTS_METHODS}))

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id == RESULTS_NAME:
            args = calls.in_source_order(node)
            if len(args) == 2:  # wrapped already (an earlier --fix)
                second = args[1]
                self._wrapped.add(id(second.value if isinstance(second, (ast.keyword, ast.Starred)) else second))
        if self.context.settings.target not in KERAS3_METRICS_TARGETS or not isinstance(node.func, ast.Attribute):
            return
        model = model_name(node.func.value)
        if model is None:
            return
        method = node.func.attr
        if method == "compile":
            outputs = per_output(compile_argument(node, "loss"))
            if outputs is not None and outputs != 1 and (not isinstance(outputs, int) or outputs > 1):
                self._several.add(model)
        elif method in RESULTS_METHODS and not calls.has_star_args(node) and id(node) not in self._wrapped:
            self._calls.append((node, model))

    def leave_Module(self, node: ast.Module) -> None:
        several = self._several | {name for name, counts in self._outputs.items()
                                   if len(set(counts)) == 1 and (counts[0] or 0) > 1}
        table = self.context.table
        for call, model in self._calls:
            if model not in several:
                continue
            message = f"`{call.func.attr}` of a model with several outputs returns its metrics in another order in Keras 3"
            if not definable(table, RESULTS_NAME) or not definable(table, METRICS_NAMES[0]):
                self.report(call, message)
                continue
            self.report(
                call, message,
                transform=lambda updated: cst.Call(func=cst.Name(RESULTS_NAME), args=[
                    cst.Arg(updated.func.value, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                    cst.Arg(updated.with_changes(lpar=[], rpar=[]))], lpar=updated.lpar, rpar=updated.rpar),
                definitions=(Definition(*METRICS_NAMES), Definition(RESULTS_NAME, RESULTS_CODE)),
            )
