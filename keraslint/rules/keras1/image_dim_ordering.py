"""KL505: the Keras-1 backend functions `image_dim_ordering()` and `set_image_dim_ordering()`."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.keras1 import DIM_ORDERING_FUNCTIONS, DIM_ORDERING_VALUES
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Rule, Valid
from keraslint.keras224.signatures import SET_IMAGE_DIM_ORDERING, position


class ImageDimOrdering(Rule):
    """
    ## What it does
    Finds the Keras-1 backend functions `K.image_dim_ordering()` and
    `K.set_image_dim_ordering(...)` and writes their Keras 2 successors,
    `image_data_format()` and `set_image_data_format(...)`, mapping the values as 2.2.4
    did: `'th'` is `'channels_first'`, `'tf'` is `'channels_last'`. A comparison such as
    `K.image_dim_ordering() == 'th'` becomes `K.image_data_format() == 'channels_first'`;
    any other use becomes 2.2.4's own definition,
    `('th' if K.image_data_format() == 'channels_first' else 'tf')`.

    ## Why is this bad?
    tf.keras has no `image_dim_ordering`: the call is an `AttributeError`.

    ## Example
    ```python
    if K.image_dim_ordering() == 'th':
        input_shape = (1, rows, cols)
    ```

    ## Use instead
    ```python
    if K.image_data_format() == 'channels_first':
        input_shape = (1, rows, cols)
    ```

    ## Fix safety
    Safe: the same values, by 2.2.4's definition (keras/backend/common.py). The fix needs
    the call through the backend module (`K.image_dim_ordering()`); a name imported on its
    own is reported, with its import (KL002), without a fix. `set_image_dim_ordering` is
    fixed only with a literal `'th'` or `'tf'`.
    """

    code = "KL505"
    name = "image-dim-ordering"
    summary = "Keras-1 `image_dim_ordering()`; tf.keras has only `image_data_format()`"
    fix_title = "Use `image_data_format()` and its values"
    rewrites = tuple(f"keras.backend.{name}" for name in DIM_ORDERING_FUNCTIONS)
    cases = (
        Valid("""
            from keras import backend as K
            K.image_data_format() == 'channels_first'
            """),
        Invalid(
            """
            from keras import backend as K
            if K.image_dim_ordering() == 'th': pass
            """,
            fixed="""
            from keras import backend as K
            if K.image_data_format() == 'channels_first': pass
            """,
            message=("`image_dim_ordering()` is not in tf.keras; compare `image_data_format()` with "
                     "'channels_first'"),
        ),
        Invalid(
            """
            import keras.backend as K
            first = 'tf' != K.image_dim_ordering()
            """,
            fixed="""
            import keras.backend as K
            first = 'channels_last' != K.image_data_format()
            """,
            message=("`image_dim_ordering()` is not in tf.keras; compare `image_data_format()` with "
                     "'channels_last'"),
        ),
        Invalid(
            """
            import keras
            order = keras.backend.image_dim_ordering()
            """,
            fixed="""
            import keras
            order = ('th' if keras.backend.image_data_format() == 'channels_first' else 'tf')
            """,
            message="`image_dim_ordering` is not in tf.keras; use `image_data_format`, as 2.2.4 defined it",
        ),
        Invalid(
            """
            from keras import backend as K
            K.set_image_dim_ordering("th")
            """,
            fixed="""
            from keras import backend as K
            K.set_image_data_format("channels_first")
            """,
            message="`set_image_dim_ordering` is not in tf.keras; use `set_image_data_format`",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._compared: set[int] = set()

    def _function(self, node: ast.expr) -> str | None:
        if type(node) is not ast.Call:
            return None
        found = self.context.keras.keras_name(node.func)
        if found is None or found[0] != "keras.backend" or found[1] not in DIM_ORDERING_FUNCTIONS:
            return None
        return found[1]

    def visit_Compare(self, node: ast.Compare) -> None:
        """``K.image_dim_ordering() == 'th'`` (either side, ``!=`` too): map the literal."""
        if len(node.ops) != 1 or type(node.ops[0]) not in (ast.Eq, ast.NotEq):
            return
        [comparator] = node.comparators
        getter_left = self._function(node.left) == "image_dim_ordering"
        call, other = (node.left, comparator) if getter_left else (comparator, node.left)
        if self._function(call) != "image_dim_ordering" or type(call.func) is not ast.Attribute:
            return
        old = calls.string_value(other)
        if old not in DIM_ORDERING_VALUES:
            return
        self._compared.add(id(call))
        quote = _quote(other)

        def transform(updated: cst.Comparison) -> cst.Comparison:
            new = call_edits.literal(DIM_ORDERING_VALUES[old], quote)
            [part] = updated.comparisons
            if getter_left:
                return updated.with_changes(left=_renamed(updated.left),
                                            comparisons=[part.with_changes(comparator=new)])
            return updated.with_changes(left=new, comparisons=[part.with_changes(comparator=_renamed(part.comparator))])

        self.report(node, "`image_dim_ordering()` is not in tf.keras; compare `image_data_format()` "
                          f"with '{DIM_ORDERING_VALUES[old]}'", transform=transform)

    def visit_Call(self, node: ast.Call) -> None:
        function = self._function(node)
        if function is None or id(node) in self._compared:
            return
        new = DIM_ORDERING_FUNCTIONS[function]
        message = f"`{function}` is not in tf.keras; use `{new}`"
        if type(node.func) is not ast.Attribute:
            self.report(node, message)
            return
        if function == "image_dim_ordering":
            old_value = {new: old for old, new in DIM_ORDERING_VALUES.items()}

            def transform(updated: cst.Call) -> cst.BaseExpression:
                getter = cst.Module([]).code_for_node(_renamed(updated).with_changes(lpar=[], rpar=[]))
                return cst.parse_expression(
                    f"{old_value['channels_first']!r} if {getter} == 'channels_first'"
                    f" else {old_value['channels_last']!r}"
                ).with_changes(lpar=updated.lpar or [cst.LeftParen()], rpar=updated.rpar or [cst.RightParen()])

            self.report(node, message + ", as 2.2.4 defined it", transform=transform)
            return
        value = calls.argument(node, "dim_ordering", position(SET_IMAGE_DIM_ORDERING, "dim_ordering"))
        old = calls.string_value(value)
        if old not in DIM_ORDERING_VALUES or len(node.args) + len(node.keywords) != 1:
            self.report(node, message + f" with {dict(DIM_ORDERING_VALUES)}")
            return
        quote = _quote(value)
        self.report(node, message, transform=lambda updated: _renamed(updated).with_changes(
            args=[updated.args[0].with_changes(value=call_edits.literal(DIM_ORDERING_VALUES[old], quote))]))


def _quote(string: ast.Constant) -> str:
    """The quotes of a string literal as written, ``'`` or ``'''``... (libcst's SimpleString.quote)."""
    text = calls.segment(string).lstrip("rRuUbB")
    return text[:3] if text[:3] in ("'''", '"""') else text[0]


def _renamed(call: cst.Call) -> cst.Call:
    """``K.image_dim_ordering()`` -> ``K.image_data_format()``."""
    old = call.func.attr.value
    return call.with_changes(func=call.func.with_changes(attr=cst.Name(DIM_ORDERING_FUNCTIONS[old])))
