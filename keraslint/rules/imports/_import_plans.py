"""What an import of standalone `keras` becomes in `tensorflow.keras`, for KL001 and KL002.

The plan is made on the ``ast``; the new statements are built in libcst only when the fix is
applied, each by a builder that takes the statement's libcst node (its aliases, commas and
comments are kept from there).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Callable

from keraslint.keras224.inlined import definition
from keraslint.keras224.targets import Target
from keraslint.lazycst import cst
from keraslint.moves import Inlined, Moved, NoHome, resolve

if TYPE_CHECKING:
    import libcst

Builder = Callable[["libcst.Import | libcst.ImportFrom"], "libcst.BaseSmallStatement"]
#: a from-import's alias in a new statement: (its index, its new name or None: as it is, local name)
_Alias = tuple[int, "str | None", str]


@dataclass
class _ImportPlan:
    """What one import statement becomes, and which of its names have no home."""

    statements: list[Builder] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # new modules, for the message
    no_home: list[tuple[ast.AST, str, str]] = field(default_factory=list)
    #: (local name, code) of the 2.2.4 helpers written into the module instead of imported.
    definitions: list[tuple[str, str]] = field(default_factory=list)


def _attr(dotted: str) -> libcst.Attribute | libcst.Name:
    return cst.parse_expression(dotted)  # type: ignore[return-value]


def _import_from(module: str, aliases: list[libcst.ImportAlias]) -> libcst.ImportFrom:
    return cst.ImportFrom(module=_attr(module), names=_commas(aliases))


def _alias(name: str, local: str | None) -> libcst.ImportAlias:
    asname = None if local in (None, name) else cst.AsName(name=cst.Name(local))
    return cst.ImportAlias(name=cst.Name(name), asname=asname)


def _outside_import(origin: str, local: str, _node=None) -> libcst.BaseSmallStatement:
    """``import numpy as np`` / ``from collections import namedtuple``: a name a Keras module
    had re-imported, imported from where it came from."""
    module, _, name = origin.rpartition(".")
    if not module:
        return cst.Import(names=[_alias(origin, local) if local != origin else cst.ImportAlias(cst.Name(origin))])
    return _import_from(module, [_alias(name, local)])


def _kept(indexes: tuple[int, ...], node: libcst.Import) -> libcst.Import:
    return cst.Import(names=_commas([node.names[i] for i in indexes]))


def _new_from(module: str, name: str, local: str | None, _node=None) -> libcst.ImportFrom:
    return _import_from(module, [_alias(name, local)])


def _star(module: str, node: libcst.ImportFrom) -> libcst.ImportFrom:
    return node.with_changes(module=_attr(module))


def _aliases(node: libcst.ImportFrom, aliases: tuple[_Alias, ...]) -> list[libcst.ImportAlias]:
    out = []
    for i, name, local in aliases:
        alias = node.names[i]
        if name is not None:
            new = _alias(name, local)
            alias = alias.with_changes(name=new.name, asname=new.asname)
        out.append(alias)
    return out


def _whole(module: str, aliases: tuple[_Alias, ...], node: libcst.ImportFrom) -> libcst.ImportFrom:
    """One new home: the statement keeps its parentheses and comments."""
    return node.with_changes(module=_attr(module), names=_aliases(node, aliases))


def plan_import(node: ast.Import, target: Target) -> _ImportPlan | None:
    """``import keras.x as y`` -> ``from tensorflow.keras import x as y``; None if no keras."""
    plan = _ImportPlan()
    kept: list[int] = []
    for i, alias in enumerate(node.names):
        full = alias.name
        if full.split(".")[0] != "keras":
            kept.append(i)
            continue
        where = resolve(full, target)
        local = alias.asname
        if isinstance(where, Inlined) and local is not None:
            plan.definitions.append((local, definition(full, local)))
            plan.moved.append(f"a definition of `{local}`")
            continue
        if not isinstance(where, Moved) or (local is None and not where.new.startswith("tensorflow.")):
            guidance = where.guidance if isinstance(where, NoHome) else "import it by hand"
            plan.no_home.append((alias, full, guidance))
            kept.append(i)
            continue
        if kept:
            plan.statements.append(partial(_kept, tuple(kept)))
            kept = []
        if local is None:  # `import keras.callbacks` binds `keras`: bind it to tf.keras
            module, name = "tensorflow", "keras"
            plan.statements.append(partial(_new_from, module, name, local))
        elif not where.new.startswith("tensorflow.keras"):
            module, name = where.new, local
            plan.statements.append(partial(_outside_import, where.new, local))
        else:
            module, _, name = where.new.rpartition(".")
            plan.statements.append(partial(_new_from, module, name, local))
        plan.moved.append(f"{module}.{name}" if local is None else module)
    if not plan.moved and not plan.no_home:
        return None
    if kept:
        plan.statements.append(partial(_kept, tuple(kept)))
    return plan


def plan_import_from(node: ast.ImportFrom, target: Target) -> _ImportPlan | None:
    """``from keras.x import a`` -> ``from tensorflow.keras.x import a``; None if no keras."""
    module = node.module
    if node.level or module is None or module.split(".")[0] != "keras":
        return None
    plan = _ImportPlan()
    if node.names[0].name == "*":
        where = resolve(module, target)
        if isinstance(where, Moved) and where.new.startswith("tensorflow.keras"):
            plan.statements.append(partial(_star, where.new))
            plan.moved.append(where.new)
        else:
            guidance = where.guidance if isinstance(where, NoHome) else "import what you use by hand"
            plan.no_home.append((node, module, guidance))
        return plan
    groups: dict[str, list[_Alias]] = {}
    outside: list[Builder] = []
    for i, alias in enumerate(node.names):
        name = alias.name
        local = alias.asname or name
        where = resolve(f"{module}.{name}", target)
        if isinstance(where, Inlined):
            plan.definitions.append((local, definition(f"{module}.{name}", local)))
        elif isinstance(where, Moved) and not where.new.startswith("tensorflow.keras"):
            outside.append(partial(_outside_import, where.new, local))
            plan.moved.append(where.new.rpartition(".")[0] or where.new)
        elif isinstance(where, Moved):
            new_module, _, new_name = where.new.rpartition(".")
            groups.setdefault(new_module, []).append((i, new_name, local))
        else:
            guidance = where.guidance if isinstance(where, NoHome) else "unknown"
            plan.no_home.append((alias, f"{module}.{name}", guidance))
            groups.setdefault(module, []).append((i, None, local))
    plan.moved += [m for m in groups if m != module]
    plan.moved += [f"a definition of `{local}`" for local, _ in plan.definitions]
    if not plan.moved:
        return plan
    if len(groups) == 1 and not outside:  # one new home: keep the statement, its parens and comments
        (new_module, aliases), = groups.items()
        plan.statements.append(partial(_whole, new_module, tuple(aliases)))
    else:
        plan.statements.extend(partial(_split_part, m, tuple(aliases)) for m, aliases in groups.items())
        plan.statements.extend(outside)
    return plan


def _split_part(module: str, indexes: tuple[_Alias, ...], node: libcst.ImportFrom) -> libcst.ImportFrom:
    """One of the statements a mixed ``from keras... import`` splits into.

    A parenthesized import keeps its parentheses and each name's comma and comment; the last
    name of each part ends the way the original's last name did (trailing comma or not).
    """
    aliases = _aliases(node, indexes)
    if node.lpar is None:
        return _import_from(module, aliases)
    own, closing = aliases[-1].comma, node.names[-1].comma
    if (isinstance(own, cst.Comma) and isinstance(closing, cst.Comma)
            and isinstance(own.whitespace_after, cst.ParenthesizedWhitespace)
            and isinstance(closing.whitespace_after, cst.ParenthesizedWhitespace)):
        # Keep this name's comment, but end the line the way the original's last one did.
        closing = own.with_changes(whitespace_after=own.whitespace_after.with_changes(
            indent=closing.whitespace_after.indent, last_line=closing.whitespace_after.last_line
        ))
    last = aliases[-1].with_changes(comma=closing)
    return cst.ImportFrom(
        module=_attr(module), names=[*aliases[:-1], last], lpar=node.lpar, rpar=node.rpar
    )


def _commas(aliases: list[libcst.ImportAlias]) -> list[libcst.ImportAlias]:
    comma = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    return [a.with_changes(comma=comma) for a in aliases[:-1]] + [
        aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    ]


def plan(statement: ast.Import | ast.ImportFrom, target: Target) -> _ImportPlan | None:
    if isinstance(statement, ast.Import):
        return plan_import(statement, target)
    return plan_import_from(statement, target)
