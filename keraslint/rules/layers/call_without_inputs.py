"""KL805: a Keras layer subclass whose ``call`` takes its inputs only through ``*args``."""

from __future__ import annotations

import libcst as cst

from keraslint.keras224.layers import CALL_INPUTS_PARAMETER, CALL_METHOD, CALL_SIGNATURE_TARGETS, LAYER_MODULES
from keraslint.rule import Invalid, Rule, Valid


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

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._layer_classes.append(any(self._is_layer(base.value) for base in node.bases))

    def leave_ClassDef(self, node: cst.ClassDef) -> None:
        self._layer_classes.pop()

    def _is_layer(self, base: cst.BaseExpression) -> bool:
        found = self.context.keras.keras_name(base)
        return found is not None and found[0].startswith(LAYER_MODULES)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if (self.context.settings.target not in CALL_SIGNATURE_TARGETS or not self._layer_classes
                or not self._layer_classes[-1] or node.name.value != CALL_METHOD):
            return
        params = node.params
        star = params.star_arg
        if len(params.params) != 1 or params.posonly_params or not isinstance(star, cst.Param):
            return
        name = star.name.value
        passed, other = _uses(node.body, name)
        fixable = not other and CALL_INPUTS_PARAMETER not in _names(node.body)
        message = (f"`call(self, *{name})` names no inputs: Keras 3 builds the layer with shape None "
                   "and fails; 2.2.4 built it from the inputs")
        if not fixable:
            self.report(node.name, message)
            return
        self.report(node.name, message, target=node,
                    transform=lambda updated: _name_inputs(updated, name))


def _uses(body: cst.CSTNode, name: str) -> tuple[int, int]:
    """(times ``*name`` is passed on, other reads of ``name``)."""
    passed = other = 0

    class Reads(cst.CSTVisitor):
        def visit_Arg(self, node: cst.Arg) -> bool:
            nonlocal passed
            if node.star == "*" and isinstance(node.value, cst.Name) and node.value.value == name:
                passed += 1
                return False
            return True

        def visit_Name(self, node: cst.Name) -> None:
            nonlocal other
            if node.value == name:
                other += 1
    body.visit(Reads())
    return passed, other


def _names(body: cst.CSTNode) -> set[str]:
    found: set[str] = set()

    class Names(cst.CSTVisitor):
        def visit_Name(self, node: cst.Name) -> None:
            found.add(node.value)
    body.visit(Names())
    return found


def _name_inputs(function: cst.FunctionDef, name: str) -> cst.FunctionDef:
    class PassInputs(cst.CSTTransformer):
        def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.Call:
            args: list[cst.Arg] = []
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
