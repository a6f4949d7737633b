"""KL608: `batch_size`/`batch_input_shape` on a layer, which Keras 3 rejects."""

from __future__ import annotations

import ast

from keraslint import call_edits, calls
from keraslint.keras224.layers import INPUT_LAYER, KERAS3_INPUT_KEYWORDS
from keraslint.keras224.signatures import SEQUENTIAL, position
from keraslint.keras224.targets import Target
from keraslint.lazycst import cst
from keraslint.moves import Moved, resolve
from keraslint.rule import Import, Invalid, Rule, Valid
from keraslint.statement_lines import lines, statement_lists


class LayerBatchSize(Rule):
    """
    ## What it does
    On the `keras3` target, finds layers given `batch_size=` or `batch_input_shape=` (with
    `input_shape` or `input_dim`), as the first layer of a `Sequential`, and moves them to
    an `InputLayer(input_shape=..., batch_size=...)` added before it, as in
    `examples/lstm_stateful.py`.

    ## Why is this bad?
    2.2.4 took these keywords on any layer. Keras 3 rejects them
    (`ValueError: Unrecognized keyword arguments passed to LSTM: {'batch_size': 1}`),
    and a stateful RNN needs the fixed batch size they gave.

    ## Example
    ```python
    model = Sequential()
    model.add(LSTM(20, input_shape=(lahead, 1), batch_size=batch_size, stateful=True))
    ```

    ## Use instead
    ```python
    model = Sequential()
    model.add(InputLayer(input_shape=(lahead, 1), batch_size=batch_size))
    model.add(LSTM(20, stateful=True))
    ```

    ## Fix safety
    Safe: the same input, and `InputLayer(input_shape=, batch_size=)` is accepted by
    2.2.4, TF 2.x and Keras 3. The fix needs the layer to be the first of a `Sequential`:
    `model.add(...)` right after `model = Sequential()`, or the first item of
    `Sequential([...])`. Elsewhere the layer is reported without a fix.
    """

    code = "KL608"
    name = "layer-batch-size"
    summary = "`batch_size`/`batch_input_shape` on a layer; Keras 3 wants an InputLayer"
    fix_title = "Move them to an `InputLayer`"
    cases = (
        Valid("""
            from keras.layers import LSTM
            LSTM(3, input_shape=(5, 2))
            """),
        Invalid(
            """
            from keras.models import Sequential
            from keras.layers import LSTM
            model = Sequential()
            model.add(LSTM(20, input_shape=(9, 1), batch_size=4, stateful=True))
            """,
            fixed="""
            from keras.models import Sequential
            from keras.layers import InputLayer, LSTM
            model = Sequential()
            model.add(InputLayer(input_shape=(9, 1), batch_size=4))
            model.add(LSTM(20, stateful=True))
            """,
            message="Keras 3 rejects `batch_size` on a layer",
        ),
        Invalid(
            """
            import keras
            m = keras.models.Sequential([keras.layers.Dense(2, batch_input_shape=(8, 3))])
            """,
            fixed="""
            import keras
            m = keras.models.Sequential([keras.layers.InputLayer(input_shape=(3,), batch_size=8), keras.layers.Dense(2)])
            """,
            message="Keras 3 rejects `batch_input_shape` on a layer",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._placed: set[int] = set()  # layer calls a fix handles

    def _blocks(self, node) -> None:
        # (a suite on its header's line is one line: it holds no two lines to pair)
        for statements in statement_lists(node):
            self._statements(lines(statements))

    visit_Module = visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = visit_For = visit_AsyncFor = \
        visit_While = visit_If = visit_With = visit_AsyncWith = visit_Try = visit_TryStar = visit_Match = _blocks

    def _statements(self, body: list[list[ast.stmt]]) -> None:
        """``model = Sequential()`` then ``model.add(Layer(..., batch_size=...))``, each alone on its line."""
        if self.context.settings.target != Target.KERAS3:
            return
        for previous, line in zip(body, body[1:]):
            layer = _added_layer(line, self._new_sequential(previous))
            input_layer = self._first_layer(layer)
            if input_layer is None:
                continue
            expression, imports = input_layer

            def transform(updated: cst.SimpleStatementLine, expression=expression) -> cst.FlattenSentinel:
                add = updated.body[0].value
                first = updated.with_changes(body=[updated.body[0].with_changes(
                    value=add.with_changes(args=[add.args[0].with_changes(value=expression(add.args[0].value))]))])
                rest = updated.with_changes(leading_lines=[], body=[updated.body[0].with_changes(
                    value=add.with_changes(args=[add.args[0].with_changes(value=_without_input(add.args[0].value))]))])
                return cst.FlattenSentinel([first, rest])

            self.report(layer, self._message(layer), target=line[0], kind="SimpleStatementLine",
                        transform=transform, imports=imports)

    def visit_Call(self, node: ast.Call) -> None:
        if self.context.settings.target != Target.KERAS3:
            return
        if self.context.keras.keras_name(node.func) in (("keras.models", "Sequential"), ("keras", "Sequential")):
            self._sequential_list(node)
        if id(node) in self._placed or not self._is_layer(node) or not self._input_keywords(node):
            return
        self.report(node, self._message(node) + "; add an `InputLayer(input_shape=..., batch_size=...)` "
                                                "as the model's first layer by hand")

    def _sequential_list(self, node: ast.Call) -> None:
        layers = calls.argument(node, "layers", position(SEQUENTIAL, "layers"))
        if type(layers) is not ast.List or not layers.elts:
            return
        first = layers.elts[0]
        first = first.value if type(first) is ast.Starred else first  # libcst's StarredElement has a value too
        input_layer = self._first_layer(first)
        if input_layer is None:
            return
        expression, imports = input_layer

        def transform(updated: cst.List) -> cst.List:
            head = updated.elements[0]
            added = cst.Element(expression(head.value), comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            return updated.with_changes(elements=[added, head.with_changes(value=_without_input(head.value)),
                                                  *updated.elements[1:]])

        self.report(first, self._message(first), target=layers, transform=transform, imports=imports)

    def _first_layer(self, layer: ast.expr | None):
        """The InputLayer a Sequential's first layer needs, if it has input keywords, or None."""
        if not (type(layer) is ast.Call and self._is_layer(layer) and self._input_keywords(layer)):
            return None
        input_layer = self._input_layer(layer)
        if input_layer is not None:
            self._placed.add(id(layer))
        return input_layer

    def _message(self, layer: ast.Call) -> str:
        given = ", ".join(f"`{k}`" for k in self._input_keywords(layer))
        return f"Keras 3 rejects {given} on a layer"

    def _is_layer(self, node: ast.Call) -> bool:
        found = self.context.keras.keras_name(node.func)
        return found is not None and found[0].startswith("keras.layers") and found[1] != INPUT_LAYER

    @staticmethod
    def _input_keywords(node: ast.Call) -> list[str]:
        names = calls.keyword_names(node)
        return [k for k in KERAS3_INPUT_KEYWORDS if k in names]

    def _new_sequential(self, line: list[ast.stmt]) -> str | None:
        """``model`` for ``model = Sequential()``."""
        if not (len(line) == 1 and type(line[0]) is ast.Assign and len(line[0].targets) == 1):
            return None
        target, value = line[0].targets[0], line[0].value
        if (type(target) is ast.Name and type(value) is ast.Call and not (value.args or value.keywords)
                and self.context.keras.keras_name(value.func) in (("keras.models", "Sequential"),
                                                                 ("keras", "Sequential"))):
            return target.id
        return None

    def _input_layer(self, layer: ast.Call):
        """(function from the updated layer call to ``InputLayer(...)``, imports), or None."""
        table = self.context.table
        if INPUT_LAYER in table.shadowed:
            return None
        names = calls.keyword_names(layer)
        if "batch_input_shape" in names:
            if names & {"batch_size", "input_shape", "input_dim"}:
                return None
        elif not names & {"input_shape", "input_dim"}:
            return None
        if type(layer.func) is ast.Attribute:
            written, imports = calls.segment(layer), ()
        else:
            qualified = table.qualify(layer.func) or ""
            module = qualified.rsplit(".", 1)[0] if "." in qualified else "keras.layers"
            module = module if module.endswith(".layers") else module.rsplit(".layers", 1)[0] + ".layers"
            moved = resolve(f"{module}.{INPUT_LAYER}", self.context.settings.target)
            if isinstance(moved, Moved) and "KL001" in self.context.enabled:
                module = moved.new.rsplit(".", 1)[0]  # KL001 moves the layer's import in this run
            written, imports = None, (Import(module, INPUT_LAYER),)

        def expression(updated: cst.Call) -> cst.Call:
            # `keras.layers.InputLayer` as the layer was spelled where it was found
            func = (cst.parse_expression(f"({written})").func.with_changes(attr=cst.Name(INPUT_LAYER)) if written
                    else cst.Name(INPUT_LAYER))
            batch_shape = call_edits.argument(updated, "batch_input_shape", None)
            if batch_shape is not None:
                shape, batch = _split_batch_shape(batch_shape)
            else:
                shape = call_edits.argument(updated, "input_shape", None)
                if shape is None:
                    shape = call_edits.tuple_of([call_edits.argument(updated, "input_dim", None)])
                    shape = shape.with_changes(elements=[shape.elements[0].with_changes(
                        comma=cst.Comma())])
                batch = call_edits.argument(updated, "batch_size", None)
            keywords = [("input_shape", shape)] + ([("batch_size", batch)] if batch is not None else [])
            return call_edits.add_keywords(cst.Call(func=func), keywords)

        return expression, imports


def _split_batch_shape(value: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.BaseExpression]:
    """``(8, 3)`` -> ``(3,)``, ``8``; a name ``s`` -> ``s[1:]``, ``s[0]``."""
    if isinstance(value, (cst.Tuple, cst.List)) and value.elements and not any(
            isinstance(e, cst.StarredElement) for e in value.elements):
        rest = [e.value for e in value.elements[1:]]
        shape = call_edits.tuple_of(rest) if len(rest) != 1 else cst.Tuple([cst.Element(rest[0], comma=cst.Comma())])
        return shape, value.elements[0].value
    return cst.parse_expression("_[1:]").with_changes(value=value), cst.parse_expression("_[0]").with_changes(value=value)


def _without_input(layer: cst.Call) -> cst.Call:
    for keyword in (*KERAS3_INPUT_KEYWORDS, "input_shape", "input_dim"):
        layer = call_edits.remove_keyword(layer, keyword)
    return layer


def _added_layer(line: list[ast.stmt], model: str | None) -> ast.Call | None:
    """The layer call in ``model.add(Layer(...))``."""
    if model is None or not (len(line) == 1 and type(line[0]) is ast.Expr):
        return None
    call = line[0].value
    if not (type(call) is ast.Call and type(call.func) is ast.Attribute and call.func.attr == "add"
            and type(call.func.value) is ast.Name and call.func.value.id == model
            and len(call.args) + len(call.keywords) == 1):
        return None
    # the only argument, however passed (libcst's Arg has a value for `*x` and `k=x` too)
    layer = call.args[0] if call.args else call.keywords[0].value
    layer = layer.value if type(layer) is ast.Starred else layer
    return layer if type(layer) is ast.Call else None
