"""KL309: on keras2, an optimizer whose updates differ from Keras 2.2.4's and cannot be fixed (opt-in)."""

from __future__ import annotations

import ast

from keraslint.keras224.optimizers import (
    BIAS_CORRECTION_DIFFERS,
    EPSILON_INSIDE_SQRT,
    wrapped_optimizers,
)
from keraslint.keras224.targets import Target
from keraslint.rule import Invalid, Valid
from keraslint.rules.optimizers._optimizer_calls import OptimizerCallRule


class OptimizerUnfixableDifference(OptimizerCallRule):
    """
    ## What it does
    Opt-in (select it by code: `--select KL309`). On the `keras2` target, reports the
    optimizers whose updates differ from Keras 2.2.4's where keraslint cannot make them the
    same: Adam, Adamax, Nadam, RMSprop and Adagrad. (On `keras3`, KL312 gives them 2.2.4's
    updates.)

    ## Why is this bad?
    2.2.4 read the step counter after incrementing it, so its first bias-corrected update
    used t=2; tf.keras uses t=1 (with a constant gradient and `lr=1`, 2.2.4's first Adam
    steps were 0.744, 0.858, 0.910, tf.keras's 1.0 each: docs/facts.md §1c). Nadam's
    momentum schedule differs too (`0.96 ** t` for 2.2.4's `0.96 ** (t * 0.004)`). RMSprop
    and Adagrad divide by `sqrt(a + epsilon)` where 2.2.4 divided by `sqrt(a) + epsilon`,
    which matters while the accumulated squares are small. It matters only when results
    must match a 2.2.4 run closely, which is why the rule is opt-in.

    ## Example
    ```python
    opt = Nadam(learning_rate=0.002)
    ```

    ## Use instead
    ```python
    opt = Nadam(learning_rate=0.002)  # noqa: KL309 - updates differ slightly from 2.2.4
    ```

    ## Fix safety
    No fix: informational only.
    """

    code = "KL309"
    name = "optimizer-unfixable-difference"
    summary = "On keras2, Adam/Adamax/Nadam/RMSprop/Adagrad's updates differ from 2.2.4 (opt-in)"
    explicit = True
    case_target = Target.KERAS2
    cases = (
        Valid("""
            from keras.optimizers import SGD
            SGD(learning_rate=0.1)
            """),
        Invalid(
            """
            from keras.optimizers import Nadam
            Nadam()
            """,
            fixed=None,
            message=("`Nadam`'s updates differ from Keras 2.2.4's (bias-correction step, momentum schedule); "
                     "no argument reproduces them"),
        ),
        Invalid(
            """
            from keras.optimizers import Adam
            Adam()
            """,
            fixed=None,
            message=("`Adam`'s updates differ from Keras 2.2.4's (bias-correction step); no argument "
                     "reproduces them"),
        ),
    )

    def check(self, node: ast.Call, optimizer: str) -> None:
        if "KL312" in self.context.enabled and optimizer in wrapped_optimizers(self.context.settings.target):
            return  # KL312 makes them 2.2.4's
        if optimizer in BIAS_CORRECTION_DIFFERS:
            self.report(
                node,
                f"`{optimizer}`'s updates differ from Keras 2.2.4's (bias-correction step"
                f"{', momentum schedule' if optimizer == 'Nadam' else ''}); no argument reproduces them",
            )
        elif optimizer in EPSILON_INSIDE_SQRT:
            self.report(
                node,
                f"`{optimizer}` divides by sqrt(a + epsilon), Keras 2.2.4 by sqrt(a) + epsilon; "
                "no argument reproduces it",
            )
