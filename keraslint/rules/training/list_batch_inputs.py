"""KL621: a generator or Sequence that gives a batch's several inputs as a list, which Keras 3 does not read."""

from __future__ import annotations

import ast

from keraslint import calls
from keraslint.keras224.training import BATCH_READERS, LIST_BATCH_TARGETS, SEQUENCE, SEQUENCE_METHOD
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Matches, Rule, Valid


class ListBatchInputs(Rule):
    """
    ## What it does
    On the `keras3` target, finds generators and `Sequence`s that give a model with several
    inputs (or outputs) its batch as a list, `yield [x1, x2], y` or `return [x1, x2], y` in
    `__getitem__`, and writes the list as a tuple: `yield (x1, x2), y`. The generator must be
    a function of the module passed to `fit_generator`/`fit` (or the other batch readers)
    there; the `Sequence` a subclass of Keras's.

    ## Why is this bad?
    Keras 2.2.4 took the inputs of a batch as a list or a tuple alike. Keras 3 reads a
    generator's batches through `tf.data`, which takes only tuples: `fit` raises
    ``TypeError: `output_signature` must contain objects that are subclass of `tf.TypeSpec` ``.

    ## Example
    ```python
    def pairs():
        while True:
            yield [left, right], labels
    model.fit_generator(pairs(), steps_per_epoch=100)
    ```

    ## Use instead
    ```python
    def pairs():
        while True:
            yield (left, right), labels
    model.fit(pairs(), steps_per_epoch=100)
    ```

    ## Fix safety
    Safe: the same arrays, in a tuple that Keras reads as 2.2.4 read the list. Only lists
    written in the `yield`/`return` itself are seen.
    """

    code = "KL621"
    name = "list-batch-inputs"
    summary = "A generator yields several inputs as a list: Keras 3 reads only tuples"
    fix_title = "Yield a tuple"
    cases = (
        Valid("""
            import keras
            def g():
                yield x, y
            model.fit_generator(g(), 10)
            """),
        Invalid(
            """
            import keras
            def g():
                while True:
                    yield [a, b], y
            model.fit_generator(g(), 10)
            """,
            fixed="""
            import keras
            def g():
                while True:
                    yield (a, b), y
            model.fit_generator(g(), 10)
            """,
            message="Keras 3 reads the inputs of a generator's batch only from a tuple",
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._functions: list[str | None] = []  # enclosing function names
        self._classes: list[bool] = []  # enclosing classes: a keras Sequence?
        self._yields: dict[str, list[ast.List]] = {}  # generator function -> its list displays
        self._returns: list[ast.List] = []  # in a Sequence's __getitem__
        self._read: set[str] = set()  # generator functions passed to a batch reader
        self._read_names: set[str] = set()  # names passed to a batch reader
        self._generators: dict[str, list[str]] = {}  # name -> the functions it is bound to the call of

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        keras = self.context.keras
        self._classes.append(any(".".join(keras.keras_name(calls.unstarred(b)) or ()) == SEQUENCE for b in node.bases))

    def leave_ClassDef(self, node: ast.ClassDef) -> None:
        self._classes.pop()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._functions.append(node.name)

    def leave_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._functions.pop()

    visit_AsyncFunctionDef, leave_AsyncFunctionDef = visit_FunctionDef, leave_FunctionDef

    def visit_Yield(self, node: ast.Yield) -> None:
        if self._functions and type(node.value) is ast.Tuple:
            self._yields.setdefault(self._functions[-1], []).extend(_lists(node.value))

    def visit_Return(self, node: ast.Return) -> None:
        if self._classes and self._classes[-1] and self._functions and self._functions[-1] == SEQUENCE_METHOD \
                and type(node.value) is ast.Tuple:
            self._returns.extend(_lists(node.value))

    def visit_Assign(self, node: ast.Assign) -> None:
        """``train_gen = batches(...)``: the generator a name holds."""
        if len(node.targets) == 1 and type(node.targets[0]) is ast.Name \
                and type(node.value) is ast.Call and type(node.value.func) is ast.Name:
            self._generators.setdefault(node.targets[0].id, []).append(node.value.func.id)

    matches = Matches(names=frozenset(BATCH_READERS))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if type(func) is ast.Attribute and func.attr in BATCH_READERS and (node.args or node.keywords):
            first = calls.in_source_order(node)[0]  # whatever is written first, keyword or not
            for value in (calls.unstarred(first), calls.argument(node, "validation_data", None)):
                if type(value) is ast.Call and type(value.func) is ast.Name:
                    self._read.add(value.func.id)
                elif type(value) is ast.Name:
                    self._read_names.add(value.id)

    def leave_Module(self, node: ast.Module) -> None:
        if self.context.settings.target not in LIST_BATCH_TARGETS:
            return
        table = self.context.table
        for name in self._read_names:  # a name bound once to a call of a generator function
            functions = self._generators.get(name, [])
            if len(functions) == 1 and table.binding_count(name) == 1:
                self._read.add(functions[0])
        found = self._returns + [display for name in self._read for display in self._yields.get(name, ())]
        for display in found:
            self.report(
                display, "Keras 3 reads the inputs of a generator's batch only from a tuple",
                transform=_as_tuple,
            )


def _as_tuple(display: cst.List) -> cst.Tuple:
    elements = list(display.elements)
    if len(elements) == 1 and not isinstance(elements[0].comma, cst.Comma):
        elements[0] = elements[0].with_changes(comma=cst.Comma())  # (x,) is a tuple, (x) is not
    return cst.Tuple(elements, lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


def _lists(batch: ast.Tuple) -> list[ast.List]:
    """The list displays among a batch's parts (``[x1, x2]`` in ``[x1, x2], y``)."""
    return [e for e in batch.elts if type(e) is ast.List]
