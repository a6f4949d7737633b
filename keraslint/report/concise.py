"""``path:line:col: KL101 [*] message``, one line per finding (ruff's concise form).

In a notebook the location is ``path:cell N:line:col``.
"""

from __future__ import annotations

from typing import Sequence

from keraslint.diagnostics import Diagnostic, FileResult
from keraslint.report import RenderOptions, diagnostics, fixable, paint, position


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return "".join(headline(d, options) + "\n" for d in diagnostics(results))


def headline(d: Diagnostic, options: RenderOptions) -> str:
    colon = paint(":", options, fg="cyan")
    where = colon.join(paint(part, options, bold=part == d.filename)
                       for part in (d.filename, *position(d).split(":")))
    marker = " " + paint("[*]", options, fg="cyan") if fixable(d, options) else ""
    return f"{where}{colon} {paint(d.code, options, fg='red', bold=True)}{marker} {d.message}"
