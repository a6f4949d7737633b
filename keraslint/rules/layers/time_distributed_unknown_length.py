"""KL803: TimeDistributed, which Keras 3 maps over the batch when the number of steps is unknown."""

from __future__ import annotations

import ast

from keraslint.keras224.layers import (
    TIME_DISTRIBUTED,
    TIME_DISTRIBUTED_224_CODE,
    TIME_DISTRIBUTED_224_NAME,
    TIME_DISTRIBUTED_224_TARGETS,
    TIME_DISTRIBUTED_MODULES,
)
from keraslint.lazycst import cst
from keraslint.rule import Definition, Import, Invalid, Matches, Rule, Valid, definable, tf_free


class TimeDistributedUnknownLength(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites `TimeDistributed(layer)` to
    `TimeDistributed_224(layer)`, a subclass keraslint adds to the module once, which applies
    the layer to every time step when their number is unknown (`Input((None, n))`,
    `input_shape=(None, n)`), as Keras 2.2.4 did. With a known number of steps it is Keras 3's
    layer.

    ## Why is this bad?
    Keras 3 (checked on 3.15) maps the wrapped layer over the batch instead of the time steps
    when their number is unknown: it reads the length from the input's shape before moving
    time first. A model that meets a second sequence length (a tagger predicting longer
    sentences, bucketed batches) predicts a wrong shape, `(2, 2, 3)` for 2 sequences of 11
    steps, and `fit` fails with "Incompatible shapes". 2.2.4 reshaped the input to
    (batch * steps, ...) and back.

    ## Example
    ```python
    model.add(LSTM(8, return_sequences=True, input_shape=(None, 4)))
    model.add(TimeDistributed(Dense(3)))
    ```

    ## Use instead
    ```python
    class TimeDistributed_224(tf.keras.layers.TimeDistributed):
        ...  # 2.2.4's reshape for an unknown number of steps (added once)

    model.add(LSTM(8, return_sequences=True, input_shape=(None, 4)))
    model.add(TimeDistributed_224(Dense(3)))
    ```

    ## Fix safety
    Safe: with a known number of steps the class is Keras 3's TimeDistributed, and with an
    unknown one it computes what 2.2.4 computed. It names itself TimeDistributed, so a saved
    model loads without it.
    """

    code = "KL803"
    name = "time-distributed-unknown-length"
    summary = "Keras 3's TimeDistributed maps over the batch when the number of time steps is unknown"
    fix_title = f"Use `{TIME_DISTRIBUTED_224_NAME}`, which maps over the time steps"
    cases = (
        Valid("""
            import keras
            from keras.layers import Dense
            Dense(3)
            """),
        Invalid(
            """
            import tensorflow as tf
            from keras.layers import Dense, TimeDistributed
            TimeDistributed(Dense(3))
            """,
            fixed=("import tensorflow as tf\nfrom keras.layers import Dense, TimeDistributed\n\n\n"
                   + TIME_DISTRIBUTED_224_CODE + "\n\nTimeDistributed_224(Dense(3))\n"),
            message=("Keras 3's TimeDistributed maps its layer over the batch when the number of steps is "
                     "unknown"),
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        table, keras = self.context.table, self.context.keras
        found = keras.keras_name(node.func) if self.context.settings.target in TIME_DISTRIBUTED_224_TARGETS else None
        if found is None or found[1] != TIME_DISTRIBUTED or found[0] not in TIME_DISTRIBUTED_MODULES:
            return
        message = "Keras 3's TimeDistributed maps its layer over the batch when the number of steps is unknown"
        if not tf_free(table) \
                or not definable(table, TIME_DISTRIBUTED_224_NAME):
            self.report(node, message + f"; keraslint's `{TIME_DISTRIBUTED_224_NAME}` needs `tf` and its name free")
            return
        self.report(
            node, message,
            transform=lambda updated: updated.with_changes(func=cst.Name(TIME_DISTRIBUTED_224_NAME)),
            imports=(Import("tensorflow", None, "tf"),),
            definitions=(Definition(TIME_DISTRIBUTED_224_NAME, TIME_DISTRIBUTED_224_CODE),),
        )
