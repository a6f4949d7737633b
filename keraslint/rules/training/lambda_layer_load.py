"""KL620: model loads that Keras 3 refuses for the module's Lambda layers."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.training import LAMBDA_LAYER, LAMBDA_LOAD_TARGETS, MODEL_LOADERS, SAFE_MODE_LOADERS
from keraslint.rule import Invalid, Matches, Rule, Valid
from keraslint.keras224.signatures import LAMBDA, LOAD_MODEL, position
from keraslint.lazycst import cst


class LambdaLayerLoad(Rule):
    """
    ## What it does
    On the `keras3` target, in a module that builds `Lambda` layers, lets its
    `load_model`/`model_from_json` calls load them again as Keras 2.2.4 did: `load_model` gets
    `safe_mode=False` when a `Lambda` wraps a Python `lambda`, and the functions that `Lambda`s
    wrap by name are added to `custom_objects`.

    ## Why is this bad?
    Keras 2.2.4 stored a Lambda's code in the model file and loaded it back without being
    asked. Keras 3 refuses a Python lambda unless `safe_mode=False` ("Requested the
    deserialization of a `Lambda` layer whose `function` is a Python lambda"), and cannot find a
    named function unless it is passed in `custom_objects` ("Could not locate function").

    ## Example
    ```python
    x = Lambda(lambda t: t / 255.0)(inputs)
    ...
    restored = load_model('model.h5')
    ```

    ## Use instead
    ```python
    restored = load_model('model.h5', safe_mode=False)
    ```

    ## Fix safety
    Safe: the model loads as it did in 2.2.4, which ran the stored code just the same; that is
    why Keras 3 asks for it to be said. Only calls whose `custom_objects` is absent or a dict
    written in the call get the named functions. A lambda loaded with `model_from_json`
    (which has no `safe_mode` in Keras 3) is reported: wrap the call in
    `with tf.keras.config.enable_unsafe_deserialization():` by hand.
    """

    code = "KL620"
    name = "lambda-layer-load"
    summary = "A model with Lambda layers: Keras 3 loads it only with safe_mode=False / custom_objects"
    fix_title = "Load the Lambda layers as 2.2.4 did"
    cases = (
        Valid("""
            from keras.models import load_model
            m = load_model('m.h5')
            """),
        Invalid(
            """
            from keras.models import load_model
            from keras.layers import Lambda
            x = Lambda(lambda t: t * 2)(i)
            m = load_model('m.h5')
            """,
            fixed="""
            from keras.models import load_model
            from keras.layers import Lambda
            x = Lambda(lambda t: t * 2)(i)
            m = load_model('m.h5', safe_mode=False)
            """,
            message="Keras 3 loads the Lambda layers of this module only when told to",
        ),
        Invalid(
            """
            from keras.models import load_model
            from keras.layers import Lambda
            def double(t): return t * 2
            x = Lambda(double)(i)
            m = load_model('m.h5', custom_objects={'Scale': Scale})
            """,
            fixed="""
            from keras.models import load_model
            from keras.layers import Lambda
            def double(t): return t * 2
            x = Lambda(double)(i)
            m = load_model('m.h5', custom_objects={'Scale': Scale, 'double': double})
            """,
            message="Keras 3 loads the Lambda layers of this module only when told to",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._lambdas = False  # a Lambda wraps a Python lambda
        self._functions: list[str] = []  # functions Lambdas wrap by name
        self._loads: list[tuple[ast.Call, str]] = []

    matches = Matches(keras=True)

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target not in LAMBDA_LOAD_TARGETS:
            return
        table = self.context.table
        keras = self.context.keras
        found = keras.keras_name(node.func)
        name = ".".join(found) if found else None
        if keras.keras_class(node.func) == LAMBDA_LAYER:
            function = calls.argument(node, "function", position(LAMBDA, "function"))
            if type(function) is ast.Lambda:
                self._lambdas = True
            elif type(function) is ast.Name and function.id in table.functions \
                    and function.id not in self._functions:
                self._functions.append(function.id)
        elif name in MODEL_LOADERS and not calls.has_star_args(node):
            self._loads.append((node, found[1]))

    def leave_Module(self, node: ast.Module) -> None:
        for call, loader in self._loads:
            names = calls.keyword_names(call)
            safe_mode = self._lambdas and loader in SAFE_MODE_LOADERS and "safe_mode" not in names
            custom = calls.argument(call, "custom_objects", position(LOAD_MODEL, "custom_objects"))
            written = type(custom) is ast.Dict
            known = {key.value for key in custom.keys if calls.is_string(key)} if written else set()
            missing = [f for f in self._functions if f not in known] if custom is None or written else []
            message = "Keras 3 loads the Lambda layers of this module only when told to"
            if self._lambdas and loader not in SAFE_MODE_LOADERS:
                self.report(call, f"{message}: `{loader}` has no `safe_mode`; load inside "
                                  f"`tf.keras.config.enable_unsafe_deserialization()` by hand")
                continue
            if not safe_mode and not missing:
                continue
            self.report(call, message, transform=lambda updated, s=safe_mode, m=missing: _load_as_224(updated, s, m))


def _load_as_224(call: cst.Call, safe_mode: bool, missing: list[str]) -> cst.Call:
    if missing:
        custom = call_edits.argument(call, "custom_objects", position(LOAD_MODEL, "custom_objects"))
        entries = [cst.DictElement(cst.SimpleString(f"'{f}'"), cst.Name(f)) for f in missing]
        if isinstance(custom, cst.Dict):
            elements = [e.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
                        for e in custom.elements] + entries
            new = custom.with_changes(elements=[*elements[:-1], elements[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)])
            keyword = "custom_objects" in call_edits.keyword_names(call)
            call = (call_edits.set_keyword_value(call, "custom_objects", new) if keyword
                    else call_edits.set_positional_value(call, 1, new))
        else:
            call = call_edits.add_keywords(call, [("custom_objects", cst.Dict(
                [e.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))) for e in entries[:-1]]
                + [entries[-1]]))])
    if safe_mode:
        call = call_edits.add_keywords(call, [("safe_mode", cst.Name("False"))])
    return call
