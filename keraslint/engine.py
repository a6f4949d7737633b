"""Parse once, run every enabled rule in one walk, apply fixes until nothing changes."""

from __future__ import annotations

import bisect
import io
import re
import sys
import tokenize
import warnings
from collections import defaultdict
from functools import lru_cache
from typing import Sequence

import libcst as cst
from libcst.metadata import WhitespaceInclusivePositionProvider

from keraslint import pyast
from keraslint.options import Options
from keraslint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Location
from keraslint.imports import ImportTable
from keraslint.noqa import noqa_lines, suppressed
from keraslint.registry import PARSE_ERROR
from keraslint.rule import Context, Definition, Finding, Replacement, Rule, Transform
from keraslint.positions import lines_before, of_findings, top_level_ast
from keraslint.walk import Walker, ancestors

MAX_PASSES = 10  # fixes that enable other fixes settle in 2; more means a bug


#: libcst walks the tree recursively; deeply nested but valid code (a sum of a few hundred
#: terms) needs more than Python's default limit of 1000 frames.
RECURSION_LIMIT = 20_000


def check_source(source: bytes, filename: str, options: Options) -> FileResult:
    """Lint (and with ``options.fix``, fix) one file's bytes. Never raises on bad input."""
    if b"keras" not in source:  # nothing here can be about Keras: skip the parse
        return FileResult(filename, source=source)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, RECURSION_LIMIT))
    try:
        return _check(source, filename, options)
    finally:
        sys.setrecursionlimit(limit)


def _check(source: bytes, filename: str, options: Options) -> FileResult:
    try:
        module = cst.parse_module(source)
    except Exception as error:  # noqa: BLE001 - libcst raises several types
        return _unparsable(filename, source, error)
    text = source.decode(module.encoding)
    diagnostics, findings = _lint(module, text, filename, options)
    if not options.fix:
        return FileResult(filename, tuple(diagnostics), source=source)
    return _fix(module, filename, source, options, diagnostics, findings)


def _lint(module: cst.Module, text: str, filename: str, options: Options):
    """Findings not suppressed by noqa, as (diagnostics, findings) in the same order."""
    findings, statements = _run_rules(module, options)
    if not findings:
        return [], []
    positions = of_findings(module, text, [f.node for f in findings], statements)
    noqa = noqa_lines(text)
    editor = _EditFinder(module, text, findings, statements) if options.edits else None
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


def _fix(module, filename, source, options, diagnostics, findings) -> FileResult:
    """Apply fixes pass by pass until none applies. A fix whose result would not parse (or
    would not compile where the original did) is left out and stays reported; the others
    still apply."""
    strict = _compiles(source)
    found = diagnostics
    fixed: list[Diagnostic] = []
    refused: set[tuple[str, str]] = set()  # (code, target text) of fixes that break the code
    current = module
    for _ in range(MAX_PASSES):
        chosen = [
            (d, f) for d, f in zip(diagnostics, findings)
            if f.transform is not None and _applies(f.applicability, options)
            and (not refused or _key(current, f) not in refused)
        ]
        if not chosen:
            break
        result = _try_apply(current, [f for _, f in chosen], strict)
        if result is None:  # find the culprits, one fix at a time
            good = []
            for pair in chosen:
                if _try_apply(current, [pair[1]], strict) is None:
                    refused.add(_key(current, pair[1]))
                else:
                    good.append(pair)
            chosen = good
            result = _try_apply(current, [f for _, f in chosen], strict) if chosen else None
            if result is None:
                if chosen:  # each fix is fine alone but not together: a keraslint bug
                    return _internal(filename, source, diagnostics,
                                     "fixes conflict with each other; file left unchanged")
                break
        current, new_code = result
        fixed.extend(d for d, _ in chosen)
        diagnostics, findings = _lint(current, new_code, filename, options)
    else:
        return _internal(filename, source, diagnostics,
                         f"fixes did not settle after {MAX_PASSES} passes; file left unchanged")
    new_source = current.bytes
    if not fixed or new_source == source:
        return FileResult(filename, tuple(diagnostics), source=source)
    lost = _first_lost_line(source, module.bytes)
    if lost is not None:
        where = Location(lost, 1)
        message = (f"Cannot fix: the parser does not reproduce line {lost} byte for byte (a form "
                   "feed before code, or a lone carriage return); file left unchanged")
        return FileResult(filename, (Diagnostic(PARSE_ERROR, message, filename, where, where), *found),
                          source=source, error=message)
    return FileResult(filename, tuple(diagnostics), tuple(fixed), source, new_source)


