"""KL601: `fit_generator`, `evaluate_generator` and `predict_generator` calls, gone in Keras 3."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.diagnostics import Applicability
from keraslint.keras224.training import (
    DIVIDED_BY_BATCH_SIZE,
    FIRST_PARAMETER_RENAMES,
    GENERATOR_METHODS,
    GENERATOR_RENAMES,
    KERAS3_REJECTED,
    QUIET_METHODS,
)
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.keras224.targets import Target
from keraslint.lazycst import cst

if TYPE_CHECKING:
    import libcst


class GeneratorTrainingMethod(Rule):
    """
    ## What it does
    Rewrites `fit_generator`, `evaluate_generator` and `predict_generator` calls to `fit`,
    `evaluate` and `predict`: arguments passed by position after the generator become
    keywords (the new methods have other parameters there), Keras-1 names become Keras 2
    names (`nb_epoch` is `epochs`), `verbose=0` is pinned where 2.2.4 printed nothing, and on
    the `keras3` target the data-loading arguments Keras 3 rejects (`workers`,
    `use_multiprocessing`, `max_queue_size`) are removed.

    ## Why is this bad?
    The generator methods were deprecated in TF 2.1 and are gone in Keras 3
    (`AttributeError`). `fit`, `evaluate` and `predict` accept generators directly.

    ## Example
    ```python
    model.fit_generator(datagen.flow(x, y, batch_size=32), 100, epochs=10, workers=4)
    ```

    ## Use instead
    ```python
    model.fit(datagen.flow(x, y, batch_size=32), steps_per_epoch=100, epochs=10)
    ```

    ## Fix safety
    Safe, except with `samples_per_epoch`: 2.2.4 divided it by `generator.batch_size` when
    the generator had one, which cannot be known statically; that fix renames it to
    `steps_per_epoch` unchanged and is unsafe. It is safe when the generator is a call of a
    generator function of the module (`def ...: yield ...`), whose generator has no
    `batch_size`: 2.2.4 took the number as it was. Removing the data-loading arguments on
    `keras3` changes how batches are produced (in one thread), not which; it is unsafe
    when a removed value calls a function (`workers=cpu_count()`), since the call goes too.
    """

    code = "KL601"
    name = "generator-training-method"
    summary = "`fit_generator` and friends are gone in Keras 3; use `fit`/`evaluate`/`predict`"
    fix_title = "Use the tf.keras method"
    cases = (
        Valid("""
            import keras
            model.fit(gen, steps_per_epoch=10)
            """),
        Valid("""
            import keras
            thing.fit_generator_like(gen)
            """),
        Invalid(
            """
            import keras
            model.fit_generator(gen, 100, 5, validation_data=val)
            """,
            fixed="""
            import keras
            model.fit(gen, steps_per_epoch=100, epochs=5, validation_data=val)
            """,
            message="`fit_generator` is deprecated in TF 2 and gone in Keras 3; use `fit`",
        ),
        Invalid(
            """
            import keras
            model.fit_generator(gen, steps_per_epoch=10, nb_epoch=3, workers=4)
            """,
            fixed="""
            import keras
            model.fit(gen, steps_per_epoch=10, epochs=3)
            """,
            message="`fit_generator` is deprecated in TF 2 and gone in Keras 3; use `fit`",
        ),
        Invalid(
            """
            import keras
            preds = model.predict_generator(gen, steps=5)
            """,
            fixed="""
            import keras
            preds = model.predict(gen, steps=5, verbose=0)
            """,
            message="`predict_generator` is deprecated in TF 2 and gone in Keras 3; use `predict`",
        ),
    )

    matches = Matches(names=frozenset(GENERATOR_METHODS))

    def visit_Call(self, node: ast.Call) -> None:
        if not isinstance(node.func, ast.Attribute):
            return
        method = node.func.attr
        if method in self.context.table.shadowed:
            return  # the module defines its own `fit_generator`: not Keras's
        if method not in GENERATOR_METHODS or calls.has_star_args(node):
            if method in GENERATOR_METHODS:
                self.report(node, f"`{method}` is gone in Keras 3; use `{GENERATOR_METHODS[method][0]}` by hand")
            return
        self._calls.append((node, method))

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._calls: list[tuple[ast.Call, str]] = []
        self._functions: list[str] = []
        self._generators: set[str] = set()  # functions of the module that yield

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._functions.append(node.name)

    def leave_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self._functions.pop()

    def visit_Yield(self, node: ast.Yield | ast.YieldFrom) -> None:
        if self._functions:
            self._generators.add(self._functions[-1])

    # libcst's FunctionDef and Yield also stand for these
    visit_AsyncFunctionDef = visit_FunctionDef
    leave_AsyncFunctionDef = leave_FunctionDef
    visit_YieldFrom = visit_Yield

    def _plain_generator(self, node: ast.Call, parameters: tuple[str, ...]) -> bool:
        """A call of a generator function of the module: its generator has no ``batch_size``."""
        generator = calls.argument(node, "generator", parameters.index("generator"))
        table = self.context.table
        return isinstance(generator, ast.Call) and isinstance(generator.func, ast.Name) \
            and generator.func.id in self._generators and table.binding_count(generator.func.id) == 1

    def leave_Module(self, node: ast.Module) -> None:
        for call, method in self._calls:
            self._check(call, method)

    def _check(self, node: ast.Call, method: str) -> None:
        new_method, parameters = GENERATOR_METHODS[method]
        drop = KERAS3_REJECTED if self.context.settings.target == Target.KERAS3 else ()
        divided = DIVIDED_BY_BATCH_SIZE in calls.keyword_names(node) and not self._plain_generator(node, parameters)
        unsafe = divided or calls.drops_a_call(calls.argument(node, name, None) for name in drop)
        self.report(
            node,
            f"`{method}` is deprecated in TF 2 and gone in Keras 3; use `{new_method}`",
            transform=lambda updated: _to_method(updated, method, new_method, parameters, drop),
            fix_title=f"Use `{new_method}`"
            + (" (`samples_per_epoch` was divided by the generator's batch_size in 2.2.4)" if unsafe else ""),
            applicability=Applicability.UNSAFE if unsafe else Applicability.SAFE,
        )


def _to_method(call: libcst.Call, method: str, new_method: str, parameters: tuple[str, ...],
               drop: tuple[str, ...]) -> libcst.Call:
    call = call_edits.keywords_for_positionals(call, parameters, 1)
    for old, new in {**FIRST_PARAMETER_RENAMES, **GENERATOR_RENAMES}.items():
        if old in call_edits.keyword_names(call) and new not in call_edits.keyword_names(call):
            call = call_edits.rename_keyword(call, old, new)
    for name in drop:
        if name in call_edits.keyword_names(call):
            call = call_edits.remove_keyword(call, name)
    if method in QUIET_METHODS and "verbose" not in call_edits.keyword_names(call):
        call = call_edits.add_keywords(call, [("verbose", cst.Integer("0"))])
    return call.with_changes(func=call.func.with_changes(attr=cst.Name(new_method)))
