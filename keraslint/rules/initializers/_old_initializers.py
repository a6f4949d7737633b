"""KL1xx: layer calls that rely on an implicit initializer default."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.keras224.initializers import ALIASES as INITIALIZER_ALIASES
from keraslint.keras224.initializers import VALUES_DIFFER
from keraslint.keras224.layers import SIGNATURES
from keraslint.rule import Rule
from keraslint.rules._pinned import PinnedDefaultRule

_FIX_SAFETY = """
    ## Fix safety
    Safe: the pinned value is the Keras 2.2.4 default, which is also tf.keras's, so
    the model is unchanged and the choice becomes visible. Calls with `*args` or
    `**kwargs` are reported without a fix, since the argument may be inside.
"""


class ImplicitKernelInitializer(PinnedDefaultRule):
    __doc__ = """
    ## What it does
    Finds calls to Keras layers with a kernel (Dense, Conv1D/2D/3D, Conv2DTranspose,
    Conv3DTranspose, LocallyConnected1D/2D, SimpleRNN, GRU, LSTM, ConvLSTM2D and their
    2.2.4 aliases such as `Convolution2D`) that do not pass `kernel_initializer`, and
    writes out the Keras 2.2.4 default, `'glorot_uniform'`.

    The value written can be configured with `kernel-initializer`, and with
    `relu-kernel-initializer` for layers whose `activation` is `'relu'`. A configured
    value other than the 2.2.4 default changes the model, so that fix is marked unsafe.

    ## Why is this bad?
    A migrated model should make every choice it depends on visible, so that the next
    change of defaults cannot silently change how it trains, and a reviewer can see
    which initialization each layer gets.

    ## Example
    ```python
    model.add(Dense(64, activation='relu'))
    ```

    ## Use instead
    ```python
    model.add(Dense(64, activation='relu', kernel_initializer='glorot_uniform'))
    ```
    """ + _FIX_SAFETY + """
    With a configured value that differs from the 2.2.4 default the fix is unsafe: it
    changes the model's initialization, and is applied only with `--unsafe-fixes`.
    """

    code = "KL101"
    name = "implicit-kernel-initializer"
    summary = "Layer call relies on the implicit `kernel_initializer` default"
    fix_title = "Pin `kernel_initializer`"
    argument = "kernel_initializer"
    valid = (
        "from keras.layers import Dense\nDense(3, kernel_initializer='he_normal')\n",
        "from keras.layers import Dense\nDense(3, init='he_normal')\n",
        "from keras.layers import Dense\nDense(3, None, True, 'he_normal')\n",
        "from mylib import Dense\nDense(3)\n",
        "from keras.layers import *\ndef Dense(n): pass\nDense(3)\n",
        "from keras.layers import Dropout\nDropout(0.5)\n",
        "import numpy as np\nnp.Dense(3)\n",
    )
    invalid = (
        ("from keras.layers import Dense\nDense(3)\n",
         "from keras.layers import Dense\nDense(3, kernel_initializer='glorot_uniform')\n"),
        ("from keras.layers import Dense as D\nD(3, activation=\"relu\")\n",
         "from keras.layers import Dense as D\n"
         "D(3, activation=\"relu\", kernel_initializer=\"glorot_uniform\")\n"),
        ("import keras\nkeras.layers.Conv2D(8, (3, 3))\n",
         "import keras\nkeras.layers.Conv2D(8, (3, 3), kernel_initializer='glorot_uniform')\n"),
        ("from keras import layers as L\nL.Convolution2D(8, 3, 3)\n",
         "from keras import layers as L\n"
         "L.Convolution2D(8, 3, 3, kernel_initializer='glorot_uniform')\n"),
        ("from keras.layers.convolutional import *\nConv1D(4, 3)\n",
         "from keras.layers.convolutional import *\n"
         "Conv1D(4, 3, kernel_initializer='glorot_uniform')\n"),
        ("import tensorflow as tf\ntf.keras.layers.Dense(\n    3,\n    use_bias=False,\n)\n",
         "import tensorflow as tf\ntf.keras.layers.Dense(\n    3,\n    use_bias=False,\n"
         "    kernel_initializer='glorot_uniform',\n)\n"),
        ("from tensorflow.keras.layers import LSTM\nLSTM(8,\n     return_sequences=True)\n",
         "from tensorflow.keras.layers import LSTM\nLSTM(8,\n     return_sequences=True,\n"
         "     kernel_initializer='glorot_uniform')\n"),
        ("from keras.layers import Dense\nDense(**kw)\n", "from keras.layers import Dense\nDense(**kw)\n"),
    )

    def value(self, node: cst.Call, layer: str) -> object:
        settings = self.context.settings
        if settings.relu_kernel_initializer is not None:
            parameters = SIGNATURES[layer][1]
            position = parameters.index("activation") if "activation" in parameters else None
            if calls.string_value(calls.argument(node, "activation", position)) == "relu":
                return settings.relu_kernel_initializer
        return settings.kernel_initializer


def _docs(argument: str, layers: str, default: str, example: str, fixed: str) -> str:
    return f"""
    ## What it does
    Finds calls to {layers} that do not pass `{argument}`, and writes out the Keras 2.2.4
    default, `{default!r}`.

    ## Why is this bad?
    A migrated model should make every choice it depends on visible, so that the next
    change of defaults cannot silently change how it trains.

    ## Example
    ```python
    {example}
    ```

    ## Use instead
    ```python
    {fixed}
    ```
    """ + _FIX_SAFETY


class ImplicitRecurrentInitializer(PinnedDefaultRule):
    __doc__ = _docs(
        "recurrent_initializer", "SimpleRNN, GRU, LSTM and ConvLSTM2D", "orthogonal",
        "LSTM(128)", "LSTM(128, recurrent_initializer='orthogonal')",
    )
    code = "KL102"
    name = "implicit-recurrent-initializer"
    summary = "Recurrent layer call relies on the implicit `recurrent_initializer` default"
    fix_title = "Pin `recurrent_initializer`"
    argument = "recurrent_initializer"
    valid = (
        "from keras.layers import LSTM\nLSTM(3, inner_init='orthogonal')\n",
        "from keras.layers import Dense\nDense(3)\n",
    )
    invalid = (
        ("from keras.layers import GRU\nGRU(3)\n",
         "from keras.layers import GRU\nGRU(3, recurrent_initializer='orthogonal')\n"),
    )


class ImplicitEmbeddingsInitializer(PinnedDefaultRule):
    __doc__ = _docs(
        "embeddings_initializer", "Embedding", "uniform",
        "Embedding(20000, 128)", "Embedding(20000, 128, embeddings_initializer='uniform')",
    )
    code = "KL103"
    name = "implicit-embeddings-initializer"
    summary = "Embedding call relies on the implicit `embeddings_initializer` default"
    fix_title = "Pin `embeddings_initializer`"
    argument = "embeddings_initializer"
    valid = ("from keras.layers import Embedding\nEmbedding(10, 4, 'normal')\n",)
    invalid = (
        ("from keras.layers.embeddings import Embedding\nEmbedding(10, 4)\n",
         "from keras.layers.embeddings import Embedding\n"
         "Embedding(10, 4, embeddings_initializer='uniform')\n"),
    )


class ImplicitDepthwiseInitializer(PinnedDefaultRule):
    __doc__ = _docs(
        "depthwise_initializer", "SeparableConv1D, SeparableConv2D and DepthwiseConv2D",
        "glorot_uniform", "DepthwiseConv2D((3, 3))",
        "DepthwiseConv2D((3, 3), depthwise_initializer='glorot_uniform')",
    )
    code = "KL104"
    name = "implicit-depthwise-initializer"
    summary = "Separable/depthwise conv call relies on the implicit `depthwise_initializer`"
    fix_title = "Pin `depthwise_initializer`"
    argument = "depthwise_initializer"
    valid = ("from keras.layers import DepthwiseConv2D\nDepthwiseConv2D(3, depthwise_initializer='ones')\n",)
    invalid = (
        ("from keras.layers import DepthwiseConv2D\nDepthwiseConv2D(3)\n",
         "from keras.layers import DepthwiseConv2D\n"
         "DepthwiseConv2D(3, depthwise_initializer='glorot_uniform')\n"),
    )


class ImplicitPointwiseInitializer(PinnedDefaultRule):
    __doc__ = _docs(
        "pointwise_initializer", "SeparableConv1D and SeparableConv2D", "glorot_uniform",
        "SeparableConv2D(64, (3, 3))",
        "SeparableConv2D(64, (3, 3), pointwise_initializer='glorot_uniform')",
    )
    code = "KL105"
    name = "implicit-pointwise-initializer"
    summary = "Separable conv call relies on the implicit `pointwise_initializer` default"
    fix_title = "Pin `pointwise_initializer`"
    argument = "pointwise_initializer"
    valid = ("from keras.layers import SeparableConv2D\nSeparableConv2D(8, 3, init='he_normal')\n",)
    invalid = (
        ("from keras.layers import SeparableConv1D\nSeparableConv1D(8, 3)\n",
         "from keras.layers import SeparableConv1D\n"
         "SeparableConv1D(8, 3, pointwise_initializer='glorot_uniform')\n"),
    )


class InitializerValuesDiffer(Rule):
    """
    ## What it does
    Opt-in (select it by code: `--select KL106`). Reports the initializers whose values
    tf.keras computes differently from Keras 2.2.4 although no argument says so: a seeded
    `Orthogonal(seed=...)`, and `Identity` (the class, its `identity` alias, or the
    string `'identity'` as an initializer).

    ## Why is this bad?
    `Orthogonal` draws from the same distribution, but the matrices for a given seed
    differ (2.2.4 seeded numpy and took an SVD), so a seeded run is not reproduced.
    `Identity` on a non-square kernel tiled identity blocks in 2.2.4 (`(2, 4)` gave
    `[[1,0,1,0],[0,1,0,1]]`); tf.keras uses `tf.eye` (`[[1,0,0,0],[0,1,0,0]]`). Square
    kernels, such as an IRNN's recurrent kernel, are the same.

    ## Example
    ```python
    Dense(8, kernel_initializer=initializers.Identity(), input_shape=(4,))
    ```

    ## Use instead
    ```python
    Dense(8, kernel_initializer=initializers.Identity(), input_shape=(4,))  # noqa: KL106 - square use only
    ```

    ## Fix safety
    No fix: informational. Write a small initializer that tiles `np.eye` if a non-square
    identity matters.
    """

    code = "KL106"
    name = "initializer-values-differ"
    summary = "Seeded Orthogonal / Identity initializers give other values than 2.2.4 (opt-in)"
    explicit = True
    valid = ("from keras import initializers\ninitializers.Orthogonal()\n",)
    invalid = (
        ("from keras import initializers\ninitializers.Orthogonal(seed=1)\n",
         "from keras import initializers\ninitializers.Orthogonal(seed=1)\n"),
        ("from keras.layers import Dense\nDense(8, kernel_initializer='identity')\n",
         "from keras.layers import Dense\nDense(8, kernel_initializer='identity')\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        found = self.context.table.keras_name(node.func)
        if found is not None and found[0] == "keras.initializers":
            name = INITIALIZER_ALIASES.get(found[1], found[1])
            if name in VALUES_DIFFER:
                argument, message = VALUES_DIFFER[name]
                if argument is None or argument in calls.keyword_names(node):
                    self.report(node, message)
            return
        if self.context.table.layer_of(node.func) is None:
            return
        for arg in node.args:
            name = INITIALIZER_ALIASES.get(calls.string_value(arg.value) or "")
            if arg.keyword is not None and arg.keyword.value.endswith("_initializer") and name:
                argument, message = VALUES_DIFFER[name]
                if argument is None:
                    self.report(arg.value, message)
