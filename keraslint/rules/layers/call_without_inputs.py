"""KL805: a Keras layer subclass whose ``call`` takes its inputs only through ``*args``."""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator

from keraslint import calls
from keraslint.keras224.layers import CALL_INPUTS_PARAMETER, CALL_METHOD, CALL_SIGNATURE_TARGETS, LAYER_MODULES
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Rule, Valid

if TYPE_CHECKING:
    import libcst


class CallWithoutInputs(Rule):
    """
    ## What it does
    On the `keras3` target, finds subclasses of Keras layers whose `call` takes its inputs only
    through `*args` (`def call(self, *args, **kwargs)`), and names the first one:
    `def call(self, inputs, *args, **kwargs)`, passing `inputs` on wherever the body passes
    `*args`.

    ## Why is this bad?
    Keras 3 builds a layer from the shape of `call`'s first named argument. With only
    `*args` it finds none and calls `build(None)`: `BatchNormalization` subclasses fail with
    "'NoneType' object is not subscriptable" and the model does not build. Keras 2.2.4 (and
    TF 2.15) built the layer from the inputs given to `__call__`.

    ## Example
    ```python
    class BatchNormalization(keras.layers.BatchNormalization):
        def call(self, *args, **kwargs):
            if self.freeze:
                kwargs['training'] = False
            return super(BatchNormalization, self).call(*args, **kwargs)
    ```

    ## Use instead
    ```python
    class BatchNormalization(keras.layers.BatchNormalization):
        def call(self, inputs, *args, **kwargs):
            if self.freeze:
                kwargs['training'] = False
            return super(BatchNormalization, self).call(inputs, *args, **kwargs)
    ```

    ## Fix safety
    Safe: the layer gets the same arguments in the same order. When the body reads `args`
    otherwise than as `*args` passed on (`args[0]`), the finding has no fix.
    """

    code = "KL805"
    name = "call-without-inputs"
    summary = "A layer's `call(self, *args)`: Keras 3 cannot build it"
    fix_title = "Name the inputs: `call(self, inputs, *args, ...)`"
    cases = (
        Valid("""
            import keras
            class L(keras.layers.Layer):
                def call(self, inputs, *args, **kwargs):
                    return inputs
            """),
        Valid("""
            class Plain(object):
                def call(self, *args):
                    return args
            """),
        Invalid(
            """
            import keras
            class BN(keras.layers.BatchNormalization):
                def call(self, *args, **kwargs):
                    return super(BN, self).call(*args, **kwargs)
            """,
            fixed="""
            import keras
            class BN(keras.layers.BatchNormalization):
                def call(self, inputs, *args, **kwargs):
                    return super(BN, self).call(inputs, *args, **kwargs)
            """,
            message=("`call(self, *args)` names no inputs: Keras 3 builds the layer with shape None and fails; "
                     "2.2.4 built it from the inputs"),
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._layer_classes: list[bool] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._layer_classes.append(any(
            self._is_layer(base.value if isinstance(base, ast.Starred) else base) for base in node.bases))

    def leave_ClassDef(self, node: ast.ClassDef) -> None:
        self._layer_classes.pop()

    def _is_layer(self, base: ast.expr) -> bool:
        found = self.context.keras.keras_name(base)
        return found is not None and found[0].startswith(LAYER_MODULES)

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        if (self.context.settings.target not in CALL_SIGNATURE_TARGETS or not self._layer_classes
                or not self._layer_classes[-1] or node.name != CALL_METHOD):
            return
        params = node.args
        if len(params.args) != 1 or params.posonlyargs or params.vararg is None:
            return
        name = params.vararg.arg
        names = list(_names(node.body))
        fixable = names.count(name) == _passed_on(node.body, name) and CALL_INPUTS_PARAMETER not in names
        message = (f"`call(self, *{name})` names no inputs: Keras 3 builds the layer with shape None "
                   "and fails; 2.2.4 built it from the inputs")
        if not fixable:
            self.report(calls.name_of(node), message)
            return
        self.report(calls.name_of(node), message, target=node,
                    transform=lambda updated: _name_inputs(updated, name))

    visit_AsyncFunctionDef = visit_FunctionDef


#: The fields of ``ast`` nodes holding names that libcst writes as ``Name`` nodes: variables,
#: attributes, keywords, parameters, definitions, imports (a dotted module: one per part)...
_NAME_FIELDS = ("id", "attr", "arg", "name", "asname", "module", "names", "rest", "kwd_attrs")


def _names(body: list[ast.stmt]) -> Iterator[str]:
    """Every name written in the statements (libcst's ``Name`` nodes)."""
    for statement in body:
        for node in ast.walk(statement):
            for field in _NAME_FIELDS:
                value = getattr(node, field, None)
                for text in value if isinstance(value, list) else (value,):
                    if isinstance(text, str):
                        yield from text.split(".")


def _passed_on(body: list[ast.stmt], name: str) -> int:
    """How many times the statements pass ``*name`` on (to a call, or as a class's bases)."""
    return sum(1 for statement in body for node in ast.walk(statement)
               if isinstance(node, (ast.Call, ast.ClassDef))
               for arg in (node.args if isinstance(node, ast.Call) else node.bases)
               if isinstance(arg, ast.Starred) and isinstance(arg.value, ast.Name) and arg.value.id == name)


def _name_inputs(function: libcst.FunctionDef, name: str) -> libcst.FunctionDef:
    class PassInputs(cst.CSTTransformer):
        def leave_Call(self, original: libcst.Call, updated: libcst.Call) -> libcst.Call:
            args: list[libcst.Arg] = []
            for arg in updated.args:
                if arg.star == "*" and isinstance(arg.value, cst.Name) and arg.value.value == name:
                    args.append(cst.Arg(cst.Name(CALL_INPUTS_PARAMETER),
                                        comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))))
                args.append(arg)
            return updated.with_changes(args=args)

    params = function.params
    self_param = params.params[0].with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    inputs = cst.Param(cst.Name(CALL_INPUTS_PARAMETER), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
    body = function.body.visit(PassInputs())
    return function.with_changes(params=params.with_changes(params=[self_param, inputs]), body=body)
