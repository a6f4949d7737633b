"""KL701: `K.function` and `K.learning_phase()`, which Keras 3 removed."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.backend import (
    FUNCTION,
    FUNCTION_CODE,
    FUNCTION_NAME,
    FUNCTION_TARGETS,
    LEARNING_PHASE,
    LEARNING_PHASE_CODE,
    LEARNING_PHASE_NAME,
)
from keraslint.keras224.modules import ABSENT
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable
from keraslint.keras224.targets import Target
from keraslint.keras224.signatures import BACKEND_FUNCTION, position

if TYPE_CHECKING:
    import libcst


def _absent(name: str) -> str:
    return ABSENT[name.replace("keras.", "tensorflow.keras.", 1)]


class BackendFunction(Rule):
    """
    ## What it does
    Rewrites `K.function(inputs, outputs)` to
    `function_224(inputs, outputs)`, Keras 2.2.4's behaviour as a function keraslint adds to
    the module once: called with a list of arrays, it returns the list of output arrays. A
    `K.learning_phase()` among the inputs becomes `learning_phase_224()`, and its value (1 or
    0) chooses training or inference mode, as in 2.2.4. Other uses of `K.learning_phase()`
    are reported.

    ## Why is this bad?
    Keras 3 has no symbolic backend functions: `K.function` raises `AttributeError`. TF 2.15
    has it, but in eager mode it builds a model, which refuses the learning phase as an
    input (`ValueError: Found unexpected instance while processing input tensors`). Code of
    the 2.2.4 era used it to read a layer's activations (`K.function([model.input],
    [layer.output])`) and to run a model with dropout on (`K.learning_phase()`).

    ## Example
    ```python
    get_features = K.function([model.input, K.learning_phase()], [model.layers[2].output])
    features = get_features([x, 0])[0]
    ```

    ## Use instead
    ```python
    get_features = function_224([model.input, learning_phase_224()], [model.layers[2].output])
    features = get_features([x, 0])[0]
    ```

    ## Fix safety
    Safe for functions of a model's tensors, which is what the function builds: a
    `tf.keras.Model` from the inputs to the outputs, called in the mode the learning phase
    asks for. `K.function(..., updates=...)` (a training step written by hand) is reported
    without a fix: it has no Keras 3 equivalent.
    """

    code = "KL701"
    name = "backend-function"
    summary = "`K.function` and `K.learning_phase()` are gone in Keras 3"
    fix_title = "Use 2.2.4's `K.function` as a function of the module"
    rewrites = (FUNCTION, LEARNING_PHASE)
    cases = (
        Valid("""
            import keras
            from keras import backend as K
            x = K.epsilon()
            """),
        Invalid(
            """
            from keras import backend as K
            f = K.function([m.input], [m.layers[1].output])
            """,
            fixed=("from keras import backend as K\n\n\n" + FUNCTION_CODE
                   + "\n\nf = function_224([m.input], [m.layers[1].output])\n"),
            message="Keras 3 has no `K.function`",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._phases: set[int] = set()  # K.learning_phase() calls among a K.function's inputs

    def _is(self, node: ast.expr, name: str) -> bool:
        found = self.context.keras.keras_name(node)
        return found is not None and ".".join(found) == name

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target not in FUNCTION_TARGETS:
            return
        keras3 = self.context.settings.target == Target.KERAS3
        if self._is(node.func, LEARNING_PHASE):
            if id(node) not in self._phases and keras3:
                self.report(node, f"Keras 3 has no `K.learning_phase()`: {_absent(LEARNING_PHASE)}")
            return
        if not self._is(node.func, FUNCTION):
            return
        inputs = calls.argument(node, "inputs", position(BACKEND_FUNCTION, "inputs"))
        values = [e.value if isinstance(e, ast.Starred) else e for e in inputs.elts] \
            if isinstance(inputs, (ast.List, ast.Tuple)) else []
        phases = [i for i, e in enumerate(values) if isinstance(e, ast.Call) and self._is(e.func, LEARNING_PHASE)]
        if not keras3 and not phases:
            return  # TF 2.15's K.function runs a model's tensors
        message = "Keras 3 has no `K.function`" if keras3 else "TF 2.15's `K.function` takes no learning phase"
        table = self.context.table
        updates = calls.argument(node, "updates", position(BACKEND_FUNCTION, "updates"))
        if calls.has_star_args(node) or updates is not None \
                or not definable(table, FUNCTION_NAME) or not definable(table, LEARNING_PHASE_NAME):
            self.report(node, f"{message}: {_absent(FUNCTION)}")
            return
        self._phases.update(id(values[i]) for i in phases)

        def transform(updated: libcst.Call) -> libcst.Call:
            new_inputs = call_edits.argument(updated, "inputs", position(BACKEND_FUNCTION, "inputs"))
            if phases and isinstance(new_inputs, (cst.List, cst.Tuple)):
                # the updated elements line up with the original ones (``phases``), position by position
                elements = [e.with_changes(value=cst.Call(func=cst.Name(LEARNING_PHASE_NAME))) if i in phases else e
                            for i, e in enumerate(new_inputs.elements)]
                updated = call_edits.set_positional_value(updated, 0, new_inputs.with_changes(elements=elements)) \
                    if updated.args[0].keyword is None else call_edits.set_keyword_value(
                        updated, "inputs", new_inputs.with_changes(elements=elements))
            return updated.with_changes(func=cst.Name(FUNCTION_NAME))

        definitions = (Definition(FUNCTION_NAME, FUNCTION_CODE),)
        if phases:
            definitions += (Definition(LEARNING_PHASE_NAME, LEARNING_PHASE_CODE),)
        self.report(node, message, transform=transform, definitions=definitions)
