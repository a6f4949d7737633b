"""KL624: `load_model` of a compiled HDF5 model, which Keras 3 loads unable to train."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.training import LOAD_MODEL_CODE, LOAD_MODEL_FUNCTIONS, LOAD_MODEL_NAME, LOAD_MODEL_TARGETS
from keraslint.rule import Definition, Import, Invalid, Matches, Rule, Valid, definable, tf_free
from keraslint.keras224.signatures import LOAD_MODEL, position
from keraslint.lazycst import cst


class CompiledModelLoad(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites `load_model(path)` to `load_model_224(path)`, a function
    keraslint adds to the module once: it loads the model with Keras 3, and when the file held
    a compiled model it gives the model a fresh optimizer of the saved config, built on the
    model's weights and holding the saved optimizer state.

    ## Why is this bad?
    Keras 2.2.4's `load_model` returned a compiled model that went on training where it
    stopped: its optimizer had its state (SGD momentum, Adam's moments) back. Keras 3.15 loads
    a compiled HDF5 model with an optimizer built on no variables, and the first `fit` raises
    `ValueError: Unknown variable`.

    ## Example
    ```python
    model.save('model.h5')
    restored = load_model('model.h5')
    restored.fit(x, y)
    ```

    ## Use instead
    ```python
    def load_model_224(filepath, custom_objects=None, compile=True, **kwargs):
        ...  # Keras 3's load_model, then an optimizer on the model's weights (added once)

    model.save('model.h5')
    restored = load_model_224('model.h5')
    restored.fit(x, y)
    ```

    ## Fix safety
    Safe: the function returns what Keras 3's `load_model` returns, and replaces the optimizer
    only when Keras 3 left it unusable. It reads the optimizer state with the HDF5 reader
    Keras 3 ships (`keras.src.legacy.saving`), which Keras 3 does not document; if the state
    does not match the model's weights, the optimizer starts afresh, as after `compile`.
    """

    code = "KL624"
    name = "compiled-model-load"
    summary = "`load_model` of a compiled HDF5 model: Keras 3 cannot train the result"
    fix_title = f"Use `{LOAD_MODEL_NAME}`, which restores the optimizer"
    cases = (
        Valid("""
            import keras
            m = keras.models.load_model('m.h5', compile=False)
            """),
        Invalid(
            """
            from keras.models import load_model
            m = load_model('m.h5')
            """,
            fixed=("from keras.models import load_model\nimport tensorflow as tf\n\n\n" + LOAD_MODEL_CODE
                   + "\n\nm = load_model_224('m.h5')\n"),
            message="Keras 3 loads a compiled HDF5 model with an optimizer that cannot train it",
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        table, keras = self.context.table, self.context.keras
        if self.context.settings.target not in LOAD_MODEL_TARGETS or calls.has_star_args(node) \
                or ".".join(keras.keras_name(node.func) or ()) not in LOAD_MODEL_FUNCTIONS:
            return
        compile_flag = calls.argument(node, "compile", position(LOAD_MODEL, "compile"))
        if type(compile_flag) is ast.Constant and compile_flag.value is False:
            return
        message = "Keras 3 loads a compiled HDF5 model with an optimizer that cannot train it"
        if not tf_free(table) \
                or not definable(table, LOAD_MODEL_NAME):
            self.report(node, f"{message}; keraslint's `{LOAD_MODEL_NAME}` needs `tf` and its name free")
            return
        self.report(node, message,
                    transform=lambda updated: updated.with_changes(func=cst.Name(LOAD_MODEL_NAME)),
                    imports=(Import("tensorflow", None, "tf"),),
                    definitions=(Definition(LOAD_MODEL_NAME, LOAD_MODEL_CODE),))
