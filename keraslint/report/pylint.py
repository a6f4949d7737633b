"""``path:line: [KL101] message``, the form pylint's parsers read (ruff's ``pylint``)."""

from __future__ import annotations

from typing import Sequence

from keraslint.diagnostics import FileResult
from keraslint.report import RenderOptions, diagnostics


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return "".join(
        f"{d.filename}:{'' if d.cell is None else f'cell {d.cell}:'}{d.start.row}: [{d.code}] {d.message}\n"
        for d in diagnostics(results)
    )
