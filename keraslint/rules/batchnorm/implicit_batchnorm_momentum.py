"""KL201: a BatchNormalization call that relies on the `momentum` default."""

from __future__ import annotations

import libcst as cst

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule


class ImplicitBatchNormMomentum(PinnedDefaultRule):
    """
    ## What it does
    Finds `BatchNormalization` calls that do not pass `momentum`, and writes out the
    Keras 2.2.4 default, `momentum=0.99`. The value can be configured with
    `batchnorm-momentum` in `[tool.keraslint]`.

    ## Why is this bad?
    `momentum` and `epsilon` decide how the moving statistics used at inference are
    computed. Ports of models from other frameworks often assume different values
    (PyTorch uses momentum 0.9 and eps 1e-5), and a reader cannot tell which one this
    layer gets unless it is written out.

    ## Example
    ```python
    x = BatchNormalization()(x)
    ```

    ## Use instead
    ```python
    x = BatchNormalization(momentum=0.99)(x)
    ```

    ## Fix safety
    Safe with the default value: 2.2.4's default is unchanged in tf.keras, so the model
    behaves the same. A configured value other than 0.99 (a common recipe is
    `batchnorm-momentum = 0.9`) changes the model; that fix is unsafe and is applied only with
    `--unsafe-fixes`. Calls with `*args`/`**kwargs` are reported without a fix.
    """

    code = "KL201"
    name = "implicit-batchnorm-momentum"
    summary = "BatchNormalization relies on the implicit `momentum` default"
    fix_title = "Pin `momentum`"
    argument = "momentum"
    cases = (
        Valid("""
            from keras.layers import BatchNormalization
            BatchNormalization(momentum=0.9)
            """),
        Valid("""
            from keras.layers import BatchNormalization
            BatchNormalization(-1, 0.9)
            """),
        Invalid(
            """
            from keras.layers.normalization import BatchNormalization
            BatchNormalization()
            """,
            fixed="""
            from keras.layers.normalization import BatchNormalization
            BatchNormalization(momentum=0.99)
            """,
            message="`BatchNormalization` relies on the implicit `momentum` default",
        ),
        Invalid(
            """
            import keras
            keras.layers.BatchNormalization(axis=1)
            """,
            fixed="""
            import keras
            keras.layers.BatchNormalization(axis=1, momentum=0.99)
            """,
            message="`BatchNormalization` relies on the implicit `momentum` default",
        ),
        Invalid(
            """
            from keras.layers import BatchNormalization
            BatchNormalization(**options)
            """,
            fixed=None,
            message=("`BatchNormalization` relies on the implicit `momentum` default (`*args`/`**kwargs` "
                     "may hide it); pin `momentum=0.99` by hand"),
        ),
    )

    def value(self, node: cst.Call, layer: str) -> object:
        return self.context.settings.batchnorm_momentum
