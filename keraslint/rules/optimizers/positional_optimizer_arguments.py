"""KL306: optimizer arguments past the learning rate passed by position."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.rule import Invalid, Valid
from keraslint.rules.optimizers._optimizer_calls import OptimizerCallRule, by_keyword


class PositionalOptimizerArguments(OptimizerCallRule):
    """
    ## What it does
    Finds optimizer calls that pass more than the learning rate by position, and writes the
    other arguments as keywords with their Keras 2.2.4 names.

    ## Why is this bad?
    tf.keras optimizers have other parameters in other positions: 2.2.4's
    `RMSprop(lr, rho, epsilon, decay)` is tf.keras's `RMSprop(learning_rate, rho, momentum,
    epsilon, ...)`, so `RMSprop(0.001, 0.9, 1e-6)` silently sets `momentum=1e-6`, and
    `Adagrad(0.01, 1e-6)` sets `initial_accumulator_value`.

    ## Example
    ```python
    opt = RMSprop(0.001, 0.9, 1e-06)
    ```

    ## Use instead
    ```python
    opt = RMSprop(0.001, rho=0.9, epsilon=1e-06)
    ```

    ## Fix safety
    Safe: each value keeps the parameter Keras 2.2.4 gave it; other rules then rename or
    convert those that changed (`decay`, `lr`).
    """

    code = "KL306"
    name = "positional-optimizer-arguments"
    summary = "Optimizer arguments passed by position mean other parameters in tf.keras"
    fix_title = "Pass them by keyword"
    cases = (
        Valid("""
            from keras.optimizers import SGD
            SGD(0.1, momentum=0.9)
            """),
        Invalid(
            """
            from keras.optimizers import RMSprop
            RMSprop(0.001, 0.9, 1e-06)
            """,
            fixed="""
            from keras.optimizers import RMSprop
            RMSprop(0.001, rho=0.9, epsilon=1e-06)
            """,
            message="`RMSprop` gets arguments by position that tf.keras reads as other parameters",
        ),
    )

    def check(self, node: ast.Call, optimizer: str) -> None:
        if calls.positional_count(node) <= 1 or calls.has_star_args(node):
            return
        self.report(
            node,
            f"`{optimizer}` gets arguments by position that tf.keras reads as other parameters",
            transform=by_keyword(optimizer, lambda updated: updated),
        )
