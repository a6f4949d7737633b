"""Parse once, run every enabled rule in one walk, apply fixes until nothing changes."""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from keraslint.config import Settings
from keraslint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Location
from keraslint.imports import ImportTable
from keraslint.noqa import noqa_lines, suppressed
from keraslint.registry import PARSE_ERROR
from keraslint.rule import Context, Finding, Rule, Transform

MAX_PASSES = 10  # fixes that enable other fixes settle in 2; more means a bug


@dataclass(frozen=True)
class Options:
    rules: tuple[type[Rule], ...]
    settings: Settings
    fix: bool = False
    unsafe_fixes: bool = False
    edits: bool = False  # compute the text edits of each fix (for JSON output)


def check_source(source: bytes, filename: str, options: Options) -> FileResult:
    """Lint (and with ``options.fix``, fix) one file's bytes. Never raises on bad input."""
    if b"keras" not in source:  # nothing here can be about Keras: skip the parse
        return FileResult(filename, source=source)
    try:
        module = cst.parse_module(source)
    except Exception as error:  # noqa: BLE001 - libcst raises several types
        return _unparsable(filename, source, error)
    diagnostics, findings = _lint(module, filename, options)
    if not options.fix:
        return FileResult(filename, tuple(diagnostics), source=source)
    return _fix(module, filename, source, options, diagnostics, findings)


def _lint(module: cst.Module, filename: str, options: Options):
    """Findings not suppressed by noqa, as (diagnostics, findings) in the same order."""
    findings = _run_rules(module, options)
    if not findings:
        return [], []
    positions = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    noqa = noqa_lines(module.code)
    kept_diagnostics, kept_findings = [], []
    for finding in findings:
        where = positions[finding.node]
        start = Location(where.start.line, where.start.column + 1)
        if suppressed(finding.code, start.row, noqa):
            continue
        end = Location(where.end.line, where.end.column + 1)
        fix = None
        if finding.transform is not None:
            edits = _edits(module, finding) if options.edits else ()
            fix = Fix(finding.applicability, finding.fix_title or "", edits)
        kept_diagnostics.append(Diagnostic(finding.code, finding.message, filename, start, end, fix))
        kept_findings.append(finding)
    order = sorted(range(len(kept_findings)), key=lambda i: (kept_diagnostics[i].start, kept_diagnostics[i].code))
    return [kept_diagnostics[i] for i in order], [kept_findings[i] for i in order]


def _fix(module, filename, source, options, diagnostics, findings) -> FileResult:
    fixed: list[Diagnostic] = []
    current = module
    for _ in range(MAX_PASSES):
        chosen = [
            (d, f) for d, f in zip(diagnostics, findings)
            if f.transform is not None and _applies(f.applicability, options)
        ]
        if not chosen:
            break
        new_code = _apply(current, [f for _, f in chosen]).code
        try:
            current = cst.parse_module(new_code.encode(current.encoding))
        except Exception as error:  # noqa: BLE001
            return _internal(filename, source, diagnostics, f"a fix produced code that does not parse ({error}); file left unchanged")
        fixed.extend(d for d, _ in chosen)
        diagnostics, findings = _lint(current, filename, options)
    else:
        return _internal(filename, source, diagnostics, f"fixes did not settle after {MAX_PASSES} passes; file left unchanged")
    new_source = current.bytes
    if new_source == source:
        return FileResult(filename, tuple(diagnostics), source=source)
    if not _compiles(source, new_source):
        return _internal(filename, source, diagnostics, "a fix produced code that Python rejects; file left unchanged")
    return FileResult(filename, tuple(diagnostics), tuple(fixed), source, new_source)


def _applies(applicability: Applicability, options: Options) -> bool:
    return applicability is Applicability.SAFE or (
        applicability is Applicability.UNSAFE and options.unsafe_fixes
    )


