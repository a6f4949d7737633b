"""KL002: a Keras 2.2.4 module or name that has no `tensorflow.keras` home."""

from __future__ import annotations

import libcst as cst

from keraslint.diagnostics import Applicability
from keraslint.keras224.spellings import to_keras
from keraslint.keras224.modules import REMOVABLE_CALLS
from keraslint.moves import NoHome, resolve
from keraslint.rule import Invalid, Valid
from keraslint.rules.imports._dotted_paths import PathMove, PathRule
from keraslint.rules.imports._import_plans import plans


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

    def visit_SimpleStatementSuite(self, node: cst.SimpleStatementSuite) -> None:
        self.visit_SimpleStatementLine(node)

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._alone: dict[int, tuple[cst.SimpleStatementLine, str]] = {}  # id(func) -> line, argument

    def visit_SimpleStatementLine(self, node) -> None:
        for _statement, plan in plans(node, self.context.settings.target):
            for where, old, guidance in plan.no_home:
                self.report(where, f"`{old}` has no tf.keras home: {guidance}")
        call = _call_alone(node)
        if call is not None and len(call.args) == 1 and not call.args[0].keyword and not call.args[0].star:
            argument = call.args[0].value
            if isinstance(argument, (cst.Integer, cst.Name)):
                self._alone[id(call.func)] = (node, argument.value)

    def visit_Call(self, node: cst.Call) -> None:
        """A name a star import brought in, called in code: ``CuDNNLSTM(10)``."""
        if not isinstance(node.func, cst.Name):
            return
        table = self.context.table
        name = node.func.value
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
            line, argument = self._alone.get(id(node), (None, None))
            arguments, why = REMOVABLE_CALLS.get(move.old, ((), ""))
            if line is None or argument not in arguments:
                self.report(node, message)
                return
            self.report(node, message, transform=lambda _line: cst.RemovalSentinel.REMOVE, target=line,
                        applicability=Applicability.UNSAFE, fix_title=f"Remove the call: {why}")


def _call_alone(line) -> cst.Call | None:
    """The call that is a line's only statement, with no comment line above it (removing the
    line would take the comment too)."""
    if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
        return None
    if any(empty.comment is not None for empty in line.leading_lines):
        return None
    statement = line.body[0]
    return statement.value if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call) else None
