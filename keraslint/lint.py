"""Run every enabled rule in one walk over the ``ast``; findings become diagnostics (noqa,
positions, and for JSON output the text edits of each fix)."""

from __future__ import annotations

import ast
from functools import lru_cache

from keraslint.ast_walk import Walker
from keraslint.calls import current_source
from keraslint.diagnostics import Diagnostic, Fix, Location
from keraslint.imports import ImportTable
from keraslint.keras_names import KerasNames
from keraslint.noqa import noqa_lines, suppressed
from keraslint.options import Options
from keraslint.rule import Context, Finding, Rule
from keraslint.source import Source


def lint(tree: ast.Module, source: Source, filename: str, options: Options, module=None):
    """Findings not suppressed by noqa, as (diagnostics, findings) in the same order.

    ``module``: the file's libcst tree if one is parsed already; with ``options.edits`` and a
    fix to show, one is parsed here.
    """
    noqa = noqa_lines(source.text)
    findings = run_rules(tree, source, options, noqa)
    if not findings:
        return [], []
    kept_diagnostics, kept_findings = [], []
    for finding in findings:
        start_line, start_column, end_line, end_column = source.span(finding.node)
        if suppressed(finding.code, start_line, noqa):
            continue
        start = Location(start_line, start_column + 1)
        end = Location(end_line, end_column + 1)
        fix = None
        if finding.transform is not None:
            fix = Fix(finding.applicability, finding.fix_title or "", ())
        kept_diagnostics.append(Diagnostic(finding.code, finding.message, filename, start, end, fix))
        kept_findings.append(finding)
    if options.edits and any(f.transform is not None for f in kept_findings):
        kept_diagnostics = _with_edits(kept_diagnostics, kept_findings, source, module)
    order = sorted(range(len(kept_findings)), key=lambda i: (kept_diagnostics[i].start, kept_diagnostics[i].code))
    return [kept_diagnostics[i] for i in order], [kept_findings[i] for i in order]


def _with_edits(diagnostics: list[Diagnostic], findings: list[Finding], source: Source, module) -> list[Diagnostic]:
    """The diagnostics with the text edits of their fixes (this parses the CST)."""
    from dataclasses import replace

    import libcst as cst

    from keraslint.edits import EditFinder
    from keraslint.locate import NotLocated, bind

    if module is None:
        try:
            module = cst.parse_module(source.text)  # the text: its encoding is not needed for edits
        except Exception:  # noqa: BLE001 - code ast accepts and libcst does not: no edits
            return diagnostics
    try:
        located, statements = bind(module, source, findings)
    except NotLocated:  # libcst does not place a line as the file does (a form feed before code)
        return diagnostics
    editor = EditFinder(module, source.text, located, statements)
    return [d if f.transform is None else replace(d, fix=replace(d.fix, edits=editor.edits(f)))
            for d, f in zip(diagnostics, located)]


@lru_cache(maxsize=None)
def _codes(rules: tuple[type[Rule], ...]) -> frozenset[str]:
    return frozenset(rule.code for rule in rules)


def run_rules(tree: ast.Module, source: Source, options: Options,
              noqa: dict[int, frozenset[str]] | None = None, *, index: bool = True) -> list[Finding]:
    """Every enabled rule's findings, in the order they were reported. ``index``: hand calls
    only to the rules whose ``matches`` can concern them (without it, every call to every
    rule: what the index must not change)."""
    findings: list[Finding] = []
    selected = options.selected()
    table = ImportTable.of(tree, noqa_lines(source.text) if noqa is None else noqa)
    context = Context(table, KerasNames(table), options.settings, _codes(selected),
                      frozenset(name for rule in selected for name in rule.rewrites))
    rules = [rule(context, findings.append) for rule in selected]
    indexed = [rule for rule in rules if index and rule.matches is not None and hasattr(rule, "visit_Call")]
    walker = Walker.of([_CallIndex(indexed, context.keras), *rules], skip={id(rule) for rule in indexed})
    token = current_source.set(source)
    try:
        walker.walk(tree)
    finally:
        current_source.reset(token)
    return findings


class _CallIndex:
    """Hands each call to the rules whose ``Matches`` can concern it: each rule's hook is
    called for about one call in twenty instead of every call (most calls in a Keras file
    are not Keras's and not a method a rule knows)."""

    def __init__(self, rules: list[Rule], keras: KerasNames) -> None:
        self.rules = rules
        self.keras = keras
        self._hooks: dict[tuple[str | None, bool], tuple] = {}

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        callee = func.func if type(func) is ast.Call else func
        kind = type(callee)
        name = callee.attr if kind is ast.Attribute else callee.id if kind is ast.Name else None
        key = (name, self.keras.keras_name(func) is not None)
        hooks = self._hooks.get(key)
        if hooks is None:
            hooks = self._hooks[key] = tuple(
                rule.visit_Call for rule in self.rules
                if (key[1] and rule.matches.keras) or name in rule.matches.names)
        for hook in hooks:
            hook(node)
