"""Each finding with its source lines, a caret under it, and a preview of its fix (ruff's ``full``).

```
model.py:3:5: KL101 [*] `Dense` relies on the implicit `kernel_initializer` default
  |
3 | m = Dense(3)
  |     ^^^^^^^^ KL101
  |
  = help: Pin `kernel_initializer='glorot_uniform'`
```

(with up to two lines of context each side), then the fix: ``Safe fix``, the old lines
numbered on the left with ``-``, the new ones numbered on the right with ``+``.
"""

from __future__ import annotations

import difflib
from typing import Sequence

from keraslint.diagnostics import Diagnostic, Edit, FileResult
from keraslint.report import RenderOptions, paint
from keraslint.report.concise import headline

NEEDS_EDITS = True
CONTEXT = 2  # source lines shown before and after the finding
LABELS = {"safe": "Safe fix", "unsafe": "Unsafe fix", "display-only": "Display-only fix"}


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    out: list[str] = []
    for result in results:
        for d in result.diagnostics:
            out.append(headline(d, options))
            lines = _source_lines(result, d)
            if lines:
                out += _snippet(d, lines, options)
                out += _preview(d, lines, options)
            out.append("")
    return "".join(line + "\n" for line in out)


def _source_lines(result: FileResult, d: Diagnostic) -> list[str]:
    """The lines the finding's rows count in: the file's, or its notebook cell's."""
    if result.source is None or result.error is not None:
        return []
    if d.cell is not None:
        from keraslint.notebook import cell_text

        text = cell_text(result.source, d.cell)
    else:
        from keraslint.runner import _text

        text = _text(result.source)
    return text.splitlines()


def _snippet(d: Diagnostic, lines: list[str], options: RenderOptions) -> list[str]:
    first = max(1, d.start.row - CONTEXT)
    last = min(len(lines), d.start.row + CONTEXT)
    while first < d.start.row and not lines[first - 1].strip():
        first += 1
    while last > d.start.row and not lines[last - 1].strip():
        last -= 1
    width = len(str(last))
    bar = paint("|", options, fg="blue", bold=True)
    gutter = " " * width
    out = [f"{gutter} {bar}"]
    for row in range(first, last + 1):
        number = paint(str(row).rjust(width), options, fg="blue", bold=True)
        out.append(f"{number} {bar} {lines[row - 1]}".rstrip())
        if row == d.start.row:
            line = lines[row - 1]
            stop = d.end.column if d.end.row == row else len(line) + 1
            carets = "^" * max(1, stop - d.start.column)
            out.append(f"{gutter} {bar} {' ' * (d.start.column - 1)}"
                       f"{paint(carets + ' ' + d.code, options, fg='red', bold=True)}")
    out.append(f"{gutter} {bar}")
    if d.fix is not None and d.fix.message:
        out.append(f"{gutter} = {paint('help', options, bold=True)}: {d.fix.message}")
    return out


def _preview(d: Diagnostic, lines: list[str], options: RenderOptions) -> list[str]:
    """The lines the fix changes, old numbered on the left and new on the right."""
    if d.fix is None or not d.fix.edits:
        return []
    new = _apply(lines, d.fix.edits).splitlines()
    changes = [op for op in difflib.SequenceMatcher(None, lines, new, autojunk=False).get_opcodes()
               if op[0] != "equal"]
    if not changes:
        return []
    width = len(str(max(len(lines), len(new))))
    out = ["", f"  {paint(LABELS[d.fix.applicability.value], options, bold=True)}"]
    for _, i1, i2, j1, j2 in changes:
        for row in range(i1, i2):
            out.append(paint(f"{row + 1:>{width}} {'':>{width}} |-{lines[row]}", options, fg="red"))
        for row in range(j1, j2):
            out.append(paint(f"{'':>{width}} {row + 1:>{width}} |+{new[row]}", options, fg="green"))
    return out


def _apply(lines: list[str], edits: Sequence[Edit]) -> str:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    text = "\n".join(lines) + "\n"

    def offset(location) -> int:
        return starts[location.row - 1] + location.column - 1

    for edit in sorted(edits, key=lambda e: offset(e.start), reverse=True):
        text = text[:offset(edit.start)] + edit.content + text[offset(edit.end):]
    return text
