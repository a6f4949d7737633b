"""KL605: `predict_classes` and `predict_proba` calls, removed from tf.keras."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.methods import PREDICT_CLASSES_CODE, PREDICT_CLASSES_METHOD, PREDICT_CLASSES_NAME
from keraslint.keras224.training import PREDICT_HELPERS
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable

if TYPE_CHECKING:
    import libcst


class SequentialPredictHelpers(Rule):
    """
    ## What it does
    Rewrites `model.predict_proba(x)` to `model.predict(x, verbose=0)`, and
    `model.predict_classes(x)` to `predict_classes_224(model, x)`, Keras 2.2.4's own method
    written as a function that keraslint adds to the module once.

    ## Why is this bad?
    Both were removed from `Sequential` in TF 2.6 (`AttributeError`). In 2.2.4
    `predict_proba` returned `predict`'s output, and `predict_classes` took the argmax over
    the last axis, or `(p > 0.5).astype('int32')` when the model had a single output unit.
    The common hand port, `predict(x).argmax(axis=-1)`, gives all zeros for a one-unit
    sigmoid output.

    ## Example
    ```python
    classes = model.predict_classes(x_test)
    ```

    ## Use instead
    ```python
    def predict_classes_224(model, x, batch_size=32, verbose=0):
        ...  # 2.2.4's method (added once)

    classes = predict_classes_224(model, x_test)
    ```

    ## Fix safety
    Safe: `predict_proba` was `predict`; `predict_classes_224` is 2.2.4's `predict_classes`,
    for one output unit or many. The fix is refused when `predict_classes_224` means
    something else in the module.
    """

    code = "KL605"
    name = "sequential-predict-helpers"
    summary = "`predict_classes`/`predict_proba` were removed from tf.keras"
    fix_title = "Use `predict`"
    cases = (
        Valid("""
            import keras
            model.predict(x)
            """),
        Invalid(
            """
            import keras
            p = model.predict_proba(x_test, batch_size=64)
            """,
            fixed="""
            import keras
            p = model.predict(x_test, batch_size=64, verbose=0)
            """,
            message="`predict_proba` was removed from tf.keras; use `predict`",
        ),
        Invalid(
            """
            import keras
            c = model.predict_classes(x_test, 128)
            """,
            fixed="import keras\n\n\n" + PREDICT_CLASSES_CODE + "\n\nc = predict_classes_224(model, x_test, 128)\n",
            message="`predict_classes` was removed from tf.keras",
        ),
    )

    matches = Matches(names=frozenset(PREDICT_HELPERS))

    def visit_Call(self, node: ast.Call) -> None:
        if not isinstance(node.func, ast.Attribute):
            return
        method = node.func.attr
        if method not in PREDICT_HELPERS or method in self.context.table.shadowed:
            return
        if method == PREDICT_CLASSES_METHOD:
            self._predict_classes(node)
            return
        if calls.has_star_args(node):
            self.report(node, f"`{method}` was removed from tf.keras; use `predict` by hand")
            return
        self.report(
            node,
            f"`{method}` was removed from tf.keras; use `predict`",
            transform=lambda updated: _predict(updated, PREDICT_HELPERS[method]),
        )

    def _predict_classes(self, node: ast.Call) -> None:
        message = f"`{PREDICT_CLASSES_METHOD}` was removed from tf.keras"
        if not definable(self.context.table, PREDICT_CLASSES_NAME):
            self.report(node, f"{message}; use `predict` by hand (`{PREDICT_CLASSES_NAME}` is taken)")
            return
        self.report(
            node, message,
            transform=lambda updated: call_edits.method_as_function(updated, PREDICT_CLASSES_NAME),
            fix_title=f"Use `{PREDICT_CLASSES_NAME}(model, ...)`, 2.2.4's method",
            definitions=(Definition(PREDICT_CLASSES_NAME, PREDICT_CLASSES_CODE),),
        )


def _predict(call: libcst.Call, parameters: tuple[str, ...]) -> libcst.BaseExpression:
    call = call_edits.keywords_for_positionals(call, parameters, 1)
    if "verbose" not in call_edits.keyword_names(call):
        call = call_edits.add_keywords(call, [("verbose", cst.Integer("0"))])
    return call.with_changes(func=call.func.with_changes(attr=cst.Name("predict")))
