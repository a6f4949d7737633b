"""``path:line:col: KL101 [*] message``, one line per finding (ruff's concise form)."""

from __future__ import annotations

from typing import Sequence

from keraslint.diagnostics import FileResult


def render(results: Sequence[FileResult]) -> str:
    lines = []
    for result in results:
        for d in result.diagnostics:
            marker = " [*]" if d.fixable else ""
            lines.append(f"{d.filename}:{d.start.row}:{d.start.column}: {d.code}{marker} {d.message}")
    return "".join(line + "\n" for line in lines)
