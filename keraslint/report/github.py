"""GitHub Actions workflow commands: one annotation per finding on the changed file.

``::warning file=F,line=L,col=C,endLine=L,endColumn=C,title=KL101::F:L:C: KL101 message``;
a file that could not be processed (KL000) is an ``::error``. Values are escaped as the
runner expects (``%``, CR, LF everywhere; also ``:`` and ``,`` inside properties).
"""

from __future__ import annotations

from typing import Sequence

from keraslint.diagnostics import FileResult
from keraslint.registry import PARSE_ERROR
from keraslint.report import RenderOptions, diagnostics, file_span, position


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    lines = []
    for d in diagnostics(results):
        start, end = file_span(d)
        level = "error" if d.code == PARSE_ERROR else "warning"
        properties = ",".join(f"{key}={_property(str(value))}" for key, value in (
            ("file", d.filename), ("line", start.row), ("col", start.column),
            ("endLine", end.row), ("endColumn", end.column), ("title", d.code),
        ))
        message = f"{d.filename}:{position(d)}: {d.code} {d.message}"
        lines.append(f"::{level} {properties}::{_data(message)}\n")
    return "".join(lines)


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