def _first_lost_line(source: bytes, round_trip: bytes) -> int | None:
    """The first line libcst's own rendering of ``source`` changed, or None if it is exact.

    libcst drops a form feed that precedes code on its line, and a final lone ``\\r``; a fix
    written from such a tree would change lines no rule touched.
    """
    if round_trip == source:
        return None
    old, new = source.splitlines(keepends=True), round_trip.splitlines(keepends=True)
    return next((i for i, (a, b) in enumerate(zip(old, new), start=1) if a != b), min(len(old), len(new)) + 1)


def _key(module: cst.Module, finding: Finding) -> tuple[str, str]:
    return finding.code, module.code_for_node(finding.target)


def _try_apply(module: cst.Module, findings: Sequence[Finding], strict: bool):
    """(new module, its code) if applying ``findings`` gives code that parses, else None.

    ``strict``: the original compiles with this Python, so the result must too (libcst
    also accepts syntax this Python rejects, such as PEP 701 f-strings before 3.12).
    """
    new_code = _apply(module, findings).code
    try:
        new_module = cst.parse_module(new_code.encode(module.encoding))
    except Exception:  # noqa: BLE001 - any parse failure means "don't write this"
        return None
    if strict and not _compiles(new_code):
        return None
    return new_module, new_code


def _applies(applicability: Applicability, options: Options) -> bool:
    return applicability.applies(options.unsafe_fixes)


def _compiles(code: bytes | str) -> bool:
    """Whether this Python compiles ``code``: stricter than ast.parse, which accepts, for
    example, a keyword argument given twice."""
    with warnings.catch_warnings():  # the file's own invalid escape sequences
        warnings.simplefilter("ignore")
        try:
            compile(code, "<keraslint>", "exec", dont_inherit=True)
        except (SyntaxError, ValueError, MemoryError, RecursionError):
            return False
    return True


@lru_cache(maxsize=None)
def _codes(rules: tuple[type[Rule], ...]) -> frozenset[str]:
    return frozenset(rule.code for rule in rules)


def _run_rules(module: cst.Module, options: Options) -> tuple[list[Finding], list[int | None]]:
    """The findings, and for each the top-level statement being walked when it came."""
    findings: list[Finding] = []
    statements: list[int | None] = []
    current: list[int | None] = [None]

    def report(finding: Finding) -> None:
        findings.append(finding)
        statements.append(current[0])

    selected = options.selected()
    context = Context(ImportTable.of(module), options.settings, _codes(selected),
                      frozenset(name for rule in selected for name in rule.rewrites))
    rules = [rule(context, report) for rule in selected]
    Walker.of(rules, prune=False).walk(module, lambda index: current.__setitem__(0, index))
    return findings, statements


class _Applier(cst.CSTTransformer):
    """Applies the transforms, entering only the nodes that contain a target: the rest of
    the tree is kept as it is instead of being rebuilt."""

    def __init__(self, transforms: dict[int, list[Transform]], containers: set[int]) -> None:
        super().__init__()
        self.transforms = transforms
        self.containers = containers

    def on_visit(self, node) -> bool:
        return id(node) in self.containers

    def on_leave(self, original_node, updated_node):
        for transform in self.transforms.get(id(original_node), ()):
            updated_node = transform(updated_node)
        return updated_node


def _apply(module: cst.Module, findings: Sequence[Finding], containers: set[int] | None = None,
           heads: dict | None = None) -> cst.Module:
    """``containers``: ids of nodes holding the targets, if known (a superset will do);
    ``heads``: a cache for ``_add_imports``, for many single fixes of one module."""
    transforms: dict[int, list[Transform]] = defaultdict(list)
    for finding in findings:
        transforms[id(finding.target)].append(finding.transform)
    if containers is None:
        containers = ancestors(module, set(transforms))
    fixed = module.visit(_Applier(transforms, containers))
    imports = sorted({i for finding in findings for i in finding.imports})
    definitions = sorted({d for finding in findings for d in finding.definitions})
    if imports:
        fixed = _add_imports(fixed, imports, heads)
    if definitions:
        fixed = _add_definitions(fixed, definitions)
    return fixed


def _add_imports(module: cst.Module, imports, heads: dict | None = None) -> cst.Module:
    """libcst's AddImportsVisitor, shown only the head of the module it reads and changes:
    the leading imports (after a docstring) and the statement after them. Its whole-module
    walks (and its construction) cost as much as the rest of a fix. ``heads`` keeps its
    results by the head's nodes (held, so their ids stay theirs) and the imports."""
    body = module.body
    end = next((i for i in range(1, len(body)) if not _is_import_line(body[i])), len(body))
    key = (*body[:end + 1], *imports)
    if heads is None or key not in heads:
        from libcst.codemod import CodemodContext
        from libcst.codemod.visitors import AddImportsVisitor

        context = CodemodContext()
        for needed in imports:
            AddImportsVisitor.add_needed_import(context, needed.module, needed.name, needed.asname)
        head = list(body[:end])
        if end < len(body):
            # Of the statement after the imports it may only change the blank lines before
            # it: show it a one-word stand-in (that statement can be a long class).
            head.append(cst.SimpleStatementLine([cst.Pass()], leading_lines=body[end].leading_lines))
        # visit, not transform_module: that deep-copies the module for metadata this
        # visitor does not use.
        head = list(module.with_changes(body=head).visit(AddImportsVisitor(context)).body)
        if end < len(body):
            lines = head[-1].leading_lines
            head[-1] = body[end] if len(lines) == len(body[end].leading_lines) else \
                body[end].with_changes(leading_lines=lines)
        if heads is None:
            return module.with_changes(body=[*head, *body[end + 1:]])
        heads[key] = head
    return module.with_changes(body=[*heads[key], *body[end + 1:]])


