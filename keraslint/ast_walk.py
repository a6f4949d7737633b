"""One walk over a stdlib ``ast`` tree that calls every rule's ``visit_<Node>``/``leave_<Node>``.

Children come in source order, which rules that track state (what was compiled before what,
the f-string a call is in) rely on: ``ast``'s field order puts decorators after the body,
``**kwargs`` before a later ``*args`` and a conditional's test before its value.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Callable, Iterable

Hook = Callable[[ast.AST], object]

#: Nodes no rule looks at: the context of a name, and operators.
_LEAVES = (ast.expr_context, ast.operator, ast.unaryop, ast.cmpop, ast.boolop)


def _source_order(node: ast.AST) -> list[ast.AST]:
    kind = type(node)
    if kind is ast.Call:
        if node.keywords and any(type(a) is ast.Starred for a in node.args):
            merged = [*node.args, *node.keywords]
            merged.sort(key=lambda n: (n.lineno, n.col_offset))
            return [node.func, *merged]
        return [node.func, *node.args, *node.keywords]
    if kind is ast.Dict:
        out: list[ast.AST] = []
        for key, value in zip(node.keys, node.values):
            if key is not None:
                out.append(key)
            out.append(value)
        return out
    if kind is ast.IfExp:
        return [node.body, node.test, node.orelse]
    if kind in (ast.FunctionDef, ast.AsyncFunctionDef):
        return [*node.decorator_list, *getattr(node, "type_params", ()), node.args,
                *((node.returns,) if node.returns is not None else ()), *node.body]
    if kind is ast.ClassDef:
        return [*node.decorator_list, *getattr(node, "type_params", ()), *node.bases, *node.keywords, *node.body]
    return _fields(node)


def _fields(node: ast.AST) -> list[ast.AST]:
    out: list[ast.AST] = []
    for name in node._fields:
        value = getattr(node, name, None)
        if type(value) is list:
            out.extend(v for v in value if isinstance(v, ast.AST) and not isinstance(v, _LEAVES))
        elif isinstance(value, ast.AST) and not isinstance(value, _LEAVES):
            out.append(value)
    return out


def children(node: ast.AST) -> list[ast.AST]:
    """The node's child nodes in source order (no contexts or operators)."""
    return _source_order(node)


@lru_cache(maxsize=None)
def hook_names(cls: type) -> tuple[tuple[str, str, str], ...]:
    """(visit|leave, node type, method name) for each ``visit_X``/``leave_X`` of ``cls``."""
    found = []
    for attribute in dir(cls):
        kind, _, node_type = attribute.partition("_")
        if kind in ("visit", "leave") and isinstance(getattr(ast, node_type, None), type):  # also visit_arg
            found.append((kind, node_type, attribute))
    return tuple(found)


class Walker:
    """Calls ``visit_<Node>`` / ``leave_<Node>`` hooks (``ast`` class names) over a tree.

    ``prune``: a visit hook returning False skips the node's children; without it, return
    values are ignored.
    """

    def __init__(self, visits: dict[str, list[Hook]], leaves: dict[str, list[Hook]], *, prune: bool) -> None:
        self.visits = visits
        self.leaves = leaves
        self.prune = prune
        self._by_type: dict[type, tuple[tuple[Hook, ...], tuple[Hook, ...]]] = {}

    @classmethod
    def of(cls, objects: Iterable[object], *, prune: bool = False) -> Walker:
        """A walker calling the ``visit_X``/``leave_X`` methods of every object."""
        visits: dict[str, list[Hook]] = {}
        leaves: dict[str, list[Hook]] = {}
        for obj in objects:
            for kind, node_type, attribute in hook_names(type(obj)):
                table = visits if kind == "visit" else leaves
                table.setdefault(node_type, []).append(getattr(obj, attribute))
        return cls(visits, leaves, prune=prune)

    def walk(self, node: ast.AST) -> None:
        by_type = self._by_type
        kind = type(node)
        hooks = by_type.get(kind)
        if hooks is None:
            hooks = by_type[kind] = (tuple(self.visits.get(kind.__name__, ())),
                                     tuple(self.leaves.get(kind.__name__, ())))
        visit, leave = hooks
        descend = True
        for hook in visit:
            if hook(node) is False and self.prune:
                descend = False
        if descend:
            for child in _source_order(node):
                self.walk(child)
        for hook in leave:
            hook(node)
