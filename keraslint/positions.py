"""libcst line and column of the nodes fixes touch, rendering only the statements they are in.

Findings are placed from ``ast`` (source.py); the fix side needs libcst's own positions, to
find a fix's target (locate.py) and to place JSON edits (edits.py). libcst's
PositionProvider renders the whole module to place every node; the nodes needed are few.
Each is placed by rendering alone the innermost statement that holds it (a line of simple statements, or a compound statement
when the node is in its header), with the indentation of the blocks around it, and
shifting the result to the line where the stdlib ``ast`` puts that statement's first
token (the same statement found by descending ``ast`` alongside the CST). A statement's
positions are the same alone as in the module, shifted by whole lines. The shift is
checked against the text (the rendered first line must be that line of the file); a
descent that does not fit renders the whole top-level statement instead, and anything
else that does not fit (a node outside its statement, code ``ast`` rejects, a statement
count that differs) falls back to the whole-module provider.
"""

from __future__ import annotations

import ast
import re
from typing import Mapping, NamedTuple, Sequence

import libcst as cst
from libcst._position import CodePosition, CodeRange
from libcst.metadata import PositionProvider
from libcst.metadata.position_provider import (
    PositionProvidingCodegenState,
    WhitespaceInclusivePositionProvidingCodegenState,
)

from keraslint import pyast
from keraslint.walk import children

_NEWLINE = re.compile(r"\r\n?|\n")  # what both ast and libcst count as a line break


def whole_module(module: cst.Module, kind=PositionProvider) -> Mapping[cst.CSTNode, CodeRange]:
    """Every node's range. The provider alone: MetadataWrapper.resolve also makes a full,
    empty batched walk, which cost as much as the positions themselves."""
    provider = kind()
    provider._gen_impl(module)
    return provider._computed


def of_findings(module: cst.Module, text: str, nodes: Sequence[cst.CSTNode],
                statements: Sequence[int | None], kind=PositionProvider) -> Mapping[cst.CSTNode, CodeRange]:
    """Ranges of ``nodes``, as ``kind`` gives them; ``statements[i]`` is the index in
    ``module.body`` of the top-level statement that holds ``nodes[i]`` (None: not known)."""
    tops = top_level_ast(module, text)
    if tops is None or None in statements:
        return whole_module(module, kind)
    text_lines = _NEWLINE.split(text)
    found: dict[cst.CSTNode, CodeRange] = {}
    by_top: dict[int, list[cst.CSTNode]] = {}
    for node, index in zip(nodes, statements):
        by_top.setdefault(index, []).append(node)
    for index, targets in by_top.items():
        top = module.body[index]
        line, top_ast = tops[index]
        holders: dict[int, tuple[_Holder, list[cst.CSTNode]]] = {}
        for target, path in _paths(top, targets).items():
            holder = _innermost(path, top_ast, module.default_indent) or _Holder(top, (), line)
            holders.setdefault(id(holder.statement), (holder, []))[1].append(target)
        if len(holders) == 0 or sum(len(t) for _, t in holders.values()) < len(set(map(id, targets))):
            return whole_module(module, kind)  # a node that is not in its statement
        for holder, members in holders.values():
            placed = _statement(module, holder, text_lines, kind)
            if placed is None and holder.statement is not top:  # the descent did not fit
                placed = _statement(module, _Holder(top, (), line), text_lines, kind)
            if placed is None:
                return whole_module(module, kind)
            ranges, shift = placed
            for node in members:
                where = ranges.get(node)
                if where is None:
                    return whole_module(module, kind)
                found[node] = CodeRange(CodePosition(where.start.line + shift, where.start.column),
                                        CodePosition(where.end.line + shift, where.end.column))
    return found


class _Holder(NamedTuple):
    """A statement to render alone: the indentation of its blocks and its first token's line."""

    statement: cst.CSTNode
    indents: tuple[str, ...]
    line: int


def _paths(top: cst.CSTNode, targets: Sequence[cst.CSTNode]) -> dict[cst.CSTNode, list[cst.CSTNode]]:
    """For each target found under ``top``, the nodes from ``top`` down to it."""
    wanted = {id(t) for t in targets}
    parents: dict[int, cst.CSTNode | None] = {id(top): None}
    found: dict[int, cst.CSTNode] = {}
    stack = [top]
    while stack and len(found) < len(wanted):
        node = stack.pop()
        if id(node) in wanted:
            found[id(node)] = node
        for child in children(node):
            parents[id(child)] = node
            stack.append(child)
    paths = {}
    for node in found.values():
        path = [node]
        while (parent := parents[id(path[-1])]) is not None:
            path.append(parent)
        paths[node] = path[::-1]
    return paths


