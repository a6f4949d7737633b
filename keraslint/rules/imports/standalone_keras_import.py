"""KL001: an import of the standalone `keras` package instead of `tensorflow.keras`."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint.calls import current_source
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Rule, Valid
from keraslint.rules.imports._import_plans import Builder, plan
from keraslint.rules.imports._lines import Lines

if TYPE_CHECKING:
    import libcst


def _replace_line(build: list[Builder]):
    """Split one import line into several. A ``# noqa`` comment goes on every new line
    (it was meant for each import); any other comment stays on the first."""

    def transform(line: libcst.SimpleStatementLine) -> libcst.FlattenSentinel:
        statements = [new(line.body[0]) for new in build]
        comment = line.trailing_whitespace.comment
        repeat = comment is not None and "noqa" in comment.value.lower()
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


def _replace_statement(build: list[Builder]):
    def transform(original: libcst.BaseSmallStatement):
        statements = [new(original) for new in build]
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

    def visit_Module(self, node: ast.Module) -> None:
        self._lines = Lines(node, current_source.get())

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        new = plan(node, self.context.settings.target)
        if new is None or not new.moved:
            return
        if not new.statements:  # every name it imported is written out instead
            if not self._lines.alone(node):
                return  # removing it would leave `try:` or `a = 1;` without it: left alone
            transform, kind = (lambda _updated: cst.RemovalSentinel.REMOVE), "SimpleStatementLine"
        elif len(new.statements) > 1 and self._lines.alone(node):
            transform, kind = _replace_line(new.statements), "SimpleStatementLine"
        else:
            transform, kind = _replace_statement(new.statements), None
        homes = ", ".join(f"`{m}`" for m in dict.fromkeys(new.moved))
        self.report(
            node,
            f"Standalone `keras` import; use {homes}",
            transform=transform,
            kind=kind,
            definitions=tuple(Definition(local, code) for local, code in new.definitions),
        )

    visit_ImportFrom = visit_Import
