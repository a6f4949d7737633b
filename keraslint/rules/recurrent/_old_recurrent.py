"""KL4xx: recurrent-layer defaults and arguments that changed between Keras 2.2.4 and tf.keras."""

from __future__ import annotations

from dataclasses import replace

import libcst as cst

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.keras1 import EMBEDDING_INPUT_LENGTH, INPUT_SHAPE_CLASSES, OLD_NAMES
from keraslint.keras224.layers import RENAMED_LAYERS, SIGNATURES
from keraslint.keras224.recurrent import (
    CUDNN_SETTINGS,
    DROPOUT_IMPLEMENTATION,
    HARD_SIGMOID_CODE,
    HARD_SIGMOID_NAME,
    HARD_SIGMOID_STRING_EXACT,
    IMPLEMENTATION_CLASSES,
    RECURRENT_ACTIVATION_CHANGED,
)
from keraslint.rule import Definition, Import, Rule, tf_free
from keraslint.rules._pinned import Pin, PinnedDefaultRule, converted_as, meant_layer

_HARD_SIGMOID = Pin(
    expression=cst.Name(HARD_SIGMOID_NAME),
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
    valid = (
        "from keras.layers import LSTM\nLSTM(3, recurrent_activation='sigmoid')\n",
        "from keras.layers import GRU\nGRU(3, inner_activation='sigmoid')\n",
        "from keras.layers import SimpleRNN\nSimpleRNN(3)\n",
    )
    invalid = (
        ("import tensorflow as tf\nfrom keras.layers import LSTM\nLSTM(3)\n",
         "import tensorflow as tf\nfrom keras.layers import LSTM\n\n\n" + HARD_SIGMOID_CODE
         + "\n\nLSTM(3, recurrent_activation=hard_sigmoid_224)\n"),
        ("import tensorflow as tf\nfrom keras.layers import GRU\nGRU(3, inner_activation='hard_sigmoid')\n",
         "import tensorflow as tf\nfrom keras.layers import GRU\n\n\n" + HARD_SIGMOID_CODE
         + "\n\nGRU(3, inner_activation=hard_sigmoid_224)\n"),
    )

    def applies(self, layer: str) -> bool:
        return self.context.settings.target in RECURRENT_ACTIVATION_CHANGED[layer]

    def pin(self, node: cst.Call, layer: str) -> Pin:
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

    def check_passed(self, node: cst.Call, layer: str) -> None:
        if self.context.settings.target in HARD_SIGMOID_STRING_EXACT:
            return
        position = SIGNATURES[layer][1].index("recurrent_activation")
        names = ("recurrent_activation", *_old_names(layer, "recurrent_activation"))
        value = calls.argument(node, names[0], position, names[1:])
        if calls.string_value(value) != "hard_sigmoid":
            return
        pin = self._function_pin()
        message = "`recurrent_activation='hard_sigmoid'` is not Keras 2.2.4's hard sigmoid in Keras 3"
        if pin.refused:
            self.report(value, f"{message}; use a 2.2.4 hard sigmoid by hand ({pin.refused})")
            return
        def transform(updated: cst.Call) -> cst.Call:
            keyword = calls.keyword_of(updated, names)  # the Keras-1 name may be renamed first
            if keyword is not None:
                return calls.set_keyword_value(updated, keyword, pin.expression)
            return calls.set_positional_value(updated, position, pin.expression)

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


class ImplicitGruResetAfter(PinnedDefaultRule):
    """
    ## What it does
    Finds GRU calls (and GRUCell) that do not pass `reset_after`, and writes out the Keras
    2.2.4 value, `reset_after=False`.

    ## Why is this bad?
    tf.keras defaults to `reset_after=True` (the cuDNN-compatible variant), which applies
    the reset gate after the matrix product and has a second bias: a GRU(4) on 3 features
    has 96 parameters with `reset_after=False`, as in 2.2.4, and 108 without it. The model computes
    something else, and weights saved by Keras 2.2.4 no longer load.

    ## Example
    ```python
    x = GRU(64, return_sequences=True)(x)
    ```

    ## Use instead
    ```python
    x = GRU(64, return_sequences=True, reset_after=False)(x)
    ```

    ## Fix safety
    Safe: `reset_after=False` is the 2.2.4 architecture, accepted by every tf.keras. It
    rules out the cuDNN kernel on GPUs.
    """

    code = "KL402"
    name = "implicit-gru-reset-after"
    summary = "GRU relies on `reset_after`, False in Keras 2.2.4 and True now"
    fix_title = "Pin `reset_after=False`"
    argument = "reset_after"
    message = "`{layer}` relies on `reset_after`, False in Keras 2.2.4 and True now"
    valid = ("from keras.layers import GRU\nGRU(3, reset_after=True)\n",)
    invalid = (
        ("from keras.layers import GRU\nGRU(3)\n",
         "from keras.layers import GRU\nGRU(3, reset_after=False)\n"),
    )


class RnnDropoutImplementation(Rule):
    """
    ## What it does
    Finds LSTM and GRU calls with `dropout` or `recurrent_dropout` that do not pass
    `implementation`, and writes out Keras 2.2.4's default, `implementation=1`.

    ## Why is this bad?
    2.2.4 defaulted to `implementation=1`, which draws a separate dropout mask for each
    gate; tf.keras defaults to 2, which draws one mask for all gates. Without dropout the
    two compute the same thing, so only calls with dropout are reported.

    ## Example
    ```python
    LSTM(128, dropout=0.2, recurrent_dropout=0.2)
    ```

    ## Use instead
    ```python
    LSTM(128, dropout=0.2, recurrent_dropout=0.2, implementation=1)
    ```

    ## Fix safety
    Safe on `keras2`. Unsafe on `keras3`: Keras 3 accepts `implementation=1`, but its
    implementation-1 dropout code has not been verified to draw per-gate masks the way
    2.2.4 did (docs/facts.md §4), so the fix may not reproduce 2.2.4 there.
    """

    code = "KL403"
    name = "rnn-dropout-implementation"
    summary = "LSTM/GRU with dropout rely on `implementation`, 1 in Keras 2.2.4 and 2 now"
    fix_title = "Pin `implementation=1`"
    valid = (
        "from keras.layers import LSTM\nLSTM(3)\n",
        "from keras.layers import LSTM\nLSTM(3, dropout=0.0)\n",
        "from keras.layers import GRU\nGRU(3, dropout=0.5, implementation=2)\n",
        "from keras.layers import LSTM\nLSTM(3, dropout_W=0.5, consume_less='gpu')\n",
    )
    invalid = (
        ("from keras.layers import LSTM\nLSTM(3, dropout=0.2)\n",
         "from keras.layers import LSTM\nLSTM(3, dropout=0.2, implementation=1)\n"),
        ("from keras.layers import GRU\nGRU(3, dropout_U=0.2)\n",
         "from keras.layers import GRU\nGRU(3, dropout_U=0.2, implementation=1)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        layer = self.context.table.layer_of(node.func)
        if layer not in IMPLEMENTATION_CLASSES or calls.has_star_args(node):
            return
        parameters = SIGNATURES[layer][1]
        if calls.positional_count(node) > parameters.index("implementation"):
            return
        if calls.keyword_of(node, ("implementation", *_old_names(layer, "implementation"))):
            return
        dropouts = [
            calls.argument(node, name, parameters.index(name), _old_names(layer, name))
            for name in ("dropout", "recurrent_dropout")
        ]
        if not any(d is not None and not _is_zero(d) for d in dropouts):
            return
        exact = self.context.settings.target == "keras2"
        self.report(
            node,
            f"`{layer}` with dropout relies on `implementation`, 1 in Keras 2.2.4 and 2 now",
            transform=lambda updated: calls.add_keywords(
                updated, [("implementation", cst.Integer(str(DROPOUT_IMPLEMENTATION)))]
            ),
            applicability=Applicability.SAFE if exact else Applicability.UNSAFE,
        )


def _old_names(layer: str, name: str) -> tuple[str, ...]:
    """The Keras-1 names (``inner_activation``, ``dropout_W``) 2.2.4 still took for ``name``."""
    return OLD_NAMES.get(layer, {}).get(name, ())


def _is_zero(node: cst.BaseExpression) -> bool:
    return isinstance(node, (cst.Integer, cst.Float)) and node.evaluated_value == 0


class RnnInputLength(Rule):
    """
    ## What it does
    Finds recurrent layers (SimpleRNN, GRU, LSTM) and Conv1D / LocallyConnected1D with the
    Keras-1 style `input_dim` and `input_length`, and writes
    `input_shape=(input_length, input_dim)` instead, as 2.2.4 did (`None` for the one
    not given). On the `keras3` target it also turns `Embedding(input_length=n)` into
    `input_shape=(n,)`, which is what 2.2.4 made of it.

    ## Why is this bad?
    Keras 3 rejects `input_length` on these layers (`ValueError: Unrecognized keyword
    arguments`), and reads `input_dim=64` alone as a 2-D input shape `(64,)`: the model
    then fails to build (`expected ndim=3, found ndim=2`). 2.2.4 meant `(None, 64)`.
    Keras 3 accepts `Embedding(input_length=400)` and ignores it: a Sequential model then
    has input `(None, None)` and every shape after it loses the sequence length.

    ## Example
    ```python
    model.add(LSTM(32, input_length=10, input_dim=64))
    model.add(Conv1D(64, 3, input_dim=100))
    ```

    ## Use instead
    ```python
    model.add(LSTM(32, input_shape=(10, 64)))
    model.add(Conv1D(64, 3, input_shape=(None, 100)))
    ```

    ## Fix safety
    Safe: 2.2.4 converted the pair to exactly this `input_shape`
    (keras/legacy/interfaces.py). With `input_length` alone the feature size is `None`.
    """

    code = "KL404"
    name = "rnn-input-length"
    summary = "`input_dim`/`input_length` on a sequence layer: Keras 3 rejects or misreads them"
    fix_title = "Use `input_shape=(input_length, input_dim)`"
    valid = ("from keras.layers import LSTM\nLSTM(3, input_shape=(10, 4))\n",
             "from keras.layers import Dense\nDense(3, input_dim=4)\n")
    invalid = (
        ("from keras.layers import LSTM\nLSTM(32, input_length=10, input_dim=64)\n",
         "from keras.layers import LSTM\nLSTM(32, input_shape=(10, 64))\n"),
        ("from keras.layers import GRU\nGRU(32, input_length=maxlen)\n",
         "from keras.layers import GRU\nGRU(32, input_shape=(maxlen, None))\n"),
        ("from keras.layers import Conv1D\nConv1D(64, 3, input_dim=100)\n",
         "from keras.layers import Conv1D\nConv1D(64, 3, input_shape=(None, 100))\n"),
        ("from keras.layers import Embedding\nEmbedding(5000, 50, input_length=400)\n",
         "from keras.layers import Embedding\nEmbedding(5000, 50, input_shape=(400,))\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        layer = self.context.table.layer_of(node.func)
        names = calls.keyword_names(node)
        if (layer, "input_length") == EMBEDDING_INPUT_LENGTH:
            self._embedding(node, names)
            return
        given = [name for name in ("input_length", "input_dim") if name in names]
        if converted_as(layer or "") not in INPUT_SHAPE_CLASSES or not given:
            return
        if "input_shape" in names:
            self.report(node, f"`{layer}` gets both `input_shape` and `{given[0]}`")
            return

        def transform(updated: cst.Call) -> cst.Call:
            length, dim = (calls.argument(updated, name, None) or cst.Name("None")
                           for name in ("input_length", "input_dim"))
            first, *rest = given
            updated = calls.set_keyword_value(updated, first, calls.tuple_of([length, dim]))
            updated = calls.rename_keyword(updated, first, "input_shape")
            return calls.remove_keyword(updated, rest[0]) if rest else updated

        self.report(node, f"`{layer}({'=..., '.join(given)}=...)`: Keras 3 wants `input_shape`",
                    transform=transform)

    def _embedding(self, node: cst.Call, names: set[str]) -> None:
        """``Embedding(..., input_length=n)`` -> ``input_shape=(n,)`` on keras3, as 2.2.4 did."""
        layer, argument = EMBEDDING_INPUT_LENGTH
        position = SIGNATURES[layer][1].index(argument)
        length = calls.argument(node, argument, position)
        if (self.context.settings.target != "keras3" or length is None or "input_shape" in names
                or calls.has_star_args(node)):
            return

        def transform(updated: cst.Call) -> cst.Call:
            updated = calls.keywords_for_positionals(updated, SIGNATURES[layer][1], position)
            value = calls.argument(updated, argument, None)
            shape = cst.Tuple([cst.Element(value, comma=cst.Comma())])
            return calls.rename_keyword(calls.set_keyword_value(updated, argument, shape), argument, "input_shape")

        self.report(node, f"Keras 3 ignores `{layer}({argument}=...)`; 2.2.4 made it the input shape",
                    transform=transform)


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
    valid = (
        "from keras.layers import LSTM\nLSTM(3, recurrent_activation='sigmoid')\n",
        "from tensorflow.keras.layers import LSTM as CuDNNLSTM\n"
        "CuDNNLSTM(3, recurrent_activation='sigmoid')\n",
    )
    invalid = (
        ("from keras.layers import CuDNNGRU\nCuDNNGRU(64, return_sequences=True)\n",
         "from keras.layers import CuDNNGRU\n"
         "CuDNNGRU(64, return_sequences=True, recurrent_activation='sigmoid', reset_after=True)\n"),
        ("import keras\nkeras.layers.CuDNNLSTM(8, 'he_normal')\n",
         "import keras\nkeras.layers.CuDNNLSTM(8, kernel_initializer='he_normal', recurrent_activation='sigmoid')\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        layer = meant_layer(self.context.table, node.func)
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
            updated = calls.keywords_for_positionals(updated, SIGNATURES[layer][1], 1)
            return calls.add_keywords(updated, [(n, calls.literal(v, quote)) for n, v in missing])

        self.report(
            node,
            f"`{layer}` is not in tf.keras; `{RENAMED_LAYERS[layer]}` with cuDNN settings is the same cell",
            transform=transform,
        )
