"""KL003: a dotted path through a Keras 2.2.4 submodule that tf.keras does not have."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.spellings import to_keras
from keraslint.keras224.recurrent import CUDNN_SETTINGS
from keraslint.lazycst import cst
from keraslint.moves import Moved, resolve
from keraslint.rule import Invalid, Matches, Valid
from keraslint.rules.imports._dotted_paths import PathMove, PathRule


class MovedKerasPath(PathRule):
    """
    ## What it does
    Finds dotted paths in code that go through a Keras 2.2.4 submodule which
    `tensorflow.keras` does not have, such as `keras.layers.convolutional.Conv2D` or
    `keras.utils.np_utils.to_categorical`, and shortens them to the tf.keras path.

    ## Why is this bad?
    Once `keras` means `tensorflow.keras`, `keras.layers.convolutional` is an
    `AttributeError`: tf.keras exports every layer flat from `keras.layers`, and the
    `utils` helpers flat from `keras.utils`.

    ## Example
    ```python
    import keras
    conv = keras.layers.convolutional.Conv2D(32, (3, 3))
    ```

    ## Use instead
    ```python
    from tensorflow import keras
    conv = keras.layers.Conv2D(32, (3, 3))
    ```

    ## Fix safety
    Safe when the path is only shortened (`keras.layers.convolutional.Conv2D` to
    `keras.layers.Conv2D`): the short path names the same class in Keras 2.2.4 and in
    tf.keras. Unsafe when the name itself changes (`keras.losses.cosine_proximity` to
    `keras.losses.cosine_similarity`): the new name exists only once the import is on
    tf.keras (KL001).
    """

    code = "KL003"
    name = "moved-keras-path"
    summary = "Path through a Keras 2.2.4 submodule that tf.keras does not have"
    fix_title = "Use the tf.keras path"
    cases = (
        Valid("""
            import keras
            x = keras.layers.Dense(3, kernel_initializer='glorot_uniform')
            """),
        Valid("""
            import keras.backend as K
            K.epsilon()
            """),
        Valid("""
            class keras: pass
            keras.layers.convolutional.Conv2D
            """),
        Invalid(
            """
            import keras
            C = keras.layers.convolutional.Conv2D
            """,
            fixed="""
            import keras
            C = keras.layers.Conv2D
            """,
            message="`keras.layers.convolutional.Conv2D` is `tensorflow.keras.layers.Conv2D` in tf.keras",
        ),
        Invalid(
            """
            import keras
            y = keras.utils.np_utils.to_categorical(x)
            """,
            fixed="""
            import keras
            y = keras.utils.to_categorical(x)
            """,
            message=("`keras.utils.np_utils.to_categorical` is `tensorflow.keras.utils.to_categorical` in "
                     "tf.keras"),
        ),
        Invalid(
            """
            import keras.engine.topology
            class A(keras.engine.topology.Layer): pass
            """,
            fixed="""
            import keras.engine.topology
            class A(keras.layers.Layer): pass
            """,
            message="`keras.engine.topology.Layer` is `tensorflow.keras.layers.Layer` in tf.keras",
        ),
        Invalid(
            """
            from keras import layers
            C = (layers.convolutional.Conv2D)
            """,
            fixed="""
            from keras import layers
            C = (layers.Conv2D)
            """,
            message="`keras.layers.convolutional.Conv2D` is `tensorflow.keras.layers.Conv2D` in tf.keras",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._by_hand: set[int] = set()  # call targets renamed only together with their arguments

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        """A renamed layer that a star import brought in: ``CuDNNLSTM(8)`` is ``LSTM(8)``."""
        func, table = node.func, self.context.table
        if calls.has_star_args(node) and self.context.keras.layer_of(func) in CUDNN_SETTINGS:
            # LSTM(*args) is not CuDNNLSTM(*args) unless KL405 can write the cuDNN settings
            self._by_hand.add(id(func))
        if not isinstance(func, ast.Name) or func.id in table.bindings or func.id in table.shadowed:
            return
        qualified = table.qualify(func)
        old = None if qualified is None else to_keras(qualified)
        where = None if old is None else resolve(old, self.context.settings.target)
        new = where.new.rsplit(".", 1)[1] if isinstance(where, Moved) else func.id
        if new == func.id:
            return
        if new in table.bindings or new in table.shadowed:
            self.report(func, f"`{old}` is `{where.new}` in tf.keras, and `{new}` means something else here")
            return
        if id(func) in self._by_hand:
            self.report(func, f"`{old}` is `{where.new}` in tf.keras; rename it by hand with the settings KL405 names")
            return
        self.report(
            func,
            f"`{old}` is `{where.new}` in tf.keras",
            transform=lambda updated: updated.with_changes(value=new),
            applicability=Applicability.SAFE if "KL001" in self.context.enabled else Applicability.UNSAFE,
        )

    def check_path(self, node, move: PathMove) -> None:
        if move.new_text is None:
            return
        if id(node) in self._by_hand:
            self.report(node, f"`{move.old}` is `{move.new}` in tf.keras; rename it by hand with the settings KL405 names")
            return
        # A shortened path (keras.layers.Conv2D) works in Keras 2.2.4 and tf.keras alike.
        # A renamed one (cosine_similarity) only once the head's import is on tf.keras:
        # already, or in this same run (KL001 enabled and not suppressed on that import).
        head = move.new_text.split(".")[0]
        import_moves = not move.standalone or (
            "KL001" in self.context.enabled and head not in self.context.table.kept_imports
        )
        safe = not move.renamed or import_moves
        self.report(
            node,
            f"`{move.old}` is `{move.new}` in tf.keras",
            transform=lambda updated: cst.parse_expression(move.new_text).with_changes(
                lpar=updated.lpar, rpar=updated.rpar
            ),
            applicability=Applicability.SAFE if safe else Applicability.UNSAFE,
            fix_title=None if safe else "Use the tf.keras name (valid once the import is on tf.keras)",
        )
