"""KL404: Keras-1 `input_dim`/`input_length` on a sequence layer, which Keras 3 rejects or misreads."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.keras1 import EMBEDDING_INPUT_LENGTH, INPUT_SHAPE_CLASSES
from keraslint.keras224.layers import SIGNATURES
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.rules._pinned import converted_as
from keraslint.keras224.targets import Target

if TYPE_CHECKING:
    import libcst


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
    cases = (
        Valid("""
            from keras.layers import LSTM
            LSTM(3, input_shape=(10, 4))
            """),
        Valid("""
            from keras.layers import Dense
            Dense(3, input_dim=4)
            """),
        Invalid(
            """
            from keras.layers import LSTM
            LSTM(32, input_length=10, input_dim=64)
            """,
            fixed="""
            from keras.layers import LSTM
            LSTM(32, input_shape=(10, 64))
            """,
            message="`LSTM(input_length=..., input_dim=...)`: Keras 3 wants `input_shape`",
        ),
        Invalid(
            """
            from keras.layers import GRU
            GRU(32, input_length=maxlen)
            """,
            fixed="""
            from keras.layers import GRU
            GRU(32, input_shape=(maxlen, None))
            """,
            message="`GRU(input_length=...)`: Keras 3 wants `input_shape`",
        ),
        Invalid(
            """
            from keras.layers import Conv1D
            Conv1D(64, 3, input_dim=100)
            """,
            fixed="""
            from keras.layers import Conv1D
            Conv1D(64, 3, input_shape=(None, 100))
            """,
            message="`Conv1D(input_dim=...)`: Keras 3 wants `input_shape`",
        ),
        Invalid(
            """
            from keras.layers import Embedding
            Embedding(5000, 50, input_length=400)
            """,
            fixed="""
            from keras.layers import Embedding
            Embedding(5000, 50, input_shape=(400,))
            """,
            message="Keras 3 ignores `Embedding(input_length=...)`; 2.2.4 made it the input shape",
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        layer = self.context.keras.layer_of(node.func)
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

        def transform(updated: libcst.Call) -> libcst.Call:
            length, dim = (call_edits.argument(updated, name, None) or cst.Name("None")
                           for name in ("input_length", "input_dim"))
            first, *rest = given
            updated = call_edits.set_keyword_value(updated, first, call_edits.tuple_of([length, dim]))
            updated = call_edits.rename_keyword(updated, first, "input_shape")
            return call_edits.remove_keyword(updated, rest[0]) if rest else updated

        self.report(node, f"`{layer}({'=..., '.join(given)}=...)`: Keras 3 wants `input_shape`",
                    transform=transform)

    def _embedding(self, node: ast.Call, names: set[str]) -> None:
        """``Embedding(..., input_length=n)`` -> ``input_shape=(n,)`` on keras3, as 2.2.4 did."""
        layer, argument = EMBEDDING_INPUT_LENGTH
        position = SIGNATURES[layer][1].index(argument)
        length = calls.argument(node, argument, position)
        if (self.context.settings.target != Target.KERAS3 or length is None or "input_shape" in names
                or calls.has_star_args(node)):
            return

        def transform(updated: libcst.Call) -> libcst.Call:
            updated = call_edits.keywords_for_positionals(updated, SIGNATURES[layer][1], position)
            value = call_edits.argument(updated, argument, None)
            shape = cst.Tuple([cst.Element(value, comma=cst.Comma())])
            return call_edits.rename_keyword(call_edits.set_keyword_value(updated, argument, shape), argument,
                                             "input_shape")

        self.report(node, f"Keras 3 ignores `{layer}({argument}=...)`; 2.2.4 made it the input shape",
                    transform=transform)
