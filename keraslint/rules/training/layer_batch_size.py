"""KL608: `batch_size`/`batch_input_shape` on a layer, which Keras 3 rejects."""

from __future__ import annotations

import libcst as cst

from keraslint import calls
from keraslint.keras224.layers import INPUT_LAYER, KERAS3_INPUT_KEYWORDS
from keraslint.moves import Moved, resolve
from keraslint.rule import Import, Invalid, Rule, Valid
from keraslint.keras224.targets import Target
from keraslint.keras224.signatures import SEQUENTIAL, position


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

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._statements(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._statements(node.body)

    def _statements(self, body) -> None:
        """``model = Sequential()`` then ``model.add(Layer(..., batch_size=...))``."""
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

            self.report(layer, self._message(layer), target=line, transform=transform, imports=imports)

    def visit_Call(self, node: cst.Call) -> None:
        if self.context.settings.target != Target.KERAS3:
            return
        if self.context.keras.keras_name(node.func) in (("keras.models", "Sequential"), ("keras", "Sequential")):
            self._sequential_list(node)
        if id(node) in self._placed or not self._is_layer(node) or not self._input_keywords(node):
            return
        self.report(node, self._message(node) + "; add an `InputLayer(input_shape=..., batch_size=...)` "
                                                "as the model's first layer by hand")

    def _sequential_list(self, node: cst.Call) -> None:
        layers = calls.argument(node, "layers", position(SEQUENTIAL, "layers"))
        if not isinstance(layers, cst.List) or not layers.elements:
            return
        first = layers.elements[0].value
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

    def _first_layer(self, layer: cst.BaseExpression | None):
        """The InputLayer a Sequential's first layer needs, if it has input keywords, or None."""
        if not (isinstance(layer, cst.Call) and self._is_layer(layer) and self._input_keywords(layer)):
            return None
        input_layer = self._input_layer(layer)
        if input_layer is not None:
            self._placed.add(id(layer))
        return input_layer

    def _message(self, layer: cst.Call) -> str:
        given = ", ".join(f"`{k}`" for k in self._input_keywords(layer))
        return f"Keras 3 rejects {given} on a layer"

    def _is_layer(self, node: cst.Call) -> bool:
        found = self.context.keras.keras_name(node.func)
        return found is not None and found[0].startswith("keras.layers") and found[1] != INPUT_LAYER

    @staticmethod
    def _input_keywords(node: cst.Call) -> list[str]:
        names = calls.keyword_names(node)
        return [k for k in KERAS3_INPUT_KEYWORDS if k in names]

    def _new_sequential(self, line) -> str | None:
        """``model`` for ``model = Sequential()``."""
        if not (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1
                and isinstance(line.body[0], cst.Assign) and len(line.body[0].targets) == 1):
            return None
        assign = line.body[0]
        target, value = assign.targets[0].target, assign.value
        if (isinstance(target, cst.Name) and isinstance(value, cst.Call) and not value.args
                and self.context.keras.keras_name(value.func) in (("keras.models", "Sequential"),
                                                                 ("keras", "Sequential"))):
            return target.value
        return None

    def _input_layer(self, layer: cst.Call):
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
        if isinstance(layer.func, cst.Attribute):
            func, imports = layer.func.with_changes(attr=cst.Name(INPUT_LAYER)), ()
        else:
            qualified = table.qualify(layer.func) or ""
            module = qualified.rsplit(".", 1)[0] if "." in qualified else "keras.layers"
            module = module if module.endswith(".layers") else module.rsplit(".layers", 1)[0] + ".layers"
            moved = resolve(f"{module}.{INPUT_LAYER}", self.context.settings.target)
            if isinstance(moved, Moved) and "KL001" in self.context.enabled:
                module = moved.new.rsplit(".", 1)[0]  # KL001 moves the layer's import in this run
            func, imports = cst.Name(INPUT_LAYER), (Import(module, INPUT_LAYER),)

        def expression(updated: cst.Call) -> cst.Call:
            batch_shape = calls.argument(updated, "batch_input_shape", None)
            if batch_shape is not None:
                shape, batch = _split_batch_shape(batch_shape)
            else:
                shape = calls.argument(updated, "input_shape", None)
                if shape is None:
                    shape = calls.tuple_of([calls.argument(updated, "input_dim", None)])
                    shape = shape.with_changes(elements=[shape.elements[0].with_changes(
                        comma=cst.Comma())])
                batch = calls.argument(updated, "batch_size", None)
            keywords = [("input_shape", shape)] + ([("batch_size", batch)] if batch is not None else [])
            return calls.add_keywords(cst.Call(func=func), keywords)

        return expression, imports


def _split_batch_shape(value: cst.BaseExpression) -> tuple[cst.BaseExpression, cst.BaseExpression]:
    """``(8, 3)`` -> ``(3,)``, ``8``; a name ``s`` -> ``s[1:]``, ``s[0]``."""
    if isinstance(value, (cst.Tuple, cst.List)) and value.elements and not any(
            isinstance(e, cst.StarredElement) for e in value.elements):
        rest = [e.value for e in value.elements[1:]]
        shape = calls.tuple_of(rest) if len(rest) != 1 else cst.Tuple([cst.Element(rest[0], comma=cst.Comma())])
        return shape, value.elements[0].value
    return cst.parse_expression("_[1:]").with_changes(value=value), cst.parse_expression("_[0]").with_changes(value=value)


def _without_input(layer: cst.Call) -> cst.Call:
    for keyword in (*KERAS3_INPUT_KEYWORDS, "input_shape", "input_dim"):
        layer = calls.remove_keyword(layer, keyword)
    return layer


def _added_layer(line, model: str | None) -> cst.Call | None:
    """The layer call in ``model.add(Layer(...))``."""
    if model is None or not (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1
                             and isinstance(line.body[0], cst.Expr)):
        return None
    call = line.body[0].value
    if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "add" and isinstance(call.func.value, cst.Name)
            and call.func.value.value == model and len(call.args) == 1
            and isinstance(call.args[0].value, cst.Call)):
        return None
    return call.args[0].value
