"""KL625: a `compile` argument held in a variable, where a name gets tf.keras's meaning, not 2.2.4's."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from keraslint import call_edits, calls
from keraslint.keras224 import by_name
from keraslint.keras224.optimizers import OPTIMIZER_NAME, optimizer_code
from keraslint.keras224.targets import Target
from keraslint.keras224.training import COMPILE_PARAMETERS
from keraslint.lazycst import cst
from keraslint.rule import Definition, Invalid, Matches, Rule, Valid, definable
from keraslint.rules.training._model_outputs import model_name

if TYPE_CHECKING:
    import libcst

_READ = (ast.Name, ast.Attribute, ast.Subscript)  # what a variable argument looks like


class CompileArgumentByName(Rule):
    """
    ## What it does
    Wraps `compile()` arguments that the program holds in a variable (a function parameter,
    `args.optimizer`, `config['loss']`) in a function keraslint adds to the module once:
    `optimizer_by_name_224(optimizer)`, `loss_by_name_224(loss)` and
    `metrics_by_name_224(metrics, loss=loss)`. When the program runs, each gives a name
    Keras 2.2.4's meaning, and passes anything else on unchanged.

    ## Why is this bad?
    keraslint rewrites the names it can read in a `compile` call (`optimizer='adadelta'`,
    `metrics=['accuracy']`, `loss='mse'`): tf.keras gives some optimizers other defaults and
    updates, logs other History keys, and has dropped some loss names. In a model factory,
    `def make(optimizer='rmsprop', metrics=None): ... model.compile(optimizer=optimizer, ...)`,
    the names arrive only when the program runs, and the same differences go unseen.

    ## Example
    ```python
    def create_model(optimizer='adadelta', metrics=('accuracy',)):
        ...
        model.compile(loss='categorical_crossentropy', optimizer=optimizer, metrics=metrics)
    ```

    ## Use instead
    ```python
    def optimizer_by_name_224(optimizer):
        ...  # 'adadelta' -> Adadelta(learning_rate=1.0), as 2.2.4 (added once)

    def metrics_by_name_224(metrics, loss=None):
        ...  # 'accuracy' -> 'acc', 'mse' -> 'mean_squared_error', ... (added once)

    def create_model(optimizer='adadelta', metrics=('accuracy',)):
        ...
        model.compile(loss='categorical_crossentropy', optimizer=optimizer_by_name_224(optimizer),
                      metrics=metrics_by_name_224(metrics, loss='categorical_crossentropy'))
    ```

    ## Fix safety
    Safe: a value that is not one of 2.2.4's names (an optimizer instance, a loss function)
    passes through unchanged, and a name gets what the rules give the same name written in
    the call. Names bound to an optimizer made in the module, imports and functions defined
    in the module are left alone.
    """

    code = "KL625"
    name = "compile-argument-by-name"
    summary = "A `compile` argument held in a variable: its name gets tf.keras's meaning"
    fix_title = "Give the name 2.2.4's meaning when the program runs"
    cases = (
        Valid("""
            import keras
            model.compile(optimizer='sgd', loss='mse', metrics=['mae'])
            """),
        Valid("""
            import keras
            opt = keras.optimizers.Adam()
            model.compile(opt, 'mse')
            """),
        Valid("""
            import keras
            def my_loss(t, p): return t - p
            model.compile('sgd', my_loss)
            """),
        Invalid(
            """
            import keras
            def make(metrics):
                model.compile('sgd', 'mse', metrics=metrics)
            """,
            fixed=("import keras\n\n\n" + by_name.metrics_code(Target.KERAS3)
                   + "\n\ndef make(metrics):\n"
                   "    model.compile('sgd', 'mse', metrics=metrics_by_name_224(metrics, loss='mse'))\n"),
            message=("`compile` gets `metrics` from a variable: a name there gets tf.keras's meaning, not "
                     "2.2.4's"),
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._instances: set[str] = set()  # names assigned a call's result (an optimizer made here)

    def visit_Assign(self, node: ast.Assign) -> None:
        if isinstance(node.value, ast.Call):
            for target in node.targets:
                name = model_name(target)
                if name is not None:
                    self._instances.add(name)

    matches = Matches(names=frozenset({"compile"}))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        target = self.context.settings.target
        if target not in by_name.TARGETS or not (isinstance(func, ast.Attribute) and func.attr == "compile") \
                or calls.has_star_args(node):
            return
        wrapped = [p for p in by_name.FUNCTIONS if self._variable(calls.argument(node, p, COMPILE_PARAMETERS.index(p)), p)]
        if not wrapped:
            return
        table = self.context.table
        names = [by_name.FUNCTIONS[p] for p in wrapped]
        needs_224 = "optimizer" in wrapped and by_name.needs_optimizer_224(target)
        if not all(definable(table, n) for n in names + ([OPTIMIZER_NAME] if needs_224 else [])):
            self.report(node, "`compile` gets " + ", ".join(f"`{p}`" for p in wrapped)
                        + " from a variable; keraslint's functions for it need their names free")
            return
        loss = calls.argument(node, "loss", COMPILE_PARAMETERS.index("loss"))
        # the call as written (its line ends too): its loss, not as another fix of this pass rewrites it
        original = calls.segment(node) \
            if loss is not None and calls.repeatable(loss) else None
        definitions = [Definition(by_name.FUNCTIONS[p], by_name.CODE[p](target)) for p in wrapped]
        if needs_224:
            definitions.append(Definition(OPTIMIZER_NAME, optimizer_code(target)))
        self.report(
            node, "`compile` gets " + ", ".join(f"`{p}`" for p in wrapped)
            + " from a variable: a name there gets tf.keras's meaning, not 2.2.4's",
            transform=lambda updated: _wrap(updated, wrapped, original),
            definitions=tuple(definitions),
        )

    def _variable(self, value: ast.expr | None, parameter: str) -> bool:
        """An argument whose value keraslint cannot read: a name, attribute or item that is not
        an import, a function of the module, or (for the optimizer) an object made here."""
        if not isinstance(value, _READ):
            return False
        table = self.context.table
        name = model_name(value)
        if name is not None and (name.split(".")[0] in table.bindings or name in table.functions):
            return False
        return not (parameter == "optimizer" and name in self._instances)


def _wrap(call: libcst.Call, parameters: list[str], original: str | None) -> libcst.Call:
    """``original``: the text of the call as detected, whose loss ``metrics`` gets (if repeatable)."""
    loss = None if original is None else _verbatim(
        call_edits.argument(cst.parse_expression(f"({original})"), "loss", COMPILE_PARAMETERS.index("loss")))
    for parameter in parameters:
        position = COMPILE_PARAMETERS.index(parameter)
        value = call_edits.argument(call, parameter, position)
        args = [cst.Arg(value)]
        if parameter == "metrics" and loss is not None:
            args.append(cst.Arg(loss, keyword=cst.Name("loss"),
                                equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace(""))))
        new = cst.Call(cst.Name(by_name.FUNCTIONS[parameter]), args=_commas(args))
        call = call_edits.set_keyword_value(call, parameter, new) if parameter in call_edits.keyword_names(call) \
            else call_edits.set_positional_value(call, position, new)
    return call


def _verbatim(node: libcst.BaseExpression) -> libcst.BaseExpression:
    """``node`` parsed alone, written back with its lines as they were: a continuation line's
    whitespace not taken as relative to a block's indentation (parsed alone, there is none)."""
    from libcst import matchers as m

    return m.replace(node, m.ParenthesizedWhitespace() | m.EmptyLine(),
                     lambda whitespace, _: whitespace.with_changes(indent=False))


def _commas(args: list[libcst.Arg]) -> list[libcst.Arg]:
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [a.with_changes(comma=comma) for a in args[:-1]] + args[-1:]
