"""KL312: an Adam, Adamax, Nadam, RMSprop or Adagrad optimizer, whose updates differ in tf.keras."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224.optimizers import (
    ALIASES,
    OPTIMIZER_CODE,
    OPTIMIZER_NAME,
    OPTIMIZER_TARGETS,
    UPDATES_DIFFER,
    optimizer_code,
    wrapped_optimizers,
)
from keraslint.keras224.signatures import COMPILE, position
from keraslint.lazycst import cst
from keraslint.rule import Definition, Import, Invalid, Matches, Valid, definable
from keraslint.rules.optimizers._optimizer_calls import (
    OptimizerCallRule,
    is_number,
    passed_value,
    wrap_in_optimizer_224,
)

if TYPE_CHECKING:
    import libcst


class OptimizerUpdates(OptimizerCallRule):
    """
    ## What it does
    On the `keras3` target, makes Adam, Adamax, Nadam, RMSprop and Adagrad (constructed, or
    named by a string in `compile`) Keras 2.2.4's optimizers: `Adam(lr=1e-3)` becomes
    `optimizer_224(Adam)(lr=1e-3)`, a subclass of the tf.keras class made by one function
    keraslint adds to the module, whose updates are 2.2.4's.

    ## Why is this bad?
    tf.keras changed how these optimizers update the weights, without a new argument to
    ask for the old way. Keras 2.2.4 read its iteration count after increasing it, so Adam's
    and Adamax's bias correction ran one step ahead (the first Adam step was 0.74 times
    tf.keras's, and they differ for thousands of steps), Nadam's too, and Nadam warmed its
    momentum up as `0.96 ** (t * schedule_decay)` where tf.keras hard-codes `0.96 ** t`;
    RMSprop and Adagrad added `epsilon` after the square root, tf.keras inside it (a large
    difference while the accumulated squares are small). A migrated model then trains
    differently from the original.

    ## Example
    ```python
    model.compile(optimizer=Adam(lr=1e-3), loss='mse')
    model.compile(optimizer='rmsprop', loss='mse')
    ```

    ## Use instead
    ```python
    model.compile(optimizer=optimizer_224(Adam)(learning_rate=1e-3), loss='mse')
    model.compile(optimizer=optimizer_224(RMSprop)(), loss='mse')
    ```

    ## Fix safety
    Safe: the updates are 2.2.4's (the tests train both and compare the losses), the
    optimizer is still an instance of the tf.keras class with the same attributes, and a
    saved model records the tf.keras class, so any program loads it. RMSprop with
    `momentum` or `centered` (arguments 2.2.4 did not have) keeps tf.keras's update.
    """

    code = "KL312"
    name = "optimizer-updates"
    summary = "Adam/Adamax/Nadam/RMSprop/Adagrad update the weights differently in tf.keras"
    fix_title = "Use Keras 2.2.4's updates"
    cases = (
        Valid("""
            from keras.optimizers import SGD
            opt = SGD(lr=0.1)
            """),
        Valid("""
            from keras.optimizers import Adam
            opt = Adam(lr=0.1, decay=1e-3)
            """),  # KL303's
        Invalid(
            """
            from keras.optimizers import Adam
            opt = Adam(lr=1e-3)
            """,
            fixed=("from keras.optimizers import Adam\n\n\n" + OPTIMIZER_CODE
                   + "\n\nopt = optimizer_224(Adam)(lr=1e-3)\n"),
            message="tf.keras's `Adam` updates the weights differently from Keras 2.2.4's",
        ),
        Invalid(
            """
            import keras
            model.compile(optimizer='rmsprop', loss='mse')
            """,
            fixed=("import keras\nfrom tensorflow.keras.optimizers import RMSprop\n\n\n" + OPTIMIZER_CODE
                   + "\n\nmodel.compile(optimizer=optimizer_224(RMSprop)(), loss='mse')\n"),
            message="`'rmsprop'` is tf.keras's RMSprop, whose updates differ from 2.2.4's",
        ),
    )

    def _applies(self) -> bool:
        return self.context.settings.target in OPTIMIZER_TARGETS

    def check(self, node: ast.Call, optimizer: str) -> None:
        target = self.context.settings.target
        if not self._applies() or optimizer not in wrapped_optimizers(target) or isinstance(node.func, ast.Call):
            return
        decay = passed_value(node, optimizer, "decay")
        if decay is not None and not is_number(decay, 0):
            return  # KL303 makes it optimizer_224(...) for its decay
        message = (f"tf.keras's `{optimizer}` updates the weights differently from Keras 2.2.4's"
                   if optimizer in UPDATES_DIFFER else
                   f"tf.keras's `{optimizer}` has no `lr`/`decay` and serves one model, as 2.2.4's did not")
        if calls.has_star_args(node) or not definable(self.context.table, OPTIMIZER_NAME):
            self.report(node, message)
            return
        self.report(node, message, transform=wrap_in_optimizer_224,
                    definitions=(Definition(OPTIMIZER_NAME, optimizer_code(target)),))

    matches = Matches(keras=True, names=frozenset({OPTIMIZER_NAME, "compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        super().visit_Call(node)
        if self._applies():
            self._string(node)

    def _string(self, node: ast.Call) -> None:
        """``compile(optimizer='adam')``: the class, made 2.2.4's (KL307 pins its defaults first)."""
        if not (isinstance(node.func, ast.Attribute) and node.func.attr == "compile"):
            return
        names = calls.keyword_names(node)
        if "optimizer" not in names and "loss" not in names:
            return
        value = calls.argument(node, "optimizer", position(COMPILE, "optimizer"))
        optimizer = ALIASES.get((calls.string_value(value) or "").lower())
        target = self.context.settings.target
        if optimizer not in wrapped_optimizers(target):
            return
        table = self.context.table
        keras = self.context.keras
        message = f"`'{calls.string_value(value)}'` is tf.keras's {optimizer}, whose updates differ from 2.2.4's"
        bound = table.bindings.get(optimizer)
        if optimizer in table.shadowed or (bound is not None and keras.optimizer_of(ast.Name(optimizer)) != optimizer) \
                or not definable(table, OPTIMIZER_NAME):
            self.report(node, message + f"; use `optimizer_224({optimizer})()` by hand")
            return
        keyword = "optimizer" in names

        def transform(updated: libcst.Call) -> libcst.Call:
            # KL307 may have made it a call
            current = call_edits.argument(updated, "optimizer", position(COMPILE, "optimizer"))
            instance = wrap_in_optimizer_224(current) if isinstance(current, cst.Call) else \
                wrap_in_optimizer_224(cst.Call(func=cst.Name(optimizer)))
            if keyword:
                return call_edits.set_keyword_value(updated, "optimizer", instance)
            return call_edits.set_positional_value(updated, 0, instance)

        self.report(value, message, target=node, transform=transform,
                    imports=(Import("tensorflow.keras.optimizers", optimizer),),
                    definitions=(Definition(OPTIMIZER_NAME, optimizer_code(target)),))
