"""KL5xx: Keras-1 argument names and forms that Keras 2.2.4 still converted."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.keras1 import (
    ANY,
    DROPPED_ARGUMENTS,
    FORGET_BIAS_ONE,
    KERNEL_ROW_COL,
    POSITIONAL_KERNEL_DIMS,
    RENAMES,
    VALUE_CONVERSIONS,
)
from keraslint.keras224.layers import SIGNATURES
from keraslint.rule import Rule


class Keras1ArgumentName(Rule):
    """
    ## What it does
    Finds Keras-1 argument names that Keras 2.2.4 still accepted and converted
    (`border_mode=`, `init=`, `nb_filter=`, `output_dim=`, `dim_ordering='th'`,
    `consume_less='gpu'`, `Model(input=, output=)`, ...) and writes the Keras 2 name,
    converting the value where 2.2.4 did (`'th'` is `'channels_first'`).

    ## Why is this bad?
    2.2.4 converted them with a warning; tf.keras rejects every one of them
    (`TypeError: Keyword argument not understood`, or on Keras 3 `ValueError:
    Unrecognized keyword arguments`).

    ## Example
    ```python
    Convolution2D(32, (3, 3), border_mode='same', init='he_normal', dim_ordering='th')
    ```

    ## Use instead
    ```python
    Convolution2D(32, (3, 3), padding='same', kernel_initializer='he_normal',
                  data_format='channels_first')
    ```

    ## Fix safety
    Safe: the names and value conversions are 2.2.4's own (keras/legacy/interfaces.py).
    A value that needs converting but is not a literal, or a call that already passes
    the new name, is reported without a fix.
    """

    code = "KL501"
    name = "keras1-argument-name"
    summary = "Keras-1 argument name that tf.keras rejects"
    fix_title = "Use the Keras 2 name"
    valid = (
        "from keras.layers import Conv2D\nConv2D(8, 3, padding='same')\n",
        "from keras.layers import Dropout\nDropout(rate=0.5)\n",
    )
    invalid = (
        ("from keras.layers import Convolution2D\n"
         "Convolution2D(32, (3, 3), border_mode='same', dim_ordering='th')\n",
         "from keras.layers import Convolution2D\n"
         "Convolution2D(32, (3, 3), padding='same', data_format='channels_first')\n"),
        ("from keras.layers import Dense\nDense(output_dim=10, init='he_normal')\n",
         "from keras.layers import Dense\nDense(units=10, kernel_initializer='he_normal')\n"),
        ("from keras.layers import LSTM\nLSTM(8, consume_less='gpu', dropout_U=0.2)\n",
         "from keras.layers import LSTM\nLSTM(8, implementation=2, recurrent_dropout=0.2)\n"),
        ("from keras.models import Model\nm = Model(input=a, output=b)\n",
         "from keras.models import Model\nm = Model(inputs=a, outputs=b)\n"),
        ("from keras.layers import *\nMaxPooling2D(border_mode='valid')\n",
         "from keras.layers import *\nMaxPooling2D(padding='valid')\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        cls = self.context.table.keras_class(node.func)
        renames = RENAMES.get(cls or "")
        if not renames:
            return
        names = calls.keyword_names(node)
        for old in [n for n in renames if n in names]:
            new = renames[old]
            if cls in SIGNATURES and new not in SIGNATURES[cls][1]:
                # SimpleRNN shares the recurrent conversions but has neither parameter:
                # 2.2.4 dropped `implementation` with a warning, and rejected the other.
                self.report(
                    node,
                    f"`{cls}({old}=...)` had no effect in Keras 2.2.4 and is rejected by tf.keras",
                    transform=lambda updated, old=old: calls.remove_keyword(updated, old),
                    fix_title=f"Remove `{old}`",
                    applicability=Applicability.SAFE if new == "implementation" else Applicability.UNSAFE,
                )
                continue
            value = calls.argument(node, old, None)
            conversions = VALUE_CONVERSIONS.get(old)
            if new in names:
                self.report(node, f"`{cls}` gets both `{old}=` and `{new}=`")
                continue
            converted = value
            if conversions is not None:
                text = calls.string_value(value)
                if text not in conversions:
                    self.report(node, f"`{cls}({old}=...)`: use `{new}=` with the converted value by hand")
                    continue
                converted = calls.literal(conversions[text], calls.quote_of(node))
            self.report(
                node,
                f"`{cls}({old}=...)` is a Keras-1 name that tf.keras rejects; use `{new}`",
                transform=_rename(old, new, converted if conversions is not None else None),
                fix_title=f"Rename `{old}` to `{new}`",
            )


def _rename(old: str, new: str, value: cst.BaseExpression | None):
    def transform(updated: cst.Call) -> cst.Call:
        if value is not None:
            updated = calls.set_keyword_value(updated, old, value)
        return calls.rename_keyword(updated, old, new)
    return transform


class PositionalKernelDimensions(Rule):
    """
    ## What it does
    Finds `Conv2D(filters, rows, cols)` and `Conv3D(filters, d1, d2, d3)` with the kernel
    dimensions as separate positional arguments (the Keras-1 form, also through the
    `Convolution2D` alias), and writes them as one `kernel_size` tuple.

    ## Why is this bad?
    Keras 2.2.4 turned `Convolution2D(32, 3, 3)` into `kernel_size=(3, 3)`. tf.keras reads
    the third positional argument as `strides`: the same call builds a layer with
    `kernel_size=3, strides=3` without any error, and the model trains on a third of the
    positions. (`Conv3D(8, 3, 3, 3)` fails outright.)

    ## Example
    ```python
    model.add(Convolution2D(32, 3, 3, activation='relu'))
    ```

    ## Use instead
    ```python
    model.add(Convolution2D(32, (3, 3), activation='relu'))
    ```

    ## Fix safety
    Safe when the dimensions are integer literals: 2.2.4 converted exactly those. Unsafe
    when they are names or expressions: 2.2.4 converted them only if they were `int`s at
    run time.
    """

    code = "KL502"
    name = "positional-kernel-dimensions"
    summary = "`Conv2D(f, rows, cols)`: tf.keras reads `cols` as strides"
    fix_title = "Pass one `kernel_size` tuple"
    valid = (
        "from keras.layers import Conv2D\nConv2D(32, (3, 3), (2, 2))\n",
        "from keras.layers import Conv2D\nConv2D(32, 3)\n",
    )
    invalid = (
        ("from keras.layers import Convolution2D\nConvolution2D(32, 3, 3, activation='relu')\n",
         "from keras.layers import Convolution2D\nConvolution2D(32, (3, 3), activation='relu')\n"),
        ("import keras\nkeras.layers.Conv3D(8, 3, 3, 3)\n",
         "import keras\nkeras.layers.Conv3D(8, (3, 3, 3))\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        cls = self.context.table.keras_class(node.func)
        dims = POSITIONAL_KERNEL_DIMS.get(cls or "")
        if not dims or calls.has_star_args(node):
            return
        row, col = KERNEL_ROW_COL
        if dims == 2 and col in calls.keyword_names(node):
            self._row_col(node, cls)
            return
        positional = [arg for arg in node.args if arg.keyword is None]
        if len(positional) != 1 + dims:
            return
        kernel = [arg.value for arg in positional[1:]]
        if any(isinstance(k, (cst.Tuple, cst.List)) for k in kernel):
            return
        literal = all(isinstance(k, cst.Integer) for k in kernel)
        self.report(
            node,
            f"`{cls}` gets {dims} kernel dimensions by position; tf.keras reads them as "
            f"kernel_size, strides{', padding' if dims == 3 else ''}",
            transform=_kernel_tuple(dims),
            applicability=Applicability.SAFE if literal else Applicability.UNSAFE,
        )


    def _row_col(self, node: cst.Call, cls: str) -> None:
        """`Conv2D(f, r, nb_col=c)` / `Conv2D(f, nb_row=r, nb_col=c)`: 2.2.4's kernel_size=(r, c)."""
        row, col = KERNEL_ROW_COL
        names = calls.keyword_names(node)
        count = calls.positional_count(node)
        if not ((count == 2 and row not in names) or (count <= 1 and row in names)):
            return

        def transform(updated: cst.Call) -> cst.Call:
            c = calls.argument(updated, col, None)
            r = calls.argument(updated, row, None) if count <= 1 else calls.argument(updated, "", 1)
            kernel = cst.Tuple([
                cst.Element(r, comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))),
                cst.Element(c),
            ])
            updated = calls.remove_keyword(updated, col)
            if count == 2:
                return calls.set_positional_value(updated, 1, kernel)
            updated = calls.remove_keyword(updated, row)
            return calls.add_keywords(updated, [("kernel_size", kernel)])

        self.report(node, f"`{cls}({row}=, {col}=)` is the Keras-1 kernel size; tf.keras rejects it",
                    transform=transform)


