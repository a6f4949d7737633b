"""KL623: a model compiled again without metrics, which keeps the earlier metrics in Keras 3."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.training import KERAS3_METRICS_TARGETS
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.rules.training._compile_values import compile_argument
from keraslint.rules.training._model_outputs import model_name


class RecompileKeepsMetrics(Rule):
    """
    ## What it does
    On the `keras3` target, finds a `compile` without `metrics` of a model the module
    compiles more than once, and passes `metrics=[]`.

    ## Why is this bad?
    Keras 2.2.4's `compile` replaced everything the previous one set: compiled again without
    metrics, the model logged only its loss. Keras 3 keeps the metrics of the earlier
    `compile` when the new one gives none, so `fit` goes on logging them (`acc` in the
    History) and `evaluate` returns them.

    ## Example
    ```python
    model.compile('adam', 'categorical_crossentropy', metrics=['acc'])
    model.fit(x, y)
    model.compile('sgd', 'categorical_crossentropy')
    ```

    ## Use instead
    ```python
    model.compile('sgd', 'categorical_crossentropy', metrics=[])
    ```

    ## Fix safety
    Safe: `metrics=[]` is what 2.2.4 did without metrics, on every target.
    """

    code = "KL623"
    name = "recompile-keeps-metrics"
    summary = "Compiled again without metrics, a Keras 3 model keeps the earlier metrics"
    fix_title = "Pass `metrics=[]`"
    cases = (
        Valid("""
            import keras
            model.compile('sgd', 'mse')
            """),
        Invalid(
            """
            import keras
            m.compile('sgd', 'mse', metrics=['mae'])
            m.compile('adam', 'mse')
            """,
            fixed="""
            import keras
            m.compile('sgd', 'mse', metrics=['mae'])
            m.compile('adam', 'mse', metrics=[])
            """,
            message="compiled again without metrics: Keras 3 keeps the earlier compile's metrics",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._compiles: dict[str, list[ast.Call]] = {}

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target not in KERAS3_METRICS_TARGETS or calls.has_star_args(node) \
                or not (isinstance(node.func, ast.Attribute) and node.func.attr == "compile"):
            return
        model = model_name(node.func.value)
        names = calls.keyword_names(node)
        if model is not None and ("loss" in names or "optimizer" in names or calls.positional_count(node)):
            self._compiles.setdefault(model, []).append(node)

    def leave_Module(self, node: ast.Module) -> None:
        for calls_of_model in self._compiles.values():
            if len(calls_of_model) < 2:
                continue
            for call in calls_of_model:
                if compile_argument(call, "metrics") is None and "weighted_metrics" not in calls.keyword_names(call):
                    self.report(call, "compiled again without metrics: Keras 3 keeps the earlier compile's metrics",
                                transform=lambda updated: call_edits.add_keywords(updated, [("metrics", cst.List([]))]))
