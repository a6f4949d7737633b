"""KL503: a Keras-1 argument that Keras 2.2.4 ignored and tf.keras rejects."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.keras1 import ANY, DROPPED_ARGUMENTS, DROPPED_POSITIONAL_TUPLE, FORGET_BIAS_ONE
from keraslint.keras224.layers import SIGNATURES
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.lazycst import cst
from keraslint.rules.keras1._keyword_rename import keyword_rename


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
    cases = (
        Valid("""
            from keras.layers import Embedding
            Embedding(10, 4)
            """),
        Invalid(
            """
            from keras.layers import Embedding
            Embedding(10, 4, dropout=0.2)
            """,
            fixed="""
            from keras.layers import Embedding
            Embedding(10, 4)
            """,
            message="`Embedding(dropout=...)` was ignored by Keras 2.2.4 and is rejected by tf.keras",
        ),
        Invalid(
            """
            from keras.layers import BatchNormalization
            BatchNormalization(mode=0, axis=1)
            """,
            fixed="""
            from keras.layers import BatchNormalization
            BatchNormalization(axis=1)
            """,
            message="`BatchNormalization(mode=...)` was ignored by Keras 2.2.4 and is rejected by tf.keras",
        ),
        Invalid(
            """
            from keras.layers import LSTM
            LSTM(4, forget_bias_init='one')
            """,
            fixed="""
            from keras.layers import LSTM
            LSTM(4, unit_forget_bias=True)
            """,
            message="`LSTM(forget_bias_init=...)` was ignored by Keras 2.2.4 and is rejected by tf.keras",
        ),
        Invalid(
            """
            from keras.layers import GRU
            GRU(4, forget_bias_init='zero')
            """,
            fixed="""
            from keras.layers import GRU
            GRU(4)
            """,
            message="`GRU(forget_bias_init=...)` was ignored by Keras 2.2.4 and is rejected by tf.keras",
        ),
        Invalid(
            """
            from keras.layers import Deconvolution2D
            Deconvolution2D(8, 3, 3, (None, 14, 14, 8), border_mode='same')
            """,
            fixed="""
            from keras.layers import Deconvolution2D
            Deconvolution2D(8, 3, 3, border_mode='same')
            """,
            message=("`Conv2DTranspose` gets a Keras-1 `output_shape` by position; 2.2.4 ignored it and "
                     "tf.keras reads it as padding"),
        ),
        Invalid(
            """
            from keras.layers import Conv2DTranspose
            Conv2DTranspose(8, (3, 3), output_shape=(None, 14, 14, 8))
            """,
            fixed="""
            from keras.layers import Conv2DTranspose
            Conv2DTranspose(8, (3, 3))
            """,
            message=("`Conv2DTranspose(output_shape=...)` was ignored by Keras 2.2.4 and is rejected by "
                     "tf.keras"),
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        cls = self.context.keras.keras_class(node.func)
        position = DROPPED_POSITIONAL_TUPLE.get(cls or "")
        if (position is not None and not calls.has_star_args(node)
                and calls.positional_count(node) == position + 1
                and type(calls.argument(node, "", position)) is ast.Tuple):
            self.report(
                node,
                f"`{cls}` gets a Keras-1 `output_shape` by position; 2.2.4 ignored it and tf.keras reads it as padding",
                transform=lambda updated: call_edits.remove_positional(updated, position),
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
                    transform = lambda updated, a=argument: call_edits.remove_keyword(updated, a)
                else:
                    transform = keyword_rename(old, new, lambda: cst.Name("True"))
            elif required is ANY or (calls.is_int(value) and value.value == required):
                transform = lambda updated, a=argument: call_edits.remove_keyword(updated, a)
            else:
                self.report(node, f"`{cls}({argument}=...)` was an error in Keras 2.2.4 unless {required!r}; remove it by hand")
                continue
            self.report(
                node,
                f"`{cls}({argument}=...)` was ignored by Keras 2.2.4 and is rejected by tf.keras",
                transform=transform,
                applicability=_dropping(value),
            )


def _dropping(value: ast.expr | None) -> Applicability:
    return Applicability.UNSAFE if calls.drops_a_call([value]) else Applicability.SAFE
