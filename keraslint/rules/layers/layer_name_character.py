"""KL804: a `/` in a layer or model name, which Keras 3 refuses."""

from __future__ import annotations

import libcst as cst

from keraslint.diagnostics import Applicability
from keraslint.imports import dotted_name
from keraslint.keras224.arguments import NAME_CHARACTER_TARGETS, NAME_CHARACTERS_REFUSED, NAME_LOOKUPS
from keraslint.rule import Invalid, Rule, Valid


class LayerNameCharacter(Rule):
    """
    ## What it does
    On the `keras3` target, finds layer and model names that contain a `/`, written in a Keras
    call's `name=` (also as a piece of a name built from strings, `name=prefix + '/conv'`, in
    a call of the module's own or the project's functions that pass it on), and the same
    names looked up with `get_layer('...')`. The fix writes `_` instead of `/` in those strings.

    ## Why is this bad?
    Keras 2.2.4 (and TF 2.15) took any name; TensorFlow used `/` for its name scopes, and model
    zoos named layers after the original networks (`conv1/7x7_s2`). Keras 3 raises when such a
    layer is made ("Argument `name` must be a string and cannot contain character `/`"), so the
    model does not build at all.

    ## Example
    ```python
    x = Conv2D(64, (7, 7), name='conv1/7x7_s2')(x)
    x = conv_block(x, name=name + '/conv')
    ```

    ## Use instead
    ```python
    x = Conv2D(64, (7, 7), name='conv1_7x7_s2')(x)
    x = conv_block(x, name=name + '_conv')
    ```

    ## Fix safety
    Unsafe: the layers' names change, and with them their weights' names: an HDF5 file written
    by 2.2.4 no longer loads `by_name=True` into them, and a name looked up in another module or
    read from a file is not rewritten. Without the fix the model does not build on Keras 3.
    """

    code = "KL804"
    name = "layer-name-character"
    summary = "A `/` in a layer name: Keras 3 refuses it"
    fix_title = "Write `_` instead of `/` in the name"
    cases = (
        Valid("""
            from keras.layers import Dense
            Dense(2, name='fc6_relu')
            """),
        Valid("""
            import tensorflow as tf
            with tf.name_scope('block/conv'):
                pass
            """),
        Valid("""
            import os
            os.path.join(name='a/b')
            """),
        Valid("""
            from keras.layers import Dense
            Dense(2, name=scope)
            """),
        Invalid(
            """
            from keras.layers import Dense
            Dense(2, name='fc6/relu')
            """,
            fixed="""
            from keras.layers import Dense
            Dense(2, name='fc6_relu')
            """,
            message="A layer name with `/`, which Keras 3 refuses; 2.2.4 took it",
            unsafe=True,
        ),
        Invalid(
            """
            from keras import layers
            from .common import conv_block
            def f(x, name):
                return conv_block(x, name=name + '/conv')
            """,
            fixed="""
            from keras import layers
            from .common import conv_block
            def f(x, name):
                return conv_block(x, name=name + '_conv')
            """,
            message="A layer name with `/`, which Keras 3 refuses; 2.2.4 took it",
            unsafe=True,
        ),
        Invalid(
            """
            from keras.layers import Dense
            Dense(2, name=f'{stage}/fc')
            model.get_layer('fc6/relu')
            """,
            fixed="""
            from keras.layers import Dense
            Dense(2, name=f'{stage}_fc')
            model.get_layer('fc6_relu')
            """,
            message="A layer name with `/`, which Keras 3 refuses; 2.2.4 took it",
            unsafe=True,
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target not in NAME_CHARACTER_TARGETS:
            return
        func = node.func
        lookup = isinstance(func, cst.Attribute) and func.attr.value in NAME_LOOKUPS
        if not lookup and not self._may_name_a_layer(func):
            return
        for index, arg in enumerate(node.args):
            keyword = arg.keyword.value if arg.keyword is not None else None
            if keyword == "name" or (lookup and index == 0 and keyword is None):
                for piece in _string_pieces(arg.value):
                    self._report_piece(piece)

    def _may_name_a_layer(self, func: cst.BaseExpression) -> bool:
        """A Keras call, or a function of the module or the project (which may pass the name to
        one); not another library's (``tf.name_scope``, ``os.path.join``)."""
        table = self.context.table
        keras = self.context.keras
        if keras.keras_name(func) is not None:
            return True
        if table.qualify(func) is not None:
            return False
        head = (dotted_name(func) or "").split(".")[0]
        return bool(head) and head not in table.foreign_modules

    def _report_piece(self, piece: cst.CSTNode) -> None:
        text = piece.value
        refused = [c for c in NAME_CHARACTERS_REFUSED if c in text]
        if not refused:
            return

        def replace_characters(updated: cst.CSTNode) -> cst.CSTNode:
            value = updated.value
            for character, replacement in NAME_CHARACTERS_REFUSED.items():
                value = value.replace(character, replacement)
            return updated.with_changes(value=value)
        self.report(piece, f"A layer name with `{refused[0]}`, which Keras 3 refuses; 2.2.4 took it",
                    transform=replace_characters, applicability=Applicability.UNSAFE)


def _string_pieces(value: cst.BaseExpression) -> list[cst.CSTNode]:
    """The literal pieces a name is built from: a string, the strings of ``+`` and ``%``, an
    f-string's text, implicitly concatenated strings, ``'...'.format(...)``'s template."""
    if isinstance(value, cst.SimpleString):
        return [] if "b" in value.prefix.lower() else [value]
    if isinstance(value, cst.FormattedString):
        return [part for part in value.parts if isinstance(part, cst.FormattedStringText)]
    if isinstance(value, cst.ConcatenatedString):
        return _string_pieces(value.left) + _string_pieces(value.right)
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, (cst.Add, cst.Modulo)):
        return _string_pieces(value.left) + (_string_pieces(value.right) if isinstance(value.operator, cst.Add) else [])
    if (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute)
            and value.func.attr.value == "format"):
        return _string_pieces(value.func.value)
    return []
