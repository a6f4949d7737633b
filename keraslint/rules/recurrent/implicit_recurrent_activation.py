"""KL401: an LSTM or GRU call that relies on the `recurrent_activation` default, now 'sigmoid'."""

from __future__ import annotations

import ast
from dataclasses import replace
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.layers import SIGNATURES
from keraslint.keras224.recurrent import (
    HARD_SIGMOID_CODE,
    HARD_SIGMOID_NAME,
    HARD_SIGMOID_STRING_EXACT,
    RECURRENT_ACTIVATION_CHANGED,
)
from keraslint.lazycst import cst
from keraslint.rule import Definition, Import, Invalid, Valid, tf_free
from keraslint.rules._pinned import Pin, PinnedDefaultRule
from keraslint.rules.recurrent._keras1_argument_names import keras1_names

if TYPE_CHECKING:
    import libcst

_HARD_SIGMOID = Pin(
    expression=lambda: cst.Name(HARD_SIGMOID_NAME),
    shown=f"recurrent_activation={HARD_SIGMOID_NAME}",
    note=" (a function keraslint adds: Keras 3's 'hard_sigmoid' is a different curve)",
    imports=(Import("tensorflow", None, "tf"),),
    definitions=(Definition(HARD_SIGMOID_NAME, HARD_SIGMOID_CODE),),
)


class ImplicitRecurrentActivation(PinnedDefaultRule):
    """
    ## What it does
    Finds LSTM and GRU calls (and their cells; ConvLSTM2D on the `keras3` target) that do
    not pass `recurrent_activation`, and writes out Keras 2.2.4's hard sigmoid,
    `clip(0.2 * x + 0.5, 0, 1)`.

    On the `keras2` target (TF <= 2.15, tf-keras) that is the string `'hard_sigmoid'`. On
    `keras3` (TF >= 2.16) the string means Keras 3's `relu6(x + 3) / 6`, a different curve
    (0.667 at x=1 instead of 0.7), so keraslint adds one small function to the module,
    `hard_sigmoid_224`, registered with `tf.keras.utils.register_keras_serializable` so
    saved models load again, and passes it. An explicit `recurrent_activation='hard_sigmoid'`
    is reported on `keras3` for the same reason.

    ## Why is this bad?
    tf.keras changed the default to `'sigmoid'` (TF 2.0 for LSTM/GRU, Keras 3 for
    ConvLSTM2D). The gates then saturate differently and a migrated model trains
    differently from the original, and its 2.2.4 weights give different outputs.

    ## Example
    ```python
    x = LSTM(128)(x)
    ```

    ## Use instead
    ```python
    x = LSTM(128, recurrent_activation='hard_sigmoid')(x)  # target keras2
    x = LSTM(128, recurrent_activation=hard_sigmoid_224)(x)  # target keras3
    ```

    ## Fix safety
    Safe on both targets. On `keras2`, `'hard_sigmoid'` is 2.2.4's function. On `keras3`
    the added function is 2.2.4's formula exactly, and it is registered, so a model saved
    with it (HDF5, `.keras` or JSON) loads again in any program that imports the module
    that defines it, as a model with a custom layer does; a program that loads the model
    without importing that module must pass `custom_objects={'hard_sigmoid_224': ...}`.
    As in 2.2.4, such an LSTM/GRU does not run on the fused cuDNN kernel.
    """

    code = "KL401"
    name = "implicit-recurrent-activation"
    summary = "LSTM/GRU rely on `recurrent_activation`, whose default changed to 'sigmoid'"
    fix_title = "Pin Keras 2.2.4's hard sigmoid"
    argument = "recurrent_activation"
    message = "`{layer}` relies on `recurrent_activation`, 'hard_sigmoid' in Keras 2.2.4 and 'sigmoid' now"
    cases = (
        Valid("""
            from keras.layers import LSTM
            LSTM(3, recurrent_activation='sigmoid')
            """),
        Valid("""
            from keras.layers import GRU
            GRU(3, inner_activation='sigmoid')
            """),
        Valid("""
            from keras.layers import SimpleRNN
            SimpleRNN(3)
            """),
        Invalid(
            """
            import tensorflow as tf
            from keras.layers import LSTM
            LSTM(3)
            """,
            fixed=("import tensorflow as tf\nfrom keras.layers import LSTM\n\n\n" + HARD_SIGMOID_CODE
                   + "\n\nLSTM(3, recurrent_activation=hard_sigmoid_224)\n"),
            message="`LSTM` relies on `recurrent_activation`, 'hard_sigmoid' in Keras 2.2.4 and 'sigmoid' now",
        ),
        Invalid(
            """
            import tensorflow as tf
            from keras.layers import GRU
            GRU(3, inner_activation='hard_sigmoid')
            """,
            fixed=("import tensorflow as tf\nfrom keras.layers import GRU\n\n\n" + HARD_SIGMOID_CODE
                   + "\n\nGRU(3, inner_activation=hard_sigmoid_224)\n"),
            message="`recurrent_activation='hard_sigmoid'` is not Keras 2.2.4's hard sigmoid in Keras 3",
        ),
    )

    def applies(self, layer: str) -> bool:
        return self.context.settings.target in RECURRENT_ACTIVATION_CHANGED[layer]

    def pin(self, node: ast.Call, layer: str) -> Pin:
        if self.context.settings.target in HARD_SIGMOID_STRING_EXACT:
            return super().pin(node, layer)
        return self._function_pin()

    def _function_pin(self) -> Pin:
        """The hard_sigmoid_224 pin, unless its names would clash with the module's own."""
        table = self.context.table
        if not tf_free(table):
            return replace(_HARD_SIGMOID, refused="`tf` means something else in this module")
        if HARD_SIGMOID_NAME in table.shadowed and HARD_SIGMOID_NAME not in table.functions:
            return replace(_HARD_SIGMOID, refused=f"`{HARD_SIGMOID_NAME}` is bound to something else")
        return _HARD_SIGMOID

    def check_passed(self, node: ast.Call, layer: str) -> None:
        if self.context.settings.target in HARD_SIGMOID_STRING_EXACT:
            return
        position = SIGNATURES[layer][1].index("recurrent_activation")
        names = ("recurrent_activation", *keras1_names(layer, "recurrent_activation"))
        value = calls.argument(node, names[0], position, names[1:])
        if calls.string_value(value) != "hard_sigmoid":
            return
        pin = self._function_pin()
        message = "`recurrent_activation='hard_sigmoid'` is not Keras 2.2.4's hard sigmoid in Keras 3"
        if pin.refused:
            self.report(value, f"{message}; use a 2.2.4 hard sigmoid by hand ({pin.refused})")
            return
        def transform(updated: libcst.Call) -> libcst.Call:
            keyword = call_edits.keyword_of(updated, names)  # the Keras-1 name may be renamed first
            if keyword is not None:
                return call_edits.set_keyword_value(updated, keyword, pin.expression())
            return call_edits.set_positional_value(updated, position, pin.expression())

        self.report(
            value,
            message,
            target=node,
            transform=transform,
            fix_title=f"Use `{HARD_SIGMOID_NAME}`{_HARD_SIGMOID.note}",
            applicability=_HARD_SIGMOID.applicability,
            imports=_HARD_SIGMOID.imports,
            definitions=_HARD_SIGMOID.definitions,
        )

