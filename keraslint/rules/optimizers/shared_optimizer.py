"""KL313: one optimizer compiled into several models, which a tf.keras optimizer cannot serve."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.imports import dotted_name
from keraslint.keras224.optimizers import SHARED_OPTIMIZER_CODE, SHARED_OPTIMIZER_NAME
from keraslint.keras224.signatures import COMPILE, position
from keraslint.keras224.targets import Target
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable

if TYPE_CHECKING:
    import libcst


class SharedOptimizer(Rule):
    """
    ## What it does
    Finds one optimizer, bound to a name, compiled into several models (the GAN pattern:
    `opt = Adam(0.0002, 0.5)`, then `d.compile(optimizer=opt)` and
    `combined.compile(optimizer=opt)`), and gives every model after the first
    `shared_optimizer_224(opt)`, a function keraslint adds to the module once: a copy of the
    optimizer that shares its rate and its iteration count.

    ## Why is this bad?
    Keras 2.2.4 made the optimizer's slots for each model it was compiled into, with one
    rate and one iteration count for all of them. A tf.keras optimizer (TF >= 2.11) serves
    the variables it first trained only: the second model raises `ValueError: Unknown
    variable ... This optimizer can only be called for the variables it was originally
    built with` (TF 2.15: "The optimizer cannot recognize variable").

    ## Example
    ```python
    optimizer = Adam(0.0002, 0.5)
    discriminator.compile(loss='binary_crossentropy', optimizer=optimizer)
    combined.compile(loss='binary_crossentropy', optimizer=optimizer)
    ```

    ## Use instead
    ```python
    combined.compile(loss='binary_crossentropy', optimizer=shared_optimizer_224(optimizer))
    ```

    On the `keras2` target KL312 makes every optimizer 2.2.4's on the legacy class, which
    serves several models as 2.2.4's did; this rule then has nothing to do.

    ## Fix safety
    Safe: each model keeps its own slots as in 2.2.4, and a rate set on the first (by a
    callback or by hand) or a step taken by either counts for both, as it did. The copy
    shares two attributes tf.keras does not document (`_learning_rate`, `_iterations`).
    """

    code = "KL313"
    name = "shared-optimizer"
    summary = "One optimizer compiled into several models: tf.keras optimizers serve one"
    fix_title = "Give each further model a copy that shares the rate and the step count"
    cases = (
        Valid("""
            import keras
            m.compile(optimizer=opt, loss='mse')
            m.compile(optimizer=opt, loss='mae')
            """),
        Invalid(
            """
            from keras.optimizers import Adam
            opt = Adam(0.0002, 0.5)
            d.compile(optimizer=opt, loss='mse')
            gan.compile(loss='mse', optimizer=opt)
            """,
            fixed=("from keras.optimizers import Adam\n\n\n" + SHARED_OPTIMIZER_CODE + "\n\nopt = Adam(0.0002, 0.5)\n"
                   "d.compile(optimizer=opt, loss='mse')\ngan.compile(loss='mse', optimizer=shared_optimizer_224(opt))\n"),
            message="`opt` is compiled into another model too: tf.keras optimizers serve one model",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._optimizers: set[str] = set()  # names bound to a Keras optimizer
        self._compiles: list[tuple[ast.Call, str, str]] = []  # (call, model, optimizer name)

    def visit_Assign(self, node: ast.Assign) -> None:
        if isinstance(node.value, ast.Call) and self.context.keras.optimizer_of(node.value.func):
            for target in node.targets:
                name = dotted_name(target)
                if name is not None:
                    self._optimizers.add(name)

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr == "compile") or calls.has_star_args(node):
            return
        model = dotted_name(func.value)
        value = calls.argument(node, "optimizer", position(COMPILE, "optimizer"))
        optimizer = "_" if value is None else dotted_name(value)  # none passed: as if `_`
        if model is not None and optimizer is not None:
            self._compiles.append((node, model, optimizer))

    def leave_Module(self, node: ast.Module) -> None:
        if self.context.settings.target == Target.KERAS2 and "KL312" in self.context.enabled:
            return  # KL312's optimizer_224 is the legacy optimizer there, which serves several models
        first: dict[str, str] = {}  # optimizer name -> the model compiled with it first
        table = self.context.table
        for call, model, optimizer in self._compiles:
            if optimizer not in self._optimizers or table.binding_count(optimizer.split(".")[0]) > 1 \
                    and "." not in optimizer:
                continue
            if first.setdefault(optimizer, model) == model:
                continue
            message = f"`{optimizer}` is compiled into another model too: tf.keras optimizers serve one model"
            if not definable(table, SHARED_OPTIMIZER_NAME):
                self.report(call, message)
                continue
            keyword = "optimizer" in calls.keyword_names(call)

            def transform(updated: libcst.Call, keyword=keyword) -> libcst.Call:
                value = call_edits.argument(updated, "optimizer", position(COMPILE, "optimizer"))
                shared = cst.Call(func=cst.Name(SHARED_OPTIMIZER_NAME), args=[cst.Arg(value)])
                if keyword:
                    return call_edits.set_keyword_value(updated, "optimizer", shared)
                return call_edits.set_positional_value(updated, 0, shared)

            self.report(call, message, transform=transform,
                        definitions=(Definition(SHARED_OPTIMIZER_NAME, SHARED_OPTIMIZER_CODE),))
