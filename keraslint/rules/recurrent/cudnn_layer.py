"""KL405: a CuDNNLSTM or CuDNNGRU call, which tf.keras's LSTM or GRU with cuDNN settings replaces."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.layers import RENAMED_LAYERS, SIGNATURES
from keraslint.keras224.recurrent import CUDNN_SETTINGS
from keraslint.rule import Invalid, Matches, Rule, Valid

if TYPE_CHECKING:
    import libcst as cst


class CudnnLayer(Rule):
    """
    ## What it does
    Finds `CuDNNLSTM` and `CuDNNGRU` calls and writes the arguments that make tf.keras's
    `LSTM` and `GRU` the same cell: `recurrent_activation='sigmoid'`, and for the GRU
    `reset_after=True`. Arguments passed by position become keywords, because the CuDNN
    layers took `kernel_initializer` second where LSTM takes `activation`. The name itself
    becomes `LSTM`/`GRU` through the import fix (KL001, `from tensorflow.keras.layers
    import LSTM as CuDNNLSTM`) or the path fix (KL003, `keras.layers.LSTM`).

    ## Why is this bad?
    tf.keras has no CuDNN layers: the import fails. Its `LSTM` and `GRU` pick the cuDNN
    kernel by themselves when the settings allow it, but the plain layers' Keras 2.2.4
    defaults (hard sigmoid gates, `reset_after=False`, which keraslint otherwise pins)
    are not what the CuDNN layers computed.

    ## Example
    ```python
    x = CuDNNGRU(64, return_sequences=True)(x)
    ```

    ## Use instead
    ```python
    x = GRU(64, return_sequences=True, recurrent_activation='sigmoid', reset_after=True)(x)
    ```

    ## Fix safety
    Safe: the same equations, and the layer still uses cuDNN on a GPU (it now also runs
    on a CPU). The GRU has the same weights. CuDNNLSTM kept two bias vectors that were
    only ever added together; LSTM has one, their sum, so it has `4 * units` fewer
    parameters, and a 2.2.4 weights file needs the halves summed (tf.keras 2's HDF5 loader
    does it; Keras 3's has not been verified to).
    """

    code = "KL405"
    name = "cudnn-layer"
    summary = "CuDNNLSTM/CuDNNGRU: tf.keras's LSTM/GRU with cuDNN settings replace them"
    fix_title = "Write the cuDNN-compatible settings"
    cases = (
        Valid("""
            from keras.layers import LSTM
            LSTM(3, recurrent_activation='sigmoid')
            """),
        Valid("""
            from tensorflow.keras.layers import LSTM as CuDNNLSTM
            CuDNNLSTM(3, recurrent_activation='sigmoid')
            """),
        Invalid(
            """
            from keras.layers import CuDNNGRU
            CuDNNGRU(64, return_sequences=True)
            """,
            fixed="""
            from keras.layers import CuDNNGRU
            CuDNNGRU(64, return_sequences=True, recurrent_activation='sigmoid', reset_after=True)
            """,
            message="`CuDNNGRU` is not in tf.keras; `GRU` with cuDNN settings is the same cell",
        ),
        Invalid(
            """
            import keras
            keras.layers.CuDNNLSTM(8, 'he_normal')
            """,
            fixed="""
            import keras
            keras.layers.CuDNNLSTM(8, kernel_initializer='he_normal', recurrent_activation='sigmoid')
            """,
            message="`CuDNNLSTM` is not in tf.keras; `LSTM` with cuDNN settings is the same cell",
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        layer = self.context.keras.meant_layer(node.func)
        settings = CUDNN_SETTINGS.get(layer or "")
        if settings is None:
            return
        if calls.has_star_args(node):
            shown = ", ".join(f"{name}={value!r}" for name, value in settings)
            self.report(node, f"`{layer}` is not in tf.keras (`*args`/`**kwargs` may hide arguments in "
                              f"its positions); use `{RENAMED_LAYERS[layer]}` with `{shown}` by hand")
            return
        names = calls.keyword_names(node)
        missing = [(name, value) for name, value in settings if name not in names]
        if not missing and calls.positional_count(node) <= 1:
            return
        quote = calls.quote_of(node)

        def transform(updated: cst.Call) -> cst.Call:
            updated = call_edits.keywords_for_positionals(updated, SIGNATURES[layer][1], 1)
            return call_edits.add_keywords(updated, [(n, call_edits.literal(v, quote)) for n, v in missing])

        self.report(
            node,
            f"`{layer}` is not in tf.keras; `{RENAMED_LAYERS[layer]}` with cuDNN settings is the same cell",
            transform=transform,
        )