def _is_import_line(statement: cst.CSTNode) -> bool:
    """A line holding one import: what AddImportsVisitor counts as its import block."""
    return (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1
            and isinstance(statement.body[0], (cst.Import, cst.ImportFrom)))


def _add_definitions(module: cst.Module, definitions: Sequence[Definition]) -> cst.Module:
    """Insert each definition the module does not have yet, after its leading docstring and
    imports (so before any code that could use it)."""
    defined = {
        statement.name.value for statement in module.body
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef))
    }
    blank = cst.EmptyLine()
    new = []
    for definition in definitions:
        if definition.name not in defined:
            first, *rest = cst.parse_module(definition.code).body
            new += [first.with_changes(leading_lines=[blank, blank]), *rest]  # PEP 8: two blank lines
    if not new:
        return module
    body = list(module.body)
    after = 0  # after the module's leading block of docstring and imports
    for i, statement in enumerate(body):
        if not (isinstance(statement, cst.SimpleStatementLine) and all(
            isinstance(s, (cst.Import, cst.ImportFrom))
            or (isinstance(s, cst.Expr) and isinstance(s.value, cst.SimpleString) and i == 0)
            for s in statement.body
        )):
            break
        after = i + 1
    if after < len(body):  # two blank lines after the definitions, as PEP 8 asks
        leading = list(body[after].leading_lines)
        blanks = next((i for i, line in enumerate(leading) if line.comment is not None), len(leading))
        body[after] = body[after].with_changes(leading_lines=[blank] * max(0, 2 - blanks) + leading)
    return module.with_changes(body=[*body[:after], *new, *body[after:]])


_LINE_END = re.compile(r"\r\n?|\n")


