"""What an import of standalone `keras` becomes in `tensorflow.keras`, for KL001 and KL002."""

from __future__ import annotations

from dataclasses import dataclass, field

import libcst as cst

from keraslint.imports import dotted_name
from keraslint.keras224.inlined import definition
from keraslint.keras224.targets import Target
from keraslint.moves import Inlined, Moved, NoHome, resolve

_SPACE_COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))


@dataclass
class _ImportPlan:
    """What one import statement becomes, and which of its names have no home."""

    statements: list[cst.BaseSmallStatement] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)  # new modules, for the message
    no_home: list[tuple[cst.CSTNode, str, str]] = field(default_factory=list)
    #: (local name, code) of the 2.2.4 helpers written into the module instead of imported.
    definitions: list[tuple[str, str]] = field(default_factory=list)


def _attr(dotted: str) -> cst.Attribute | cst.Name:
    return cst.parse_expression(dotted)  # type: ignore[return-value]


def _import_from(module: str, aliases: list[cst.ImportAlias]) -> cst.ImportFrom:
    return cst.ImportFrom(module=_attr(module), names=_commas(aliases))


def _alias(name: str, local: str | None) -> cst.ImportAlias:
    asname = None if local in (None, name) else cst.AsName(name=cst.Name(local))
    return cst.ImportAlias(name=cst.Name(name), asname=asname)


def _local(alias: cst.ImportAlias) -> str | None:
    if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
        return alias.asname.name.value
    return None


def _outside_import(origin: str, local: str) -> cst.BaseSmallStatement:
    """``import numpy as np`` / ``from collections import namedtuple``: a name a Keras module
    had re-imported, imported from where it came from."""
    module, _, name = origin.rpartition(".")
    if not module:
        return cst.Import(names=[_alias(origin, local) if local != origin else cst.ImportAlias(cst.Name(origin))])
    return _import_from(module, [_alias(name, local)])


def plan_import(node: cst.Import, target: Target) -> _ImportPlan | None:
    """``import keras.x as y`` -> ``from tensorflow.keras import x as y``; None if no keras."""
    plan = _ImportPlan()
    kept: list[cst.ImportAlias] = []
    for alias in node.names:
        full = dotted_name(alias.name) or ""
        if full.split(".")[0] != "keras":
            kept.append(alias)
            continue
        where = resolve(full, target)
        local = _local(alias)
        if isinstance(where, Inlined) and local is not None:
            plan.definitions.append((local, definition(full, local)))
            plan.moved.append(f"a definition of `{local}`")
            continue
        if not isinstance(where, Moved) or (local is None and not where.new.startswith("tensorflow.")):
            guidance = where.guidance if isinstance(where, NoHome) else "import it by hand"
            plan.no_home.append((alias, full, guidance))
            kept.append(alias)
            continue
        if kept:
            plan.statements.append(cst.Import(names=_commas(kept)))
            kept = []
        if local is None:  # `import keras.callbacks` binds `keras`: bind it to tf.keras
            module, name = "tensorflow", "keras"
            plan.statements.append(_import_from(module, [_alias(name, local)]))
        elif not where.new.startswith("tensorflow.keras"):
            module, name = where.new, local
            plan.statements.append(_outside_import(where.new, local))
        else:
            module, _, name = where.new.rpartition(".")
            plan.statements.append(_import_from(module, [_alias(name, local)]))
        plan.moved.append(f"{module}.{name}" if local is None else module)
    if not plan.moved and not plan.no_home:
        return None
    if kept:
        plan.statements.append(cst.Import(names=_commas(kept)))
    return plan


def plan_import_from(node: cst.ImportFrom, target: Target) -> _ImportPlan | None:
    """``from keras.x import a`` -> ``from tensorflow.keras.x import a``; None if no keras."""
    module = None if node.module is None else dotted_name(node.module)
    if node.relative or module is None or module.split(".")[0] != "keras":
        return None
    plan = _ImportPlan()
    if isinstance(node.names, cst.ImportStar):
        where = resolve(module, target)
        if isinstance(where, Moved) and where.new.startswith("tensorflow.keras"):
            plan.statements.append(node.with_changes(module=_attr(where.new)))
            plan.moved.append(where.new)
        else:
            guidance = where.guidance if isinstance(where, NoHome) else "import what you use by hand"
            plan.no_home.append((node, module, guidance))
        return plan
    groups: dict[str, list[cst.ImportAlias]] = {}
    outside: list[cst.BaseSmallStatement] = []
    for alias in node.names:
        name = dotted_name(alias.name) or ""
        local = _local(alias) or name
        where = resolve(f"{module}.{name}", target)
        if isinstance(where, Inlined):
            plan.definitions.append((local, definition(f"{module}.{name}", local)))
        elif isinstance(where, Moved) and not where.new.startswith("tensorflow.keras"):
            outside.append(_outside_import(where.new, local))
            plan.moved.append(where.new.rpartition(".")[0] or where.new)
        elif isinstance(where, Moved):
            new_module, _, new_name = where.new.rpartition(".")
            new = _alias(new_name, local)
            groups.setdefault(new_module, []).append(
                alias.with_changes(name=new.name, asname=new.asname)
            )
        else:
            guidance = where.guidance if isinstance(where, NoHome) else "unknown"
            plan.no_home.append((alias, f"{module}.{name}", guidance))
            groups.setdefault(module, []).append(alias)
    plan.moved += [m for m in groups if m != module]
    plan.moved += [f"a definition of `{local}`" for local, _ in plan.definitions]
    if not plan.moved:
        return plan
    if len(groups) == 1 and not outside:  # one new home: keep the statement, its parens and comments
        (new_module, aliases), = groups.items()
        plan.statements.append(node.with_changes(module=_attr(new_module), names=aliases))
    else:
        plan.statements.extend(_split_part(node, m, aliases) for m, aliases in groups.items())
        plan.statements.extend(outside)
    return plan


def _split_part(node: cst.ImportFrom, module: str, aliases: list[cst.ImportAlias]) -> cst.ImportFrom:
    """One of the statements a mixed ``from keras... import`` splits into.

    A parenthesized import keeps its parentheses and each name's comma and comment; the last
    name of each part ends the way the original's last name did (trailing comma or not).
    """
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


def _commas(aliases: list[cst.ImportAlias]) -> list[cst.ImportAlias]:
    return [a.with_changes(comma=_SPACE_COMMA) for a in aliases[:-1]] + [
        aliases[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    ]


def plans(line: cst.SimpleStatementLine | cst.SimpleStatementSuite, target: Target):
    for statement in line.body:
        if isinstance(statement, cst.Import):
            plan = plan_import(statement, target)
        elif isinstance(statement, cst.ImportFrom):
            plan = plan_import_from(statement, target)
        else:
            continue
        if plan is not None:
            yield statement, plan
