"""KL307: a string optimizer in `compile` whose tf.keras defaults differ from Keras 2.2.4's."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.optimizers import CHANGED_DEFAULTS
from keraslint.keras224.signatures import COMPILE, position
from keraslint.lazycst import cst
from keraslint.rule import Import, Invalid, Matches, Rule, Valid

if TYPE_CHECKING:
    import libcst


#: ``compile(optimizer='adadelta')`` names -> the class, for the optimizers whose defaults changed.
_STRING_NAMES = {name.lower(): name for name in CHANGED_DEFAULTS}


class StringOptimizerWithChangedDefault(Rule):
    """
    ## What it does
    Finds `compile(optimizer='adadelta')` (and `'adagrad'`, `'adamax'`, `'nadam'`) and
    replaces the string with an instance that has the Keras 2.2.4 defaults, such as
    `Adadelta(learning_rate=1.0)`, adding `from tensorflow.keras.optimizers import Adadelta`.

    ## Why is this bad?
    A string optimizer gets the class defaults, and for these four the tf.keras defaults
    differ from 2.2.4's: `'adadelta'` trains with a learning rate of 0.001 instead of 1.0.

    ## Example
    ```python
    model.compile(loss='categorical_crossentropy', optimizer='adadelta')
    ```

    ## Use instead
    ```python
    from tensorflow.keras.optimizers import Adadelta
    model.compile(loss='categorical_crossentropy', optimizer=Adadelta(learning_rate=1.0))
    ```

    ## Fix safety
    Safe: the instance has exactly the 2.2.4 defaults. The call is recognised as a Keras
    `compile` when it passes `optimizer=` or `loss=` by keyword; if
    the class name is already bound to something else in the module, it is reported
    without a fix.
    """

    code = "KL307"
    name = "string-optimizer-with-changed-default"
    summary = "String optimizer whose tf.keras defaults differ from Keras 2.2.4's"
    fix_title = "Use an instance with the 2.2.4 defaults"
    cases = (
        Valid("""
            import keras
            model.compile(optimizer='adam', loss='mse')
            """),
        Valid("""
            import keras, re
            pattern = re.compile('adadelta')
            """),
        Valid("""
            import keras, re
            pattern = re.compile('nadam', re.I)
            """),
        Valid("""
            from keras.optimizers import Adadelta
            model.compile(optimizer=Adadelta(learning_rate=1.0), loss='mse')
            """),
        Invalid(
            """
            from keras.models import Sequential
            model.compile(loss='mse', optimizer='adadelta', metrics=['mae'])
            """,
            fixed="""
            from keras.models import Sequential
            from tensorflow.keras.optimizers import Adadelta

            model.compile(loss='mse', optimizer=Adadelta(learning_rate=1.0), metrics=['mae'])
            """,
            message="`'adadelta'` gets tf.keras defaults that differ from Keras 2.2.4 (learning_rate=1.0)",
        ),
        Invalid(
            """
            import keras
            model.compile('Nadam', loss='mse')
            """,
            fixed="""
            import keras
            from tensorflow.keras.optimizers import Nadam

            model.compile(Nadam(learning_rate=0.002), loss='mse')
            """,
            message="`'Nadam'` gets tf.keras defaults that differ from Keras 2.2.4 (learning_rate=0.002)",
        ),
    )

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "compile"):
            return
        names = calls.keyword_names(node)
        if "optimizer" not in names and "loss" not in names:
            return  # `re.compile('nadam', re.I)` and friends: not a Keras compile
        keyword = "optimizer" if "optimizer" in names else None
        value = calls.argument(node, "optimizer", position(COMPILE, "optimizer"))
        optimizer = _STRING_NAMES.get((calls.string_value(value) or "").lower())
        if optimizer is None:
            return
        pins = CHANGED_DEFAULTS[optimizer]
        shown = ", ".join(f"{k}={v!r}" for k, v in pins.items())
        table = self.context.table
        keras = self.context.keras
        bound = table.bindings.get(optimizer)
        if optimizer in table.shadowed or (bound is not None and keras.optimizer_of(ast.Name(optimizer)) != optimizer):
            self.report(node, f"`{optimizer}` is bound to something else here; use `{optimizer}({shown})` by hand")
            return

        def transform(updated: libcst.Call) -> libcst.Call:
            instance = cst.parse_expression(f"{optimizer}({shown})")
            if keyword is not None:
                return call_edits.set_keyword_value(updated, keyword, instance)
            return call_edits.set_positional_value(updated, 0, instance)

        self.report(
            value,
            f"`'{calls.string_value(value)}'` gets tf.keras defaults that differ from Keras 2.2.4 ({shown})",
            target=node,
            transform=transform,
            imports=(Import("tensorflow.keras.optimizers", optimizer),),
        )
