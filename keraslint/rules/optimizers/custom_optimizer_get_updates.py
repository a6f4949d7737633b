"""KL310: a custom optimizer with `get_updates`, which tf.keras never calls."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.optimizers import LEGACY_UPDATE_METHOD, OPTIMIZER_BASE
from keraslint.rule import Invalid, Rule, Valid


class CustomOptimizerGetUpdates(Rule):
    """
    ## What it does
    Reports classes that subclass Keras's `Optimizer` and define `get_updates`, the
    2.2.4 way to write an optimizer.

    ## Why is this bad?
    tf.keras's optimizers (TF 2.11 and later, and Keras 3) never call `get_updates`: they
    call `update_step(gradient, variable, learning_rate)` for each variable after `build`
    has made the slots. The subclass either fails to construct or trains with none of its
    own update rule.

    ## Example
    ```python
    class MySGD(keras.optimizers.Optimizer):
        def get_updates(self, loss, params):
            ...
    ```

    ## Use instead
    ```python
    class MySGD(keras.optimizers.Optimizer):
        def build(self, variables):
            ...
        def update_step(self, gradient, variable, learning_rate):
            ...
    ```

    ## Fix safety
    No fix: the update rule has to be rewritten per variable. (On TF <= 2.15,
    `tf.keras.optimizers.legacy.Optimizer` still has the old interface.)
    """

    code = "KL310"
    name = "custom-optimizer-get-updates"
    summary = "Custom optimizer with `get_updates`, which tf.keras never calls"
    cases = (
        Valid("""
            import keras
            class A(keras.optimizers.Optimizer):
                def update_step(self, g, v, lr): pass
            """),
        Invalid(
            """
            from keras.optimizers import Optimizer
            class A(Optimizer):
                def get_updates(self, loss, params): pass
            """,
            fixed=None,
            message=("`A.get_updates` is never called by tf.keras optimizers; port it to `build` and "
                     "`update_step`"),
        ),
    )

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        keras = self.context.keras
        if not any(keras.keras_name(base.value if isinstance(base, ast.Starred) else base)
                   == ("keras.optimizers", OPTIMIZER_BASE) for base in node.bases):
            return
        for statement in node.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                    and statement.name == LEGACY_UPDATE_METHOD:
                name = calls.name_of(statement)
                if calls.segment(name) != LEGACY_UPDATE_METHOD:
                    continue  # `ｇet_updates`: ast's name is NFKC-normalized, the rule reads the name as written
                self.report(name, f"`{calls.segment(calls.name_of(node))}.{LEGACY_UPDATE_METHOD}` is never called by "
                                  "tf.keras optimizers; port it to `build` and `update_step`")
