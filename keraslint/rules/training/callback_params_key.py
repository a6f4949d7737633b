"""KL622: a callback's read of a `params` key that tf.keras does not fill."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.training import PARAMS_GONE, PARAMS_TARGETS
from keraslint.rule import Invalid, Matches, Rule, Valid


class CallbackParamsKey(Rule):
    """
    ## What it does
    Reports reads of `params` keys that tf.keras (Keras 3, and TF 2.15) no longer fills:
    `self.params['samples']`, `['batch_size']`, `['metrics']`, `['do_validation']` in a
    callback (and `history.params[...]`).

    ## Why is this bad?
    Keras 2.2.4 told callbacks the number of samples, the batch size, the names of the logged
    metrics and whether there was validation data. tf.keras's `params` has only `epochs`,
    `steps` and `verbose`: these reads raise `KeyError` (or `.get` returns `None`).

    ## Example
    ```python
    total_steps = self.params['epochs'] * self.params['samples'] // self.params['batch_size']
    ```

    ## Use instead
    ```python
    total_steps = self.params['epochs'] * self.params['steps']
    ```

    ## Fix safety
    No fix: what to use instead depends on what the callback needs (the message says what
    Keras 3 offers).
    """

    code = "KL622"
    name = "callback-params-key"
    summary = "A callback reads a `params` key tf.keras does not fill"
    cases = (
        Valid("""
            import keras
            epochs = self.params['epochs']
            """),
        Valid("""
            import keras
            key = self.params[('samples',)]
            """),
        Invalid(
            """
            import keras
            n = self.params['samples']
            """,
            fixed=None,
            message=("Keras 3 callbacks' `params` have no 'samples': the number of samples; tf.keras gives "
                     "`steps` (batches per epoch) only"),
        ),
    )

    def visit_Subscript(self, node: ast.Subscript) -> None:
        value = node.value
        if self.context.settings.target not in PARAMS_TARGETS or not (
                isinstance(value, ast.Attribute) and value.attr == "params"):
            return
        key = calls.string_value(calls.subscript_key(node))
        if key in PARAMS_GONE:
            self.report(node, f"Keras 3 callbacks' `params` have no {key!r}: {PARAMS_GONE[key]}")

    matches = Matches(names=frozenset({"get"}))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if self.context.settings.target in PARAMS_TARGETS and isinstance(func, ast.Attribute) \
                and func.attr == "get" and isinstance(func.value, ast.Attribute) \
                and func.value.attr == "params" and (node.args or node.keywords):
            first = calls.in_source_order(node)[0]
            # the first argument's value, also by keyword or behind `*`/`**`, as libcst's Arg.value
            key = calls.string_value(first.value if isinstance(first, (ast.keyword, ast.Starred)) else first)
            if key in PARAMS_GONE:
                self.report(node, f"Keras 3 callbacks' `params` have no {key!r}: {PARAMS_GONE[key]}")
