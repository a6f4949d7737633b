"""Line and column of the nodes findings report, rendering only the statements they are in.

libcst's PositionProvider renders the whole module to place every node; that was a third
of a check. The nodes a check needs are few and sit in a few top-level statements. A
top-level statement's position is the same alone as in the module, shifted by whole lines
(it starts at column 0), so each statement that holds a finding is rendered alone and
shifted to the line where the stdlib ``ast`` puts its first token. The shift is checked
against the text (the rendered first line must be that line of the file); anything that
does not fit (a node reported outside the statement being walked, code ``ast`` rejects, a
statement count that differs) falls back to the whole-module provider.
"""

from __future__ import annotations

import ast
import re
from typing import Mapping, Sequence

import libcst as cst
from libcst._position import CodePosition, CodeRange
from libcst.metadata import PositionProvider
from libcst.metadata.position_provider import PositionProvidingCodegenState

from keraslint.walk import children

_NEWLINE = re.compile(r"\r\n?|\n")  # what both ast and libcst count as a line break


def whole_module(module: cst.Module, kind=PositionProvider) -> Mapping[cst.CSTNode, CodeRange]:
    """Every node's range. The provider alone: MetadataWrapper.resolve also makes a full,
    empty batched walk, which cost as much as the positions themselves."""
    provider = kind()
    provider._gen_impl(module)
    return provider._computed


def of_findings(module: cst.Module, text: str, nodes: Sequence[cst.CSTNode],
                statements: Sequence[int | None]) -> Mapping[cst.CSTNode, CodeRange]:
    """Ranges of ``nodes``; ``statements[i]`` is the index in ``module.body`` of the statement
    that was being walked when ``nodes[i]`` was reported (None: outside any)."""
    first_lines = _first_token_lines(module, text)
    if first_lines is None:
        return whole_module(module)
    if None in statements:  # reported from visit_Module/leave_Module: find their statements
        statements = _locate(module, nodes, statements)
    text_lines = _NEWLINE.split(text)
    found: dict[cst.CSTNode, CodeRange] = {}
    if None in statements:  # a node outside every statement (the module itself)
        return whole_module(module)
    for index in sorted(set(statements)):
        placed = _statement(module, module.body[index], first_lines[index], text_lines)
        if placed is None:
            return whole_module(module)
        ranges, shift = placed
        for node, statement in zip(nodes, statements):
            if statement == index:
                where = ranges.get(node)
                if where is None:
                    return whole_module(module)
                found[node] = CodeRange(CodePosition(where.start.line + shift, where.start.column),
                                        CodePosition(where.end.line + shift, where.end.column))
    return found


def _locate(module: cst.Module, nodes: Sequence[cst.CSTNode],
            statements: Sequence[int | None]) -> list[int | None]:
    """``statements`` with each None replaced by the index of the statement holding the node
    (searched from the top, where the imports that module-level hooks report are)."""
    missing: dict[int, list[int]] = {}
    for i, (node, statement) in enumerate(zip(nodes, statements)):
        if statement is None:
            missing.setdefault(id(node), []).append(i)
    located = list(statements)
    for index, statement in enumerate(module.body):
        stack = [statement]
        while stack and missing:
            node = stack.pop()
            for where in missing.pop(id(node), ()):
                located[where] = index
            stack.extend(children(node))
        if not missing:
            break
    return located


def _statement(module: cst.Module, statement: cst.CSTNode, line: int,
               text_lines: list[str]) -> tuple[Mapping[cst.CSTNode, CodeRange], int] | None:
    """The statement's node ranges as if it started at line 1, and the lines to add."""
    provider = PositionProvider()
    state = PositionProvidingCodegenState(
        default_indent=module.default_indent, default_newline=module.default_newline, provider=provider,
    )
    statement._codegen(state)
    computed = provider._computed
    first = _first_node(statement)
    relative = computed[first].start.line
    rendered = _NEWLINE.split("".join(state.tokens))
    if line > len(text_lines) or rendered[relative - 1] != text_lines[line - 1]:
        return None  # the shift is not what ast said: do not guess
    return computed, line - relative


def _first_node(statement: cst.CSTNode) -> cst.CSTNode:
    """The node whose start is the statement's first token."""
    decorators = getattr(statement, "decorators", ())
    if decorators:
        return decorators[0]
    if isinstance(statement, cst.SimpleStatementLine):
        return statement.body[0]
    return statement


def _first_token_lines(module: cst.Module, text: str) -> list[int] | None:
    """For each top-level statement of ``module``, the line of its first token, from ast."""
    try:
        body = ast.parse(text).body
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    lines = []
    position = 0
    for statement in module.body:
        if position >= len(body):
            return None
        node = body[position]
        decorators = getattr(node, "decorator_list", ())
        lines.append(decorators[0].lineno if decorators else node.lineno)
        position += len(statement.body) if isinstance(statement, cst.SimpleStatementLine) else 1
    return lines if position == len(body) else None
