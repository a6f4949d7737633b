"""KL615: `trainable` set after `compile`, which 2.2.4 ignored until the next compile."""

from __future__ import annotations

import ast
from dataclasses import dataclass

from keraslint.imports import dotted_name
from keraslint.keras224.training import TRAINABLE_READ_AT, TRAINING_METHODS
from keraslint.lazycst import cst
from keraslint.rule import Invalid, Rule, Valid
from keraslint.statement_lines import indented, lines, statement_lists


@dataclass
class _Event:
    order: int
    model: str
    straight: bool  # in straight-line code: no enclosing loop or branch


@dataclass
class _Toggle(_Event):
    value: bool
    line: int | None  # id of its statement line


@dataclass
class _Train(_Event):
    call: ast.Call
    line: ast.stmt | None  # the first statement of its line
    receiver: str  # the model as the call spells it: `gan.combined`


class TrainableAfterCompile(Rule):
    """
    ## What it does
    Finds models whose `trainable` flag is set after they were compiled (the GAN pattern:
    `d.compile(...)`, then `d.trainable = False` before compiling the combined model), and
    before each training call (`train_on_batch`, `fit`, `fit_generator`) of a compiled model
    sets those flags to what they were when that model was compiled.

    ## Why is this bad?
    Keras 2.2.4 collected a model's trainable weights when it was *compiled*: the
    discriminator kept training in `d.train_on_batch` although `d.trainable = False` was set
    afterwards, and the combined model trained only the generator. Keras 3 reads the flags
    when a model *first trains*: the frozen discriminator never learns, silently, and the
    GAN does not train. (TF 2.15 and tf-keras still read them at compile time.)

    ## Example
    ```python
    d.compile(optimizer=opt, loss='binary_crossentropy')
    d.trainable = False
    gan = Model(z, d(g(z)))
    gan.compile(optimizer=opt, loss='binary_crossentropy')
    for step in range(steps):
        d.train_on_batch(x, y)
        gan.train_on_batch(noise, ones)
    ```

    ## Use instead
    ```python
    for step in range(steps):
        d.trainable = True
        d.train_on_batch(x, y)
        d.trainable = False
        gan.train_on_batch(noise, ones)
    ```

    ## Fix safety
    Safe: each model then trains the weights 2.2.4 trained. The flags are read in source
    order, so the fix is given only when the compiles and the `trainable = True/False`
    statements are in straight-line code (no loop or `if` around them); elsewhere the
    finding is reported without a fix. Only the `keras3` target is affected.
    """

    code = "KL615"
    name = "trainable-after-compile"
    summary = "`trainable` set after `compile`: 2.2.4 ignored it, Keras 3 obeys it"
    fix_title = "Set the flags each model was compiled with before it trains"
    cases = (
        Valid("""
            import keras
            d.trainable = False
            d.compile('sgd', 'mse')
            d.train_on_batch(x, y)
            """),
        Valid("""
            import keras
            d.compile('sgd', 'mse')
            d.train_on_batch(x, y)
            """),
        Invalid(
            """
            import keras
            d.compile('sgd', 'mse')
            d.trainable = False
            gan.compile('sgd', 'mse')
            for i in range(3):
                d.train_on_batch(x, y)
                gan.train_on_batch(z, y)
            """,
            fixed="""
            import keras
            d.compile('sgd', 'mse')
            d.trainable = False
            gan.compile('sgd', 'mse')
            for i in range(3):
                d.trainable = True
                d.train_on_batch(x, y)
                d.trainable = False
                gan.train_on_batch(z, y)
            """,
            message=("`d` trains with the `trainable` flags of `d` as set when it was compiled in Keras 2.2.4; "
                     "Keras 3 reads them when it first trains"),
        ),
    )

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._order = 0
        self._branches = 0  # loops and ifs around the current statement
        self._functions = 0
        self._line: ast.stmt | None = None  # the first statement of the current line
        self._line_of: dict[int, ast.stmt] = {}  # statement id -> the first statement of its line
        self._compiles: list[_Event] = []
        self._toggles: list[_Toggle] = []
        self._trains: list[_Train] = []
        self._before: dict[int, int] = {}  # `X.trainable = bool` line id -> the line its run precedes
        self._preset: dict[int, dict[str, bool]] = {}  # line id -> the flags set right before it
        self._carried: dict[int, int] = {}  # line id -> the training line just before it

    # -- where we are ------------------------------------------------------------------
    def _enter(self, node) -> None:
        self._branches += 1

    def _leave(self, node) -> None:
        self._branches -= 1

    def _blocks(self, node) -> None:
        for statements in statement_lists(node):
            if indented(statements):  # a suite on its header's line has no lines of its own
                self._preludes(lines(statements))

    def _enter_branch(self, node) -> None:
        self._enter(node)
        self._blocks(node)

    visit_For = visit_AsyncFor = visit_While = visit_If = _enter_branch
    leave_For = leave_AsyncFor = leave_While = leave_If = _leave
    visit_Module = visit_ClassDef = visit_With = visit_AsyncWith = visit_Try = visit_TryStar = visit_Match = _blocks

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        # A function body runs when called: its own straight-line code is read in order,
        # but not a loop around the call (``train()`` called once, as GAN scripts do).
        self._functions += 1
        self._blocks(node)

    def leave_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._functions -= 1

    visit_AsyncFunctionDef, leave_AsyncFunctionDef = visit_FunctionDef, leave_FunctionDef

    def _preludes(self, body: list[list[ast.stmt]]) -> None:
        """For each line, the flags set by the ``X.trainable = True/False`` lines right
        before it (what this rule's fix writes, or the user did by hand), and the training
        line before it, if any, whose flags still hold (training does not change them).
        A line is known by the id of its first statement."""
        flags: dict[str, bool] = {}
        run: list[int] = []
        previous = None
        for statements in body:
            statement = statements[0]
            for one in statements:
                self._line_of[id(one)] = statement
            toggle = _toggle(statements)
            if toggle is not None:
                run.append(id(statement))
                flags = {**flags, _key(toggle[0]): toggle[1]}
                continue
            if flags:
                self._preset[id(statement)] = flags
                for line in run:
                    self._before[line] = id(statement)
            if previous is not None:
                self._carried[id(statement)] = id(previous)
            previous = statement if _training_line(statements) else None
            flags, run = {}, []

    def _enter_statement(self, node: ast.stmt) -> None:
        self._line = self._line_of.get(id(node))  # None in a suite, as libcst has no line there

    def _leave_statement(self, node: ast.stmt) -> None:
        self._line = None

    # the simple statements a call or an assignment can be in
    visit_Expr = visit_AugAssign = visit_AnnAssign = visit_Return = visit_Delete = visit_Raise = visit_Assert = \
        _enter_statement
    leave_Expr = leave_AugAssign = leave_AnnAssign = leave_Return = leave_Delete = leave_Raise = leave_Assert = \
        leave_Assign = _leave_statement

    # -- what happens ------------------------------------------------------------------
    def visit_Assign(self, node: ast.Assign) -> None:
        self._enter_statement(node)
        toggle = _assigned_flag(node)
        if toggle is not None:
            self._order += 1
            line = id(self._line) if self._line is not None else None
            self._toggles.append(_Toggle(self._order, _key(toggle[0]), self._branches == 0, toggle[1], line))

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        if type(func) is not ast.Attribute:
            return
        model = dotted_name(func.value)
        if model is None:
            return
        method = func.attr
        if method == "compile":
            self._order += 1
            self._compiles.append(_Event(self._order, _key(model), self._branches == 0))
        elif method in TRAINING_METHODS:
            self._order += 1
            line = self._line if type(self._line) in (ast.Expr, ast.Assign) else None
            self._trains.append(_Train(self._order, _key(model), self._branches == 0, node, line, model))

    def leave_Module(self, node: ast.Module) -> None:
        if self.context.settings.target not in TRAINABLE_READ_AT:
            return
        # Flags set right before a training call are what this rule asks for, not toggles.
        train_lines = {id(t.line) for t in self._trains if t.line is not None}
        self._toggles = [t for t in self._toggles if self._before.get(t.line) not in train_lines]
        compiled = {c.model for c in self._compiles}
        toggled = sorted({t.model for t in self._toggles if any(
            c.model == t.model and c.order < t.order for c in self._compiles)})
        if not toggled:
            return
        straight = all(e.straight for e in (*self._compiles, *self._toggles) if e.model in toggled or e.model in compiled)
        lines: dict[int, list[tuple[str, bool]]] = {}
        after: dict[int, dict[str, bool]] = {}  # line id -> the flags known after it
        for train in self._trains:
            compile_ = max((c for c in self._compiles if c.model == train.model and c.order < train.order),
                           key=lambda c: c.order, default=None)
            if compile_ is None:
                continue
            line = id(train.line) if train.line is not None else None
            preset = {**after.get(self._carried.get(line), {}), **self._preset.get(line, {})}
            flags = [(model, self._state(model, compile_.order)) for model in toggled
                     if preset.get(model) != self._state(model, compile_.order)]
            if line is not None and line not in lines:
                after[line] = {**preset, **dict(flags)}
            if not flags:
                continue
            written = [(_spelled(model, train.receiver), value) for model, value in flags]
            if train.line is None or not straight or id(train.line) in lines or None in dict(written):
                self.report(train.call, self._message(train.receiver, toggled) + "; set the flags by hand")
                continue
            lines[id(train.line)] = flags  # a second training call on the line: reported only
            self.report(
                train.call,
                self._message(train.receiver, toggled),
                target=train.line,
                kind="SimpleStatementLine",
                transform=lambda updated, written=written: _with_flags(updated, written),
            )

    def _state(self, model: str, before: int) -> bool:
        """The flag of ``model`` (a key) as the last toggle before ``before`` set it."""
        toggles = [t for t in self._toggles if t.model == model and t.order < before]
        return toggles[-1].value if toggles else True

    @staticmethod
    def _message(model: str, toggled: list[str]) -> str:
        names = ", ".join(f"`{m.lstrip('.')}`" for m in toggled)
        return (f"`{model}` trains with the `trainable` flags of {names} as set when it was compiled in "
                f"Keras 2.2.4; Keras 3 reads them when it first trains")


