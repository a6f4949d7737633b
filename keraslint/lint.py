"""Run every enabled rule in one walk; findings become diagnostics (noqa, positions, edits)."""

from __future__ import annotations

from functools import lru_cache

import libcst as cst

from keraslint.diagnostics import Diagnostic, Fix, Location
from keraslint.edits import EditFinder
from keraslint.imports import ImportTable
from keraslint.keras_names import KerasNames
from keraslint.noqa import noqa_lines, suppressed
from keraslint.options import Options
from keraslint.positions import of_findings
from keraslint.rule import Context, Finding, Rule
from keraslint.walk import Walker


def lint(module: cst.Module, text: str, filename: str, options: Options):
    """Findings not suppressed by noqa, as (diagnostics, findings) in the same order."""
    findings, statements = run_rules(module, options)
    if not findings:
        return [], []
    positions = of_findings(module, text, [f.node for f in findings], statements)
    noqa = noqa_lines(text)
    editor = EditFinder(module, text, findings, statements) if options.edits else None
    kept_diagnostics, kept_findings = [], []
    for finding in findings:
        where = positions[finding.node]
        start = Location(where.start.line, where.start.column + 1)
        if suppressed(finding.code, start.row, noqa):
            continue
        end = Location(where.end.line, where.end.column + 1)
        fix = None
        if finding.transform is not None:
            edits = editor.edits(finding) if editor is not None else ()
            fix = Fix(finding.applicability, finding.fix_title or "", edits)
        kept_diagnostics.append(Diagnostic(finding.code, finding.message, filename, start, end, fix))
        kept_findings.append(finding)
    order = sorted(range(len(kept_findings)), key=lambda i: (kept_diagnostics[i].start, kept_diagnostics[i].code))
    return [kept_diagnostics[i] for i in order], [kept_findings[i] for i in order]


@lru_cache(maxsize=None)
def _codes(rules: tuple[type[Rule], ...]) -> frozenset[str]:
    return frozenset(rule.code for rule in rules)


def run_rules(module: cst.Module, options: Options) -> tuple[list[Finding], list[int | None]]:
    """The findings, and for each the top-level statement being walked when it came."""
    findings: list[Finding] = []
    statements: list[int | None] = []
    current: list[int | None] = [None]

    def report(finding: Finding) -> None:
        findings.append(finding)
        statements.append(current[0])

    selected = options.selected()
    table = ImportTable.of(module)
    context = Context(table, KerasNames(table), options.settings, _codes(selected),
                      frozenset(name for rule in selected for name in rule.rewrites))
    rules = [rule(context, report) for rule in selected]
    Walker.of(rules, prune=False).walk(module, lambda index: current.__setitem__(0, index))
    return findings, statements
