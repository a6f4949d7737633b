"""KL602: `fit(nb_epoch=)`, which tf.keras rejects."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.training import FIT_RENAMES
from keraslint.rule import Invalid, Matches, Rule, Valid


class FitNbEpoch(Rule):
    """
    ## What it does
    Renames the Keras-1 `nb_epoch=` of `fit` to `epochs=`.

    ## Why is this bad?
    Keras 2.2.4's `fit` still accepted `nb_epoch` with a warning; tf.keras rejects it.

    ## Example
    ```python
    model.fit(x, y, nb_epoch=10)
    ```

    ## Use instead
    ```python
    model.fit(x, y, epochs=10)
    ```

    ## Fix safety
    Safe: the same parameter.
    """

    code = "KL602"
    name = "fit-nb-epoch"
    summary = "`fit(nb_epoch=)` is rejected by tf.keras; use `epochs=`"
    fix_title = "Rename `nb_epoch` to `epochs`"
    cases = (
        Valid("""
            import keras
            model.fit(x, y, epochs=3)
            """),
        Invalid(
            """
            import keras
            model.fit(x, y, nb_epoch=3)
            """,
            fixed="""
            import keras
            model.fit(x, y, epochs=3)
            """,
            message="`fit(nb_epoch=...)` is rejected by tf.keras; use `epochs`",
        ),
    )

    matches = Matches(names=frozenset({"fit"}))

    def visit_Call(self, node: ast.Call) -> None:
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "fit"):
            return
        names = calls.keyword_names(node)
        for old, new in FIT_RENAMES.items():
            if old in names and new not in names:
                self.report(
                    node,
                    f"`fit({old}=...)` is rejected by tf.keras; use `{new}`",
                    transform=lambda updated, old=old, new=new: call_edits.rename_keyword(updated, old, new),
                )
