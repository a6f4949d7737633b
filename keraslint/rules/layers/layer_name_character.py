"""KL804: a `/` in a layer or model name, which Keras 3 refuses."""

from __future__ import annotations

import ast
import re
from typing import TYPE_CHECKING, NamedTuple

from keraslint import calls
from keraslint.diagnostics import Applicability
from keraslint.imports import dotted_name
from keraslint.keras224.arguments import NAME_CHARACTER_TARGETS, NAME_CHARACTERS_REFUSED, NAME_LOOKUPS
from keraslint.rule import Invalid, Rule, Valid

if TYPE_CHECKING:
    import libcst


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

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target not in NAME_CHARACTER_TARGETS:
            return
        func = node.func
        lookup = isinstance(func, ast.Attribute) and func.attr in NAME_LOOKUPS
        if not lookup and not self._may_name_a_layer(func):
            return
        for index, arg in enumerate(calls.in_source_order(node)):
            keyword = arg.arg if isinstance(arg, ast.keyword) else None
            if keyword == "name" or (lookup and index == 0 and keyword is None):
                for piece in _string_pieces(arg.value if isinstance(arg, (ast.keyword, ast.Starred)) else arg):
                    self._report_piece(piece)

    def _may_name_a_layer(self, func: ast.expr) -> bool:
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

    def _report_piece(self, piece: _Piece) -> None:
        refused = [c for c in NAME_CHARACTERS_REFUSED if c in piece.text]
        if not refused:
            return
        part = piece.part
        if part is None:  # a string: its own node
            transform = _replace_characters
        else:  # a piece of an f-string's text: a part of the f-string
            def transform(updated: libcst.FormattedString) -> libcst.FormattedString:
                parts = list(updated.parts)
                parts[part] = _replace_characters(parts[part])
                return updated.with_changes(parts=parts)
        self.report(piece.node, f"A layer name with `{refused[0]}`, which Keras 3 refuses; 2.2.4 took it",
                    transform=transform, target=piece.target, applicability=Applicability.UNSAFE)


def _replace_characters(updated: libcst.SimpleString | libcst.FormattedStringText) -> libcst.CSTNode:
    value = updated.value
    for character, replacement in NAME_CHARACTERS_REFUSED.items():
        value = value.replace(character, replacement)
    return updated.with_changes(value=value)


class _Piece(NamedTuple):
    """A literal piece of a name, as written."""

    node: ast.expr  # where it is
    text: str
    target: ast.expr  # what its fix replaces: the string, or the f-string holding the piece
    part: int | None = None  # the piece's index in the f-string's parts


def _string_pieces(value: ast.expr) -> list[_Piece]:
    """The literal pieces a name is built from: a string, the strings of ``+`` and ``%``, an
    f-string's text, implicitly concatenated strings, ``'...'.format(...)``'s template."""
    if isinstance(value, ast.JoinedStr) or (isinstance(value, ast.Constant) and isinstance(value.value, (str, bytes))):
        return _literal_pieces(value)
    if isinstance(value, ast.BinOp) and isinstance(value.op, (ast.Add, ast.Mod)):
        return _string_pieces(value.left) + (_string_pieces(value.right) if isinstance(value.op, ast.Add) else [])
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Attribute) and value.func.attr == "format":
        return _string_pieces(value.func.value)
    return []


#: One string literal: prefix, opening quote, body. What may stand between two literals.
_LITERAL = re.compile(r"([A-Za-z]*)('''|\"\"\"|'|\")((?:[^\\]|\\.)*?)\2", re.S)
_BETWEEN = re.compile(r"(?:\s|\\|#[^\n]*)*")


def _literal_pieces(value: ast.Constant | ast.JoinedStr) -> list[_Piece]:
    """The pieces of a string or f-string, and of each string implicitly concatenated: ``ast``
    folds them into one node, libcst keeps each literal and each f-string's text apart."""
    text = calls.segment(value)
    pieces = []
    at = 0
    while at < len(text):
        literal = _LITERAL.match(text, _BETWEEN.match(text, at).end())
        prefix, body = literal.group(1).lower(), literal.start(3)
        if "f" in prefix:
            target = _place(ast.JoinedStr, value, text, literal.start(), literal.end())
            for part, (start, end) in enumerate(_fstring_parts(text, body, literal.end(3), "r" in prefix)):
                if start is not None:
                    pieces.append(_Piece(_place(ast.Constant, value, text, start, end), text[start:end], target, part))
        elif "b" not in prefix:
            node = _place(ast.Constant, value, text, literal.start(), literal.end())
            pieces.append(_Piece(node, literal.group(), node))
        at = literal.end()
    return pieces


def _fstring_parts(text: str, start: int, end: int, raw: bool) -> list[tuple[int | None, int | None]]:
    """The parts of the f-string body ``text[start:end]`` as libcst has them: each run of text
    as its (start, end), each replacement field as (None, None)."""
    parts: list[tuple[int | None, int | None]] = []
    run = i = start
    while i < end:
        c = text[i]
        if c == "\\" and not raw:  # an escape: ``\N{...}`` is no field
            i = text.index("}", i) + 1 if text.startswith("N{", i + 1) else i + 1 + (text[i + 1] == "\\")
        elif c in "{}" and text.startswith(c, i + 1):  # ``{{``, ``}}``: text
            i += 2
        elif c == "{":
            if i > run:
                parts.append((run, i))
            i = run = _field_end(text, i)
            parts.append((None, None))
        else:
            i += 1
    if end > run:
        parts.append((run, end))
    return parts


def _field_end(text: str, i: int) -> int:
    """Where the replacement field that opens at ``text[i]`` ends: after its expression (its
    strings and brackets skipped), conversion and format spec (which may hold fields)."""
    i += 1
    depth = 0
    while True:
        c = text[i]
        if c in "'\"":
            quote = c * 3 if text.startswith(c * 3, i) else c
            i = text.index(quote, i + len(quote)) + len(quote)
            continue
        if depth == 0 and (c in ":}" or (c == "!" and text[i + 1] != "=")):
            break
        depth += (c in "([{") - (c in ")]}")
        i += 1
    while text[i] != "}":
        i = _field_end(text, i) if text[i] == "{" else i + 1
    return i + 1


def _place(kind: type[ast.expr], node: ast.expr, text: str, start: int, end: int) -> ast.expr:
    """A ``kind`` node at ``text[start:end]``, ``text`` being ``node``'s source."""
    source = calls.current_source.get()
    first_line, first_column, _, _ = source.span(node)

    def where(offset: int) -> tuple[int, int]:  # line, and column in UTF-8 bytes as ast counts
        line = first_line + text.count("\n", 0, offset)
        newline = text.rfind("\n", 0, offset)
        column = first_column + offset if newline < 0 else offset - newline - 1
        return line, len(source.lines[line - 1][:column].encode("utf-8"))

    (line, column), (end_line, end_column) = where(start), where(end)
    return kind(lineno=line, col_offset=column, end_lineno=end_line, end_col_offset=end_column)
