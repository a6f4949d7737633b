"""KL626: a `compile` weighted metric string that tf.keras logs under another History key."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.training import (
    ACCURACY_BY_LOSS,
    ACCURACY_STRINGS,
    HISTORY_KEY,
    METRIC_ALIASES,
    METRIC_CLASSES,
    METRICS_MODULE,
    WEIGHTED_METRIC_CODE,
    WEIGHTED_METRIC_NAME,
    WEIGHTED_PREFIX,
)
from keraslint.lazycst import cst
from keraslint.rule import Definition, Import, Invalid, Matches, Rule, Valid, definable
from keraslint.rules.training._compile_values import metric_strings


class WeightedMetricKey(Rule):
    """
    ## What it does
    In `compile(weighted_metrics=[...])`, rewrites each metric string to
    `weighted_metric_224(<the tf.keras metric class>, name=<2.2.4's key>)`, with a function
    keraslint adds to the module once: `'mae'` becomes
    `weighted_metric_224(MeanAbsoluteError, name='weighted_mean_absolute_error')`, and `'acc'`
    with a `categorical_crossentropy` loss uses `CategoricalAccuracy` and `'weighted_acc'`.

    ## Why is this bad?
    Keras 2.2.4 logged a weighted metric as `weighted_` and its key
    (`weighted_mean_absolute_error`, `weighted_acc`), and code of its time reads those History
    keys. tf.keras logs the string as given (`mae`), and adds the prefix only when the same
    name is among `metrics` too. The value differs as well: 2.2.4 averaged `weight * value`
    over the samples of nonzero weight, tf.keras divides by the sum of the weights (0.903
    against 0.821 for weights from 0.2 to 2.0 in keraslint's test program).

    ## Example
    ```python
    model.compile(loss='mse', optimizer='adam', weighted_metrics=['mae'])
    ```

    ## Use instead
    ```python
    from tensorflow.keras.metrics import MeanAbsoluteError

    def weighted_metric_224(cls, name):
        ...  # the metric, averaged as 2.2.4 did (added once)

    model.compile(loss='mse', optimizer='adam', weighted_metrics=[
        weighted_metric_224(MeanAbsoluteError, name='weighted_mean_absolute_error')])
    ```

    ## Fix safety
    Safe: the same function, weighted and averaged as 2.2.4 did, under 2.2.4's key. An
    accuracy whose loss is not a cross-entropy string depended on the output's shape in 2.2.4
    and is reported without a fix.
    """

    code = "KL626"
    name = "weighted-metric-key"
    summary = "A weighted metric string is logged under another History key by tf.keras"
    fix_title = "Keep Keras 2.2.4's weighted metric key"
    cases = (
        Valid("""
            import keras
            model.compile('sgd', 'mse', metrics=['mae'])
            """),
        Invalid(
            """
            import keras
            model.compile('sgd', 'mse', weighted_metrics=['mae'])
            """,
            fixed=("import keras\nfrom tensorflow.keras.metrics import MeanAbsoluteError\n\n\n" + WEIGHTED_METRIC_CODE
                   + "\n\nmodel.compile('sgd', 'mse', weighted_metrics=[weighted_metric_224(MeanAbsoluteError, "
                   "name='weighted_mean_absolute_error')])\n"),
            message="weighted metric 'mae' was logged as `weighted_mean_absolute_error` in Keras 2.2.4",
        ),
    )

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        table = self.context.table
        for string, loss in metric_strings(node, "weighted_metrics"):
            text = string.value
            key = METRIC_ALIASES.get(text, text)
            function = key
            if text in ACCURACY_STRINGS:
                key = HISTORY_KEY
                function = ACCURACY_BY_LOSS.get(calls.string_value(loss) if isinstance(loss, ast.expr) else "")
            name = WEIGHTED_PREFIX + key
            cls = METRIC_CLASSES.get(function or "")
            message = f"weighted metric {text!r} was logged as `{name}` in Keras 2.2.4"
            if cls is None or cls in table.shadowed or table.bindings.get(cls, f"{METRICS_MODULE}.{cls}") \
                    != f"{METRICS_MODULE}.{cls}" or not definable(table, WEIGHTED_METRIC_NAME):
                self.report(string, message + "; name a tf.keras metric so by hand")
                continue
            quote = calls.current_source.get().quote(string)
            replacement = f"{WEIGHTED_METRIC_NAME}({cls}, name={quote}{name}{quote})"
            self.report(string, message, transform=lambda updated, r=replacement: cst.parse_expression(r),
                        imports=(Import(METRICS_MODULE, cls),),
                        definitions=(Definition(WEIGHTED_METRIC_NAME, WEIGHTED_METRIC_CODE),))
