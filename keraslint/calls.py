"""Reading a call's arguments on the stdlib ``ast``, as rules detect: which keywords it
passes, what it passes for a parameter, and string values as written.

Fixes edit calls in libcst (call_edits.py).
"""

from __future__ import annotations

import ast
from contextvars import ContextVar

from keraslint.source import Source

#: The text of the module being checked: ``ast`` alone cannot tell ``'ab'`` from ``'a' 'b'``
#: or say which quote a string uses. Set by lint.run_rules for the walk.
current_source: ContextVar[Source] = ContextVar("current_source")


def unstarred(node: ast.expr) -> ast.expr:
    """What ``*x`` stars (libcst's StarredElement.value), else the node."""
    return node.value if type(node) is ast.Starred else node


def is_int(node: ast.AST | None) -> bool:
    """An int literal (libcst's Integer; ``ast`` counts bools as ints)."""
    return type(node) is ast.Constant and type(node.value) is int


def keyword_names(call: ast.Call) -> set[str]:
    return {keyword.arg for keyword in call.keywords if keyword.arg is not None}


def positional_count(call: ast.Call) -> int:
    return sum(1 for arg in call.args if type(arg) is not ast.Starred)


def has_star_args(call: ast.Call) -> bool:
    """``*args`` or ``**kwargs``: any argument might be inside."""
    return any(type(arg) is ast.Starred for arg in call.args) or any(k.arg is None for k in call.keywords)


def argument(call: ast.Call, name: str, position: int | None,
             aliases: tuple[str, ...] = ()) -> ast.expr | None:
    """The expression passed for parameter ``name``: by keyword (or a Keras-1 alias of it), or
    at ``position`` among the positional arguments before any ``*args``."""
    for keyword in call.keywords:
        if keyword.arg is not None and (keyword.arg == name or keyword.arg in aliases):
            return keyword.value
    if position is not None:
        for i, arg in enumerate(call.args):
            if type(arg) is ast.Starred:
                break  # where later positionals land depends on what *args holds
            if i == position:
                return arg
    return None


def keyword_of(call: ast.Call, names: tuple[str, ...]) -> str | None:
    """The first of ``names`` the call passes by keyword."""
    passed = keyword_names(call)
    return next((name for name in names if name in passed), None)


def in_source_order(call: ast.Call) -> list[ast.expr | ast.keyword]:
    """Positional and keyword arguments as written (``ast`` keeps them apart)."""
    if call.keywords and call.args:
        return sorted([*call.args, *call.keywords], key=lambda n: (n.lineno, n.col_offset))
    return [*call.args, *call.keywords]


_EFFECTS = (ast.Call, ast.Await, ast.Yield, ast.YieldFrom, ast.NamedExpr)


def repeatable(node: ast.AST) -> bool:
    """Whether writing ``node`` several times evaluates the same thing: no call, await, yield
    or assignment expression inside (a fix that repeats ``f()`` would call it again)."""
    return not any(isinstance(inner, _EFFECTS) for inner in ast.walk(node))


def drops_a_call(values) -> bool:
    """Whether removing these argument values would remove a call, and whatever it does (a
    fix that does is unsafe, however harmless the argument itself)."""
    return any(value is not None and not repeatable(value) for value in values)


def is_string(node: ast.AST | None) -> bool:
    """A single string or bytes literal (not an f-string, not ``'a' 'b'``)."""
    return (type(node) is ast.Constant and isinstance(node.value, (str, bytes))
            and current_source.get().is_one_string(node))


def string_value(node: ast.AST | None) -> str | None:
    """The value of a single str literal, else None."""
    if type(node) is ast.Constant and isinstance(node.value, str) and current_source.get().is_one_string(node):
        return node.value
    return None


def quote_of(call: ast.Call) -> str:
    """The quote character this call already uses for strings (single by default)."""
    for arg in in_source_order(call):
        value = arg.value if isinstance(arg, ast.keyword) else arg
        if is_string(value):
            return current_source.get().quote(value)
    return "'"


def segment(node: ast.AST) -> str:
    """The text of ``node`` as written."""
    return current_source.get().segment(node)


def name_of(statement: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> ast.Name:
    """A node at a def's or class's name, to report on."""
    return current_source.get().name_of(statement)


def subscript_key(subscript: ast.Subscript) -> ast.expr:
    """The key of ``d[key]``, also when written ``d[key,]`` (one subscript element, as libcst
    reads it; ``d[(key,)]`` is a tuple). ``ast`` starts an unparenthesized tuple at its
    first element."""
    key = subscript.slice
    if type(key) is ast.Tuple and len(key.elts) == 1 \
            and (key.lineno, key.col_offset) == (key.elts[0].lineno, key.elts[0].col_offset):
        return key.elts[0]
    return key
