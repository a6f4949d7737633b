"""The Rule base class: a code, a message, docs, and visit methods that report findings.

A rule declares ``visit_<Node>`` / ``leave_<Node>`` methods for the stdlib ``ast`` node
types it needs; the engine calls every enabled rule from one walk over the tree. A rule
reports a :class:`Finding` on an ``ast`` node, optionally with a transform: a function from
the libcst node at the same place (possibly already updated) to its replacement. Only modes
that write or show fixes parse the CST and find that node (locate.py). Transforms compose,
so two rules may fix one call.

Each rule is a module of its own, ``rules/<family>/<rule name>.py`` (the family named by the
code's hundreds digit), and carries its cases: ``Valid`` code it leaves alone and ``Invalid``
code it flags, with the message and what the fix writes. One generated test runs them all.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Union

from keraslint.diagnostics import Applicability
from keraslint.keras224.targets import Target

if TYPE_CHECKING:
    import ast

    import libcst as cst

    from keraslint.config import Settings
    from keraslint.imports import ImportTable
    from keraslint.keras_names import KerasNames

Replacement = Union["cst.CSTNode", "cst.FlattenSentinel", "cst.RemovalSentinel"]
Transform = Callable[[Any], Replacement]  # a libcst node to its replacement

DOC_SECTIONS = ("What it does", "Why is this bad?", "Example", "Use instead", "Fix safety")


@dataclass(frozen=True, slots=True, order=True)
class Import:
    """An import a fix needs: ``from module import name [as asname]``, or ``import module``
    when ``name`` is None."""

    module: str
    name: str | None = None
    asname: str | None = None


@dataclass(frozen=True, slots=True, order=True)
class Definition:
    """A module-level function or class a fix needs, inserted once, after the imports."""

    name: str
    code: str


def tf_free(table: ImportTable) -> bool:
    """Whether code a fix writes may say ``tf`` for ``tensorflow``: the module binds ``tf`` to it,
    or not at all (the fix then adds ``import tensorflow as tf``)."""
    return table.bindings.get("tf", "tensorflow") == "tensorflow" and "tf" not in table.shadowed


def definable(table: ImportTable, name: str) -> bool:
    """Whether a fix may add a module-level ``def name``: the name is free in the module, or
    is that function already (added by an earlier pass)."""
    return name not in table.shadowed or name in table.functions


def _dedented(code: str) -> str:
    """A case's code as meant. A block (opening quotes, then a newline) is dedented, so cases
    can be indented with the rule; any other string is taken as written."""
    return textwrap.dedent(code[1:]) if code.startswith("\n") else code


@dataclass(frozen=True, slots=True)
class Valid:
    """Code the rule leaves alone: no finding, and ``--fix --unsafe-fixes`` changes nothing."""

    code: str
    target: Target | None = None  # None: the rule's ``case_target``

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", _dedented(self.code))


@dataclass(frozen=True, slots=True)
class Invalid:
    """Code the rule flags.

    ``fixed``: what ``--fix`` writes, or None for a finding reported without a fix.
    ``message``: the first finding's message. ``unsafe``: the fix applies only with
    ``--unsafe-fixes``.
    """

    code: str
    fixed: str | None = field(kw_only=True)
    message: str = field(kw_only=True)
    unsafe: bool = field(default=False, kw_only=True)
    target: Target | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", _dedented(self.code))
        if self.fixed is not None:
            object.__setattr__(self, "fixed", _dedented(self.fixed))


Case = Union[Valid, Invalid]


@dataclass(frozen=True, slots=True)
class Matches:
    """Which calls a rule's ``visit_Call`` can concern, so that one index (lint.py) hands it
    only those instead of every call of the file: calls of anything the import table resolves
    to Keras (``keras``), and calls whose callee's last name is one of ``names``
    (``model.compile``; for ``optimizer_224(Adam)(...)``, the inner callee's: ``optimizer_224``).
    A rule must declare every call its ``visit_Call`` reads, reports or remembers."""

    keras: bool = False
    names: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True, eq=False)
class Finding:
    code: str
    message: str
    node: ast.AST  # where the finding is reported
    #: the node the transform replaces: an ``ast`` node, and once located (locate.py) the
    #: libcst node at its place
    target: ast.AST | cst.CSTNode | None = None
    transform: Transform | None = None
    #: the libcst class the transform takes, when it is not the one that matches the target's
    #: ``ast`` class: ``Arg`` for a positional argument, ``SimpleStatementLine`` for the line
    #: of a statement
    kind: str | None = None
    fix_title: str | None = None
    applicability: Applicability = Applicability.SAFE
    #: Module-level code the fixed code needs, added once per module by the engine.
    imports: tuple[Import, ...] = ()
    definitions: tuple[Definition, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may read about the file it is checking."""

    table: ImportTable
    keras: KerasNames  # which Keras object an expression names
    settings: Settings
    enabled: frozenset[str] = frozenset()  # codes of the rules running on this file
    #: Keras names whose uses in code an enabled rule rewrites (``Rule.rewrites``).
    rewritten: frozenset[str] = frozenset()


class Rule:
    """Base class. Subclasses set the class attributes and write the docs as docstring."""

    code: ClassVar[str]
    name: ClassVar[str]  # kebab-case, names the pattern, not the fix
    summary: ClassVar[str]  # one line, for --list-rules
    fix_title: ClassVar[str | None] = None  # None: the rule never fixes
    #: Opt-in rules run only when selected by their full code (not by a prefix or ALL).
    explicit: ClassVar[bool] = False
    #: The rule's own cases, run by tests/rules/test_rule_cases.py: code it leaves alone
    #: and code it flags, with what the fix writes.
    cases: ClassVar[tuple[Case, ...]] = ()
    #: the target the cases are checked on unless a case names one (a rule of one target's only)
    case_target: ClassVar[Target] = Target.KERAS3
    #: the calls ``visit_Call`` can concern (None: every call)
    matches: ClassVar[Matches | None] = None
    #: Keras 2.2.4 names with no tf.keras home whose uses this rule rewrites
    #: (``keras.backend.image_dim_ordering``): KL002 then reports only their imports.
    rewrites: ClassVar[tuple[str, ...]] = ()

    def __init__(self, context: Context, report: Callable[[Finding], None]) -> None:
        self.context = context
        self._report = report

    def report(
        self,
        node: ast.AST,
        message: str,
        *,
        transform: Transform | None = None,
        target: ast.AST | None = None,
        kind: str | None = None,
        fix_title: str | None = None,
        applicability: Applicability = Applicability.SAFE,
        imports: tuple[Import, ...] = (),
        definitions: tuple[Definition, ...] = (),
    ) -> None:
        self._report(Finding(
            code=self.code,
            message=message,
            node=node,
            target=target if target is not None else (node if transform else None),
            transform=transform,
            kind=kind,
            fix_title=fix_title or (self.fix_title if transform else None),
            applicability=applicability,
            imports=imports,
            definitions=definitions,
        ))

    @classmethod
    def docs(cls) -> str:
        """The rule's documentation, as Markdown."""
        import inspect

        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def missing_doc_sections(cls) -> list[str]:
        text = cls.docs()
        return [s for s in DOC_SECTIONS if not re.search(rf"^## {re.escape(s)}$", text, re.M)]
