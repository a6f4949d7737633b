"""KL303: `decay=` in a Keras optimizer call, which tf.keras ignores or rejects."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.optimizers import OPTIMIZER_CODE, OPTIMIZER_NAME, optimizer_code
from keraslint.rule import Definition, Invalid, Valid, definable
from keraslint.rules.optimizers._optimizer_calls import (
    OptimizerCallRule,
    by_keyword,
    is_number,
    parameters_224,
    passed_value,
    wrap_in_optimizer_224,
)

if TYPE_CHECKING:
    import libcst as cst


class OptimizerDecayArgument(OptimizerCallRule):
    """
    ## What it does
    Finds `decay=d` in calls to Keras optimizers and keeps Keras 2.2.4's decay of the rate,
    `lr / (1 + d * iterations)`: the optimizer becomes `optimizer_224(SGD)(..., decay=d)`,
    Keras 2.2.4's optimizer as a subclass of the tf.keras class (on `keras2`, of the legacy
    class), made by one function keraslint adds to the module (it keeps 2.2.4's other update
    details too: KL312).

    ## Why is this bad?
    Keras 2.2.4 decayed the rate as `lr / (1 + decay * iterations)`. TF 2.11 to 2.15
    reject `decay=` in the new optimizers, and Keras 3 accepts it and *ignores* it with
    only a warning, so the rate never decays.

    ## Example
    ```python
    opt = keras.optimizers.SGD(lr=0.01, decay=1e-6, momentum=0.9)
    ```

    ## Use instead
    ```python
    def optimizer_224(cls):
        ...  # 2.2.4's updates as a subclass of cls (added once)

    opt = optimizer_224(keras.optimizers.SGD)(learning_rate=0.01, decay=1e-6, momentum=0.9)
    ```

    ## Fix safety
    Safe: the same rate at every step as 2.2.4 (the tests train both and compare the
    losses). With `optimizer_224` the rate stays a variable that callbacks can set
    (`LearningRateScheduler`, `ReduceLROnPlateau`, `optimizer.learning_rate = v`),
    `optimizer.learning_rate` reads the rate before decay as 2.2.4's `lr` did, and
    `optimizer.decay` reads the decay. `decay=0` is simply removed.
    """

    code = "KL303"
    name = "optimizer-decay-argument"
    summary = "`decay=` is ignored (Keras 3) or rejected (TF 2.11-2.15); keep 2.2.4's decay"
    fix_title = "Keep Keras 2.2.4's decay"
    cases = (
        Valid("""
            from keras.optimizers import SGD
            SGD(learning_rate=0.1)
            """),
        Invalid(
            """
            from keras.optimizers import SGD
            opt = SGD(lr=0.01, decay=1e-6)
            """,
            fixed=("from keras.optimizers import SGD\n\n\n" + OPTIMIZER_CODE
                   + "\n\nopt = optimizer_224(SGD)(lr=0.01, decay=1e-6)\n"),
            message="`SGD(decay=...)` is ignored or rejected by tf.keras optimizers",
        ),
        Invalid(
            """
            from keras.optimizers import SGD
            opt = SGD(decay=0.0, momentum=0.9)
            """,
            fixed="""
            from keras.optimizers import SGD
            opt = SGD(momentum=0.9)
            """,
            message="`SGD(decay=...)` is ignored or rejected by tf.keras optimizers",
        ),
        Invalid(
            """
            from keras.optimizers import SGD
            opt = SGD(0.01, 0.9, 1e-6)
            """,
            fixed=("from keras.optimizers import SGD\n\n\n" + OPTIMIZER_CODE
                   + "\n\nopt = optimizer_224(SGD)(0.01, momentum=0.9, decay=1e-6)\n"),
            message="`SGD(decay=...)` is ignored or rejected by tf.keras optimizers",
        ),
    )

    def check(self, node: ast.Call, optimizer: str) -> None:
        decay = passed_value(node, optimizer, "decay")
        if decay is None or "decay" not in parameters_224(optimizer):
            return
        zero = is_number(decay, 0)
        message = f"`{optimizer}(decay=...)` is ignored or rejected by tf.keras optimizers"
        if zero:
            self.report(node, message, transform=by_keyword(optimizer, _remove_decay), fix_title="Remove `decay=0`")
            return
        if isinstance(node.func, ast.Call):
            return  # optimizer_224(SGD)(..., decay=d) keeps 2.2.4's decay already
        if calls.has_star_args(node) or not definable(self.context.table, OPTIMIZER_NAME):
            self.report(node, f"{message}: keep 2.2.4's decay by hand")
            return
        self.report(node, message, transform=by_keyword(optimizer, wrap_in_optimizer_224),
                    definitions=(Definition(OPTIMIZER_NAME, optimizer_code(self.context.settings.target)),))


def _remove_decay(updated: cst.Call) -> cst.Call:
    return call_edits.remove_keyword(updated, "decay")
