"""KL609: `model.reset_states()`, which Keras 3 models lack."""

from __future__ import annotations

import ast

from keraslint.keras224.training import RESET_STATES_CODE, RESET_STATES_METHOD, RESET_STATES_NAME
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable
from keraslint.keras224.targets import Target
from keraslint.lazycst import cst


class ModelResetStates(Rule):
    """
    ## What it does
    On the `keras3` target, rewrites `model.reset_states()` to `reset_states_224(model)`, a
    small function keraslint adds to the module once: Keras 2.2.4's own
    `Model.reset_states`, which resets every stateful layer. For anything without `layers`
    (a layer, a metric) the function calls its own `reset_states()`, as before.

    ## Why is this bad?
    Keras 3 models have no `reset_states` (`AttributeError`); only layers have. A stateful
    model, as in `examples/lstm_stateful.py`, resets its state between epochs this way.

    ## Example
    ```python
    model.reset_states()
    ```

    ## Use instead
    ```python
    reset_states_224(model)  # def reset_states_224(model): ... (added once)
    ```

    ## Fix safety
    Safe: the function is 2.2.4's `Model.reset_states`, and other objects keep their own
    method. The fix is refused when `reset_states_224` means something else in the module.
    """

    code = "KL609"
    name = "model-reset-states"
    summary = "`model.reset_states()`: Keras 3 models have none"
    fix_title = f"Use `{RESET_STATES_NAME}(model)`"
    cases = (
        Valid("""
            import keras
            model.reset_states(states)
            """),
        Invalid(
            """
            import keras
            model.reset_states()
            """,
            fixed="import keras\n\n\n" + RESET_STATES_CODE + "\n\nreset_states_224(model)\n",
            message="Keras 3 models have no `reset_states()`",
        ),
    )

    matches = Matches(names=frozenset({RESET_STATES_METHOD}))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if (self.context.settings.target != Target.KERAS3 or node.args or node.keywords
                or not isinstance(func, ast.Attribute) or func.attr != RESET_STATES_METHOD):
            return
        message = f"Keras 3 models have no `{RESET_STATES_METHOD}()`"
        if not definable(self.context.table, RESET_STATES_NAME):
            self.report(node, f"{message}; reset the stateful layers by hand (`{RESET_STATES_NAME}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: cst.Call(func=cst.Name(RESET_STATES_NAME), args=[cst.Arg(updated.func.value)],
                                               lpar=updated.lpar, rpar=updated.rpar),
            definitions=(Definition(RESET_STATES_NAME, RESET_STATES_CODE),),
        )