def _kernel_tuple(dims: int):
    def transform(updated: cst.Call) -> cst.Call:
        args = list(updated.args)
        positions = [i for i, arg in enumerate(args) if arg.keyword is None][1:1 + dims]
        # Inside the tuple, each dimension keeps its own comma (and any comment after it).
        elements = [
            cst.Element(args[i].value, comma=args[i].comma if n < dims - 1 else cst.MaybeSentinel.DEFAULT)
            for n, i in enumerate(positions)
        ]
        merged = args[positions[0]].with_changes(value=cst.Tuple(elements), comma=args[positions[-1]].comma)
        return updated.with_changes(args=[*args[:positions[0]], merged, *args[positions[-1] + 1:]])
    return transform


class Keras1DroppedArgument(Rule):
    """
    ## What it does
    Removes Keras-1 arguments that Keras 2.2.4 accepted and then ignored:
    `Embedding(dropout=...)`, `BatchNormalization(mode=0)`, and `forget_bias_init=` on
    recurrent layers (on LSTM, `forget_bias_init='one'` becomes `unit_forget_bias=True`,
    which is what 2.2.4 did).

    ## Why is this bad?
    tf.keras rejects them (`TypeError` / `ValueError: Unrecognized keyword arguments`).
    Since 2.2.4 ignored them, removing them keeps the model as it was; adding what they
    once meant (a SpatialDropout1D after the Embedding) would change it.

    ## Example
    ```python
    Embedding(20000, 128, dropout=0.2)
    BatchNormalization(mode=0, axis=1)
    ```

    ## Use instead
    ```python
    Embedding(20000, 128)
    BatchNormalization(axis=1)
    ```

    ## Fix safety
    Safe: it removes exactly what 2.2.4 dropped. `BatchNormalization(mode=1)` or `mode=2`
    (a TypeError in 2.2.4 already) and a non-literal `mode` are reported without a fix.
    """

    code = "KL503"
    name = "keras1-dropped-argument"
    summary = "Keras-1 argument that Keras 2.2.4 ignored and tf.keras rejects"
    fix_title = "Remove it"
    valid = ("from keras.layers import Embedding\nEmbedding(10, 4)\n",)
    invalid = (
        ("from keras.layers import Embedding\nEmbedding(10, 4, dropout=0.2)\n",
         "from keras.layers import Embedding\nEmbedding(10, 4)\n"),
        ("from keras.layers import BatchNormalization\nBatchNormalization(mode=0, axis=1)\n",
         "from keras.layers import BatchNormalization\nBatchNormalization(axis=1)\n"),
        ("from keras.layers import LSTM\nLSTM(4, forget_bias_init='one')\n",
         "from keras.layers import LSTM\nLSTM(4, unit_forget_bias=True)\n"),
        ("from keras.layers import GRU\nGRU(4, forget_bias_init='zero')\n",
         "from keras.layers import GRU\nGRU(4)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        cls = self.context.table.keras_class(node.func)
        names = calls.keyword_names(node)
        for (owner, argument), required in DROPPED_ARGUMENTS.items():
            if owner != cls or argument not in names:
                continue
            value = calls.argument(node, argument, None)
            old, one, new = FORGET_BIAS_ONE
            if (argument == old and calls.string_value(value) == one and cls in SIGNATURES
                    and new in SIGNATURES[cls][1]):
                if new in names:
                    transform = lambda updated, a=argument: calls.remove_keyword(updated, a)
                else:
                    transform = _rename(old, new, cst.Name("True"))
            elif required is ANY or (isinstance(value, cst.Integer) and value.evaluated_value == required):
                transform = lambda updated, a=argument: calls.remove_keyword(updated, a)
            else:
                self.report(node, f"`{cls}({argument}=...)` was an error in Keras 2.2.4 unless {required!r}; remove it by hand")
                continue
            self.report(
                node,
                f"`{cls}({argument}=...)` was ignored by Keras 2.2.4 and is rejected by tf.keras",
                transform=transform,
            )
