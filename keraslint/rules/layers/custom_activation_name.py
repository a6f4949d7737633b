"""KL802: an activation given by a name registered with `get_custom_objects()`."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.arguments import (
    ACTIVATION_LAYER,
    ACTIVATION_PARAMETERS,
    CUSTOM_OBJECT_STRING_TARGETS,
    CUSTOM_OBJECTS,
)
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Matches, Rule, Valid


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
        self._registered: dict[str | bytes, str] = {}  # name -> the function registered under it
        self._strings: list[ast.Constant] = []

    def _custom_objects(self, node: ast.expr) -> bool:
        if not isinstance(node, ast.Call):
            return False
        found = self.context.keras.keras_name(node.func)
        return found is not None and ".".join(found) in CUSTOM_OBJECTS

    matches = Matches(keras=True, names=frozenset({"update"}))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        written = calls.in_source_order(node)
        args = [arg.value if isinstance(arg, (ast.Starred, ast.keyword)) else arg for arg in written]
        if isinstance(func, ast.Attribute) and func.attr == "update" and self._custom_objects(func.value) \
                and len(args) == 1 and isinstance(args[0], ast.Dict):
            for key, value in zip(args[0].keys, args[0].values):
                if calls.is_string(key) and _name(value) is not None:
                    self._registered[key.value] = _name(value)
            return
        layer = self.context.keras.keras_class(func)
        if layer is None:
            return
        for index, arg in enumerate(written):
            named = arg.arg if isinstance(arg, ast.keyword) else None
            first = layer == ACTIVATION_LAYER and index == 0 and named is None
            if (named in ACTIVATION_PARAMETERS or first) and calls.is_string(args[index]):
                self._strings.append(args[index])

    def visit_Assign(self, node: ast.Assign) -> None:
        for subscript in node.targets:
            if isinstance(subscript, ast.Subscript) and self._custom_objects(subscript.value) \
                    and calls.is_string(calls.subscript_key(subscript)) and _name(node.value) is not None:
                self._registered[calls.subscript_key(subscript).value] = _name(node.value)

    def leave_Module(self, node: ast.Module) -> None:
        if self.context.settings.target not in CUSTOM_OBJECT_STRING_TARGETS:
            return
        table = self.context.table
        for string in self._strings:
            function = self._registered.get(string.value)
            if function is None or function not in table.functions or table.binding_count(function) != 1:
                continue
            self.report(
                string,
                f"activation {string.value!r} is registered with get_custom_objects(), "
                f"which Keras 3 does not look activations up in",
                transform=lambda updated, function=function: cst.Name(function),
            )


def _name(node: ast.expr) -> str | None:
    """The name an expression is (in libcst ``True``, ``False`` and ``None`` are names too)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Constant) and (node.value is None or isinstance(node.value, bool)):
        return repr(node.value)
    return None


