"""Finding the libcst node a fix applies to, from the ``ast`` node its rule reported.

Rules detect on ``ast``; a fix is a libcst transform. Only modes that write or show fixes
parse the CST, and each target is found there by its libcst class and its range: the
range ``ast`` gives (in characters) is the range libcst's PositionProvider gives the node at
the same place (enclosing parentheses excluded by both), and no two nodes of one class share
a range. tests/test_positions.py holds this on every finding of the Keras 2.2.4 examples.
Ranges are computed only for the top-level statements that hold a target (positions.py).
"""

from __future__ import annotations

import ast
import bisect
from dataclasses import replace
from typing import Sequence

import libcst as cst
from libcst.metadata import PositionProvider

from keraslint.positions import _Holder, _statement, top_level_ast, whole_module
from keraslint.rule import Finding
from keraslint.source import Source
from keraslint.walk import children

#: The libcst classes an ``ast`` class stands for (the first that has the range wins).
_KINDS: dict[type, tuple[str, ...]] = {
    ast.Call: ("Call",), ast.Name: ("Name",), ast.Attribute: ("Attribute",), ast.Subscript: ("Subscript",),
    ast.Constant: ("SimpleString", "ConcatenatedString", "Integer", "Float", "Imaginary", "Name", "Ellipsis"),
    ast.JoinedStr: ("FormattedString", "ConcatenatedString"), ast.Dict: ("Dict",), ast.List: ("List",),
    ast.Tuple: ("Tuple",), ast.Set: ("Set",), ast.keyword: ("Arg",), ast.Starred: ("Arg", "StarredElement"),
    ast.Assign: ("Assign",), ast.AugAssign: ("AugAssign",), ast.AnnAssign: ("AnnAssign",), ast.Expr: ("Expr",),
    ast.Import: ("Import",), ast.ImportFrom: ("ImportFrom",), ast.alias: ("ImportAlias",),
    ast.ClassDef: ("ClassDef",), ast.FunctionDef: ("FunctionDef",), ast.AsyncFunctionDef: ("FunctionDef",),
    ast.For: ("For",), ast.If: ("If",), ast.With: ("With",), ast.Return: ("Return",), ast.Lambda: ("Lambda",),
    ast.BinOp: ("BinaryOperation",), ast.UnaryOp: ("UnaryOperation",), ast.BoolOp: ("BooleanOperation",),
    ast.Compare: ("Comparison",), ast.IfExp: ("IfExp",), ast.ListComp: ("ListComp",), ast.Delete: ("Del",),
    ast.Raise: ("Raise",), ast.Assert: ("Assert",), ast.Pass: ("Pass",), ast.Await: ("Await",),
    ast.GeneratorExp: ("GeneratorExp",), ast.SetComp: ("SetComp",), ast.DictComp: ("DictComp",),
    ast.NamedExpr: ("NamedExpr",), ast.Yield: ("Yield",), ast.YieldFrom: ("Yield",), ast.Slice: ("Slice",),
    ast.While: ("While",), ast.Try: ("Try",), ast.AsyncFor: ("For",), ast.AsyncWith: ("With",),
}


class NotLocated(Exception):
    """A target with no libcst node at its place: a keraslint bug, reported as one."""


def bind(module: cst.Module, source: Source, findings: Sequence[Finding]) -> tuple[list[Finding], list[int | None]]:
    """``findings`` with each transform's target replaced by its libcst node, and for each
    finding the index in ``module.body`` of the statement that holds its target (None: no
    transform)."""
    wanted = [i for i, f in enumerate(findings) if f.transform is not None]
    out = list(findings)
    statements: list[int | None] = [None] * len(findings)
    if not wanted:
        return out, statements
    spans = {i: source.span(findings[i].target) for i in wanted}
    tops = top_level_ast(module, source.text)
    indexes: dict[int | None, _Index] = {}
    if tops is None:
        indexes[None] = _Index(whole_module(module), 0)
    else:
        first_lines = [line for line, _ in tops]
        for i in wanted:
            top = bisect.bisect_right(first_lines, spans[i].start_line) - 1
            statements[i] = top if top >= 0 else None
        for i in wanted:
            top = statements[i]
            if top not in indexes:
                placed = None if top is None else _statement(
                    module, _Holder(module.body[top], (), first_lines[top]), source.lines, PositionProvider)
                if placed is None:  # the shortcut did not fit: place every node of the module
                    indexes = {None: _Index(whole_module(module), 0)}
                    break
                indexes[top] = _Index(*placed)
    for i in wanted:
        finding = findings[i]
        index = indexes[None] if None in indexes else indexes[statements[i]]
        node = index.find(finding.target, spans[i], finding.kind)
        if node is None:
            raise NotLocated(f"{finding.code}: no libcst node for {type(finding.target).__name__} at {spans[i]}")
        out[i] = replace(finding, target=node)
    return out, statements


class _Index:
    """The nodes of one statement (or the module) by libcst class and range."""

    def __init__(self, ranges, shift: int) -> None:
        self.ranges = ranges
        self.by_place: dict[tuple, cst.CSTNode] = {}
        for node, where in ranges.items():
            key = (type(node).__name__, where.start.line + shift, where.start.column,
                   where.end.line + shift, where.end.column)
            self.by_place.setdefault(key, node)
        self._parents: dict[int, cst.CSTNode] | None = None

    def find(self, target: ast.AST, span, kind: str | None) -> cst.CSTNode | None:
        for name in _KINDS.get(type(target), ()):
            node = self.by_place.get((name, *span))
            if node is not None:
                break
        else:
            return None
        if kind is None or type(node).__name__ == kind:
            return node
        parents = self._parent_map()
        while node is not None and type(node).__name__ != kind:
            node = parents.get(id(node))
        return node

    def _parent_map(self) -> dict[int, cst.CSTNode]:
        if self._parents is None:
            self._parents = {}
            for node in self.ranges:
                for child in children(node):
                    self._parents[id(child)] = node
        return self._parents
