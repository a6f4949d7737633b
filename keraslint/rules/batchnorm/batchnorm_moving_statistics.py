"""KL204: BatchNormalization's moving statistics, which 2.2.4 kept otherwise."""

from __future__ import annotations

import ast

from keraslint.keras224.layers import BATCHNORM_224_CODE, BATCHNORM_224_NAME, BATCHNORM_224_TARGETS
from keraslint.lazycst import cst
from keraslint.rule import Definition, Import, Invalid, Matches, Rule, Valid, definable, tf_free


class BatchNormMovingStatistics(Rule):
    """
    ## What it does
    Makes every `BatchNormalization` layer Keras 2.2.4's: `BatchNormalization(...)` becomes
    `BatchNormalization_224(...)`, a subclass of tf.keras's that keraslint adds to the module
    once, which keeps 2.2.4's moving statistics and 2.2.4's frozen layers.

    ## Why is this bad?
    2.2.4 (TensorFlow backend) zero-debiased the moving mean and variance, so after one
    training step the moving mean was the batch mean; tf.keras keeps a plain moving average
    from 0 and 1, which takes about `1 / (1 - momentum)` steps (100 at 0.99) to catch up:
    a model evaluated early in training gives other results. 2.2.4 also applied Bessel's
    correction to the batch variance, which Keras 3 never does: a lasting difference of
    `n / (n - 1)` in the moving variance. And since TF 2.0 a layer with `trainable=False`
    normalizes with its moving statistics, where 2.2.4 used the batch's (KL203).

    ## Example
    ```python
    x = BatchNormalization(momentum=0.99, epsilon=0.001)(x)
    ```

    ## Use instead
    ```python
    class BatchNormalization_224(tf.keras.layers.BatchNormalization):
        ...  # 2.2.4's moving statistics (added once)

    x = BatchNormalization_224(momentum=0.99, epsilon=0.001)(x)
    ```

    ## Fix safety
    Safe: training and evaluation give 2.2.4's numbers (the tests train both and compare).
    The layer is an instance of tf.keras's class, with the same weights; the debiasing state
    is not a weight (2.2.4 did not save it either), and a saved model records
    `BatchNormalization`, so any program loads it (as tf.keras's layer).
    """

    code = "KL204"
    name = "batchnorm-moving-statistics"
    summary = "BatchNormalization keeps its moving statistics differently from 2.2.4"
    fix_title = "Use Keras 2.2.4's BatchNormalization"
    cases = (
        Valid("""
            from keras.layers import Dense
            Dense(3)
            """),
        Invalid(
            """
            import tensorflow as tf
            from keras.layers import BatchNormalization
            BatchNormalization()
            """,
            fixed=("import tensorflow as tf\nfrom keras.layers import BatchNormalization\n\n\n"
                   + BATCHNORM_224_CODE + "\n\nBatchNormalization_224()\n"),
            message=("BatchNormalization's moving mean and variance are not zero-debiased nor "
                     "Bessel-corrected as in Keras 2.2.4"),
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.keras.layer_of(node.func) != "BatchNormalization":
            return
        message = ("BatchNormalization's moving mean and variance are not zero-debiased nor "
                   "Bessel-corrected as in Keras 2.2.4")
        table = self.context.table
        if self.context.settings.target not in BATCHNORM_224_TARGETS:
            return
        if not tf_free(table) \
                or not definable(table, BATCHNORM_224_NAME):
            self.report(node, message + "; use 2.2.4's layer by hand (`tf` or its name is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: updated.with_changes(func=cst.Name(BATCHNORM_224_NAME)),
            imports=(Import("tensorflow", None, "tf"),),
            definitions=(Definition(BATCHNORM_224_NAME, BATCHNORM_224_CODE),),
        )
