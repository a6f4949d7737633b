"""KL704: `K.in_train_phase`/`K.in_test_phase`, which Keras 3 removed."""

from __future__ import annotations

import ast

from keraslint.keras224.backend import PHASE_SWITCH_CODE, PHASE_SWITCH_TARGETS
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable


class PhaseSwitch(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites `K.in_train_phase(x, alt, training=...)` and
    `K.in_test_phase(...)` to `in_train_phase_224(...)` and `in_test_phase_224(...)`, Keras
    2.2.4's functions written into the module once.

    ## Why is this bad?
    Keras 3 has no global learning phase, and with it went `K.in_train_phase` and
    `K.in_test_phase`: custom layers that switch on them (dropout variants such as
    EfficientNet's DropConnect, noise layers) fail when the model is built ("module
    'keras.backend' has no attribute 'in_train_phase'"). Keras 3 passes a layer's `call` its
    `training` argument, which is what these functions choose on.

    ## Example
    ```python
    def call(self, inputs, training=None):
        return K.in_train_phase(lambda: dropped(inputs), inputs, training=training)
    ```

    ## Use instead
    ```python
    def call(self, inputs, training=None):
        return in_train_phase_224(lambda: dropped(inputs), inputs, training=training)
    ```

    ## Fix safety
    Safe: the functions choose as 2.2.4's did for a given `training`; where 2.2.4 read its
    learning phase (`training=None`), they choose inference, which is what Keras 3 gives a
    layer outside `fit`, and inside `fit` Keras 3 passes `training=True`. When the module
    already binds the name, the call is reported without a fix.
    """

    code = "KL704"
    name = "learning-phase-switch"
    summary = "`K.in_train_phase`/`K.in_test_phase` are gone in Keras 3"
    fix_title = "Use 2.2.4's function, written into the module"
    rewrites = tuple(PHASE_SWITCH_CODE)
    cases = (
        Valid("""
            from keras import backend as K
            K.switch(c, x, y)
            """),
        Invalid(
            """
            from keras import backend as K
            y = K.in_train_phase(x * 0, x, training=training)
            """,
            fixed=("from keras import backend as K\n\n\n" + PHASE_SWITCH_CODE["keras.backend.in_train_phase"][1]
                   + "\n\ny = in_train_phase_224(x * 0, x, training=training)\n"),
            message="Keras 3 has no `K.in_train_phase` (no global learning phase)",
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target not in PHASE_SWITCH_TARGETS:
            return
        found = self.context.keras.keras_name(node.func)
        entry = PHASE_SWITCH_CODE.get(".".join(found)) if found is not None else None
        if entry is None:
            return
        name, code = entry
        message = f"Keras 3 has no `K.{found[1]}` (no global learning phase)"
        if not definable(self.context.table, name):
            self.report(node, message)
            return
        self.report(node, message, transform=lambda updated: updated.with_changes(func=cst.Name(name)),
                    definitions=(Definition(name, code),))
