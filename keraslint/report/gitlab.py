"""GitLab Code Quality report: a JSON list of issues (ruff's ``gitlab``).

Each issue has ``check_name``, ``description`` (prefixed with the code, since GitLab does not
show ``check_name``), ``severity``, ``fingerprint`` and ``location`` (path, begin and end).
Paths are relative to ``$CI_PROJECT_DIR`` when it is set. The fingerprint hashes the code,
path and message (not the line), so a finding keeps it when code above it moves; repeats of
the same finding in one file get distinct fingerprints.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import Sequence

from keraslint.diagnostics import FileResult
from keraslint.registry import PARSE_ERROR
from keraslint.report import RenderOptions, diagnostics, file_span, position


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    project = os.environ.get("CI_PROJECT_DIR")
    seen: set[str] = set()
    issues = []
    for d in diagnostics(results):
        path = d.filename
        if project:
            path = os.path.relpath(os.path.abspath(path), project)
        path = path.replace(os.sep, "/")
        fingerprint = _fingerprint(d.code, path, d.message, "")
        while fingerprint in seen:
            fingerprint = _fingerprint(d.code, path, d.message, fingerprint)
        seen.add(fingerprint)
        start, end = file_span(d)
        where = "" if d.cell is None else f" ({position(d)})"
        issues.append({
            "check_name": d.code,
            "description": f"{d.code}: {d.message}{where}",
            "severity": "blocker" if d.code == PARSE_ERROR else "major",
            "fingerprint": fingerprint,
            "location": {
                "path": path,
                "positions": {
                    "begin": {"line": start.row, "column": start.column},
                    "end": {"line": end.row, "column": end.column},
                },
            },
        })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def _fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:32]
