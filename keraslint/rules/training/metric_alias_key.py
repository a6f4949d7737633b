"""KL611: a `compile` metric string that tf.keras logs under another History key, or rejects."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.training import (
    LOSSES_MODULE,
    METRIC_ALIASES,
    METRIC_WRAPPER,
    METRIC_WRAPPER_MODULE,
    WRAPPED_METRICS,
)
from keraslint.lazycst import cst
from keraslint.rule import Import, Invalid, Matches, Rule, Valid
from keraslint.rules.training._compile_values import metric_strings, quoted_like


class MetricAliasKey(Rule):
    """
    ## What it does
    In `compile(metrics=...)`, rewrites the metric strings whose History key changed to the
    name Keras 2.2.4 logged them under: `'mse'` becomes `'mean_squared_error'`, `'mae'`
    `'mean_absolute_error'` (also `'mape'`, `'msle'`). The 2.2.4 metrics the target no longer
    accepts as strings (`'cosine'`, and on Keras 3 `'logcosh'` and
    `'kullback_leibler_divergence'`) become `MeanMetricWrapper(<the same function>, name=<2.2.4's key>)`.

    ## Why is this bad?
    Keras 2.2.4 named a metric's History key after its function, so `metrics=['mse']` logged
    `mean_squared_error` and `val_mean_squared_error`, and 2.2.4 code reads those keys
    (`history.history['val_mean_squared_error']`, `monitor='val_mean_absolute_error'`).
    tf.keras logs the string as given (`mse`): the readers raise `KeyError`, and a callback
    monitoring the old key silently never acts. The strings tf.keras does not know fail in
    `compile`.

    ## Example
    ```python
    model.compile(optimizer='adam', loss='mse', metrics=['mae', 'cosine'])
    ```

    ## Use instead
    ```python
    from tensorflow.keras.losses import cosine_similarity
    from tensorflow.keras.metrics import MeanMetricWrapper
    model.compile(optimizer='adam', loss='mse', metrics=[
        'mean_absolute_error', MeanMetricWrapper(cosine_similarity, name='cosine_proximity')])
    ```

    ## Fix safety
    Safe: the same function, logged under 2.2.4's key. 2.2.4's `cosine_proximity` and
    tf.keras's `cosine_similarity` loss are the same formula, `-sum(l2_normalize(y_true) *
    l2_normalize(y_pred))`.
    """

    code = "KL611"
    name = "metric-alias-key"
    summary = "Metric string logged under another History key (or rejected) by tf.keras"
    fix_title = "Keep Keras 2.2.4's metric and History key"
    cases = (
        Valid("""
            import keras
            model.compile('sgd', 'mse', metrics=['mean_squared_error', 'acc'])
            """),
        Valid("""
            import keras
            thing.compile(source, 'exec')
            """),
        Invalid(
            """
            import keras
            model.compile(optimizer='sgd', loss='mean_squared_error', metrics=['mae'])
            """,
            fixed="""
            import keras
            model.compile(optimizer='sgd', loss='mean_squared_error', metrics=['mean_absolute_error'])
            """,
            message="metric 'mae' was logged as `mean_absolute_error` in Keras 2.2.4; tf.keras logs `mae`",
        ),
        Invalid(
            """
            import keras
            model.compile('adam', 'categorical_crossentropy', ['acc', "mse"])
            """,
            fixed="""
            import keras
            model.compile('adam', 'categorical_crossentropy', ['acc', "mean_squared_error"])
            """,
            message="metric 'mse' was logged as `mean_squared_error` in Keras 2.2.4; tf.keras logs `mse`",
        ),
        Invalid(
            """
            import keras
            model.compile('adam', loss='mean_squared_error', metrics=['cosine'])
            """,
            fixed="""
            import keras
            from tensorflow.keras.losses import cosine_similarity
            from tensorflow.keras.metrics import MeanMetricWrapper

            model.compile('adam', loss='mean_squared_error', metrics=[MeanMetricWrapper(cosine_similarity, name='cosine_proximity')])
            """,
            message="metric 'cosine' is not a tf.keras metric string; 2.2.4 logged it as `cosine_proximity`",
        ),
    )

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        wrapped = WRAPPED_METRICS[self.context.settings.target]
        table = self.context.table
        for string, _loss in metric_strings(node):
            text = string.value
            key = METRIC_ALIASES.get(text, text)
            if key in wrapped:
                function = wrapped[key]
                if any(name in table.shadowed or table.bindings.get(name, f"{module}.{name}") != f"{module}.{name}"
                       for module, name in ((METRIC_WRAPPER_MODULE, METRIC_WRAPPER), (LOSSES_MODULE, function))):
                    self.report(string, f"`{text!r}`: use `{METRIC_WRAPPER}({function}, name={key!r})` by hand")
                    continue
                quote = calls.current_source.get().quote(string)
                replacement = f"{METRIC_WRAPPER}({function}, name={quote}{key}{quote})"
                self.report(
                    string,
                    f"metric {text!r} is not a tf.keras metric string; 2.2.4 logged it as `{key}`",
                    transform=lambda updated, r=replacement: cst.parse_expression(r),
                    imports=(Import(METRIC_WRAPPER_MODULE, METRIC_WRAPPER), Import(LOSSES_MODULE, function)),
                )
            elif key != text:
                self.report(
                    string,
                    f"metric {text!r} was logged as `{key}` in Keras 2.2.4; tf.keras logs `{text}`",
                    transform=lambda updated, key=key: quoted_like(updated, key),
                )
