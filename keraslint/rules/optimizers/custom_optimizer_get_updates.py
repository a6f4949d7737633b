"""KL310: a custom optimizer with `get_updates`, which tf.keras never calls."""

from __future__ import annotations

import ast
import re

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
                name = _name_of(statement)
                if calls.segment(name) != LEGACY_UPDATE_METHOD:
                    continue  # `ｇet_updates`: ast's name is NFKC-normalized, the rule reads the name as written
                self.report(name, f"`{calls.segment(_name_of(node))}.{LEGACY_UPDATE_METHOD}` is never called by "
                                  "tf.keras optimizers; port it to `build` and `update_step`")


#: A ``def`` or ``class`` up to its name (a backslash may continue the line), and the name.
_NAMED = re.compile(r"(?:async(?:[ \t\f]|\\\n)+)?(?:def|class)(?:[ \t\f]|\\\n)+([^\s(:\[\\]+)")


def _name_of(statement: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> ast.Name:
    """A node at the statement's name: ``ast`` keeps the name as a string only."""
    source = calls.current_source.get()
    line = statement.lineno
    text = "\n".join(source.lines[line - 1:statement.body[0].lineno])
    name = _NAMED.match(text, source.column(line, statement.col_offset))
    before = text[:name.start(1)]
    line += before.count("\n")
    start = len(before) - before.rfind("\n") - 1
    offset = len(source.lines[line - 1][:start].encode("utf-8"))
    return ast.Name(statement.name, ast.Load(), lineno=line, col_offset=offset, end_lineno=line,
                    end_col_offset=offset + len(name.group(1).encode("utf-8")))
