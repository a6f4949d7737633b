"""Applying findings' transforms to a module, with the imports and definitions they need."""

from __future__ import annotations

from collections import defaultdict
from typing import Sequence

import libcst as cst

from keraslint.rule import Definition, Finding, Transform
from keraslint.walk import ancestors


class _Applier(cst.CSTTransformer):
    """Applies the transforms, entering only the nodes that contain a target: the rest of
    the tree is kept as it is instead of being rebuilt."""

    def __init__(self, transforms: dict[int, list[Transform]], containers: set[int]) -> None:
        super().__init__()
        self.transforms = transforms
        self.containers = containers

    def on_visit(self, node) -> bool:
        return id(node) in self.containers

    def on_leave(self, original_node, updated_node):
        for transform in self.transforms.get(id(original_node), ()):
            updated_node = transform(updated_node)
        return updated_node


def apply(module: cst.Module, findings: Sequence[Finding], containers: set[int] | None = None,
           heads: dict | None = None) -> cst.Module:
    """``containers``: ids of nodes holding the targets, if known (a superset will do);
    ``heads``: a cache for ``_add_imports``, for many single fixes of one module."""
    transforms: dict[int, list[Transform]] = defaultdict(list)
    for finding in findings:
        transforms[id(finding.target)].append(finding.transform)
    if containers is None:
        containers = ancestors(module, set(transforms))
    fixed = module.visit(_Applier(transforms, containers))
    imports = sorted({i for finding in findings for i in finding.imports})
    definitions = sorted({d for finding in findings for d in finding.definitions})
    if imports:
        fixed = _add_imports(fixed, imports, heads)
    if definitions:
        fixed = _add_definitions(fixed, definitions)
    return fixed


def _add_imports(module: cst.Module, imports, heads: dict | None = None) -> cst.Module:
    """libcst's AddImportsVisitor, shown only the head of the module it reads and changes:
    the leading imports (after a docstring) and the statement after them. Its whole-module
    walks (and its construction) cost as much as the rest of a fix. ``heads`` keeps its
    results by the head's nodes (held, so their ids stay theirs) and the imports."""
    body = module.body
    end = next((i for i in range(1, len(body)) if not _is_import_line(body[i])), len(body))
    key = (*body[:end + 1], *imports)
    if heads is None or key not in heads:
        from libcst.codemod import CodemodContext
        from libcst.codemod.visitors import AddImportsVisitor

        context = CodemodContext()
        for needed in imports:
            AddImportsVisitor.add_needed_import(context, needed.module, needed.name, needed.asname)
        head = list(body[:end])
        if end < len(body):
            # Of the statement after the imports it may only change the blank lines before
            # it: show it a one-word stand-in (that statement can be a long class).
            head.append(cst.SimpleStatementLine([cst.Pass()], leading_lines=body[end].leading_lines))
        # visit, not transform_module: that deep-copies the module for metadata this
        # visitor does not use.
        head = list(module.with_changes(body=head).visit(AddImportsVisitor(context)).body)
        if end < len(body):
            lines = head[-1].leading_lines
            head[-1] = body[end] if len(lines) == len(body[end].leading_lines) else \
                body[end].with_changes(leading_lines=lines)
        if heads is None:
            return module.with_changes(body=[*head, *body[end + 1:]])
        heads[key] = head
    return module.with_changes(body=[*heads[key], *body[end + 1:]])


def _is_import_line(statement: cst.CSTNode) -> bool:
    """A line holding one import: what AddImportsVisitor counts as its import block."""
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], (cst.Import, cst.ImportFrom)))


def _add_definitions(module: cst.Module, definitions: Sequence[Definition]) -> cst.Module:
    """Insert each definition the module does not have yet, after its leading docstring and
    imports (so before any code that could use it)."""
    defined = {
        statement.name.value for statement in module.body
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef))
    }
    blank = cst.EmptyLine()
    new = []
    for definition in definitions:
        if definition.name not in defined:
            first, *rest = cst.parse_module(definition.code).body
            new += [first.with_changes(leading_lines=[blank, blank]), *rest]  # PEP 8: two blank lines
    if not new:
        return module
    body = list(module.body)
    after = 0  # after the module's leading block of docstring and imports
    for i, statement in enumerate(body):
        if not (isinstance(statement, cst.SimpleStatementLine) and all(
            isinstance(s, (cst.Import, cst.ImportFrom))
            or (isinstance(s, cst.Expr) and isinstance(s.value, cst.SimpleString) and i == 0)
            for s in statement.body
        )):
            break
        after = i + 1
    if after < len(body):  # two blank lines after the definitions, as PEP 8 asks
        leading = list(body[after].leading_lines)
        blanks = next((i for i, line in enumerate(leading) if line.comment is not None), len(leading))
        body[after] = body[after].with_changes(leading_lines=[blank] * max(0, 2 - blanks) + leading)
    return module.with_changes(body=[*body[:after], *new, *body[after:]])
