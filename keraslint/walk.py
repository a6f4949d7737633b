"""Reading a libcst tree's children fast, for the fix side (positions, locating targets,
the containers a transform enters). Detection walks the ``ast`` (ast_walk.py).

``node.children`` builds a list through libcst's visitor machinery; this reads each node's
fields instead, in libcst's own visiting order, learned once per node type by reading
libcst's source and checked against ``children`` on the first node of that type.
"""

from __future__ import annotations

import inspect
import re

import libcst as cst

_VISITED_FIELD = re.compile(r'visit_\w+\(\s*self,\s*"(\w+)"')
_ORDER: dict[type, tuple[str, ...] | None] = {}  # None: ask libcst (node.children)


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
