"""Output formats. Each is a module here with ``render(results) -> str``.

Add a format by adding a module and a line to ``FORMATS``; the CLI offers every key.
"""

from __future__ import annotations

import importlib
from typing import Sequence

from keraslint.diagnostics import FileResult

FORMATS = {
    "text": "keraslint.report.text",
    "json": "keraslint.report.json",
}


def render(name: str, results: Sequence[FileResult]) -> str:
    return importlib.import_module(FORMATS[name]).render(results)