class _EditFinder:
    """Text edits of single fixes, each found by diffing the target node's own text.

    Rendering only the target (not the module) keeps JSON output linear in file size.
    """

    def __init__(self, module: cst.Module, text: str, findings: Sequence[Finding],
                 statements: Sequence[int | None]) -> None:
        self.module = module
        self.text = text
        # Where each target diffed alone starts, whitespace included (its statement is
        # the one its finding's node was reported in; if not, of_findings places it anyway).
        alone = [(f.target, s) for f, s in zip(findings, statements) if f.transform is not None and not _whole(f)]
        self.positions = of_findings(module, text, [t for t, _ in alone], [s for _, s in alone],
                                     WhitespaceInclusivePositionProvider) if alone else {}
        # Lines end as libcst counts them: \r\n, \n or a lone \r.
        self.line_starts = [0, *(end.end() for end in _LINE_END.finditer(text))]
        # The nodes holding every target diffed in the whole module, found in one walk.
        whole = {id(f.target) for f in findings if _whole(f)}
        self.containers = ancestors(module, whole) if whole else set()
        self.tops = top_level_ast(module, text) if whole else None
        self.spans: dict[int, tuple[int, int] | None] = {}
        self.heads: dict = {}

    def edits(self, finding: Finding) -> tuple[Edit, ...]:
        same_head = same_tail = 0  # lengths known to be equal at both ends
        if _whole(finding):
            # A line split in several (its text depends on the enclosing indentation, which
            # the node alone does not render), or a fix that adds an import elsewhere:
            # diff the whole module.
            fixed = _apply(self.module, [finding], self.containers, self.heads)
            old, start = self.text, 0
            new = self._splice(fixed)
            if new is None:
                new = fixed.code
            else:
                new, same_head, same_tail = new
        else:
            old = self.module.code_for_node(finding.target)
            new = _code(self.module, finding.transform(finding.target))
            where = self.positions[finding.target].start
            start = self.line_starts[where.line - 1] + where.column
        limit = min(len(old), len(new))
        prefix = same_head
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = min(same_tail, limit - prefix)
        while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        return (Edit(
            new[prefix:len(new) - suffix],
            self._location(start + prefix),
            self._location(start + len(old) - suffix),
        ),)

    def _splice(self, fixed: cst.Module) -> tuple[str, int, int] | None:
        """``fixed``'s code, rendering only the top-level statements that are not the
        module's own (those keep their text), and the lengths of its unchanged ends; None
        where a span cannot be placed."""
        if "\f" in self.text or self.text.endswith("\r"):
            return None  # libcst's rendering of the untouched lines differs from the text
        old_body = self.module.body
        index = {id(statement): i for i, statement in enumerate(old_body)}
        kept = [-1]  # old statements in fixed, in order, between the bounds -1 and len
        runs: list[list[cst.CSTNode]] = [[]]  # new statements after each kept one
        for statement in fixed.body:
            i = index.get(id(statement))
            if i is None:
                runs[-1].append(statement)
            elif i <= kept[-1]:
                return None
            else:
                kept.append(i)
                runs.append([])
        kept.append(len(old_body))
        pieces, cursor, first = [], 0, None
        for before, after, run in zip(kept, kept[1:], runs):
            if not run and after == before + 1:
                continue  # nothing replaced or inserted between two kept statements
            if after == before + 1:
                return None  # an insertion alone: where is not worth finding (fixes replace a head)
            span = self._span(before + 1), self._span(after - 1)
            if None in span:
                return None
            begin, end = span[0][0], span[1][1]
            pieces += [self.text[cursor:begin], *(self.module.code_for_node(s) for s in run)]
            cursor = end
            first = begin if first is None else first
        if first is None:
            return self.text, len(self.text), len(self.text)
        pieces.append(self.text[cursor:])
        return "".join(pieces), first, len(self.text) - cursor

    def _span(self, index: int) -> tuple[int, int] | None:
        """Start and end offsets of the module's top-level statement ``index``, from the line
        ``ast`` gives its first token and the lines it owns before it; None unless its
        rendered text is at that place in the file."""
        if index in self.spans:
            return self.spans[index]
        span = None
        if self.tops is not None:
            statement = self.module.body[index]
            code = self.module.code_for_node(statement)
            line = self.tops[index][0] - lines_before(statement)
            start = self.line_starts[line - 1] if 0 < line <= len(self.line_starts) else -1
            if start >= 0 and self.text.startswith(code, start):
                span = (start, start + len(code))
        self.spans[index] = span
        return span

    def _location(self, offset: int) -> Location:
        row = bisect.bisect_right(self.line_starts, offset)
        return Location(row, offset - self.line_starts[row - 1] + 1)


def _whole(finding: Finding) -> bool:
    """Whether the fix's edit is found by diffing the whole module."""
    return isinstance(finding.target, cst.SimpleStatementLine) or bool(finding.imports or finding.definitions)


def _code(module: cst.Module, node: Replacement) -> str:
    """The text of a replacement for a node inside a line (a call, a statement, a path)."""
    if isinstance(node, cst.FlattenSentinel):  # small statements joined by semicolons
        return "".join(module.code_for_node(n) for n in node.nodes)
    return module.code_for_node(node)


def _unparsable(filename: str, source: bytes, error: Exception) -> FileResult:
    """One KL000 diagnostic with the best line:col and reason we can get."""
    row, column, reason = 1, 1, str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    undecodable = _decode_error(source)
    if undecodable is not None:
        (row, column), reason = undecodable
        where = Location(row, column)
        message = f"Failed to parse: {reason}"
        return FileResult(filename, (Diagnostic(PARSE_ERROR, message, filename, where, where),),
                          source=source, error=message)
    try:
        pyast.parse(source)
    except SyntaxError as syntax:
        row, column = max(syntax.lineno or 1, 1), max(syntax.offset or 1, 1)
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


_CODING_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+", re.M)


def _decode_error(source: bytes) -> tuple[tuple[int, int], str] | None:
    """((row, column), reason) if the bytes are not text in the file's declared encoding."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError:
        return None  # an unknown or conflicting cookie: ast reports it well
    try:
        source.decode(encoding)
    except UnicodeDecodeError as error:
        row = source.count(b"\n", 0, error.start) + 1
        column = error.start - (source.rfind(b"\n", 0, error.start) + 1) + 1
        head = b"\n".join(source.split(b"\n", 2)[:2])
        hint = "" if _CODING_COOKIE.search(head) else "; no coding cookie, so UTF-8 (PEP 263)"
        return (row, column), f"cannot decode: {error}{hint}"
    return None


def _internal(filename, source, diagnostics, message) -> FileResult:
    """keraslint's own failure on this file (a bug): reported, file untouched, exit 2."""
    where = Location(1, 1)
    message = f"internal error: {message}"
    return FileResult(
        filename,
        (Diagnostic(PARSE_ERROR, message, filename, where, where), *diagnostics),
        source=source,
        error=message,
        internal_error=True,
    )
