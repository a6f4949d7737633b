"""A light per-module import table: which local names mean which imported objects.

Which Keras layer, class or optimizer an expression names is keras_names.py's question.

libcst's QualifiedNameProvider would do this too, but measured on the Keras 2.2.4 source
it makes a run about 9x slower than a bare parse. Keras code binds its names in a few
plain ways (``import keras as k``, ``from keras.layers import Dense as D``, star
imports, ``tf.keras...``), so one walk over the module is enough.

A name bound any other way anywhere in the module (a ``def``, an assignment, a
parameter, an import from another package) is *shadowed*: it never resolves, so a
user's own ``Dense`` is never touched.
"""

from __future__ import annotations

from collections import Counter

import libcst as cst

from keraslint.keras224.exports import EXPORTS
from keraslint.keras224.keras1 import RENAMES as KERAS1_RENAMES
from keraslint.keras224.layers import ALIASES
from keraslint.keras224.spellings import to_keras
from keraslint.noqa import noqa_lines, suppressed
from keraslint.walk import Walker

_TRACKED_ROOTS = frozenset({"keras", "tensorflow"})

_IMPORT_ERRORS = ("ImportError", "ModuleNotFoundError")

def dotted_name(node: cst.BaseExpression) -> str | None:
    """``a.b.c`` for a chain of plain names, else None."""
    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


class ImportTable(cst.CSTVisitor):
    """Collects the bindings of one module. Build with :meth:`of`."""

    def __init__(self) -> None:
        self.bindings: dict[str, str] = {}
        self.star_modules: list[str] = []
        self.foreign_star = False  # `from mylib import *` may rebind any name
        self.functions: set[str] = set()  # names of every `def` in the module
        self.foreign_imports: set[str] = set()  # names imported from other libraries (`np`)
        self.foreign_modules: dict[str, str] = {}  # local name -> the other library's module (`np`: numpy)
        self._in_import_handler = False  # inside `except ImportError:`
        self._import_fallback = False  # in `name = None` there
        self.shadowed: set[str] = set()
        self._other_bindings: Counter[str] = Counter()
        self._aliases: dict[str, cst.BaseExpression] = {}  # `RNN = recurrent.LSTM`
        self.kept_imports: set[str] = set()  # names whose import line has `# noqa` for KL001
        self._line_keeps_import = False

    @classmethod
    def of(cls, module: cst.Module) -> ImportTable:
        table = cls()
        Walker.of([table], prune=True).walk(module)
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
    def qualify(self, node: cst.BaseExpression) -> str | None:
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

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        comment = node.trailing_whitespace.comment
        lines = noqa_lines(comment.value) if comment is not None else {}
        self._line_keeps_import = suppressed("KL001", 1, lines)

    def leave_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self._line_keeps_import = False

    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            full = dotted_name(alias.name) or ""
            local = _as_name(alias)
            if full.split(".")[0] not in _TRACKED_ROOTS:
                self._shadow(local or full.split(".")[0])
                self.foreign_imports.add(local or full.split(".")[0])
                self.foreign_modules[local or full.split(".")[0]] = full if local else full.split(".")[0]
            elif local is not None:
                self._bind(local, full)
            else:
                root = full.split(".")[0]
                self._bind(root, root)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        module = None if node.module is None else dotted_name(node.module)
        tracked = not node.relative and module is not None and (
            module.split(".")[0] in _TRACKED_ROOTS
        )
        if isinstance(node.names, cst.ImportStar):
            if tracked:
                self.star_modules.append(module)
            else:
                self.foreign_star = True
            return False
        for alias in node.names:
            name = dotted_name(alias.name) or ""
            local = _as_name(alias) or name
            if tracked:
                self._bind(local, f"{module}.{name}")
            else:
                self._shadow(local)
                self.foreign_imports.add(local)
        return False

    def _shadow(self, name: str) -> None:
        self.shadowed.add(name)
        self._other_bindings[name] += 1

    def _shadow_target(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self._shadow(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._shadow_target(element.value)
        elif isinstance(target, cst.StarredElement):
            self._shadow_target(target.value)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._shadow(node.name.value)
        self.functions.add(node.name.value)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self._shadow(node.name.value)

    def visit_Param(self, node: cst.Param) -> None:
        self._shadow(node.name.value)

    def visit_Assign(self, node: cst.Assign) -> None:
        if len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name):
            if dotted_name(node.value) is not None:
                self._aliases[node.targets[0].target.value] = node.value
        # `except ImportError: keras = None` marks an optional import, not another `keras`.
        self._import_fallback = self._in_import_handler and isinstance(node.value, cst.Name) \
            and node.value.value == "None"

    def leave_Assign(self, node: cst.Assign) -> None:
        self._import_fallback = False

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        if self._import_fallback and isinstance(node.target, cst.Name) and node.target.value in self.bindings:
            return
        self._shadow_target(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._shadow_target(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._shadow_target(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._shadow_target(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> None:
        self._shadow_target(node.target)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._shadow_target(node.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._shadow_target(node.asname.name)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._shadow_target(node.name.name)
        caught = dotted_name(node.type) if node.type is not None else None
        self._in_import_handler = caught in _IMPORT_ERRORS

    def leave_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        self._in_import_handler = False

    def visit_ExceptStarHandler(self, node: cst.ExceptStarHandler) -> None:
        if node.name is not None:
            self._shadow_target(node.name.name)

    def visit_MatchAs(self, node: cst.MatchAs) -> None:
        if node.name is not None:
            self._shadow(node.name.value)

    def visit_MatchStar(self, node: cst.MatchStar) -> None:
        if node.name is not None:
            self._shadow(node.name.value)

    def visit_MatchMapping(self, node: cst.MatchMapping) -> None:
        if node.rest is not None:
            self._shadow(node.rest.value)

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self._shadow(item.name.value)


def _as_name(alias: cst.ImportAlias) -> str | None:
    if alias.asname is None:
        return None
    name = alias.asname.name
    return name.value if isinstance(name, cst.Name) else None