def _with_flags(line: cst.SimpleStatementLine, flags: list[tuple[str, bool]]) -> cst.FlattenSentinel:
    """``model.trainable = <flag>`` lines, then ``line``."""
    assignments = [
        cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.parse_expression(f"{model}.trainable"))],
                                            cst.Name("True" if value else "False"))])
        for model, value in flags
    ]
    assignments[0] = assignments[0].with_changes(leading_lines=line.leading_lines)
    return cst.FlattenSentinel([*assignments, line.with_changes(leading_lines=[])])


def _assigned_flag(node: ast.Assign) -> tuple[str, bool] | None:
    """(model, value) for ``model.trainable = True/False``."""
    value = node.value
    if len(node.targets) != 1 or not (type(value) is ast.Constant and type(value.value) is bool):
        return None
    target = node.targets[0]
    if type(target) is ast.Attribute and target.attr == "trainable":
        model = dotted_name(target.value)
        if model is not None:
            return model, value.value
    return None


def _toggle(line: list[ast.stmt]) -> tuple[str, bool] | None:
    if len(line) == 1 and type(line[0]) is ast.Assign:
        return _assigned_flag(line[0])
    return None


def _training_line(line: list[ast.stmt]) -> bool:
    """``[x =] model.train_on_batch(...)`` alone on its line."""
    if not (len(line) == 1 and type(line[0]) in (ast.Expr, ast.Assign)):
        return False
    value = line[0].value
    return type(value) is ast.Call and type(value.func) is ast.Attribute and value.func.attr in TRAINING_METHODS


def _key(dotted: str) -> str:
    """One model however it is spelled: `self.discriminator` inside its class and
    `gan.discriminator` outside are both `.discriminator`; a plain name is itself."""
    head, dot, rest = dotted.partition(".")
    return "." + rest if dot else head


def _spelled(key: str, receiver: str) -> str | None:
    """The model ``key`` as code beside a training call on ``receiver`` writes it, or None."""
    if not key.startswith("."):
        return key
    head, dot, _rest = receiver.partition(".")
    return head + key if dot else None
