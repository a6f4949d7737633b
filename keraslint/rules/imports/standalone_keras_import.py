"""KL001: an import of the standalone `keras` package instead of `tensorflow.keras`."""

from __future__ import annotations

import libcst as cst

from keraslint.rule import Definition, Invalid, Rule, Valid
from keraslint.rules.imports._import_plans import plans


def _replace_line(line: cst.SimpleStatementLine, statements: list[cst.BaseSmallStatement]):
    """Split one import line into several. A ``# noqa`` comment goes on every new line
    (it was meant for each import); any other comment stays on the first."""
    comment = line.trailing_whitespace.comment
    repeat = comment is not None and "noqa" in comment.value.lower()

    def transform(_updated: cst.CSTNode) -> cst.FlattenSentinel:
        return cst.FlattenSentinel([
            cst.SimpleStatementLine(
                body=[statement],
                leading_lines=line.leading_lines if i == 0 else (),
                trailing_whitespace=(
                    line.trailing_whitespace if i == 0 or repeat else cst.TrailingWhitespace()
                ),
            )
            for i, statement in enumerate(statements)
        ])
    return transform


def _replace_statement(original: cst.BaseSmallStatement, statements: list[cst.BaseSmallStatement]):
    def transform(_updated: cst.CSTNode):
        semicolon = cst.Semicolon(
            whitespace_before=cst.SimpleWhitespace(""), whitespace_after=cst.SimpleWhitespace(" ")
        )
        new = [s.with_changes(semicolon=semicolon) for s in statements[:-1]]
        new.append(statements[-1].with_changes(semicolon=original.semicolon))
        return new[0] if len(new) == 1 else cst.FlattenSentinel(new)
    return transform


