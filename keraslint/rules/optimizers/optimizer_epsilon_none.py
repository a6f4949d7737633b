"""KL305: `epsilon=None` in a Keras optimizer call, which fails in tf.keras."""

from __future__ import annotations

import ast

from keraslint import call_edits
from keraslint.keras224.optimizers import EPSILON
from keraslint.rule import Invalid, Valid
from keraslint.rules.optimizers._optimizer_calls import (
    OptimizerCallRule,
    by_keyword,
    passed_value,
)


class OptimizerEpsilonNone(OptimizerCallRule):
    """
    ## What it does
    Finds `epsilon=None` in calls to Keras optimizers and writes `epsilon=1e-07`.

    ## Why is this bad?
    In Keras 2.2.4 `epsilon=None` meant `K.epsilon()`, which is 1e-07. tf.keras stores the
    `None`, and training fails on the first step (`ValueError: None values not supported`)
    on TF 2.11+ and Keras 3.

    ## Example
    ```python
    opt = Adam(lr=0.001, epsilon=None)
    ```

    ## Use instead
    ```python
    opt = Adam(lr=0.001, epsilon=1e-07)
    ```

    ## Fix safety
    Safe: 1e-07 is the value 2.2.4 used.
    """

    code = "KL305"
    name = "optimizer-epsilon-none"
    summary = "`epsilon=None` fails in tf.keras; 2.2.4 meant 1e-07"
    fix_title = "Write `epsilon=1e-07`"
    cases = (
        Valid("""
            from keras.optimizers import Adam
            Adam(epsilon=1e-8)
            """),
        Valid("""
            from keras.optimizers import Adam
            Adam(*args, None)
            """),  # where None lands is unknown
        Invalid(
            """
            from keras.optimizers import Adam
            Adam(epsilon=None)
            """,
            fixed="""
            from keras.optimizers import Adam
            Adam(epsilon=1e-07)
            """,
            message="`Adam(epsilon=None)` meant 1e-07 in Keras 2.2.4; tf.keras fails on it",
        ),
        Invalid(
            """
            from keras.optimizers import Adam
            Adam(0.001, 0.9, 0.999, None)
            """,
            fixed="""
            from keras.optimizers import Adam
            Adam(0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-07)
            """,
            message="`Adam(epsilon=None)` meant 1e-07 in Keras 2.2.4; tf.keras fails on it",
        ),
    )

    def check(self, node: ast.Call, optimizer: str) -> None:
        epsilon = passed_value(node, optimizer, "epsilon")
        if type(epsilon) is ast.Constant and epsilon.value is None:
            self.report(
                node,
                f"`{optimizer}(epsilon=None)` meant 1e-07 in Keras 2.2.4; tf.keras fails on it",
                transform=by_keyword(optimizer, lambda updated: call_edits.set_keyword_value(
                    updated, "epsilon", call_edits.literal(EPSILON)
                )),
            )
