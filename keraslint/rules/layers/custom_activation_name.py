"""KL802: an activation given by a name registered with `get_custom_objects()`."""

from __future__ import annotations

import libcst as cst

from keraslint.keras224.arguments import (
    ACTIVATION_LAYER,
    ACTIVATION_PARAMETERS,
    CUSTOM_OBJECT_STRING_TARGETS,
    CUSTOM_OBJECTS,
)
from keraslint.rule import Invalid, Rule, Valid


class CustomActivationName(Rule):
    """
    ## What it does
    On the `keras3` target, finds activations given by a name that the module registers with
    `get_custom_objects()` (`get_custom_objects().update({'swish': swish})`, or
    `get_custom_objects()['swish'] = swish`), and passes the registered function instead of
    the name: `Activation('swish')` becomes `Activation(swish)`.

    ## Why is this bad?
    Keras 2.2.4 looked an activation name up in the custom objects first. Keras 3 looks it up
    only among its own activations: a name it does not know raises ("Could not interpret
    activation function identifier"), and one it does know (`'swish'`, `'gelu'`) silently
    gives Keras 3's function instead of the user's.

    ## Example
    ```python
    get_custom_objects().update({'swish': swish})
    x = Dense(64, activation='swish')(x)
    ```

    ## Use instead
    ```python
    get_custom_objects().update({'swish': swish})
    x = Dense(64, activation=swish)(x)
    ```

    ## Fix safety
    Safe: the function 2.2.4 used, and the registration stays, so that a saved model loads
    with it again. Only names registered with a function the module defines once are
    replaced.
    """

    code = "KL802"
    name = "custom-activation-name"
    summary = "An activation registered by name: Keras 3 does not look custom objects up"
    fix_title = "Pass the registered function"
    cases = (
        Valid("""
            from keras.layers import Dense
            Dense(3, activation='relu')
            """),
        Invalid(
            """
            from keras.layers import Dense
            from keras.utils.generic_utils import get_custom_objects
            def swish(x): return x
            get_custom_objects().update({'swish': swish})
            Dense(3, activation='swish')
            """,
            fixed="""
            from keras.layers import Dense
            from keras.utils.generic_utils import get_custom_objects
            def swish(x): return x
            get_custom_objects().update({'swish': swish})
            Dense(3, activation=swish)
            """,
            message=("activation 'swish' is registered with get_custom_objects(), which Keras 3 does not look "
                     "activations up in"),
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._registered: dict[str, str] = {}  # name -> the function registered under it
        self._strings: list[cst.SimpleString] = []

    def _custom_objects(self, node: cst.BaseExpression) -> bool:
        if not isinstance(node, cst.Call):
            return False
        found = self.context.keras.keras_name(node.func)
        return found is not None and ".".join(found) in CUSTOM_OBJECTS

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "update" and self._custom_objects(func.value) \
                and len(node.args) == 1 and isinstance(node.args[0].value, cst.Dict):
            for element in node.args[0].value.elements:
                if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) \
                        and isinstance(element.value, cst.Name):
                    self._registered[element.key.evaluated_value] = element.value.value
            return
        layer = self.context.keras.keras_class(func)
        if layer is None:
            return
        for arg in node.args:
            named = arg.keyword.value if arg.keyword is not None else None
            first = layer == ACTIVATION_LAYER and arg is node.args[0] and named is None
            if (named in ACTIVATION_PARAMETERS or first) and isinstance(arg.value, cst.SimpleString):
                self._strings.append(arg.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            subscript = target.target
            if isinstance(subscript, cst.Subscript) and self._custom_objects(subscript.value) \
                    and len(subscript.slice) == 1 and isinstance(subscript.slice[0].slice, cst.Index) \
                    and isinstance(subscript.slice[0].slice.value, cst.SimpleString) \
                    and isinstance(node.value, cst.Name):
                self._registered[subscript.slice[0].slice.value.evaluated_value] = node.value.value

    def leave_Module(self, node: cst.Module) -> None:
        if self.context.settings.target not in CUSTOM_OBJECT_STRING_TARGETS:
            return
        table = self.context.table
        for string in self._strings:
            function = self._registered.get(string.evaluated_value)
            if function is None or function not in table.functions or table.binding_count(function) != 1:
                continue
            self.report(
                string,
                f"activation {string.evaluated_value!r} is registered with get_custom_objects(), "
                f"which Keras 3 does not look activations up in",
                transform=lambda updated, function=function: cst.Name(function),
            )
