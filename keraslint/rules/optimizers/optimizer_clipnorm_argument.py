"""KL304: `clipnorm=` in a Keras optimizer call, which clips each tensor in tf.keras."""

from __future__ import annotations

from keraslint.rule import Invalid, Valid
from keraslint.rules.optimizers._optimizer_calls import RenamedArgumentRule


class OptimizerClipnormArgument(RenamedArgumentRule):
    """
    ## What it does
    Finds `clipnorm=` in calls to Keras optimizers and renames it `global_clipnorm=`.

    ## Why is this bad?
    In Keras 2.2.4 `clipnorm=c` scaled *all* gradients together so that their global norm
    is at most `c`. In tf.keras `clipnorm` clips each gradient tensor separately, which
    lets the total update grow with the number of weight tensors. `global_clipnorm`
    (TF 2.4+) is 2.2.4's behaviour.

    ## Example
    ```python
    opt = SGD(learning_rate=0.01, clipnorm=1.0)
    ```

    ## Use instead
    ```python
    opt = SGD(learning_rate=0.01, global_clipnorm=1.0)
    ```

    ## Fix safety
    Safe: `global_clipnorm` reproduces 2.2.4's clipping exactly.
    """

    code = "KL304"
    name = "optimizer-clipnorm-argument"
    summary = "`clipnorm=` clips per tensor in tf.keras, globally in 2.2.4"
    fix_title = "Rename `clipnorm` to `global_clipnorm`"
    message = "`{optimizer}(clipnorm=...)` clipped by the global norm in Keras 2.2.4; tf.keras clips each tensor"
    old = "clipnorm"
    cases = (
        Valid("""
            from keras.optimizers import SGD
            SGD(global_clipnorm=1.0, clipvalue=0.5)
            """),
        Invalid(
            """
            from keras.optimizers import Adam
            Adam(clipnorm=1.0)
            """,
            fixed="""
            from keras.optimizers import Adam
            Adam(global_clipnorm=1.0)
            """,
            message=("`Adam(clipnorm=...)` clipped by the global norm in Keras 2.2.4; tf.keras clips each "
                     "tensor"),
        ),
    )
