"""KL106: seeded Orthogonal and Identity initializers, whose values tf.keras computes differently."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.initializers import ALIASES as INITIALIZER_ALIASES
from keraslint.keras224.initializers import VALUES_DIFFER
from keraslint.rule import Invalid, Matches, Rule, Valid


class InitializerValuesDiffer(Rule):
    """
    ## What it does
    Opt-in (select it by code: `--select KL106`). Reports the initializers whose values
    tf.keras computes differently from Keras 2.2.4 although no argument says so: a seeded
    `Orthogonal(seed=...)`, and `Identity` (the class, its `identity` alias, or the
    string `'identity'` as an initializer).

    ## Why is this bad?
    `Orthogonal` draws from the same distribution, but the matrices for a given seed
    differ (2.2.4 seeded numpy and took an SVD), so a seeded run is not reproduced.
    `Identity` on a non-square kernel tiled identity blocks in 2.2.4 (`(2, 4)` gave
    `[[1,0,1,0],[0,1,0,1]]`); tf.keras uses `tf.eye` (`[[1,0,0,0],[0,1,0,0]]`). Square
    kernels, such as an IRNN's recurrent kernel, are the same.

    ## Example
    ```python
    Dense(8, kernel_initializer=initializers.Identity(), input_shape=(4,))
    ```

    ## Use instead
    ```python
    Dense(8, kernel_initializer=initializers.Identity(), input_shape=(4,))  # noqa: KL106 - square use only
    ```

    ## Fix safety
    No fix: informational. Write a small initializer that tiles `np.eye` if a non-square
    identity matters.
    """

    code = "KL106"
    name = "initializer-values-differ"
    summary = "Seeded Orthogonal / Identity initializers give other values than 2.2.4 (opt-in)"
    explicit = True
    cases = (
        Valid("""
            from keras import initializers
            initializers.Orthogonal()
            """),
        Invalid(
            """
            from keras import initializers
            initializers.Orthogonal(seed=1)
            """,
            fixed=None,
            message="a seeded `Orthogonal` gives other matrices than 2.2.4 for the same seed",
        ),
        Invalid(
            """
            from keras.layers import Dense
            Dense(8, kernel_initializer='identity')
            """,
            fixed=None,
            message=("for a non-square shape 2.2.4's `Identity` tiled identity blocks; tf.keras fills the rest "
                     "with zeros"),
        ),
    )

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        found = self.context.keras.keras_name(node.func)
        if found is not None and found[0] == "keras.initializers":
            name = INITIALIZER_ALIASES.get(found[1], found[1])
            if name in VALUES_DIFFER:
                argument, message = VALUES_DIFFER[name]
                if argument is None or argument in calls.keyword_names(node):
                    self.report(node, message)
            return
        if self.context.keras.layer_of(node.func) is None:
            return
        for arg in node.keywords:
            name = INITIALIZER_ALIASES.get(calls.string_value(arg.value) or "")
            if arg.arg is not None and arg.arg.endswith("_initializer") and name:
                argument, message = VALUES_DIFFER[name]
                if argument is None:
                    self.report(arg.value, message)
