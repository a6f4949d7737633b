"""A read-only walk over a libcst tree, several times faster than ``CSTNode.visit``.

``CSTNode.visit`` rebuilds every node on the way back up (it is written for transformers),
which made the two read-only walks (the import table and the rule dispatch) most of a
check's time. This walk reads each node's fields instead. Children come in libcst's own
visiting order, learned once per node type and set of present fields by letting libcst
visit one level of a node of that shape. Whitespace and punctuation subtrees are skipped
unless a hook asks for one of their types.
"""

from __future__ import annotations

import inspect
import re
from functools import lru_cache
from typing import Callable, Iterable

import libcst as cst

#: Node types that only hold whitespace, comments and punctuation.
_TOKENS: tuple[type, ...] = (
    cst.BaseParenthesizableWhitespace, cst.TrailingWhitespace, cst.EmptyLine, cst.Newline,
    cst.Comment, cst.Comma, cst.Dot, cst.Colon, cst.Semicolon, cst.AssignEqual,
    cst.LeftParen, cst.RightParen, cst.LeftSquareBracket, cst.RightSquareBracket,
    cst.LeftCurlyBrace, cst.RightCurlyBrace, cst.BaseUnaryOp, cst.BaseBinaryOp,
    cst.BaseBooleanOp, cst.BaseCompOp, cst.BaseAugOp, cst.Asynchronous,
)

_VISITED_FIELD = re.compile(r'visit_\w+\(\s*self,\s*"(\w+)"')
_ORDER: dict[type, tuple[str, ...] | None] = {}  # None: ask libcst (node.children)


def _all_subclasses(bases: tuple[type, ...]) -> frozenset[type]:
    found: set[type] = set()
    todo = list(bases)
    while todo:
        cls = todo.pop()
        if cls not in found:
            found.add(cls)
            todo.extend(cls.__subclasses__())
    return frozenset(found)


#: Every node class that is one of _TOKENS (a set: isinstance on libcst's ABCs is slow).
_TOKEN_TYPES = _all_subclasses(_TOKENS)


def _source_order(cls: type) -> tuple[str, ...] | None:
    """The fields ``cls._visit_and_replace_children`` visits, in the order it visits them."""
    try:
        source = inspect.getsource(cls._visit_and_replace_children)
    except (OSError, TypeError):
        return None
    return tuple(dict.fromkeys(_VISITED_FIELD.findall(source))) or None


def _read(node: cst.CSTNode, order: tuple[str, ...]) -> list[cst.CSTNode]:
    out: list[cst.CSTNode] = []
    for name in order:
        value = getattr(node, name)
        kind = type(value)
        if kind is tuple or kind is list:
            out.extend(value)
        elif value is not None and kind is not cst.MaybeSentinel:
            out.append(value)
    return out


def children(node: cst.CSTNode) -> list[cst.CSTNode] | tuple[cst.CSTNode, ...]:
    """The node's children in libcst's visiting order, without copying anything.

    The order is read from libcst's source once per class and checked against libcst's own
    ``children`` on the first node of that class; a class that disagrees uses ``children``.
    """
    cls = type(node)
    try:
        order = _ORDER[cls]
    except KeyError:
        order = _source_order(cls)
        if order is not None and [id(c) for c in _read(node, order)] != [id(c) for c in node.children]:
            order = None
        _ORDER[cls] = order
    return node.children if order is None else _read(node, order)


def ancestors(root: cst.CSTNode, targets: set[int]) -> set[int]:
    """Ids of the nodes that contain a node whose id is in ``targets`` (not the targets)."""
    found: set[int] = set()
    path: list[int] = []
    stack: list[tuple[cst.CSTNode, int]] = [(root, 0)]
    while stack:
        node, depth = stack.pop()
        del path[depth:]
        if id(node) in targets:
            found.update(path)
        path.append(id(node))
        stack.extend((child, depth + 1) for child in reversed(children(node)))
    return found


Hook = Callable[[cst.CSTNode], object]


#: Where libcst defines the empty ``visit_X``/``leave_X`` of every node type that a
#: ``cst.CSTVisitor`` subclass inherits. Hooking those would call two no-ops on every node
#: and walk every whitespace node (that was most of the import table's walk).
_LIBCST_STUBS = "libcst._typed_visitor"


@lru_cache(maxsize=None)
def hook_names(cls: type) -> tuple[tuple[str, str, str], ...]:
    """(visit|leave, node type, method name) for each ``visit_X``/``leave_X`` of ``cls``
    that is not one of libcst's empty stubs."""
    found = []
    for attribute in dir(cls):
        kind, _, node_type = attribute.partition("_")
        if (kind in ("visit", "leave") and node_type[:1].isupper()
                and getattr(getattr(cls, attribute), "__module__", None) != _LIBCST_STUBS):
            found.append((kind, node_type, attribute))
    return tuple(found)


class Walker:
    """Calls ``visit_<Node>`` / ``leave_<Node>`` hooks over a tree.

    ``prune``: a visit hook returning False skips the node's children (CSTVisitor's rule);
    without it, return values are ignored.
    """

    def __init__(self, visits: dict[str, list[Hook]], leaves: dict[str, list[Hook]], *, prune: bool) -> None:
        self.visits = visits
        self.leaves = leaves
        self.prune = prune
        hooked = set(visits) | set(leaves)
        self.skip_tokens = not any(getattr(cst, name, None) in _TOKEN_TYPES for name in hooked)
        self._visit_by_type: dict[type, tuple[Hook, ...]] = {}
        self._leave_by_type: dict[type, tuple[Hook, ...]] = {}

    @classmethod
    def of(cls, objects: Iterable[object], *, prune: bool) -> Walker:
        """A walker calling the ``visit_X``/``leave_X`` methods of every object."""
        visits: dict[str, list[Hook]] = {}
        leaves: dict[str, list[Hook]] = {}
        for obj in objects:
            for kind, node_type, attribute in hook_names(type(obj)):
                table = visits if kind == "visit" else leaves
                table.setdefault(node_type, []).append(getattr(obj, attribute))
        return cls(visits, leaves, prune=prune)

    def _hooks(self, cls: type) -> tuple[tuple[Hook, ...], tuple[Hook, ...]]:
        visit = self._visit_by_type.get(cls)
        if visit is None:
            visit = self._visit_by_type[cls] = tuple(self.visits.get(cls.__name__, ()))
            self._leave_by_type[cls] = tuple(self.leaves.get(cls.__name__, ()))
        return visit, self._leave_by_type[cls]

    def walk(self, node: cst.CSTNode, at_statement: Callable[[int | None], None] | None = None) -> None:
        """Walk ``node``. With ``at_statement`` (``node`` is a Module): called with the index
        of each top-level statement before it is walked, and with None after the last."""
        visit, leave = self._hooks(type(node))
        descend = True
        for hook in visit:
            if hook(node) is False and self.prune:
                descend = False
        if descend:
            skip = _TOKEN_TYPES if self.skip_tokens else ()
            body = {} if at_statement is None else {id(s): i for i, s in enumerate(node.body)}
            for child in children(node):
                if body:
                    at_statement(body.get(id(child)))
                if type(child) not in skip:
                    self.walk(child)
            if body:
                at_statement(None)
        for hook in leave:
            hook(node)
