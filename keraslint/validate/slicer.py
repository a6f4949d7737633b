"""A build-only module from a script: keep imports, constants, model construction and compile;
drop data loading, training, evaluation, saving, plotting and printing.

Dropped statements are replaced in the text by ``pass`` (or by configured values), so the build
module has the script's line numbers and errors point at the user's lines. Names assigned by
dropped statements are *tainted*: a statement that reads one is dropped too. When such a
statement builds a model, the model is reported as skipped, with the names it needs.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Iterable, Mapping

from keraslint import pyast
from keraslint.keras224.spellings import to_keras
from keraslint.validate.facts import (
    BUILDER_NAME_WORDS, DATA_CALLS, DISPLAY_MODULES, DOWNLOAD_ARGUMENTS, IMPORT_ERRORS,
    NEVER_STUBBED, NON_MODEL_MODULES, SAVE_CALLS, SHOW_CALLS, STAND_IN_SUFFIX, TRAIN_CALLS,
    WEIGHTS_PARAMETER_WORDS,
)

#: What makes a name a model: its constructor, or a method only models have.
MODEL_CLASSES = frozenset({"Sequential", "Model"})
MODEL_METHODS = frozenset({"add", "compile"})
#: Methods that fill a list, set or dict in place.
MUTATING_METHODS = frozenset({"append", "extend", "add", "update", "insert", "setdefault"})

_NEVER_RUN = DATA_CALLS | TRAIN_CALLS | SAVE_CALLS


@dataclass(frozen=True)
class Skip:
    """A model-building name that could not be built without dropped data."""

    line: int
    name: str
    needs: tuple[str, ...]


@dataclass(frozen=True)
class Slice:
    source: str                    # the build-only module, with the input's line numbers
    assigned: dict[str, int]       # name -> line of its last kept assignment
    builders: tuple[str, ...]      # model factories the kept code never calls: "build", "Net.create"
    skipped: tuple[Skip, ...]
    notes: tuple[str, ...]         # e.g. "line 45: weights='imagenet' -> weights=None (no download)"
    stubbable: tuple[str, ...] = ()  # third-party modules the child may stub if they are missing
    needs_arguments: tuple[str, ...] = ()  # model-building functions with arguments: "train(run_name)"
    #: builder -> the arguments it is called with: ``None`` for its weights parameters.
    builder_arguments: Mapping[str, Mapping[str, None]] = field(default_factory=dict)
    #: builders that surely make a model (they call Keras layers or models, or take weights):
    #: their failure is reported
    model_builders: tuple[str, ...] = ()
    #: names the kept code binds to layers, tensors or models: at most this many models are built
    model_names: tuple[str, ...] = ()


def slice_script(source: str, values: Mapping[str, object] | None = None) -> Slice:
    """The build-only module of ``source``; ``values`` supply names that came from dropped data."""
    return _Slicer(source, values or {}).run()


def call_name(call: ast.Call) -> str | None:
    """The last name of a call's function: ``fit`` for ``model.fit(...)``, and ``save_weights``
    for keraslint's ``save_weights_224(model, ...)``."""
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id[:-len(STAND_IN_SUFFIX)] if _stand_in(func.id) else func.id
    return None


def _stand_in(name: str) -> bool:
    return name.endswith(STAND_IN_SUFFIX) and len(name) > len(STAND_IN_SUFFIX)


def _calls(node: ast.AST) -> Iterable[ast.Call]:
    return (n for n in ast.walk(node) if isinstance(n, ast.Call))


def _read_names(node: ast.AST) -> set[str]:
    """Names ``node`` reads, counting the target of ``x /= 255``."""
    read = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load):
            read.add(n.id)
        elif isinstance(n, ast.AugAssign):
            read.update(_stored_names(n.target))
    return read


def _stored_names(node: ast.AST) -> list[str]:
    """Names a statement binds, in order (targets of assignments, loops, with, imports)."""
    names: list[str] = []
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            names.append(n.id)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(n.name)
        elif isinstance(n, ast.alias):
            names.append((n.asname or n.name).split(".")[0])
    return list(dict.fromkeys(names))


