"""KL703: `K.batch_dot`, which tf.keras contracts otherwise than Keras 2.2.4 from rank 4."""

from __future__ import annotations

import ast

from keraslint.keras224.backend import BATCH_DOT, BATCH_DOT_CODE, BATCH_DOT_NAME, BATCH_DOT_TARGETS
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable


class BatchDot(Rule):
    """
    ## What it does
    Rewrites `K.batch_dot(x, y, axes)` to `batch_dot_224(x, y, axes)`, Keras 2.2.4's
    `batch_dot` as a function keraslint adds to the module once.

    ## Why is this bad?
    Keras 2.3 rewrote `K.batch_dot`, and tf.keras (TF 2.15 and Keras 3) has the new one. For
    tensors of rank 3 and less both agree; from rank 4 they contract other dimensions: 2.2.4
    multiplied batches of matrices over all leading dimensions, so capsule networks' routing
    (`K.batch_dot(c, u_hat, [2, 2])` on shapes (b, 10, 100) and (b, 10, 100, 16)) gave
    (b, 10, 16), and tf.keras gives (b, 10, 10, 16): the layer then fails, or computes
    something else.

    ## Example
    ```python
    o = K.batch_dot(c, hat_inputs, [2, 2])
    ```

    ## Use instead
    ```python
    def batch_dot_224(x, y, axes=None):
        ...  # Keras 2.2.4's batch_dot, written out once per module

    o = batch_dot_224(c, hat_inputs, [2, 2])
    ```

    ## Fix safety
    Safe: `batch_dot_224` computes what 2.2.4's did, for every rank. When the module already
    binds the name `batch_dot_224`, the call is reported without a fix.
    """

    code = "KL703"
    name = "batch-dot"
    summary = "`K.batch_dot` contracts rank-4 tensors otherwise than 2.2.4"
    fix_title = "Use `batch_dot_224` (Keras 2.2.4's batch_dot)"
    cases = (
        Valid("""
            from keras import backend as K
            K.dot(x, y)
            """),
        Valid("""
            import numpy as np
            import keras
            np.dot(x, y)
            """),
        Invalid(
            """
            from keras import backend as K
            o = K.batch_dot(c, u, [2, 2])
            """,
            fixed=("from keras import backend as K\n\n\n" + BATCH_DOT_CODE
                   + "\n\no = batch_dot_224(c, u, [2, 2])\n"),
            message="tf.keras's `K.batch_dot` contracts tensors of rank 4 and more otherwise than Keras 2.2.4",
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target not in BATCH_DOT_TARGETS:
            return
        found = self.context.keras.keras_name(node.func)
        if found is None or ".".join(found) != BATCH_DOT:
            return
        message = "tf.keras's `K.batch_dot` contracts tensors of rank 4 and more otherwise than Keras 2.2.4"
        if not definable(self.context.table, BATCH_DOT_NAME):
            self.report(node, message)
            return
        self.report(node, message, transform=lambda updated: updated.with_changes(func=cst.Name(BATCH_DOT_NAME)),
                    definitions=(Definition(BATCH_DOT_NAME, BATCH_DOT_CODE),))
