"""KL302: an Adadelta, Adagrad, Adamax or Nadam call that relies on a default that changed."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.optimizers import CHANGED_DEFAULTS
from keraslint.rule import Invalid, Valid
from keraslint.rules.optimizers._optimizer_calls import OptimizerCallRule

if TYPE_CHECKING:
    import libcst as cst


class ChangedOptimizerDefault(OptimizerCallRule):
    """
    ## What it does
    Finds calls to Adadelta, Adagrad, Adamax and Nadam that rely on a default that changed,
    and writes out the Keras 2.2.4 value: Adadelta `learning_rate=1.0`, Adagrad
    `learning_rate=0.01, initial_accumulator_value=0.0`, Adamax and Nadam
    `learning_rate=0.002`.

    ## Why is this bad?
    tf.keras uses `learning_rate=0.001` for all four (and starts Adagrad's accumulators at
    0.1). `Adadelta()` trains 1000x slower than it did: the Keras 2.2.4 `mnist_cnn.py`
    example stalls at a loss of about 2.25 on TF 2.21, and learns once the rate is pinned.

    ## Example
    ```python
    model.compile(optimizer=keras.optimizers.Adadelta(), loss='categorical_crossentropy')
    ```

    ## Use instead
    ```python
    model.compile(optimizer=keras.optimizers.Adadelta(learning_rate=1.0),
                  loss='categorical_crossentropy')
    ```

    ## Fix safety
    Safe: the pinned values are what Keras 2.2.4 used, and give the same updates (verified
    to 2e-8 on TF 2.4, 2.15 and Keras 3; docs/facts.md §1a).
    """

    code = "KL302"
    name = "changed-optimizer-default"
    summary = "Optimizer relies on a default that changed (Adadelta, Adagrad, Adamax, Nadam)"
    fix_title = "Pin the Keras 2.2.4 value"
    cases = (
        Valid("""
            from keras.optimizers import Adadelta
            Adadelta(1.0)
            """),
        Valid("""
            from keras.optimizers import Adam
            Adam()
            """),
        Valid("""
            from keras.optimizers import Adagrad
            Adagrad(lr=0.01, initial_accumulator_value=0.1)
            """),
        Invalid(
            """
            import keras
            opt = keras.optimizers.Adadelta()
            """,
            fixed="""
            import keras
            opt = keras.optimizers.Adadelta(learning_rate=1.0)
            """,
            message="`Adadelta` relies on a default that changed in tf.keras (Keras 2.2.4: learning_rate=1.0)",
        ),
        Invalid(
            """
            from keras.optimizers import Adagrad
            Adagrad(epsilon=1e-7)
            """,
            fixed="""
            from keras.optimizers import Adagrad
            Adagrad(epsilon=1e-7, learning_rate=0.01, initial_accumulator_value=0.0)
            """,
            message=("`Adagrad` relies on a default that changed in tf.keras (Keras 2.2.4: learning_rate=0.01, "
                     "initial_accumulator_value=0.0)"),
        ),
        Invalid(
            """
            from keras.optimizers import Adagrad
            Adagrad(0.1)
            """,
            fixed="""
            from keras.optimizers import Adagrad
            Adagrad(0.1, initial_accumulator_value=0.0)
            """,
            message=("`Adagrad` relies on a default that changed in tf.keras (Keras 2.2.4: "
                     "initial_accumulator_value=0.0)"),
        ),
        Invalid(
            """
            from keras.optimizers import Nadam
            Nadam(beta_1=0.8)
            """,
            fixed="""
            from keras.optimizers import Nadam
            Nadam(beta_1=0.8, learning_rate=0.002)
            """,
            message="`Nadam` relies on a default that changed in tf.keras (Keras 2.2.4: learning_rate=0.002)",
        ),
    )

    def check(self, node: ast.Call, optimizer: str) -> None:
        pins = CHANGED_DEFAULTS.get(optimizer)
        if not pins:
            return
        names, positional = calls.keyword_names(node), calls.positional_count(node)
        missing = [name for name in pins if not _passes(names, positional, name)]
        if not missing:
            return
        shown = ", ".join(f"{name}={pins[name]!r}" for name in missing)
        if calls.has_star_args(node):
            self.report(node, f"`{optimizer}` may rely on changed defaults; pin `{shown}` by hand")
            return

        def transform(updated: cst.Call) -> cst.Call:
            names, positional = call_edits.keyword_names(updated), call_edits.positional_count(updated)
            todo = [n for n in missing if not _passes(names, positional, n)]
            return call_edits.add_keywords(updated, [(n, call_edits.literal(pins[n])) for n in todo])

        self.report(
            node,
            f"`{optimizer}` relies on a default that changed in tf.keras (Keras 2.2.4: {shown})",
            transform=transform,
            fix_title=f"Pin `{shown}`",
        )


def _passes(names: set[str], positional: int, name: str) -> bool:
    """Whether a call with these keywords and positional arguments sets tf.keras's ``name``
    (learning_rate may be ``lr`` or first)."""
    if name == "learning_rate":
        return bool({"lr", "learning_rate"} & names) or positional > 0
    return name in names