def _receiver(node: ast.AST) -> str | None:
    """``model`` for ``model.add(...)``, ``model.layers[0].trainable = ...``."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None


class _Slicer:
    def __init__(self, source: str, values: Mapping[str, object]):
        self.data = source.encode("utf-8")
        self.tree = pyast.parse(self.data)
        self.values = values
        starts = [0]
        for line in self.data.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))
        self.line_starts = starts
        self.edits: list[tuple[int, int, bytes]] = []
        self.tainted: dict[str, frozenset[str]] = {}  # name -> the names it needs
        self.assigned: dict[str, int] = {}
        self.skipped: dict[str, Skip] = {}
        self.notes: list[str] = []
        self.keras_aliases: dict[str, str] = {}  # local name -> "keras.layers.Dense"
        self.imported: set[str] = set()
        self.impure: set[str] = set()
        self.model_functions: set[str] = set()
        self.model_names: set[str] = set()  # names bound to layers, tensors and models
        #: names that defining a function or class reads (defaults, decorators, bases): run, not dropped
        self.header_reads: set[str] = set().union(*(_header_reads(n) for n in self.tree.body))

    # -- the walk ---------------------------------------------------------------------------

    def run(self) -> Slice:
        self._read_imports()
        self._classify_functions()
        self._body(self.tree.body)
        source = _drop_unused_imports(self._apply_edits())
        calls = list(_calls(pyast.parse(source)))
        called = {call_name(c) for c in calls} | {
            f"{c.func.value.id}.{c.func.attr}" for c in calls
            if isinstance(c.func, ast.Attribute) and isinstance(c.func.value, ast.Name)}
        builders, arguments, surely = [], {}, []
        for name, function in self._factories():
            if ((name if "." in name else function.name) not in called and function.name not in self.impure
                    and _needs_no_arguments(function)
                    and (self._builds_model(function) or _weights_parameters(function)
                         or any(w in function.name.lower() for w in BUILDER_NAME_WORDS))):
                builders.append(name)
                if self._builds_model(function) or _weights_parameters(function):
                    surely.append(name)  # a factory: its failure is the port's
                weights = {a: None for a in _weights_parameters(function)}
                if weights:
                    arguments[name] = weights
        with_arguments = tuple(
            f"{f.name}({', '.join(a.arg for a in f.args.posonlyargs + f.args.args)})" for f in self.tree.body
            if isinstance(f, ast.FunctionDef) and f.name in self.model_functions and not _needs_no_arguments(f)
        )
        return Slice(source, dict(self.assigned), tuple(builders), tuple(self.skipped.values()), tuple(self.notes),
                     stubbable_imports(source), with_arguments, arguments, tuple(surely),
                     tuple(sorted(self.model_names & set(self.assigned))))

    def _factories(self) -> Iterable[tuple[str, ast.FunctionDef]]:
        """Top-level functions, and static and class methods of top-level classes ("Net.build")."""
        for node in self.tree.body:
            if isinstance(node, ast.FunctionDef) and not _stand_in(node.name):
                yield node.name, node
            elif isinstance(node, ast.ClassDef):
                for method in node.body:
                    kinds = {d.id for d in getattr(method, "decorator_list", ()) if isinstance(d, ast.Name)}
                    if isinstance(method, ast.FunctionDef) and kinds & {"staticmethod", "classmethod"}:
                        if "classmethod" in kinds:  # cls is given by the call
                            method = _without_first_argument(method)
                        yield f"{node.name}.{method.name}", method

    def _body(self, statements: list[ast.stmt]) -> None:
        for statement in statements:
            self._statement(statement)

    def _statement(self, node: ast.stmt) -> None:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
            if (module and module.split(".")[0] in DISPLAY_MODULES
                    and not self.header_reads.intersection(_stored_names(node))):
                return self._drop(node, _stored_names(node), needs_self=True)
            return self._keep(node)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            for name in _stored_names(node)[:1]:
                self.tainted.pop(name, None)
            return self._rewrite_downloads(node)
        if isinstance(node, ast.If):
            return self._branches(node, node.test, [node.body, node.orelse])
        if isinstance(node, (ast.For, ast.AsyncFor, ast.While)):
            head = node.iter if isinstance(node, (ast.For, ast.AsyncFor)) else node.test
            if not self._builds_model(node):
                return self._drop(node, _stored_names(node), needs_self=True)
            return self._branches(node, head, [node.body, node.orelse])
        if isinstance(node, (ast.With, ast.AsyncWith)):
            heads = [item.context_expr for item in node.items]
            if any(self._never_run(h) for h in heads):
                return self._drop(node, _stored_names(node), needs_self=not self._builds_model(node))
            return self._branches(node, ast.Tuple(elts=heads, ctx=ast.Load()), [node.body])
        if isinstance(node, ast.Try):
            for block in (node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody):
                self._body(block)
            return None
        if isinstance(node, ast.Expr):
            return self._expression(node)
        return self._simple(node)

    def _expression(self, node: ast.Expr) -> None:
        if isinstance(node.value, ast.Constant):
            return None  # a docstring or a bare constant
        first = call_name(node.value) if isinstance(node.value, ast.Call) else None
        if self._never_run(node) or first in SHOW_CALLS:
            return self._drop(node, [], needs_self=True)
        needs = self._needs(node)
        if needs is not None:
            self._skip_models(node, needs)
            receiver = _receiver(node.value)
            if receiver in self.model_names:
                self.tainted[receiver] = needs  # a model missing a layer is not the user's model
            return self._drop(node, [], needs_self=True)
        return self._keep(node)

    def _simple(self, node: ast.stmt) -> None:
        """Assignments and every other one-line statement."""
        targets = _stored_names(node)
        receiver = None
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                if not isinstance(target, ast.Name):
                    receiver = _receiver(target)
        if self._never_run(node):
            return self._drop(node, targets, needs_self=True)
        needs = self._needs(node)
        if needs is not None:
            builds = self._builds_model(node) or any(n in self.model_names for n in _read_names(node))
            if builds:
                self.model_names.update(targets)
                self._skip_models(node, needs)
            self._drop(node, targets, needs_self=not builds, needs=needs)
            if receiver in self.model_names:
                self.tainted[receiver] = needs
            return None
        return self._keep(node)

    def _branches(self, node: ast.stmt, head: ast.AST, blocks: list[list[ast.stmt]]) -> None:
        """An if, loop or with whose head may read dropped names; otherwise each block is sliced."""
        needs = self._needs(head)
        if needs is not None:
            builds = self._builds_model(node)
            if builds:
                self._skip_models(node, needs)
            return self._drop(node, _stored_names(node), needs_self=not builds, needs=needs)
        for name in _stored_names(head) if not isinstance(node, ast.If) else []:
            self.tainted.pop(name, None)
        if isinstance(node, (ast.For, ast.AsyncFor)):
            for name in _stored_names(node.target):
                self.tainted.pop(name, None)
        before = dict(self.tainted)
        merged: dict[str, frozenset[str]] = {}
        for block in blocks:
            self.tainted = dict(before)
            self._body(block)
            for name, value in self.tainted.items():
                merged[name] = merged.get(name, frozenset()) | value
        self.tainted = merged
        self._rewrite_downloads(head)

    # -- decisions --------------------------------------------------------------------------

    def _never_run(self, node: ast.AST) -> bool:
        """Does ``node`` call something that reads data, trains, saves, or a function that does,
        or hand a model factory to a driver (``optim.minimize(model=create_model)``)?"""
        return any(call_name(c) in _NEVER_RUN or call_name(c) in self.impure or self._hands_off_factory(c)
                   for c in _calls(node))

    def _hands_off_factory(self, call: ast.Call) -> bool:
        if call_name(call) in self.model_functions or self._keras_name(call.func):
            return False
        values = [*call.args, *(k.value for k in call.keywords)]
        return any(isinstance(v, ast.Name) and v.id in self.model_functions for v in values)

    def _needs(self, node: ast.AST) -> frozenset[str] | None:
        """The names ``node`` needs from dropped data, or None if it reads none."""
        read = [name for name in _read_names(node) if name in self.tainted]
        if not read:
            return None
        return frozenset().union(*(self.tainted[name] for name in read))

    def _builds_model(self, node: ast.AST) -> bool:
        """Does ``node`` call a keras layer or model, a model method, or a model-building function?"""
        for call in _calls(node):
            if call_name(call) in _NEVER_RUN or call_name(call) in SHOW_CALLS:
                continue
            dotted = self._keras_name(call.func)
            stand_in_layer = isinstance(call.func, ast.Name) and _stand_in(call.func.id) and call.func.id[0].isupper()
            if (dotted and not dotted.startswith(NON_MODEL_MODULES) and dotted != "keras" or stand_in_layer
                    or call_name(call) in self.model_functions
                    or _receiver(call.func) in self.model_names):
                return True
        return False

    def _model_names_built(self, node: ast.AST) -> list[str]:
        """Models ``node`` makes: names bound to ``Sequential()``/``Model()`` or a model function's
        result, and models it adds layers to or compiles."""
        names: list[str] = []
        for inner in ast.walk(node):
            if isinstance(inner, ast.Assign) and any(self._constructs_model(c) for c in _calls(inner.value)):
                names += [t.id for t in inner.targets if isinstance(t, ast.Name)]
            elif (isinstance(inner, ast.Call) and call_name(inner) in MODEL_METHODS
                  and _receiver(inner.func) in self.model_names):
                names.append(_receiver(inner.func))
        return names

    def _constructs_model(self, call: ast.Call) -> bool:
        dotted = self._keras_name(call.func) or ""
        return (dotted.rsplit(".", 1)[-1] in MODEL_CLASSES or dotted.startswith("keras.applications.")
                or call_name(call) in self.model_functions)

    def _keras_name(self, node: ast.AST) -> str | None:
        parts: list[str] = []
        while isinstance(node, ast.Attribute):
            parts.append(node.attr)
            node = node.value
        if not isinstance(node, ast.Name) or node.id not in self.keras_aliases:
            return None
        dotted = ".".join([self.keras_aliases[node.id], *reversed(parts)])
        if dotted.startswith("tensorflow.keras."):
            return dotted[len("tensorflow."):]
        return None if dotted.startswith("tensorflow") else dotted

    # -- results ----------------------------------------------------------------------------

    def _keep(self, node: ast.stmt) -> None:
        if not isinstance(node, (ast.Import, ast.ImportFrom)) and self._builds_model(node):
            self.model_names.update(_stored_names(node))
        for name in _stored_names(node):
            self.tainted.pop(name, None)
            if not isinstance(node, (ast.Import, ast.ImportFrom)):
                self.assigned[name] = node.lineno
        self._rewrite_downloads(node)

    def _skip_models(self, node: ast.stmt, needs: frozenset[str]) -> None:
        for name in self._model_names_built(node):
            if name not in self.skipped and name not in self.values:
                self.skipped[name] = Skip(node.lineno, name, tuple(sorted(needs)))

    def _drop(self, node: ast.stmt, names: list[str], *, needs_self: bool,
              needs: frozenset[str] = frozenset()) -> None:
        """Replace ``node`` by ``pass``, or by the configured values of the names it bound."""
        names = names + [n for n in self._mutated(node) if n not in names]
        given = [name for name in names if name in self.values]
        for name in names:
            if name in given:
                self.tainted.pop(name, None)
                self.assigned[name] = node.lineno
            else:
                self.tainted[name] = frozenset({name}) if needs_self else needs
        text = "; ".join(f"{name} = {self.values[name]!r}" for name in given) or "pass"
        lines = node.end_lineno - node.lineno
        self._edit(node.lineno, node.col_offset, node.end_lineno, node.end_col_offset,
                   text + "\n" * lines)

    def _mutated(self, node: ast.stmt) -> list[str]:
        """Objects a dropped statement fills (``texts.append(line)``, ``tokenizer.fit_on_texts(texts)``):
        their contents are data too."""
        filled = [call.func.value for call in _calls(node)
                  if call_name(call) in MUTATING_METHODS | DATA_CALLS and isinstance(call.func, ast.Attribute)]
        filled += [n.value for n in ast.walk(node) if isinstance(n, ast.Subscript) and isinstance(n.ctx, ast.Store)]
        return [receiver for receiver in map(_receiver, filled)
                if receiver is not None and receiver not in self.model_names and receiver not in self.imported]

    def _rewrite_downloads(self, node: ast.AST) -> None:
        """``weights='imagenet'`` -> ``weights=None``: validation never downloads."""
        for call in _calls(node):
            for keyword in call.keywords:
                value = keyword.value
                if (keyword.arg in DOWNLOAD_ARGUMENTS and isinstance(value, ast.Constant)
                        and isinstance(value.value, str)):
                    replacement = DOWNLOAD_ARGUMENTS[keyword.arg]
                    self._edit(value.lineno, value.col_offset, value.end_lineno, value.end_col_offset,
                               replacement)
                    self.notes.append(f"line {value.lineno}: {keyword.arg}={value.value!r} -> "
                                      f"{keyword.arg}={replacement} (validation never downloads)")

    def _edit(self, line: int, col: int, end_line: int, end_col: int, text: str) -> None:
        start = self.line_starts[line - 1] + col
        end = self.line_starts[end_line - 1] + end_col
        self.edits.append((start, end, text.encode("utf-8")))

    def _apply_edits(self) -> str:
        data = self.data
        for start, end, text in sorted(self.edits, reverse=True):
            data = data[:start] + text + data[end:]
        return data.decode("utf-8")

    # -- module facts -----------------------------------------------------------------------

    def _read_imports(self) -> None:
        for node in ast.walk(self.tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    local = alias.asname or alias.name.split(".")[0]
                    full = alias.name if alias.asname else alias.name.split(".")[0]
                    self._alias(local, full)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    self._alias(alias.asname or alias.name, f"{node.module}.{alias.name}")

    def _alias(self, local: str, full: str) -> None:
        self.imported.add(local)
        full = to_keras(full) or full  # tensorflow.keras.layers -> keras.layers
        if full == "tensorflow":
            self.keras_aliases[local] = "tensorflow"  # tf.keras.* resolves through it
        elif full == "keras" or full.startswith("keras."):
            self.keras_aliases[local] = full

    def _classify_functions(self) -> None:
        """Which top-level functions read data, train or save (impure), and which build models."""
        functions = [f for f in self.tree.body if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                     and not _stand_in(f.name)]  # keraslint's stand-ins: read as the call they replace
        changed = True
        while changed:
            changed = False
            for function in functions:
                if function.name not in self.impure and self._never_run(_always_run(function)):
                    self.impure.add(function.name)
                    changed = True
                if function.name not in self.model_functions and self._builds_model(function):
                    self.model_functions.add(function.name)
                    changed = True


def stubbable_imports(source: str) -> tuple[str, ...]:
    """Top-level modules ``source`` imports outside a ``try`` that catches ImportError, other than
    the frameworks: if one is not installed, the child may stand a stub in for it."""
    guarded: set[int] = set()
    tree = pyast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers):
            guarded.update(id(n) for statement in node.body for n in ast.walk(statement))
    names = []
    for node in ast.walk(tree):
        if id(node) in guarded:
            continue
        if isinstance(node, ast.Import):
            names += [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module.split(".")[0])
    return tuple(sorted(set(names) - NEVER_STUBBED))


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    types = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(t, ast.Name) and t.id in IMPORT_ERRORS for t in types)


def _weights_parameters(function: ast.FunctionDef) -> list[str]:
    args = function.args
    return [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs
            if any(word in a.arg.lower() for word in WEIGHTS_PARAMETER_WORDS)]


def _always_run(function: ast.FunctionDef) -> ast.Module:
    """``function``'s body without the branches that test a weights parameter
    (``if pretrained_weights: model.load_weights(...)``): what a call with ``None`` runs."""
    weights = set(_weights_parameters(function))

    def keep(statements: list[ast.stmt]) -> list[ast.stmt]:
        kept = []
        for statement in statements:
            if isinstance(statement, ast.If) and weights & _read_names(statement.test):
                kept += keep(statement.orelse)
            else:
                kept.append(statement)
        return kept
    return ast.Module(body=keep(function.body), type_ignores=[])


def _without_first_argument(function: ast.FunctionDef) -> ast.FunctionDef:
    args = function.args
    positional = args.posonlyargs + args.args
    if not positional:
        return function
    trimmed = ast.arguments(posonlyargs=[], args=positional[1:], vararg=args.vararg, kwonlyargs=args.kwonlyargs,
                            kw_defaults=args.kw_defaults, kwarg=args.kwarg, defaults=args.defaults)
    return ast.FunctionDef(name=function.name, args=trimmed, body=function.body,
                           decorator_list=function.decorator_list, returns=function.returns,
                           lineno=function.lineno, col_offset=function.col_offset)


def _header_reads(node: ast.stmt) -> set[str]:
    """Names read when a ``def`` or ``class`` statement runs: defaults, decorators, bases."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        parts = [*node.args.defaults, *(d for d in node.args.kw_defaults if d), *node.decorator_list]
    elif isinstance(node, ast.ClassDef):
        parts = [*node.bases, *(k.value for k in node.keywords), *node.decorator_list]
    else:
        return set()
    return set().union(*(_read_names(part) for part in parts))


def _needs_no_arguments(function: ast.FunctionDef) -> bool:
    args = function.args
    positional = args.posonlyargs + args.args
    return (len(positional) == len(args.defaults)
            and all(default is not None for default in args.kw_defaults))


def _drop_unused_imports(source: str) -> str:
    """Imports whose names the build module never reads (``scipy`` for saving images) go too:
    validation needs only what builds the model."""
    tree = pyast.parse(source)
    read = _read_names(tree) | {
        n.value.id for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)
    }
    lines = source.splitlines(keepends=True)
    for node in tree.body:
        if (isinstance(node, (ast.Import, ast.ImportFrom)) and node.col_offset == 0
                and not (isinstance(node, ast.ImportFrom) and node.module == "__future__")
                and "*" not in _stored_names(node)
                and not read.intersection(_stored_names(node))
                and all(";" not in lines[i] for i in range(node.lineno - 1, node.end_lineno))):
            lines[node.lineno - 1] = "pass\n"
            for i in range(node.lineno, node.end_lineno):
                lines[i] = "\n"
    return "".join(lines)
