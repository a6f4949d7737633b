"""KL504: a `ZeroPadding2D` given the Keras-1 padding dict."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.keras1 import PADDING_DICT_CLASS, PADDING_DICT_KEYS
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.keras224.signatures import ZERO_PADDING_2D, position

_POSITION = position(ZERO_PADDING_2D, "padding")
_KEYS = {key for pair in PADDING_DICT_KEYS for key in pair}


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
    cases = (
        Valid("""
            from keras.layers import ZeroPadding2D
            ZeroPadding2D(((1, 1), (2, 0)))
            """),
        Invalid(
            """
            from keras.layers import ZeroPadding2D
            ZeroPadding2D(padding={'top_pad': 1, 'bottom_pad': 1, 'left_pad': 2})
            """,
            fixed="""
            from keras.layers import ZeroPadding2D
            ZeroPadding2D(padding=((1, 1), (2, 0)))
            """,
            message="`ZeroPadding2D` gets a Keras-1 padding dict, which tf.keras rejects",
        ),
        Invalid(
            """
            import keras
            keras.layers.ZeroPadding2D({'right_pad': p})
            """,
            fixed="""
            import keras
            keras.layers.ZeroPadding2D(((0, 0), (0, p)))
            """,
            message="`ZeroPadding2D` gets a Keras-1 padding dict, which tf.keras rejects",
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.keras.keras_class(node.func) != PADDING_DICT_CLASS:
            return
        value = calls.argument(node, "padding", _POSITION)
        if type(value) is not ast.Dict:
            return
        if any(calls.string_value(key) not in _KEYS for key in value.keys):  # a `**d` key is None
            self.report(node, "`ZeroPadding2D` padding dict: write it as "
                              "`((top_pad, bottom_pad), (left_pad, right_pad))` by hand")
            return
        keyword = "padding" in calls.keyword_names(node)

        def transform(updated: cst.Call) -> cst.Call:
            padding = _padding(updated)
            return (call_edits.set_keyword_value(updated, "padding", padding) if keyword
                    else call_edits.set_positional_value(updated, 0, padding))

        self.report(node, "`ZeroPadding2D` gets a Keras-1 padding dict, which tf.keras rejects", transform=transform)


def _padding(call: cst.Call) -> cst.Tuple:
    """The nested tuple 2.2.4 built from the call's padding dict, 0 for a missing key."""
    entries = {call_edits.string_value(element.key): element.value
               for element in call_edits.argument(call, "padding", _POSITION).elements}
    return call_edits.tuple_of([
        call_edits.tuple_of([entries.get(key, cst.Integer("0")) for key in pair]) for pair in PADDING_DICT_KEYS
    ])
