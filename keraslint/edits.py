"""Text edits of single fixes, for JSON output and editors: each found by diffing its target."""

from __future__ import annotations

import bisect
import re
from typing import Sequence

import libcst as cst
from libcst.metadata import WhitespaceInclusivePositionProvider

from keraslint.diagnostics import Edit, Location
from keraslint.positions import lines_before, of_findings, top_level_ast
from keraslint.rule import Finding, Replacement
from keraslint.transforms import apply
from keraslint.walk import ancestors


_LINE_END = re.compile(r"\r\n?|\n")


class EditFinder:
    """Text edits of single fixes, each found by diffing the target node's own text.

    Rendering only the target (not the module) keeps JSON output linear in file size.
    """

    def __init__(self, module: cst.Module, text: str, findings: Sequence[Finding],
                 statements: Sequence[int | None]) -> None:
        self.module = module
        self.text = text
        # Where each target diffed alone starts, whitespace included (its top-level
        # statement found by locate.bind).
        alone = [(f.target, s) for f, s in zip(findings, statements) if f.transform is not None and not diffs_whole_module(f)]
        self.positions = of_findings(module, text, [t for t, _ in alone], [s for _, s in alone],
                                     WhitespaceInclusivePositionProvider) if alone else {}
        # Lines end as libcst counts them: \r\n, \n or a lone \r.
        self.line_starts = [0, *(end.end() for end in _LINE_END.finditer(text))]
        # The nodes holding every target diffed in the whole module, found in one walk.
        whole = {id(f.target) for f in findings if diffs_whole_module(f)}
        self.containers = ancestors(module, whole) if whole else set()
        self.tops = top_level_ast(module, text) if whole else None
        self.spans: dict[int, tuple[int, int] | None] = {}
        self.heads: dict = {}

    def edits(self, finding: Finding) -> tuple[Edit, ...]:
        same_head = same_tail = 0  # lengths known to be equal at both ends
        if diffs_whole_module(finding):
            # A line split in several (its text depends on the enclosing indentation, which
            # the node alone does not render), or a fix that adds an import elsewhere:
            # diff the whole module.
            fixed = apply(self.module, [finding], self.containers, self.heads)
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


def diffs_whole_module(finding: Finding) -> bool:
    """Whether the fix's edit is found by diffing the whole module."""
    return isinstance(finding.target, cst.SimpleStatementLine) or bool(finding.imports or finding.definitions)


def _code(module: cst.Module, node: Replacement) -> str:
    """The text of a replacement for a node inside a line (a call, a statement, a path)."""
    if isinstance(node, cst.FlattenSentinel):  # small statements joined by semicolons
        return "".join(module.code_for_node(n) for n in node.nodes)
    return module.code_for_node(node)
