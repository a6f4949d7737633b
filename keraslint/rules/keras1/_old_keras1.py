"""KL5xx: Keras-1 argument names and forms that Keras 2.2.4 still converted."""

from __future__ import annotations

from collections import Counter

import libcst as cst

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.keras1 import (
    ADD_WEIGHT_PARAMETERS,
    ANY,
    DROPPED_ARGUMENTS,
    DIM_ORDERING_FUNCTIONS,
    DIM_ORDERING_VALUES,
    DROPPED_POSITIONAL_TUPLE,
    FORGET_BIAS_ONE,
    KERNEL_KEYWORDS,
    LEGACY_FUNCTION_RENAMES,
    PADDING_DICT_CLASS,
    PADDING_DICT_KEYS,
    POSITIONAL_KERNEL_DIMS,
    RENAMES,
    SPLIT_RENAMES,
    VALUE_CONVERSIONS,
)
from keraslint.keras224.layers import LEGACY_FUNCTIONS, SIGNATURES
from keraslint.rule import Rule
from keraslint.rules._pinned import converted_as


class Keras1ArgumentName(Rule):
    """
    ## What it does
    Finds Keras-1 argument names that Keras 2.2.4 still accepted and converted
    (`border_mode=`, `init=`, `nb_filter=`, `output_dim=`, `dim_ordering='th'`,
    `consume_less='gpu'`, `Model(input=, output=)`, `AtrousConvolution2D(atrous_rate=)`,
    ...) and writes the Keras 2 name,
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
    the new name, is reported without a fix. `SimpleRNN`'s `consume_less=` (2.2.4 dropped
    it) is removed safely, its other recurrent-only names (an error in 2.2.4 already) and
    any removed value that calls a function only with `--unsafe-fixes`.
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
        ("from keras.layers import SeparableConv2D\nSeparableConv2D(8, (3, 3), init='he_normal')\n",
         "from keras.layers import SeparableConv2D\n"
         "SeparableConv2D(8, (3, 3), depthwise_initializer='he_normal', pointwise_initializer='he_normal')\n"),
        ("from keras.layers import AtrousConvolution2D\nAtrousConvolution2D(8, (3, 3), atrous_rate=2)\n",
         "from keras.layers import AtrousConvolution2D\nAtrousConvolution2D(8, (3, 3), dilation_rate=2)\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        table = self.context.table
        cls = table.keras_class(node.func)
        renames = RENAMES.get(converted_as(cls or ""))
        if (table.keras_name(node.func) or ("", ""))[1] in LEGACY_FUNCTIONS:
            renames = {**(renames or {}), **LEGACY_FUNCTION_RENAMES}
        names = calls.keyword_names(node)
        for old, news in SPLIT_RENAMES.get(cls or "", {}).items():
            if old in names and not any(new in names for new in news):
                self.report(node, f"`{cls}({old}=...)` is a Keras-1 name that tf.keras rejects; "
                                  f"use {' and '.join(f'`{n}`' for n in news)}",
                            transform=_split(old, news), fix_title=f"Rename `{old}`")
        if not renames:
            return
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
                    applicability=Applicability.SAFE
                    if new == "implementation" and not calls.drops_a_call([calls.argument(node, old, None)])
                    else Applicability.UNSAFE,
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


def _split(old: str, news: tuple[str, ...]):
    def transform(updated: cst.Call) -> cst.Call:
        value = calls.argument(updated, old, None)
        updated = calls.rename_keyword(updated, old, news[0])
        return calls.add_keywords(updated, [(new, value.deep_clone()) for new in news[1:]])
    return transform


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
    Safe when the dimensions are integer literals, or names the module binds once, to an
    integer literal (`nb_conv = 3`, `nb_pool, nb_conv = 2, 3`): 2.2.4 converted exactly
    `int`s. Unsafe for other names and expressions: 2.2.4 converted them only if they were
    `int`s at run time.
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
        ("import keras\nkeras.layers.Conv3D(8, 3, kernel_dim2=3, kernel_dim3=1)\n",
         "import keras\nkeras.layers.Conv3D(8, (3, 3, 1))\n"),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._calls: list[tuple[cst.Call, str, int, list[cst.BaseExpression]]] = []
        self._int_names: Counter[str] = Counter()

    def visit_Call(self, node: cst.Call) -> None:
        cls = self.context.table.keras_class(node.func)
        dims = POSITIONAL_KERNEL_DIMS.get(cls or "")
        if not dims or calls.has_star_args(node):
            return
        if KERNEL_KEYWORDS[dims][-1] in calls.keyword_names(node):
            self._kernel_keywords(node, cls, KERNEL_KEYWORDS[dims])
            return
        positional = [arg for arg in node.args if arg.keyword is None]
        if len(positional) != 1 + dims:
            return
        kernel = [arg.value for arg in positional[1:]]
        if any(isinstance(k, (cst.Tuple, cst.List)) for k in kernel):
            return
        self._calls.append((node, cls, dims, kernel))

    def visit_Assign(self, node: cst.Assign) -> None:
        """``nb_conv = 3`` and ``nb_pool, nb_conv = 2, 3``: names bound to int literals."""
        for target in node.targets:
            pairs = [(target.target, node.value)]
            if isinstance(target.target, (cst.Tuple, cst.List)) and isinstance(node.value, (cst.Tuple, cst.List)) \
                    and len(target.target.elements) == len(node.value.elements):
                pairs = [(t.value, v.value) for t, v in zip(target.target.elements, node.value.elements)]
            for name, value in pairs:
                if isinstance(name, cst.Name) and isinstance(value, cst.Integer):
                    self._int_names[name.value] += 1

    def leave_Module(self, node: cst.Module) -> None:
        for call, cls, dims, kernel in self._calls:
            safe = all(isinstance(k, cst.Integer) or self._int_constant(k) for k in kernel)
            self.report(
                call,
                f"`{cls}` gets {dims} kernel dimensions by position; tf.keras reads them as "
                f"kernel_size, strides{', padding' if dims == 3 else ''}",
                transform=_kernel_tuple(dims),
                applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
            )

    def _int_constant(self, node: cst.BaseExpression) -> bool:
        """A name the module binds once, to an int literal: an int wherever it is read."""
        return isinstance(node, cst.Name) and self._int_names[node.value] == 1 \
            and self.context.table.binding_count(node.value) == 1


    def _kernel_keywords(self, node: cst.Call, cls: str, keywords: tuple[str, ...]) -> None:
        """`Conv2D(f, r, nb_col=c)`, `Conv3D(f, kernel_dim1=a, kernel_dim2=b, kernel_dim3=c)`:
        2.2.4 took the first dimensions by position and the rest by keyword."""
        names = calls.keyword_names(node)
        by_position = max(calls.positional_count(node) - 1, 0)  # filters= may be a keyword too
        if by_position >= len(keywords):
            return
        if any(k in names for k in keywords[:by_position]) or not all(k in names for k in keywords[by_position:]):
            return

        def transform(updated: cst.Call) -> cst.Call:
            kernel = calls.tuple_of(
                [calls.argument(updated, "", 1 + i) for i in range(by_position)]
                + [calls.argument(updated, k, None) for k in keywords[by_position:]]
            )
            for keyword in keywords[by_position:]:
                updated = calls.remove_keyword(updated, keyword)
            for _ in range(by_position - 1):
                updated = calls.remove_positional(updated, 2)
            if by_position:
                return calls.set_positional_value(updated, 1, kernel)
            return calls.add_keywords(updated, [("kernel_size", kernel)])

        self.report(node, f"`{cls}({', '.join(f'{k}=' for k in keywords[by_position:])})` is the Keras-1 "
                          "kernel size; tf.keras rejects it", transform=transform)


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
    `Embedding(dropout=...)`, `BatchNormalization(mode=0)`, `forget_bias_init=` on
    recurrent layers (on LSTM, `forget_bias_init='one'` becomes `unit_forget_bias=True`,
    which is what 2.2.4 did), and `Deconvolution2D`'s `output_shape`, by keyword or as the
    fourth positional tuple.

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
    Safe: it removes exactly what 2.2.4 dropped. Unsafe when the removed value calls a
    function (`dropout=rate()`): the call goes too. `BatchNormalization(mode=1)` or `mode=2`
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
        ("from keras.layers import Deconvolution2D\nDeconvolution2D(8, 3, 3, (None, 14, 14, 8), border_mode='same')\n",
         "from keras.layers import Deconvolution2D\nDeconvolution2D(8, 3, 3, border_mode='same')\n"),
        ("from keras.layers import Conv2DTranspose\nConv2DTranspose(8, (3, 3), output_shape=(None, 14, 14, 8))\n",
         "from keras.layers import Conv2DTranspose\nConv2DTranspose(8, (3, 3))\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        cls = self.context.table.keras_class(node.func)
        position = DROPPED_POSITIONAL_TUPLE.get(cls or "")
        if (position is not None and not calls.has_star_args(node)
                and calls.positional_count(node) == position + 1
                and isinstance(calls.argument(node, "", position), cst.Tuple)):
            self.report(
                node,
                f"`{cls}` gets a Keras-1 `output_shape` by position; 2.2.4 ignored it and tf.keras reads it as padding",
                transform=lambda updated: calls.remove_positional(updated, position),
                applicability=_dropping(calls.argument(node, "", position)),
            )
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
                applicability=_dropping(value),
            )


def _dropping(value: cst.BaseExpression | None) -> Applicability:
    return Applicability.UNSAFE if calls.drops_a_call([value]) else Applicability.SAFE


class ZeroPaddingDict(Rule):
    """
    ## What it does
    Finds `ZeroPadding2D` given the Keras-1 padding dict (`{'top_pad': 1, 'left_pad': 2}`)
    and writes the nested tuple that Keras 2.2.4 built from it,
    `((top_pad, bottom_pad), (left_pad, right_pad))`, with 0 for a missing key.

    ## Why is this bad?
    2.2.4 converted the dict with a warning. tf.keras does not accept a dict: the layer
    fails to build.

    ## Example
    ```python
    ZeroPadding2D(padding={'top_pad': 1, 'bottom_pad': 1, 'left_pad': 2})
    ```

    ## Use instead
    ```python
    ZeroPadding2D(padding=((1, 1), (2, 0)))
    ```

    ## Fix safety
    Safe: it is 2.2.4's own conversion (keras/legacy/interfaces.py). A dict that is not a
    literal with only those four keys is reported without a fix.
    """

    code = "KL504"
    name = "zero-padding-dict"
    summary = "Keras-1 `ZeroPadding2D` padding dict; tf.keras wants a nested tuple"
    fix_title = "Write `((top_pad, bottom_pad), (left_pad, right_pad))`"
    valid = ("from keras.layers import ZeroPadding2D\nZeroPadding2D(((1, 1), (2, 0)))\n",)
    invalid = (
        ("from keras.layers import ZeroPadding2D\n"
         "ZeroPadding2D(padding={'top_pad': 1, 'bottom_pad': 1, 'left_pad': 2})\n",
         "from keras.layers import ZeroPadding2D\nZeroPadding2D(padding=((1, 1), (2, 0)))\n"),
        ("import keras\nkeras.layers.ZeroPadding2D({'right_pad': p})\n",
         "import keras\nkeras.layers.ZeroPadding2D(((0, 0), (0, p)))\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.table.keras_class(node.func) != PADDING_DICT_CLASS:
            return
        value = calls.argument(node, "padding", 0)
        if not isinstance(value, cst.Dict):
            return
        entries = _padding_entries(value)
        if entries is None:
            self.report(node, "`ZeroPadding2D` padding dict: write it as "
                              "`((top_pad, bottom_pad), (left_pad, right_pad))` by hand")
            return
        padding = calls.tuple_of([
            calls.tuple_of([entries.get(key, cst.Integer("0")) for key in pair]) for pair in PADDING_DICT_KEYS
        ])
        keyword = "padding" in calls.keyword_names(node)
        self.report(
            node,
            "`ZeroPadding2D` gets a Keras-1 padding dict, which tf.keras rejects",
            transform=lambda updated: (calls.set_keyword_value(updated, "padding", padding) if keyword
                                       else calls.set_positional_value(updated, 0, padding)),
        )


def _padding_entries(value: cst.Dict) -> dict[str, cst.BaseExpression] | None:
    """{key: value} of a literal padding dict with only 2.2.4's keys; None otherwise."""
    known = {key for pair in PADDING_DICT_KEYS for key in pair}
    entries = {}
    for element in value.elements:
        key = calls.string_value(element.key) if isinstance(element, cst.DictElement) else None
        if key not in known:
            return None
        entries[key] = element.value
    return entries


