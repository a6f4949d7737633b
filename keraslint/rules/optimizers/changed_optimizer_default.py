"""KL302: an Adadelta, Adagrad, Adamax or Nadam call that relies on a default that changed."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.keras224.optimizers import CHANGED_DEFAULTS
from keraslint.rule import Invalid, Valid
from keraslint.rules.optimizers._optimizer_calls import OptimizerCallRule


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

    def check(self, node: cst.Call, optimizer: str) -> None:
        pins = CHANGED_DEFAULTS.get(optimizer)
        if not pins:
            return
        missing = [name for name in pins if not _passes(node, name)]
        if not missing:
            return
        shown = ", ".join(f"{name}={pins[name]!r}" for name in missing)
        if calls.has_star_args(node):
            self.report(node, f"`{optimizer}` may rely on changed defaults; pin `{shown}` by hand")
            return

        def transform(updated: cst.Call) -> cst.Call:
            todo = [n for n in missing if not _passes(updated, n)]
            return calls.add_keywords(updated, [(n, calls.literal(pins[n])) for n in todo])

        self.report(
            node,
            f"`{optimizer}` relies on a default that changed in tf.keras (Keras 2.2.4: {shown})",
            transform=transform,
            fix_title=f"Pin `{shown}`",
        )


def _passes(call: cst.Call, name: str) -> bool:
    """Whether the call sets tf.keras's ``name`` (learning_rate may be ``lr`` or first)."""
    names = calls.keyword_names(call)
    if name == "learning_rate":
        return bool({"lr", "learning_rate"} & names) or calls.positional_count(call) > 0
    return name in names
