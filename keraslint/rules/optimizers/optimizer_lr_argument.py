"""KL301: `lr=` in a Keras optimizer call, which tf.keras ignores or rejects."""

from __future__ import annotations

from keraslint.rule import Invalid, Valid
from keraslint.rules.optimizers._optimizer_calls import RenamedArgumentRule


class OptimizerLrArgument(RenamedArgumentRule):
    """
    ## What it does
    Finds `lr=` in calls to Keras optimizers and renames it `learning_rate=`.

    ## Why is this bad?
    `lr` is what Keras 2.2.4 called the learning rate. TF 2.11 to 2.15 and tf-keras drop
    it *without an error* and train with the default learning rate instead
    (`SGD(lr=0.1).learning_rate == 0.01`); Keras 3 (TF 2.16+) raises
    `ValueError: Argument(s) not recognized: {'lr': ...}`.

    ## Example
    ```python
    opt = keras.optimizers.RMSprop(lr=0.0001)
    ```

    ## Use instead
    ```python
    opt = keras.optimizers.RMSprop(learning_rate=0.0001)
    ```

    ## Fix safety
    Safe: `learning_rate` is the same parameter, accepted since TF 2.0.
    """

    code = "KL301"
    name = "optimizer-lr-argument"
    summary = "`lr=` is ignored or rejected by tf.keras optimizers; use `learning_rate=`"
    fix_title = "Rename `lr` to `learning_rate`"
    message = "`{optimizer}(lr=...)`: tf.keras ignores or rejects `lr`; use `learning_rate`"
    old = "lr"
    cases = (
        Valid("""
            from keras.optimizers import SGD
            SGD(learning_rate=0.1)
            """),
        Valid("""
            from keras.optimizers import SGD
            SGD(0.1)
            """),
        Valid("""
            from torch.optim import SGD
            SGD(params, lr=0.1)
            """),
        Invalid(
            """
            from keras.optimizers import SGD
            SGD(lr=0.1, momentum=0.9)
            """,
            fixed="""
            from keras.optimizers import SGD
            SGD(learning_rate=0.1, momentum=0.9)
            """,
            message="`SGD(lr=...)`: tf.keras ignores or rejects `lr`; use `learning_rate`",
        ),
        Invalid(
            """
            import keras
            opt = keras.optimizers.rmsprop(lr=1e-4)
            """,
            fixed="""
            import keras
            opt = keras.optimizers.rmsprop(learning_rate=1e-4)
            """,
            message="`RMSprop(lr=...)`: tf.keras ignores or rejects `lr`; use `learning_rate`",
        ),
        Invalid(
            """
            import tensorflow as tf
            tf.keras.optimizers.Adam(lr=3e-4)
            """,
            fixed="""
            import tensorflow as tf
            tf.keras.optimizers.Adam(learning_rate=3e-4)
            """,
            message="`Adam(lr=...)`: tf.keras ignores or rejects `lr`; use `learning_rate`",
        ),
    )
