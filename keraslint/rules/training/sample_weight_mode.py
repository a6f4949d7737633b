"""KL627: `compile(sample_weight_mode=)`, which Keras 3 rejects and has no use for."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.training import COMPILE_PARAMETERS, SAMPLE_WEIGHT_MODE, SAMPLE_WEIGHT_MODE_TARGETS
from keraslint.rule import Invalid, Matches, Rule, Valid


class SampleWeightMode(Rule):
    """
    ## What it does
    On the `keras3` target, removes `sample_weight_mode=` from `compile()`.

    ## Why is this bad?
    Keras 2.2.4 needed `sample_weight_mode='temporal'` to take a `(samples, timesteps)`
    `sample_weight` (a mask over padded time steps). tf.keras reads the shape of the weights
    instead, and Keras 3's `compile` raises `TypeError: ... unexpected keyword argument
    'sample_weight_mode'`.

    A difference remains that no argument can undo: with weights of zero (padding), 2.2.4
    divided the weighted loss by the share of nonzero weights in the batch, tf.keras by the
    number of weights. The loss a masked model reports is smaller by that share, and SGD
    steps are as much smaller.

    ## Example
    ```python
    model.compile(loss='categorical_crossentropy', optimizer='adam', sample_weight_mode='temporal')
    model.fit(x, y, sample_weight=mask)
    ```

    ## Use instead
    ```python
    model.compile(loss='categorical_crossentropy', optimizer='adam')
    model.fit(x, y, sample_weight=mask)
    ```

    ## Fix safety
    Safe: tf.keras takes the same weights without the argument.
    """

    code = "KL627"
    name = "sample-weight-mode"
    summary = "`compile(sample_weight_mode=)` is rejected by Keras 3, which reads the weights' shape"
    fix_title = "Remove `sample_weight_mode`"
    cases = (
        Valid("""
            import keras
            model.compile('adam', 'mse')
            """),
        Invalid(
            """
            import keras
            model.compile('adam', 'mse', sample_weight_mode='temporal')
            """,
            fixed="""
            import keras
            model.compile('adam', 'mse')
            """,
            message="Keras 3 has no `compile(sample_weight_mode=)`: it reads the weights' shape",
        ),
    )

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if self.context.settings.target not in SAMPLE_WEIGHT_MODE_TARGETS \
                or not (isinstance(func, ast.Attribute) and func.attr == "compile") \
                or calls.has_star_args(node):
            return
        position = COMPILE_PARAMETERS.index(SAMPLE_WEIGHT_MODE)
        if SAMPLE_WEIGHT_MODE in calls.keyword_names(node):
            transform = lambda updated: call_edits.remove_keyword(updated, SAMPLE_WEIGHT_MODE)  # noqa: E731
        elif calls.positional_count(node) > position:
            if calls.positional_count(node) > position + 1:  # later positionals would shift
                self.report(node, "Keras 3 has no `compile(sample_weight_mode=)`; pass the rest by keyword")
                return
            transform = lambda updated: call_edits.remove_positional(updated, position)  # noqa: E731
        else:
            return
        self.report(node, "Keras 3 has no `compile(sample_weight_mode=)`: it reads the weights' shape",
                    transform=transform)
