"""A JSON list of findings, shaped like ruff's ``--output-format json``.

In a notebook, ``cell`` is the 1-based cell and rows count from that cell's first line.
"""

from __future__ import annotations

import json
from typing import Sequence

from keraslint.diagnostics import Diagnostic, FileResult, Location
from keraslint.report import RenderOptions, diagnostics, rule_url

NEEDS_EDITS = True


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return json.dumps([item(d) for d in diagnostics(results)], indent=2, ensure_ascii=False) + "\n"


def item(d: Diagnostic) -> dict:
    fix = None
    if d.fix is not None:
        fix = {
            "applicability": d.fix.applicability.value,
            "message": d.fix.message,
            "edits": [
                {"content": e.content, "location": _loc(e.start), "end_location": _loc(e.end)}
                for e in d.fix.edits
            ],
        }
    return {
        "code": d.code,
        "message": d.message,
        "filename": d.filename,
        "cell": d.cell,
        "location": _loc(d.start),
        "end_location": _loc(d.end),
        "fix": fix,
        "noqa_row": d.start.row,
        "url": rule_url(d.code),
    }


def _loc(location: Location) -> dict:
    return {"row": location.row, "column": location.column}
