"""KL2xx: BatchNormalization calls that rely on implicit defaults."""

from __future__ import annotations

import libcst as cst

from keraslint.rules._pinned import PinnedDefaultRule


def _docs(argument: str, default: float, key: str, recipe: float) -> str:
    return f"""
    ## What it does
    Finds `BatchNormalization` calls that do not pass `{argument}`, and writes out the
    Keras 2.2.4 default, `{argument}={default!r}`. The value can be configured with
    `{key}` in `[tool.keraslint]`.

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
    x = BatchNormalization({argument}={default!r})(x)
    ```

    ## Fix safety
    Safe with the default value: 2.2.4's default is unchanged in tf.keras, so the model
    behaves the same. A configured value other than {default!r} (a common recipe is
    `{key} = {recipe!r}`) changes the model; that fix is unsafe and is applied only with
    `--unsafe-fixes`. Calls with `*args`/`**kwargs` are reported without a fix.
    """


class ImplicitBatchNormMomentum(PinnedDefaultRule):
    __doc__ = _docs("momentum", 0.99, "batchnorm-momentum", 0.9)
    code = "KL201"
    name = "implicit-batchnorm-momentum"
    summary = "BatchNormalization relies on the implicit `momentum` default"
    fix_title = "Pin `momentum`"
    argument = "momentum"
    valid = (
        "from keras.layers import BatchNormalization\nBatchNormalization(momentum=0.9)\n",
        "from keras.layers import BatchNormalization\nBatchNormalization(-1, 0.9)\n",
    )
    invalid = (
        ("from keras.layers.normalization import BatchNormalization\nBatchNormalization()\n",
         "from keras.layers.normalization import BatchNormalization\n"
         "BatchNormalization(momentum=0.99)\n"),
        ("import keras\nkeras.layers.BatchNormalization(axis=1)\n",
         "import keras\nkeras.layers.BatchNormalization(axis=1, momentum=0.99)\n"),
    )

    def value(self, node: cst.Call, layer: str) -> object:
        return self.context.settings.batchnorm_momentum


class ImplicitBatchNormEpsilon(PinnedDefaultRule):
    __doc__ = _docs("epsilon", 0.001, "batchnorm-epsilon", 1e-5)
    code = "KL202"
    name = "implicit-batchnorm-epsilon"
    summary = "BatchNormalization relies on the implicit `epsilon` default"
    fix_title = "Pin `epsilon`"
    argument = "epsilon"
    valid = (
        "from keras.layers import BatchNormalization\nBatchNormalization(epsilon=1e-5)\n",
        "from keras.layers import BatchNormalization\nBatchNormalization(-1, 0.9, 1e-5)\n",
    )
    invalid = (
        ("from keras.layers import BatchNormalization\nBatchNormalization(axis=3)\n",
         "from keras.layers import BatchNormalization\n"
         "BatchNormalization(axis=3, epsilon=0.001)\n"),
    )

    def value(self, node: cst.Call, layer: str) -> object:
        return self.context.settings.batchnorm_epsilon
