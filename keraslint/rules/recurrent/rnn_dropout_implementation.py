"""KL403: an LSTM or GRU call with dropout that relies on `implementation`, 1 in 2.2.4 and 2 now."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.layers import SIGNATURES
from keraslint.keras224.recurrent import DROPOUT_IMPLEMENTATION, IMPLEMENTATION_CLASSES
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.rules.recurrent._keras1_argument_names import keras1_names
from keraslint.keras224.targets import Target


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
    cases = (
        Valid("""
            from keras.layers import LSTM
            LSTM(3)
            """),
        Valid("""
            from keras.layers import LSTM
            LSTM(3, dropout=0.0)
            """),
        Valid("""
            from keras.layers import GRU
            GRU(3, dropout=0.5, implementation=2)
            """),
        Valid("""
            from keras.layers import LSTM
            LSTM(3, dropout_W=0.5, consume_less='gpu')
            """),
        Invalid(
            """
            from keras.layers import LSTM
            LSTM(3, dropout=0.2)
            """,
            fixed="""
            from keras.layers import LSTM
            LSTM(3, dropout=0.2, implementation=1)
            """,
            message="`LSTM` with dropout relies on `implementation`, 1 in Keras 2.2.4 and 2 now",
            unsafe=True,
        ),
        Invalid(
            """
            from keras.layers import GRU
            GRU(3, dropout_U=0.2)
            """,
            fixed="""
            from keras.layers import GRU
            GRU(3, dropout_U=0.2, implementation=1)
            """,
            message="`GRU` with dropout relies on `implementation`, 1 in Keras 2.2.4 and 2 now",
            unsafe=True,
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        layer = self.context.keras.layer_of(node.func)
        if layer not in IMPLEMENTATION_CLASSES or calls.has_star_args(node):
            return
        parameters = SIGNATURES[layer][1]
        if calls.positional_count(node) > parameters.index("implementation"):
            return
        if calls.keyword_of(node, ("implementation", *keras1_names(layer, "implementation"))):
            return
        dropouts = [
            calls.argument(node, name, parameters.index(name), keras1_names(layer, name))
            for name in ("dropout", "recurrent_dropout")
        ]
        if not any(d is not None and not _is_zero(d) for d in dropouts):
            return
        exact = self.context.settings.target == Target.KERAS2
        self.report(
            node,
            f"`{layer}` with dropout relies on `implementation`, 1 in Keras 2.2.4 and 2 now",
            transform=lambda updated: call_edits.add_keywords(
                updated, [("implementation", cst.Integer(str(DROPOUT_IMPLEMENTATION)))]
            ),
            applicability=Applicability.SAFE if exact else Applicability.UNSAFE,
        )


def _is_zero(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value == 0
