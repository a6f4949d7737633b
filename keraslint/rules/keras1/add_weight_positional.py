"""KL506: an `add_weight` call with positional arguments."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.keras1 import ADD_WEIGHT_PARAMETERS
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.keras224.targets import Target


class AddWeightPositional(Rule):
    """
    ## What it does
    Finds `self.add_weight(...)` calls with positional arguments, in custom layers, and
    passes them by keyword: 2.2.4's order (`add_weight('kernel', (3, 4))`) and the Keras-1
    order it still converted (`add_weight((3, 4), 'kernel')`).

    ## Why is this bad?
    Keras 3 takes `add_weight`'s arguments by keyword only, and reads the first positional
    as `shape`: `add_weight('kernel', (3, 4))` raises `ValueError`. TF 2.x rejects the
    Keras-1 order (`TypeError`). Keywords work on every version.

    ## Example
    ```python
    self.kernel = self.add_weight('kernel', (input_dim, self.units), initializer='uniform')
    ```

    ## Use instead
    ```python
    self.kernel = self.add_weight(name='kernel', shape=(input_dim, self.units), initializer='uniform')
    ```

    ## Fix safety
    Safe: the same arguments, named as 2.2.4 read them. On the `keras2` target only the
    Keras-1 order is reported, since TF 2.x accepts 2.2.4's.
    """

    code = "KL506"
    name = "add-weight-positional"
    summary = "`add_weight` with positional arguments; Keras 3 takes keywords only"
    fix_title = "Pass the arguments by keyword"
    cases = (
        Valid("""
            import keras
            w = self.add_weight(name='w', shape=(3,), initializer='zeros')
            """),
        Invalid(
            """
            import keras
            w = self.add_weight('w', (3, 4), initializer='zeros')
            """,
            fixed="""
            import keras
            w = self.add_weight(name='w', shape=(3, 4), initializer='zeros')
            """,
            message="`add_weight` with arguments by position; Keras 3 takes keywords only",
        ),
        Invalid(
            """
            import keras
            w = self.add_weight((3, 4), 'w', initializer='zeros')
            """,
            fixed="""
            import keras
            w = self.add_weight(shape=(3, 4), name='w', initializer='zeros')
            """,
            message="`add_weight` with arguments by position in the Keras-1 order (shape first)",
        ),
    )

    matches = Matches(names=frozenset({"add_weight"}))

    def visit_Call(self, node: ast.Call) -> None:
        if not (type(node.func) is ast.Attribute and node.func.attr == "add_weight"):
            return
        positional = node.args
        if not positional or calls.has_star_args(node):
            return
        keras1 = isinstance(positional[0], (ast.Tuple, ast.List))
        if keras1:
            named = len(positional) == 1 or (len(positional) == 2 and _string_literals(positional[1]))
            if not named:
                self.report(node, "`add_weight` in the Keras-1 order (shape first); pass keywords by hand")
                return
            names = ("shape", "name")
        elif self.context.settings.target == Target.KERAS3:
            names = ADD_WEIGHT_PARAMETERS
        else:
            return
        self.report(
            node,
            "`add_weight` with arguments by position" + (" in the Keras-1 order (shape first)" if keras1 else
                                                          "; Keras 3 takes keywords only"),
            transform=lambda updated: call_edits.keywords_for_positionals(updated, names, 0),
        )


def _string_literals(node: ast.expr) -> bool:
    """A string literal, or several side by side, but not a lone f-string (libcst's
    SimpleString or ConcatenatedString)."""
    if type(node) is ast.Constant:
        return isinstance(node.value, (str, bytes))
    return type(node) is ast.JoinedStr and not calls.current_source.get().is_one_string(node)
