"""KL501: a Keras-1 argument name that Keras 2.2.4 converted and tf.keras rejects."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.keras1 import LEGACY_FUNCTION_RENAMES, RENAMES, SPLIT_RENAMES, VALUE_CONVERSIONS
from keraslint.keras224.layers import LEGACY_FUNCTIONS, SIGNATURES
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.rules._pinned import converted_as
from keraslint.rules.keras1._keyword_rename import keyword_rename

if TYPE_CHECKING:
    import libcst as cst


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
    cases = (
        Valid("""
            from keras.layers import Conv2D
            Conv2D(8, 3, padding='same')
            """),
        Valid("""
            from keras.layers import Dropout
            Dropout(rate=0.5)
            """),
        Invalid(
            """
            from keras.layers import Convolution2D
            Convolution2D(32, (3, 3), border_mode='same', dim_ordering='th')
            """,
            fixed="""
            from keras.layers import Convolution2D
            Convolution2D(32, (3, 3), padding='same', data_format='channels_first')
            """,
            message="`Conv2D(border_mode=...)` is a Keras-1 name that tf.keras rejects; use `padding`",
        ),
        Invalid(
            """
            from keras.layers import Dense
            Dense(output_dim=10, init='he_normal')
            """,
            fixed="""
            from keras.layers import Dense
            Dense(units=10, kernel_initializer='he_normal')
            """,
            message="`Dense(output_dim=...)` is a Keras-1 name that tf.keras rejects; use `units`",
        ),
        Invalid(
            """
            from keras.layers import LSTM
            LSTM(8, consume_less='gpu', dropout_U=0.2)
            """,
            fixed="""
            from keras.layers import LSTM
            LSTM(8, implementation=2, recurrent_dropout=0.2)
            """,
            message="`LSTM(dropout_U=...)` is a Keras-1 name that tf.keras rejects; use `recurrent_dropout`",
        ),
        Invalid(
            """
            from keras.models import Model
            m = Model(input=a, output=b)
            """,
            fixed="""
            from keras.models import Model
            m = Model(inputs=a, outputs=b)
            """,
            message="`Model(input=...)` is a Keras-1 name that tf.keras rejects; use `inputs`",
        ),
        Invalid(
            """
            from keras.layers import *
            MaxPooling2D(border_mode='valid')
            """,
            fixed="""
            from keras.layers import *
            MaxPooling2D(padding='valid')
            """,
            message="`MaxPooling2D(border_mode=...)` is a Keras-1 name that tf.keras rejects; use `padding`",
        ),
        Invalid(
            """
            from keras.layers import SeparableConv2D
            SeparableConv2D(8, (3, 3), init='he_normal')
            """,
            fixed="""
            from keras.layers import SeparableConv2D
            SeparableConv2D(8, (3, 3), depthwise_initializer='he_normal', pointwise_initializer='he_normal')
            """,
            message=("`SeparableConv2D(init=...)` is a Keras-1 name that tf.keras rejects; use "
                     "`depthwise_initializer` and `pointwise_initializer`"),
        ),
        Invalid(
            """
            from keras.layers import AtrousConvolution2D
            AtrousConvolution2D(8, (3, 3), atrous_rate=2)
            """,
            fixed="""
            from keras.layers import AtrousConvolution2D
            AtrousConvolution2D(8, (3, 3), dilation_rate=2)
            """,
            message="`Conv2D(atrous_rate=...)` is a Keras-1 name that tf.keras rejects; use `dilation_rate`",
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        keras = self.context.keras
        cls = keras.keras_class(node.func)
        renames = RENAMES.get(converted_as(cls or ""))
        if (keras.keras_name(node.func) or ("", ""))[1] in LEGACY_FUNCTIONS:
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
                    transform=lambda updated, old=old: call_edits.remove_keyword(updated, old),
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
            converted = None
            if conversions is not None:
                text = calls.string_value(value)
                if text not in conversions:
                    self.report(node, f"`{cls}({old}=...)`: use `{new}=` with the converted value by hand")
                    continue
                converted = (lambda written=conversions[text], quote=calls.quote_of(node):
                             call_edits.literal(written, quote))
            self.report(
                node,
                f"`{cls}({old}=...)` is a Keras-1 name that tf.keras rejects; use `{new}`",
                transform=keyword_rename(old, new, converted),
                fix_title=f"Rename `{old}` to `{new}`",
            )


def _split(old: str, news: tuple[str, ...]):
    def transform(updated: cst.Call) -> cst.Call:
        value = call_edits.argument(updated, old, None)
        updated = call_edits.rename_keyword(updated, old, news[0])
        return call_edits.add_keywords(updated, [(new, value.deep_clone()) for new in news[1:]])
    return transform