#: The ast classes a compound statement parses to.
_AST_OF = {
    cst.FunctionDef: (ast.FunctionDef, ast.AsyncFunctionDef), cst.ClassDef: (ast.ClassDef,),
    cst.If: (ast.If,), cst.For: (ast.For, ast.AsyncFor), cst.While: (ast.While,),
    cst.With: (ast.With, ast.AsyncWith), cst.Try: (ast.Try,),
    **({cst.TryStar: (ast.TryStar,)} if hasattr(ast, "TryStar") else {}),
    **({cst.Match: (ast.Match,)} if hasattr(ast, "Match") else {}),
}


def _innermost(path: list[cst.CSTNode], top_ast: ast.stmt, default_indent: str) -> _Holder | None:
    """The innermost statement on ``path`` that can be rendered alone, found by descending
    ``ast`` alongside; None when ``path[0]`` is it, or when the two trees do not line up."""
    holder: _Holder | None = None
    compound, compound_ast, indents = path[0], top_ast, ()
    i = 1
    while isinstance(compound, cst.BaseCompoundStatement) and i < len(path):
        if not isinstance(compound_ast, _AST_OF.get(type(compound), ())):
            return None
        step = path[i]
        if isinstance(step, cst.If) and step is getattr(compound, "orelse", None):  # elif: no line of its own
            if len(compound_ast.orelse) != 1:
                return None
            compound, compound_ast, i = step, compound_ast.orelse[0], i + 1
            continue
        block, statements = _block(compound, compound_ast, step, path[i + 1] if i + 1 < len(path) else None)
        if block is None:
            return holder  # in the header (or a one-line body): the compound statement holds it
        i += 1 if block is step else 2
        if i >= len(path):
            return holder
        inner = path[i]
        position = 0
        for statement in block.body:
            if statement is inner:
                break
            position += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
        if position >= len(statements):
            return None
        inner_ast = statements[position]
        if isinstance(step, cst.MatchCase):  # the `case` lines are indented within `match`
            indents = (*indents, default_indent if compound.indent is None else compound.indent)
        indents = (*indents, default_indent if block.indent is None else block.indent)
        decorators = getattr(inner_ast, "decorator_list", ())
        holder = _Holder(inner, indents, decorators[0].lineno if decorators else inner_ast.lineno)
        compound, compound_ast, i = inner, inner_ast, i + 1
    return holder


def _block(compound, compound_ast, step, after) -> tuple[cst.IndentedBlock | None, list]:
    """The indented block ``step`` (and ``after``) lead into, and the ast statements it holds."""
    if isinstance(step, cst.IndentedBlock) and step is compound.body:
        return step, compound_ast.body
    if not isinstance(after, cst.IndentedBlock):
        return None, []
    if isinstance(step, cst.Else) and step is getattr(compound, "orelse", None):
        return after, compound_ast.orelse
    if isinstance(step, cst.Finally) and step is getattr(compound, "finalbody", None):
        return after, compound_ast.finalbody
    for cst_items, ast_items in ((getattr(compound, "handlers", ()), getattr(compound_ast, "handlers", ())),
                                 (getattr(compound, "cases", ()), getattr(compound_ast, "cases", ()))):
        for item, item_ast in zip(cst_items, ast_items):
            if item is step and len(cst_items) == len(ast_items):
                return after, item_ast.body
    return None, []


def _statement(module: cst.Module, holder: _Holder, text_lines: list[str],
               kind=PositionProvider) -> tuple[Mapping[cst.CSTNode, CodeRange], int] | None:
    """The statement's node ranges as if it started at line 1, and the lines to add."""
    provider = kind()
    state_type = (PositionProvidingCodegenState if kind is PositionProvider
                  else WhitespaceInclusivePositionProvidingCodegenState)
    state = state_type(default_indent=module.default_indent, default_newline=module.default_newline,
                       provider=provider)
    state.indent_tokens.extend(holder.indents)
    holder.statement._codegen(state)
    relative = 1 + lines_before(holder.statement)  # the line of its first token
    rendered = _NEWLINE.split("".join(state.tokens))
    line = holder.line
    if line > len(text_lines) or relative > len(rendered) or rendered[relative - 1] != text_lines[line - 1]:
        return None  # the shift is not what ast said: do not guess
    return provider._computed, line - relative


def lines_before(statement: cst.CSTNode) -> int:
    """The lines a statement owns before its first token (each comment or blank line is one)."""
    decorators = getattr(statement, "decorators", ())
    return len(statement.leading_lines) + (len(decorators[0].leading_lines) if decorators else 0)


def top_level_ast(module: cst.Module, text: str) -> list[tuple[int, ast.stmt]] | None:
    """For each top-level statement of ``module``, the line of its first token and its (first)
    ast statement."""
    try:
        body = pyast.parse(text).body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    tops = []
    position = 0
    for statement in module.body:
        if position >= len(body):
            return None
        node = body[position]
        decorators = getattr(node, "decorator_list", ())
        tops.append((decorators[0].lineno if decorators else node.lineno, node))
        position += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    return tops if position == len(body) else None