class StandaloneKerasImport(Rule):
    """
    ## What it does
    Finds imports of the standalone `keras` package (`import keras`,
    `from keras.layers.convolutional import Conv2D`, ...) and rewrites each to its
    `tensorflow.keras` home.

    ## Why is this bad?
    Standalone Keras 2.2.4 is not maintained and does not run on current TensorFlow.
    `pip install keras` today gives Keras 3, which is a different library under the same
    name. Many 2.2.4 module paths (`keras.layers.convolutional`, `keras.utils.np_utils`,
    `keras.engine.topology`) do not exist in `tensorflow.keras` at all: every layer is
    exported flat from `tensorflow.keras.layers`.

    ## Example
    ```python
    import keras
    import keras.backend as K
    from keras.layers.convolutional import Conv2D
    from keras.engine.topology import Layer
    ```

    ## Use instead
    ```python
    from tensorflow import keras
    from tensorflow.keras import backend as K
    from tensorflow.keras.layers import Conv2D
    from tensorflow.keras.layers import Layer
    ```

    ## Fix safety
    Safe. The rewritten import binds the same local names as before (`import keras.callbacks`
    becomes `from tensorflow import keras`, `from keras.utils import np_utils` becomes
    `from tensorflow.keras import utils as np_utils`). Names that have no
    `tensorflow.keras` home are left in place and reported by KL002; when one statement
    mixes both, it is split, keeping comments.

    Star imports stay star imports of the new module. Keras 2.2.4 had no `__all__`, so
    `from keras.layers import *` also bound helper names (`K`, `np`) that the tf.keras
    module does not export, and the tf.keras module exports names 2.2.4 did not have:
    prefer explicit imports.
    """

    code = "KL001"
    name = "standalone-keras-import"
    summary = "Standalone `keras` import; import from `tensorflow.keras`"
    fix_title = "Import from `tensorflow.keras`"
    cases = (
        Valid("""
            from tensorflow import keras
            """),
        Valid("""
            from tensorflow.keras.layers import Dense
            """),
        Valid("""
            import numpy as np
            """),
        Valid("""
            from .keras import thing
            """),
        Valid("""
            from keras.wrappers.scikit_learn import KerasClassifier
            """),
        Invalid(
            """
            import keras
            """,
            fixed="""
            from tensorflow import keras
            """,
            message="Standalone `keras` import; use `tensorflow.keras`",
        ),
        Invalid(
            """
            import keras as k
            """,
            fixed="""
            from tensorflow import keras as k
            """,
            message="Standalone `keras` import; use `tensorflow`",
        ),
        Invalid(
            """
            import keras.backend as K
            """,
            fixed="""
            from tensorflow.keras import backend as K
            """,
            message="Standalone `keras` import; use `tensorflow.keras`",
        ),
        Invalid(
            """
            import keras.callbacks
            """,
            fixed="""
            from tensorflow import keras
            """,
            message="Standalone `keras` import; use `tensorflow.keras`",
        ),
        Invalid(
            """
            from keras.models import Sequential
            """,
            fixed="""
            from tensorflow.keras.models import Sequential
            """,
            message="Standalone `keras` import; use `tensorflow.keras.models`",
        ),
        Invalid(
            """
            from keras.layers.convolutional import Conv2D, MaxPooling2D as MP
            """,
            fixed="""
            from tensorflow.keras.layers import Conv2D, MaxPooling2D as MP
            """,
            message="Standalone `keras` import; use `tensorflow.keras.layers`",
        ),
        Invalid(
            """
            from keras.layers.core import *
            """,
            fixed="""
            from tensorflow.keras.layers import *
            """,
            message="Standalone `keras` import; use `tensorflow.keras.layers`",
        ),
        Invalid(
            """
            from keras.utils.np_utils import to_categorical
            """,
            fixed="""
            from tensorflow.keras.utils import to_categorical
            """,
            message="Standalone `keras` import; use `tensorflow.keras.utils`",
        ),
        Invalid(
            """
            from keras.utils import np_utils
            """,
            fixed="""
            from tensorflow.keras import utils as np_utils
            """,
            message="Standalone `keras` import; use `tensorflow.keras`",
        ),
        Invalid(
            """
            from keras.layers import recurrent
            """,
            fixed="""
            from tensorflow.keras import layers as recurrent
            """,
            message="Standalone `keras` import; use `tensorflow.keras`",
        ),
        Invalid(
            """
            from keras.engine.topology import Layer
            """,
            fixed="""
            from tensorflow.keras.layers import Layer
            """,
            message="Standalone `keras` import; use `tensorflow.keras.layers`",
        ),
        Invalid(
            """
            from keras.engine import Layer, Model
            """,
            fixed="""
            from tensorflow.keras.layers import Layer
            from tensorflow.keras.models import Model
            """,
            message="Standalone `keras` import; use `tensorflow.keras.layers`, `tensorflow.keras.models`",
        ),
        Invalid(
            """
            from keras.utils import to_categorical, multi_gpu_model  # hi
            """,
            fixed="""
            from tensorflow.keras.utils import to_categorical  # hi
            from keras.utils import multi_gpu_model
            """,
            message="Standalone `keras` import; use `tensorflow.keras.utils`",
        ),
        Invalid(
            """
            import os, keras
            """,
            fixed="""
            import os
            from tensorflow import keras
            """,
            message="Standalone `keras` import; use `tensorflow.keras`",
        ),
        Invalid(
            """
            from keras.layers import (
                Dense,  # dense
                Conv2D,
            )
            """,
            fixed="""
            from tensorflow.keras.layers import (
                Dense,  # dense
                Conv2D,
            )
            """,
            message="Standalone `keras` import; use `tensorflow.keras.layers`",
        ),
    )

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self.visit_SimpleStatementLine(node)  # `try: import keras`: same, on one line

    def visit_SimpleStatementLine(self, node) -> None:
        for statement, plan in plans(node, self.context.settings.target):
            if not plan.moved:
                continue
            splits_line = isinstance(node, cst.SimpleStatementLine) and len(node.body) == 1
            if not plan.statements:  # every name it imported is written out instead
                if len(node.body) != 1 or not isinstance(node, cst.SimpleStatementLine):
                    continue  # removing it would leave `try:` or `a = 1;` without it: left alone
                transform, target = (lambda _updated: cst.RemovalSentinel.REMOVE), node
            elif splits_line and len(plan.statements) > 1:
                transform, target = _replace_line(node, plan.statements), node
            else:
                transform, target = _replace_statement(statement, plan.statements), statement
            homes = ", ".join(f"`{m}`" for m in dict.fromkeys(plan.moved))
            self.report(
                statement,
                f"Standalone `keras` import; use {homes}",
                transform=transform,
                target=target,
                definitions=tuple(Definition(local, code) for local, code in plan.definitions),
            )
