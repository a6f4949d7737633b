"""KL002: a Keras 2.2.4 module or name that has no `tensorflow.keras` home."""

from __future__ import annotations

import ast

from keraslint.calls import current_source, segment
from keraslint.diagnostics import Applicability
from keraslint.keras224.spellings import to_keras
from keraslint.keras224.modules import REMOVABLE_CALLS
from keraslint.lazycst import cst
from keraslint.moves import NoHome, resolve
from keraslint.rule import Invalid, Valid
from keraslint.rules.imports._dotted_paths import PathMove, PathRule
from keraslint.rules.imports._import_plans import plan
from keraslint.rules.imports._lines import Lines


class KerasNameWithoutHome(PathRule):
    """
    ## What it does
    Reports Keras 2.2.4 modules and names that have no `tensorflow.keras` equivalent, such
    as `keras.wrappers.scikit_learn`, `multi_gpu_model`, `HDF5Matrix`, `MaxoutDense` and
    `Highway` (with the layers that compute the same), `K.get_session` or `keras.legacy`,
    with guidance on what to use instead.

    ## Why is this bad?
    Rewriting the import would give code that fails with `ImportError` or
    `AttributeError` on current TensorFlow, so these need a human decision.

    ## Example
    ```python
    from keras.wrappers.scikit_learn import KerasClassifier
    from keras.utils import multi_gpu_model
    ```

    ## Use instead
    ```python
    from scikeras.wrappers import KerasClassifier  # pip install scikeras
    strategy = tf.distribute.MirroredStrategy()   # instead of multi_gpu_model
    ```

    `K.set_learning_phase(0)` on a line of its own is removed (an unsafe fix): tf.keras
    layers already run in inference mode unless called with `training=True` or in `fit`.

    ```python
    K.set_learning_phase(0)
    model = InceptionV3(include_top=False)
    ```

    becomes

    ```python
    model = InceptionV3(include_top=False)
    ```

    ## Fix safety
    No fix for the names themselves: the import is left as it is, and the message says what
    to use. Removing `K.set_learning_phase(0)` (or `False`) is unsafe: in Keras 2.2.4 it
    fixed the phase of every layer called without `training=` in the default graph, so code
    that relied on it for graphs of its own (a `K.function`, a layer called by hand, `fit`,
    which then trained with dropout off and BatchNormalization frozen) must pass
    `training=False` where it calls layers or models. `set_learning_phase(1)`, a non-literal
    argument, a call inside an expression or beside other statements, and one with a comment
    line above it stay report-only. Blank lines right above the removed line go with it.
    """

    code = "KL002"
    name = "keras-name-without-tf-keras-home"
    summary = "Keras 2.2.4 name with no `tensorflow.keras` home"
    fix_title = "Remove the call"
    cases = (
        Valid("""
            from tensorflow.keras.utils import to_categorical
            """),
        Valid("""
            import keras
            """),
        Invalid(
            """
            import keras.backend as K
            K.set_learning_phase(0)

            model = build()
            """,
            fixed="""
            import keras.backend as K

            model = build()
            """,
            message=("`keras.backend.set_learning_phase` has no tf.keras home: Keras 3 has no global learning "
                     "phase; pass training=True/False to the layer or model call"),
            unsafe=True,
        ),
        Invalid(
            """
            import keras
            if inference:
                keras.backend.set_learning_phase(False)  # test mode
            """,
            fixed="""
            import keras
            if inference:
                pass
            """,
            message=("`keras.backend.set_learning_phase` has no tf.keras home: Keras 3 has no global learning "
                     "phase; pass training=True/False to the layer or model call"),
            unsafe=True,
        ),
        Invalid(
            """
            from keras import backend as K
            K.set_learning_phase(1)
            """,
            fixed=None,
            message=("`keras.backend.set_learning_phase` has no tf.keras home: Keras 3 has no global learning "
                     "phase; pass training=True/False to the layer or model call"),
        ),
        Invalid(
            """
            from keras import backend as K
            K.set_learning_phase(phase)
            """,
            fixed=None,
            message=("`keras.backend.set_learning_phase` has no tf.keras home: Keras 3 has no global learning "
                     "phase; pass training=True/False to the layer or model call"),
        ),
        Invalid(
            """
            from keras import backend as K
            K.set_learning_phase(0); x = 1
            """,
            fixed=None,
            message=("`keras.backend.set_learning_phase` has no tf.keras home: Keras 3 has no global learning "
                     "phase; pass training=True/False to the layer or model call"),
        ),
        Invalid(
            """
            from keras import backend as K
            # inference from here on
            K.set_learning_phase(0)
            """,
            fixed=None,
            message=("`keras.backend.set_learning_phase` has no tf.keras home: Keras 3 has no global learning "
                     "phase; pass training=True/False to the layer or model call"),
        ),
        Invalid(
            """
            from keras.wrappers.scikit_learn import KerasClassifier
            """,
            fixed=None,
            message=("`keras.wrappers.scikit_learn.KerasClassifier` has no tf.keras home: tf.keras has no "
                     "scikit-learn wrapper; use the scikeras package (scikeras.wrappers.KerasClassifier / "
                     "KerasRegressor)"),
        ),
        Invalid(
            """
            from keras.utils import multi_gpu_model
            """,
            fixed=None,
            message=("`keras.utils.multi_gpu_model` has no tf.keras home: multi_gpu_model was removed; use "
                     "tf.distribute.MirroredStrategy"),
        ),
        Invalid(
            """
            import keras
            m = keras.utils.multi_gpu_model(model, 2)
            """,
            fixed=None,
            message=("`keras.utils.multi_gpu_model` has no tf.keras home: multi_gpu_model was removed; use "
                     "tf.distribute.MirroredStrategy"),
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._alone: dict[int, tuple[ast.Expr, str]] = {}  # id(func) -> statement, argument

    def visit_Module(self, node: ast.Module) -> None:
        self._lines = Lines(node, current_source.get())

    def visit_Import(self, node: ast.Import | ast.ImportFrom) -> None:
        found = plan(node, self.context.settings.target)
        for where, old, guidance in () if found is None else found.no_home:
            self.report(where, f"`{old}` has no tf.keras home: {guidance}")

    visit_ImportFrom = visit_Import

    def visit_Expr(self, node: ast.Expr) -> None:
        """A call that is a statement of its own, with one plain argument: ``f(0)``."""
        call = node.value
        if isinstance(call, ast.Call) and len(call.args) == 1 and not call.keywords \
                and not isinstance(call.args[0], ast.Starred):
            argument = call.args[0]
            if isinstance(argument, ast.Name):
                self._alone[id(call.func)] = (node, argument.id)
            elif isinstance(argument, ast.Constant) and (argument.value is None or type(argument.value) in (bool, int)):
                # libcst: True/False/None are names, an int is its text as written
                text = segment(argument) if type(argument.value) is int else str(argument.value)
                self._alone[id(call.func)] = (node, text)

    def visit_Call(self, node: ast.Call) -> None:
        """A name a star import brought in, called in code: ``CuDNNLSTM(10)``."""
        if not isinstance(node.func, ast.Name):
            return
        table = self.context.table
        name = node.func.id
        if name in table.bindings or name in table.shadowed:
            return
        qualified = table.qualify(node.func)  # only a name the star import really brings
        old = None if qualified is None else to_keras(qualified)  # tensorflow.keras's after --fix
        where = None if old is None else resolve(old, self.context.settings.target)
        if isinstance(where, NoHome):
            self.report(node.func, f"`{old}` has no tf.keras home: {where.guidance}")

    def check_path(self, node, move: PathMove) -> None:
        if move.new_text is None and move.old not in self.context.rewritten:
            message = f"`{move.old}` has no tf.keras home: {move.new}"
            statement, argument = self._alone.get(id(node), (None, None))
            arguments, why = REMOVABLE_CALLS.get(move.old, ((), ""))
            # The line goes, with its blank lines above, unless it shares them with other
            # code or a comment line above would go too.
            if statement is None or argument not in arguments or not self._lines.alone(statement) \
                    or self._lines.comment_above(statement):
                self.report(node, message)
                return
            self.report(node, message, transform=lambda _line: cst.RemovalSentinel.REMOVE, target=statement,
                        kind="SimpleStatementLine", applicability=Applicability.UNSAFE,
                        fix_title=f"Remove the call: {why}")
