"""KL202: a BatchNormalization call that relies on the `epsilon` default."""

from __future__ import annotations

import libcst as cst

from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule


class ImplicitBatchNormEpsilon(PinnedDefaultRule):
    """
    ## What it does
    Finds `BatchNormalization` calls that do not pass `epsilon`, and writes out the
    Keras 2.2.4 default, `epsilon=0.001`. The value can be configured with
    `batchnorm-epsilon` in `[tool.keraslint]`.

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
    x = BatchNormalization(epsilon=0.001)(x)
    ```

    ## Fix safety
    Safe with the default value: 2.2.4's default is unchanged in tf.keras, so the model
    behaves the same. A configured value other than 0.001 (a common recipe is
    `batchnorm-epsilon = 1e-05`) changes the model; that fix is unsafe and is applied only with
    `--unsafe-fixes`. Calls with `*args`/`**kwargs` are reported without a fix.
    """

    code = "KL202"
    name = "implicit-batchnorm-epsilon"
    summary = "BatchNormalization relies on the implicit `epsilon` default"
    fix_title = "Pin `epsilon`"
    argument = "epsilon"
    cases = (
        Valid("""
            from keras.layers import BatchNormalization
            BatchNormalization(epsilon=1e-5)
            """),
        Valid("""
            from keras.layers import BatchNormalization
            BatchNormalization(-1, 0.9, 1e-5)
            """),
        Invalid(
            """
            from keras.layers import BatchNormalization
            BatchNormalization(axis=3)
            """,
            fixed="""
            from keras.layers import BatchNormalization
            BatchNormalization(axis=3, epsilon=0.001)
            """,
            message="`BatchNormalization` relies on the implicit `epsilon` default",
        ),
    )

    def value(self, node: cst.Call, layer: str) -> object:
        return self.context.settings.batchnorm_epsilon