def _compiles(old: bytes, new: bytes) -> bool:
    """The fixed code must compile wherever the original did."""
    try:
        ast.parse(old)
    except (SyntaxError, ValueError):
        return True  # newer syntax than this Python knows: libcst's parse already checked
    try:
        ast.parse(new)
    except (SyntaxError, ValueError):
        return False
    return True


class _Dispatcher(cst.CSTVisitor):
    """Calls each rule's ``visit_<Node>``/``leave_<Node>`` methods from one walk."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.visits: dict[str, list] = defaultdict(list)
        self.leaves: dict[str, list] = defaultdict(list)
        for rule in rules:
            for kind, node_type, attribute in _hooks(type(rule)):
                table = self.visits if kind == "visit" else self.leaves
                table[node_type].append(getattr(rule, attribute))

    def on_visit(self, node: cst.CSTNode) -> bool:
        for hook in self.visits.get(type(node).__name__, ()):
            hook(node)
        return True

    def on_leave(self, original_node: cst.CSTNode) -> None:
        for hook in self.leaves.get(type(original_node).__name__, ()):
            hook(original_node)


@lru_cache(maxsize=None)
def _hooks(rule_class: type[Rule]) -> tuple[tuple[str, str, str], ...]:
    return tuple(
        (attribute.split("_", 1)[0], attribute.split("_", 1)[1], attribute)
        for attribute in dir(rule_class)
        if attribute.startswith(("visit_", "leave_"))
    )


def _run_rules(module: cst.Module, options: Options) -> list[Finding]:
    findings: list[Finding] = []
    context = Context(ImportTable.of(module), options.settings)
    rules = [rule(context, findings.append) for rule in options.rules]
    module.visit(_Dispatcher(rules))
    return findings


class _Applier(cst.CSTTransformer):
    def __init__(self, transforms: dict[int, list[Transform]]) -> None:
        super().__init__()
        self.transforms = transforms

    def on_leave(self, original_node, updated_node):
        for transform in self.transforms.get(id(original_node), ()):
            updated_node = transform(updated_node)
        return updated_node


def _apply(module: cst.Module, findings: Sequence[Finding]) -> cst.Module:
    transforms: dict[int, list[Transform]] = defaultdict(list)
    for finding in findings:
        transforms[id(finding.target)].append(finding.transform)
    return module.visit(_Applier(transforms))


def _edits(module: cst.Module, finding: Finding) -> tuple[Edit, ...]:
    """The one text edit this finding's fix makes, found by diffing old and new text."""
    old = module.code
    new = _apply(module, [finding]).code
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return (Edit(new[prefix:len(new) - suffix], _location(old, prefix), _location(old, len(old) - suffix)),)


def _location(text: str, offset: int) -> Location:
    row = text.count("\n", 0, offset) + 1
    line_start = text.rfind("\n", 0, offset) + 1
    return Location(row, offset - line_start + 1)


def _unparsable(filename: str, source: bytes, error: Exception) -> FileResult:
    """One KL000 diagnostic with the best line:col and reason we can get."""
    row, column, reason = 1, 1, str(error).splitlines()[0] if str(error) else type(error).__name__
    try:
        ast.parse(source)
    except SyntaxError as syntax:
        row, column = syntax.lineno or 1, syntax.offset or 1
        reason = f"SyntaxError: {syntax.msg}"
    except (ValueError, UnicodeDecodeError) as other:
        reason = f"cannot decode: {other}"
    else:
        raw_line = getattr(error, "raw_line", None)
        if raw_line:
            row, column = raw_line, (getattr(error, "raw_column", 0) or 0) + 1
        reason = f"libcst cannot parse this file: {reason}"
    where = Location(row, column)
    message = f"Failed to parse: {reason}"
    return FileResult(filename, (Diagnostic(PARSE_ERROR, message, filename, where, where),), source=source, error=message)


def _internal(filename, source, diagnostics, message) -> FileResult:
    where = Location(1, 1)
    return FileResult(
        filename,
        (Diagnostic(PARSE_ERROR, message, filename, where, where), *diagnostics),
        source=source,
        error=message,
    )