class ImageDimOrdering(Rule):
    """
    ## What it does
    Finds the Keras-1 backend functions `K.image_dim_ordering()` and
    `K.set_image_dim_ordering(...)` and writes their Keras 2 successors,
    `image_data_format()` and `set_image_data_format(...)`, mapping the values as 2.2.4
    did: `'th'` is `'channels_first'`, `'tf'` is `'channels_last'`. A comparison such as
    `K.image_dim_ordering() == 'th'` becomes `K.image_data_format() == 'channels_first'`;
    any other use becomes 2.2.4's own definition,
    `('th' if K.image_data_format() == 'channels_first' else 'tf')`.

    ## Why is this bad?
    tf.keras has no `image_dim_ordering`: the call is an `AttributeError`.

    ## Example
    ```python
    if K.image_dim_ordering() == 'th':
        input_shape = (1, rows, cols)
    ```

    ## Use instead
    ```python
    if K.image_data_format() == 'channels_first':
        input_shape = (1, rows, cols)
    ```

    ## Fix safety
    Safe: the same values, by 2.2.4's definition (keras/backend/common.py). The fix needs
    the call through the backend module (`K.image_dim_ordering()`); a name imported on its
    own is reported, with its import (KL002), without a fix. `set_image_dim_ordering` is
    fixed only with a literal `'th'` or `'tf'`.
    """

    code = "KL505"
    name = "image-dim-ordering"
    summary = "Keras-1 `image_dim_ordering()`; tf.keras has only `image_data_format()`"
    fix_title = "Use `image_data_format()` and its values"
    rewrites = tuple(f"keras.backend.{name}" for name in DIM_ORDERING_FUNCTIONS)
    valid = ("from keras import backend as K\nK.image_data_format() == 'channels_first'\n",)
    invalid = (
        ("from keras import backend as K\nif K.image_dim_ordering() == 'th': pass\n",
         "from keras import backend as K\nif K.image_data_format() == 'channels_first': pass\n"),
        ("import keras.backend as K\nfirst = 'tf' != K.image_dim_ordering()\n",
         "import keras.backend as K\nfirst = 'channels_last' != K.image_data_format()\n"),
        ("import keras\norder = keras.backend.image_dim_ordering()\n",
         "import keras\norder = ('th' if keras.backend.image_data_format() == 'channels_first' else 'tf')\n"),
        ('from keras import backend as K\nK.set_image_dim_ordering("th")\n',
         'from keras import backend as K\nK.set_image_data_format("channels_first")\n'),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._compared: set[int] = set()

    def _function(self, node: cst.BaseExpression) -> str | None:
        if not isinstance(node, cst.Call):
            return None
        found = self.context.table.keras_name(node.func)
        if found is None or found[0] != "keras.backend" or found[1] not in DIM_ORDERING_FUNCTIONS:
            return None
        return found[1]

    def visit_Comparison(self, node: cst.Comparison) -> None:
        """``K.image_dim_ordering() == 'th'`` (either side, ``!=`` too): map the literal."""
        if len(node.comparisons) != 1:
            return
        [comparison] = node.comparisons
        if not isinstance(comparison.operator, (cst.Equal, cst.NotEqual)):
            return
        getter_left = self._function(node.left) == "image_dim_ordering"
        call, other = (node.left, comparison.comparator) if getter_left else (comparison.comparator, node.left)
        if self._function(call) != "image_dim_ordering" or not isinstance(call.func, cst.Attribute):
            return
        old = calls.string_value(other)
        if old not in DIM_ORDERING_VALUES:
            return
        self._compared.add(id(call))
        new = calls.literal(DIM_ORDERING_VALUES[old], other.quote)

        def transform(updated: cst.Comparison) -> cst.Comparison:
            [part] = updated.comparisons
            if getter_left:
                return updated.with_changes(left=_renamed(updated.left),
                                            comparisons=[part.with_changes(comparator=new)])
            return updated.with_changes(left=new, comparisons=[part.with_changes(comparator=_renamed(part.comparator))])

        self.report(node, "`image_dim_ordering()` is not in tf.keras; compare `image_data_format()` "
                          f"with '{DIM_ORDERING_VALUES[old]}'", transform=transform)

    def visit_Call(self, node: cst.Call) -> None:
        function = self._function(node)
        if function is None or id(node) in self._compared:
            return
        new = DIM_ORDERING_FUNCTIONS[function]
        message = f"`{function}` is not in tf.keras; use `{new}`"
        if not isinstance(node.func, cst.Attribute):
            self.report(node, message)
            return
        if function == "image_dim_ordering":
            old_value = {new: old for old, new in DIM_ORDERING_VALUES.items()}

            def transform(updated: cst.Call) -> cst.BaseExpression:
                getter = cst.Module([]).code_for_node(_renamed(updated).with_changes(lpar=[], rpar=[]))
                return cst.parse_expression(
                    f"{old_value['channels_first']!r} if {getter} == 'channels_first'"
                    f" else {old_value['channels_last']!r}"
                ).with_changes(lpar=updated.lpar or [cst.LeftParen()], rpar=updated.rpar or [cst.RightParen()])

            self.report(node, message + ", as 2.2.4 defined it", transform=transform)
            return
        value = calls.argument(node, "dim_ordering", 0)
        old = calls.string_value(value)
        if old not in DIM_ORDERING_VALUES or len(node.args) != 1:
            self.report(node, message + f" with {dict(DIM_ORDERING_VALUES)}")
            return
        mapped = calls.literal(DIM_ORDERING_VALUES[old], value.quote)
        self.report(node, message, transform=lambda updated: _renamed(updated).with_changes(
            args=[updated.args[0].with_changes(value=mapped)]))


def _renamed(call: cst.Call) -> cst.Call:
    """``K.image_dim_ordering()`` -> ``K.image_data_format()``."""
    old = call.func.attr.value
    return call.with_changes(func=call.func.with_changes(attr=cst.Name(DIM_ORDERING_FUNCTIONS[old])))


class AddWeightPositional(Rule):
    """
    ## What it does
    Finds `self.add_weight(...)` calls with positional arguments, in custom layers, and
    passes them by keyword: 2.2.4's order (`add_weight('kernel', (3, 4))`) and the Keras-1
    order it still converted (`add_weight((3, 4), 'kernel')`).

    ## Why is this bad?
    Keras 3 takes `add_weight`'s arguments by keyword only, and reads the first positional
    as `shape`: `add_weight('kernel', (3, 4))` raises `ValueError`. TF 2.x rejects the
    Keras-1 order (`TypeError`). Keywords work on every version.

    ## Example
    ```python
    self.kernel = self.add_weight('kernel', (input_dim, self.units), initializer='uniform')
    ```

    ## Use instead
    ```python
    self.kernel = self.add_weight(name='kernel', shape=(input_dim, self.units), initializer='uniform')
    ```

    ## Fix safety
    Safe: the same arguments, named as 2.2.4 read them. On the `keras2` target only the
    Keras-1 order is reported, since TF 2.x accepts 2.2.4's.
    """

    code = "KL506"
    name = "add-weight-positional"
    summary = "`add_weight` with positional arguments; Keras 3 takes keywords only"
    fix_title = "Pass the arguments by keyword"
    valid = ("import keras\nw = self.add_weight(name='w', shape=(3,), initializer='zeros')\n",)
    invalid = (
        ("import keras\nw = self.add_weight('w', (3, 4), initializer='zeros')\n",
         "import keras\nw = self.add_weight(name='w', shape=(3, 4), initializer='zeros')\n"),
        ("import keras\nw = self.add_weight((3, 4), 'w', initializer='zeros')\n",
         "import keras\nw = self.add_weight(shape=(3, 4), name='w', initializer='zeros')\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "add_weight"):
            return
        positional = [arg.value for arg in node.args if arg.keyword is None]
        if not positional or calls.has_star_args(node):
            return
        keras1 = isinstance(positional[0], (cst.Tuple, cst.List))
        if keras1:
            named = len(positional) == 1 or (
                len(positional) == 2 and isinstance(positional[1], (cst.SimpleString, cst.ConcatenatedString)))
            if not named:
                self.report(node, "`add_weight` in the Keras-1 order (shape first); pass keywords by hand")
                return
            names = ("shape", "name")
        elif self.context.settings.target == "keras3":
            names = ADD_WEIGHT_PARAMETERS
        else:
            return
        self.report(
            node,
            "`add_weight` with arguments by position" + (" in the Keras-1 order (shape first)" if keras1 else
                                                          "; Keras 3 takes keywords only"),
            transform=lambda updated: calls.keywords_for_positionals(updated, names, 0),
        )
