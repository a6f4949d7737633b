"""A light per-module import table: which local names mean which imported objects.

Which Keras layer, class or optimizer an expression names is keras_names.py's question.

It is built on the stdlib ``ast``, so a check parses no CST (libcst's QualifiedNameProvider
would also answer, at 9x a bare parse on the Keras 2.2.4 source). Keras code binds its
names in a few plain ways (``import keras as k``, ``from keras.layers import Dense as D``, star
imports, ``tf.keras...``), so one walk over the module is enough.

A name bound any other way anywhere in the module (a ``def``, an assignment, a
parameter, an import from another package) is *shadowed*: it never resolves, so a
user's own ``Dense`` is never touched.
"""

from __future__ import annotations

import ast
from collections import Counter

from keraslint.ast_walk import Walker
from keraslint.keras224.exports import EXPORTS
from keraslint.keras224.keras1 import RENAMES as KERAS1_RENAMES
from keraslint.keras224.layers import ALIASES
from keraslint.keras224.spellings import to_keras
from keraslint.noqa import suppressed

_TRACKED_ROOTS = frozenset({"keras", "tensorflow"})

_IMPORT_ERRORS = ("ImportError", "ModuleNotFoundError")


def dotted_name(node: ast.AST | None) -> str | None:
    """``a.b.c`` for a chain of plain names, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


class ImportTable:
    """Collects the bindings of one module. Build with :meth:`of`."""

    def __init__(self, noqa: dict[int, frozenset[str]] | None = None) -> None:
        self.bindings: dict[str, str] = {}
        self.star_modules: list[str] = []
        self.foreign_star = False  # `from mylib import *` may rebind any name
        self.functions: set[str] = set()  # names of every `def` in the module
        self.foreign_imports: set[str] = set()  # names imported from other libraries (`np`)
        self.foreign_modules: dict[str, str] = {}  # local name -> the other library's module (`np`: numpy)
        self._in_import_handler = False  # inside `except ImportError:`
        self.shadowed: set[str] = set()
        self._other_bindings: Counter[str] = Counter()
        self._aliases: dict[str, ast.expr] = {}  # `RNN = recurrent.LSTM`
        self.kept_imports: set[str] = set()  # names whose import line has `# noqa` for KL001
        self._noqa = noqa or {}
        self._line_keeps_import = False

    @classmethod
    def of(cls, tree: ast.Module, noqa: dict[int, frozenset[str]] | None = None) -> ImportTable:
        """``noqa``: the module's ``# noqa`` lines, for imports kept by ``# noqa: KL001``."""
        table = cls(noqa)
        Walker.of([table], prune=True).walk(tree)
        table._resolve_aliases()
        return table

    def _resolve_aliases(self) -> None:
        """A name bound once, by ``X = <dotted keras path>``, means that path."""
        for name, value in self._aliases.items():
            if self._other_bindings[name] != 1 or name in self.bindings:
                continue
            self.shadowed.discard(name)
            qualified = self.qualify(value)
            if qualified is not None and to_keras(qualified) is not None:
                self.bindings[name] = qualified
            else:
                self.shadowed.add(name)

    # -- resolution ---------------------------------------------------------------
    def qualify(self, node: ast.AST) -> str | None:
        """The absolute dotted name an expression refers to, if it is an import."""
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        if head in self.shadowed:
            return None
        base = self.bindings.get(head)
        if base is None:
            base = self._from_star(head)
            if base is None:
                return None
        return f"{base}.{rest}" if rest else base

    def _from_star(self, name: str) -> str | None:
        """The name a star import binds: one that its 2.2.4 module exports (any kind:
        layers, optimizers, callbacks, functions), or a Keras-1 layer name from keras.layers."""
        if self.foreign_star:
            return None
        keras1 = ALIASES.get(name, name) in KERAS1_RENAMES
        for module in self.star_modules:
            keras_module = to_keras(module)
            if keras_module is None:
                continue
            if name in EXPORTS.get(keras_module, ()) or (keras1 and keras_module == "keras.layers"):
                return f"{module}.{name}"
        return None

    def binding_count(self, name: str) -> int:
        """How many times the module binds ``name`` other than by a Keras import."""
        return self._other_bindings[name]

    # -- collection ---------------------------------------------------------------
    def _bind(self, local: str, qualified: str) -> None:
        if self._line_keeps_import:
            self.kept_imports.add(local)
        previous = self.bindings.get(local)
        if previous is not None and to_keras(previous) != to_keras(qualified):
            self._shadow(local)
        self.bindings[local] = qualified

    def _keeps_import(self, node: ast.stmt) -> bool:
        """The import's line ends with a ``# noqa`` that covers KL001."""
        return bool(self._noqa) and suppressed("KL001", node.end_lineno, self._noqa)

    def visit_Import(self, node: ast.Import) -> bool:
        self._line_keeps_import = self._keeps_import(node)
        for alias in node.names:
            full = alias.name
            local = alias.asname
            if full.split(".")[0] not in _TRACKED_ROOTS:
                self._shadow(local or full.split(".")[0])
                self.foreign_imports.add(local or full.split(".")[0])
                self.foreign_modules[local or full.split(".")[0]] = full if local else full.split(".")[0]
            elif local is not None:
                self._bind(local, full)
            else:
                root = full.split(".")[0]
                self._bind(root, root)
        self._line_keeps_import = False
        return False

    def visit_ImportFrom(self, node: ast.ImportFrom) -> bool:
        self._line_keeps_import = self._keeps_import(node)
        module = node.module
        tracked = not node.level and module is not None and module.split(".")[0] in _TRACKED_ROOTS
        if node.names[0].name == "*":
            if tracked:
                self.star_modules.append(module)
            else:
                self.foreign_star = True
            self._line_keeps_import = False
            return False
        for alias in node.names:
            name = alias.name
            local = alias.asname or name
            if tracked:
                self._bind(local, f"{module}.{name}")
            else:
                self._shadow(local)
                self.foreign_imports.add(local)
        self._line_keeps_import = False
        return False

    def _shadow(self, name: str) -> None:
        self.shadowed.add(name)
        self._other_bindings[name] += 1

    def _shadow_target(self, target: ast.AST) -> None:
        if isinstance(target, ast.Name):
            self._shadow(target.id)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for element in target.elts:
                self._shadow_target(element)
        elif isinstance(target, ast.Starred):
            self._shadow_target(target.value)

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._shadow(node.name)
        self.functions.add(node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self._shadow(node.name)

    def visit_arg(self, node: ast.arg) -> None:
        self._shadow(node.arg)

    def visit_Assign(self, node: ast.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            if dotted_name(node.value) is not None:
                self._aliases[node.targets[0].id] = node.value
        # `except ImportError: keras = None` marks an optional import, not another `keras`.
        fallback = self._in_import_handler and isinstance(node.value, ast.Constant) and node.value.value is None
        for target in node.targets:
            if fallback and isinstance(target, ast.Name) and target.id in self.bindings:
                continue
            self._shadow_target(target)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._shadow_target(node.target)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        self._shadow_target(node.target)

    def visit_For(self, node: ast.For) -> None:
        self._shadow_target(node.target)

    visit_AsyncFor = visit_For

    def visit_comprehension(self, node: ast.comprehension) -> None:
        self._shadow_target(node.target)

    def visit_NamedExpr(self, node: ast.NamedExpr) -> None:
        self._shadow_target(node.target)

    def visit_withitem(self, node: ast.withitem) -> None:
        if node.optional_vars is not None:
            self._shadow_target(node.optional_vars)

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        if node.name is not None:
            self._shadow(node.name)
        caught = dotted_name(node.type) if node.type is not None else None
        self._in_import_handler = caught in _IMPORT_ERRORS

    def leave_ExceptHandler(self, node: ast.ExceptHandler) -> None:
        self._in_import_handler = False

    def visit_MatchAs(self, node) -> None:
        if node.name is not None:
            self._shadow(node.name)

    def visit_MatchStar(self, node) -> None:
        if node.name is not None:
            self._shadow(node.name)

    def visit_MatchMapping(self, node) -> None:
        if node.rest is not None:
            self._shadow(node.rest)

    def visit_Global(self, node: ast.Global) -> None:
        for name in node.names:
            self._shadow(name)
