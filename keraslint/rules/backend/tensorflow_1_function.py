"""KL702: a TensorFlow 1 function that TensorFlow 2 keeps only in `tf.compat.v1`."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint.keras224.tf1 import COMPAT_V1, TF1_FUNCTIONS
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Rule, Valid

if TYPE_CHECKING:
    import libcst


class TensorFlow1Function(Rule):
    """
    ## What it does
    Finds TensorFlow 1 functions called on `tf` that TensorFlow 2 keeps only in
    `tf.compat.v1` (`tf.random_normal`, `tf.random_uniform`, `tf.div`, `tf.to_float`,
    `tf.log`, ...), as Keras 2.2.4-era code used them inside `Lambda` layers, custom layers and
    losses, and writes `tf.compat.v1.NAME`.

    ## Why is this bad?
    Keras 2.2.4 ran on TensorFlow 1, and its users wrote TensorFlow 1 ops into their layers.
    TensorFlow 2 removed these names from `tf` (`AttributeError: module 'tensorflow' has no
    attribute 'random_normal'`), so the model does not build, or fails at its first call.

    ## Example
    ```python
    import tensorflow as tf
    noise = tf.random_normal(tf.shape(x))
    ```

    ## Use instead
    ```python
    import tensorflow as tf
    noise = tf.compat.v1.random_normal(tf.shape(x))
    ```

    ## Fix safety
    Safe: `tf.compat.v1.NAME` is TensorFlow 1's function, with its arguments and results.
    TensorFlow 1's graph-only functions (`tf.placeholder`, sessions, collections, variable
    scopes) are not rewritten: they have no meaning in TensorFlow 2's eager mode and need a
    rewrite by hand.
    """

    code = "KL702"
    name = "tensorflow-1-function"
    summary = "A TensorFlow 1 function TensorFlow 2 keeps only in `tf.compat.v1`"
    fix_title = "Use `tf.compat.v1.NAME`"
    cases = (
        Valid("""
            import keras
            import tensorflow as tf
            noise = tf.random.normal(tf.shape(x))
            """),
        Valid("""
            import keras
            import tensorflow as tf
            x = tf.compat.v1.div(a, b)
            """),
        Valid("""
            import keras
            import tensorflow as tf
            x = tf.placeholder(tf.float32)
            """),
        Valid("""
            import keras
            import numpy as np
            x = np.log(a)
            """),
        Invalid(
            """
            import keras
            import tensorflow as tf
            noise = tf.random_normal(tf.shape(x))
            """,
            fixed="""
            import keras
            import tensorflow as tf
            noise = tf.compat.v1.random_normal(tf.shape(x))
            """,
            message=("`tf.random_normal` is TensorFlow 1's; TensorFlow 2 keeps it as "
                     "`tf.compat.v1.random_normal`"),
        ),
        Invalid(
            """
            import keras
            import tensorflow
            y = tensorflow.to_float(tensorflow.div(a, b))
            """,
            fixed="""
            import keras
            import tensorflow
            y = tensorflow.compat.v1.to_float(tensorflow.compat.v1.div(a, b))
            """,
            message="`tf.to_float` is TensorFlow 1's; TensorFlow 2 keeps it as `tf.compat.v1.to_float`",
        ),
    )

    def visit_Attribute(self, node: ast.Attribute) -> None:
        if node.attr not in TF1_FUNCTIONS or self.context.table.qualify(node) != f"tensorflow.{node.attr}":
            return
        self.report(
            node,
            f"`tf.{node.attr}` is TensorFlow 1's; TensorFlow 2 keeps it as `tf.{COMPAT_V1}.{node.attr}`",
            transform=lambda updated: updated.with_changes(value=_compat_v1(updated.value)),
        )


def _compat_v1(module: libcst.BaseExpression) -> libcst.BaseExpression:
    for part in COMPAT_V1.split("."):
        module = cst.Attribute(value=module, attr=cst.Name(part))
    return module
