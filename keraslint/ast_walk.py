"""One walk over a stdlib ``ast`` tree that calls every rule's ``visit_<Node>``/``leave_<Node>``.

Children come in source order, which rules that track state (what was compiled before what,
the f-string a call is in) rely on: ``ast``'s field order puts decorators after the body,
``**kwargs`` before a later ``*args`` and a conditional's test before its value.

The walk is most of a check's own cost, so each class's children are read by a getter made
once for it, and a leaf (a name, a constant) that no hook wants is not entered.
"""

from __future__ import annotations

import ast
from functools import lru_cache
from typing import Callable, Collection, Iterable

Hook = Callable[[ast.AST], object]

#: Fields that never hold a child node (names, operators, contexts, flags).
_NOT_NODES = frozenset({"ctx", "op", "ops", "id", "attr", "arg", "module", "level", "kind", "asname",
                        "type_comment", "is_async", "conversion", "tag", "kwd_attrs"})
#: Nodes with no child nodes that rules look at.
_LEAVES = frozenset({ast.Name, ast.Constant, ast.Pass, ast.Break, ast.Continue, ast.Global, ast.Nonlocal})


def _call(node: ast.Call) -> list[ast.AST]:
    if node.keywords and any(type(a) is ast.Starred for a in node.args):
        merged = [*node.args, *node.keywords]
        merged.sort(key=lambda n: (n.lineno, n.col_offset))
        return [node.func, *merged]
    return [node.func, *node.args, *node.keywords]


def _dict(node: ast.Dict) -> list[ast.AST]:
    out: list[ast.AST] = []
    for key, value in zip(node.keys, node.values):
        if key is not None:
            out.append(key)
        out.append(value)
    return out


def _function(node) -> list[ast.AST]:
    returns = () if node.returns is None else (node.returns,)
    return [*node.decorator_list, *getattr(node, "type_params", ()), node.args, *returns, *node.body]


#: Classes whose field order is not their source order.
_IN_SOURCE_ORDER: dict[type, Callable[[ast.AST], list[ast.AST]]] = {
    ast.Call: _call,
    ast.Dict: _dict,
    ast.IfExp: lambda node: [node.body, node.test, node.orelse],
    ast.FunctionDef: _function,
    ast.AsyncFunctionDef: _function,
    ast.ClassDef: lambda node: [*node.decorator_list, *getattr(node, "type_params", ()), *node.bases,
                                *node.keywords, *node.body],
}


@lru_cache(maxsize=None)
def _getter(cls: type) -> Callable[[ast.AST], list[ast.AST]]:
    special = _IN_SOURCE_ORDER.get(cls)
    if special is not None:
        return special
    fields = tuple(f for f in cls._fields if f not in _NOT_NODES
                   and not (cls in (ast.Constant, ast.MatchSingleton) and f == "value")
                   and not (f in ("name", "names", "rest") and cls not in (ast.Import, ast.ImportFrom)))

    def children(node: ast.AST) -> list[ast.AST]:
        out: list[ast.AST] = []
        for name in fields:
            value = getattr(node, name, None)
            if value is None:
                continue
            if type(value) is list:
                out.extend(v for v in value if v is not None)
            else:
                out.append(value)
        return out

    return children


def children(node: ast.AST) -> list[ast.AST]:
    """The node's child nodes in source order (no contexts or operators)."""
    return _getter(type(node))(node)


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
        self.prune = prune
        hooked = {getattr(ast, name) for name in (*visits, *leaves)}
        self._visits = {getattr(ast, name): tuple(hooks) for name, hooks in visits.items()}
        self._leaves = {getattr(ast, name): tuple(hooks) for name, hooks in leaves.items()}
        self._skip = _LEAVES - hooked  # leaves no hook wants: not entered

    @classmethod
    def of(cls, objects: Iterable[object], *, prune: bool = False, skip: Collection[int] = ()) -> Walker:
        """A walker calling the ``visit_X``/``leave_X`` methods of every object (but the
        ``visit_Call`` of those whose id is in ``skip``: an index calls them)."""
        visits: dict[str, list[Hook]] = {}
        leaves: dict[str, list[Hook]] = {}
        for obj in objects:
            for kind, node_type, attribute in hook_names(type(obj)):
                if attribute == "visit_Call" and id(obj) in skip:
                    continue
                table = visits if kind == "visit" else leaves
                table.setdefault(node_type, []).append(getattr(obj, attribute))
        return cls(visits, leaves, prune=prune)

    def walk(self, node: ast.AST) -> None:
        kind = type(node)
        visit = self._visits.get(kind)
        descend = True
        if visit:
            for hook in visit:
                if hook(node) is False and self.prune:
                    descend = False
        if descend:
            skip = self._skip
            walk = self.walk
            for child in _getter(kind)(node):
                if type(child) not in skip:
                    walk(child)
        leave = self._leaves.get(kind)
        if leave:
            for hook in leave:
                hook(node)
