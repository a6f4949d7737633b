"""KL616: `save_weights` to a file name Keras 3 refuses (not `*.weights.h5`)."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.methods import (
    SAVE_WEIGHTS_CODE,
    SAVE_WEIGHTS_KEEPS,
    SAVE_WEIGHTS_METHOD,
    SAVE_WEIGHTS_NAME,
    SAVE_WEIGHTS_TARGETS,
)
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable
from keraslint.keras224.signatures import SAVE_WEIGHTS, position


class SaveWeightsFileName(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites `model.save_weights(path)` to
    `save_weights_224(model, path)`, a function keraslint adds to the module once that writes
    the weights as Keras 2.2.4 did: HDF5 in 2.2.4's layout, under the name given. A literal
    name ending in `.weights.h5` (or `.keras`) is left to Keras 3.

    ## Why is this bad?
    Keras 2.2.4 wrote HDF5 weights under any name, and code of its time saved to
    `weights.h5` or `model_weights.hdf5`. Keras 3 raises `ValueError: The filename must end
    in .weights.h5`. It still *reads* 2.2.4's layout from any name (`load_weights('w.h5')`,
    with `by_name=True` too), so only the writing needs help; renaming the file instead
    would change what the program leaves on disk.

    ## Example
    ```python
    model.save_weights('weights.h5')
    model.load_weights('weights.h5', by_name=True)
    ```

    ## Use instead
    ```python
    def save_weights_224(model, filepath, overwrite=True):
        ...  # 2.2.4's HDF5 layout under any name (added once)

    save_weights_224(model, 'weights.h5')
    model.load_weights('weights.h5', by_name=True)
    ```

    ## Fix safety
    Safe: the same file name and 2.2.4's own layout, which Keras 2.2.4 can load too. The
    function uses the HDF5 writer Keras 3 ships for `model.save('m.h5')`
    (`keras.src.legacy.saving`), which Keras 3 does not document.
    """

    code = "KL616"
    name = "save-weights-file-name"
    summary = "`save_weights('w.h5')`: Keras 3 writes weights only to `.weights.h5` names"
    fix_title = f"Use `{SAVE_WEIGHTS_NAME}`, which keeps the name"
    cases = (
        Valid("""
            import keras
            model.save_weights('w.weights.h5')
            """),
        Valid("""
            import keras
            model.load_weights('w.h5')
            """),
        Invalid(
            """
            import keras
            model.save_weights('w.h5')
            """,
            fixed="import keras\n\n\n" + SAVE_WEIGHTS_CODE + "\n\nsave_weights_224(model, 'w.h5')\n",
            message="Keras 3 writes weights only to file names ending in `.weights.h5`",
        ),
    )

    matches = Matches(names=frozenset({SAVE_WEIGHTS_METHOD}))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if (self.context.settings.target not in SAVE_WEIGHTS_TARGETS or not isinstance(func, ast.Attribute)
                or func.attr != SAVE_WEIGHTS_METHOD or calls.has_star_args(node)
                or not (node.args or node.keywords)):
            return
        path = calls.string_value(calls.argument(node, "filepath", position(SAVE_WEIGHTS, "filepath")))
        if path is not None and path.endswith(SAVE_WEIGHTS_KEEPS):
            return
        message = "Keras 3 writes weights only to file names ending in `.weights.h5`"
        if not definable(self.context.table, SAVE_WEIGHTS_NAME):
            self.report(node, f"{message}; name the file `*.weights.h5` by hand (`{SAVE_WEIGHTS_NAME}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: call_edits.method_as_function(updated, SAVE_WEIGHTS_NAME),
            definitions=(Definition(SAVE_WEIGHTS_NAME, SAVE_WEIGHTS_CODE),),
        )
