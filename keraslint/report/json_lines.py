"""One JSON object per line, the same objects as ``json`` (ruff's ``json-lines``)."""

from __future__ import annotations

import json
from typing import Sequence

from keraslint.diagnostics import FileResult
from keraslint.report import RenderOptions, diagnostics
from keraslint.report.json import item

NEEDS_EDITS = True


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    return "".join(
        json.dumps(item(d), ensure_ascii=False, separators=(",", ":")) + "\n"
        for d in diagnostics(results)
    )
