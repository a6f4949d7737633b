"""A JSON list of findings, shaped like ruff's ``--output-format json``."""

from __future__ import annotations

import json
from typing import Sequence

from keraslint.diagnostics import Diagnostic, FileResult, Location


def render(results: Sequence[FileResult]) -> str:
    items = [_item(d) for result in results for d in result.diagnostics]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


def _item(d: Diagnostic) -> dict:
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
        "location": _loc(d.start),
        "end_location": _loc(d.end),
        "fix": fix,
        "noqa_row": d.start.row,
    }


def _loc(location: Location) -> dict:
    return {"row": location.row, "column": location.column}
