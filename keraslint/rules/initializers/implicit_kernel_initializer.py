"""KL101: a layer call that relies on the `kernel_initializer` default."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.layers import SIGNATURES
from keraslint.rule import Invalid, Valid
from keraslint.rules._pinned import PinnedDefaultRule
from keraslint.rules.initializers._initializer_docs import FIX_SAFETY


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
    """ + FIX_SAFETY + """
    With a configured value that differs from the 2.2.4 default the fix is unsafe: it
    changes the model's initialization, and is applied only with `--unsafe-fixes`.
    """

    code = "KL101"
    name = "implicit-kernel-initializer"
    summary = "Layer call relies on the implicit `kernel_initializer` default"
    fix_title = "Pin `kernel_initializer`"
    argument = "kernel_initializer"
    cases = (
        Valid("""
            from keras.layers import Dense
            Dense(3, kernel_initializer='he_normal')
            """),
        Valid("""
            from keras.layers import Dense
            Dense(3, init='he_normal')
            """),
        Valid("""
            from keras.layers import Dense
            Dense(3, None, True, 'he_normal')
            """),
        Valid("""
            from mylib import Dense
            Dense(3)
            """),
        Valid("""
            from keras.layers import *
            def Dense(n): pass
            Dense(3)
            """),
        Valid("""
            from keras.layers import Dropout
            Dropout(0.5)
            """),
        Valid("""
            import numpy as np
            np.Dense(3)
            """),
        Invalid(
            """
            from keras.layers import Dense
            Dense(3)
            """,
            fixed="""
            from keras.layers import Dense
            Dense(3, kernel_initializer='glorot_uniform')
            """,
            message="`Dense` relies on the implicit `kernel_initializer` default",
        ),
        Invalid(
            """
            from keras.layers import Dense as D
            D(3, activation="relu")
            """,
            fixed="""
            from keras.layers import Dense as D
            D(3, activation="relu", kernel_initializer="glorot_uniform")
            """,
            message="`D` relies on the implicit `kernel_initializer` default",
        ),
        Invalid(
            """
            import keras
            keras.layers.Conv2D(8, (3, 3))
            """,
            fixed="""
            import keras
            keras.layers.Conv2D(8, (3, 3), kernel_initializer='glorot_uniform')
            """,
            message="`Conv2D` relies on the implicit `kernel_initializer` default",
        ),
        Invalid(
            """
            from keras import layers as L
            L.Convolution2D(8, 3, 3)
            """,
            fixed="""
            from keras import layers as L
            L.Convolution2D(8, 3, 3, kernel_initializer='glorot_uniform')
            """,
            message="`Convolution2D` relies on the implicit `kernel_initializer` default",
        ),
        Invalid(
            """
            from keras.layers.convolutional import *
            Conv1D(4, 3)
            """,
            fixed="""
            from keras.layers.convolutional import *
            Conv1D(4, 3, kernel_initializer='glorot_uniform')
            """,
            message="`Conv1D` relies on the implicit `kernel_initializer` default",
        ),
        Invalid(
            """
            import tensorflow as tf
            tf.keras.layers.Dense(
                3,
                use_bias=False,
            )
            """,
            fixed="""
            import tensorflow as tf
            tf.keras.layers.Dense(
                3,
                use_bias=False,
                kernel_initializer='glorot_uniform',
            )
            """,
            message="`Dense` relies on the implicit `kernel_initializer` default",
        ),
        Invalid(
            """
            from tensorflow.keras.layers import LSTM
            LSTM(8,
                 return_sequences=True)
            """,
            fixed="""
            from tensorflow.keras.layers import LSTM
            LSTM(8,
                 return_sequences=True,
                 kernel_initializer='glorot_uniform')
            """,
            message="`LSTM` relies on the implicit `kernel_initializer` default",
        ),
        Invalid(
            """
            from keras.layers import Dense
            Dense(**kw)
            """,
            fixed=None,
            message=("`Dense` relies on the implicit `kernel_initializer` default (`*args`/`**kwargs` may hide "
                     "it); pin `kernel_initializer='glorot_uniform'` by hand"),
        ),
    )

    def value(self, node: ast.Call, layer: str) -> object:
        settings = self.context.settings
        if settings.relu_kernel_initializer is not None:
            parameters = SIGNATURES[layer][1]
            position = parameters.index("activation") if "activation" in parameters else None
            if calls.string_value(calls.argument(node, "activation", position)) == "relu":
                return settings.relu_kernel_initializer
        return settings.kernel_initializer
