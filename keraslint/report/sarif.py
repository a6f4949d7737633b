"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` describes each rule that has a result (its summary, its
Markdown docs, its ``helpUri`` in docs/rules.md); each result has its location and, when the
fix's edits are known, the fix as a replacement. Paths stay as given (relative paths are
resolved by the viewer against the checkout); absolute paths become ``file://`` URIs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from keraslint import __version__
from keraslint.diagnostics import Diagnostic, FileResult
from keraslint.registry import PARSE_ERROR, all_rules
from keraslint.report import TOOL_URL, RenderOptions, diagnostics, file_span, position, rule_name, rule_url

NEEDS_EDITS = True
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    found = list(diagnostics(results))
    codes = sorted({d.code for d in found})
    index = {code: i for i, code in enumerate(codes)}
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "keraslint",
                "informationUri": TOOL_URL,
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(code) for code in codes],
            }},
            "columnKind": "unicodeCodePoints",
            "results": [_result(d, index[d.code]) for d in found],
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _rule(code: str) -> dict:
    if code == PARSE_ERROR:
        summary = "A file could not be read or parsed"
        docs = "keraslint could not read or parse this file, so it was not checked or changed."
        level = "error"
    else:
        rule = all_rules()[code]
        summary, docs, level = rule.summary, rule.docs(), "warning"
    return {
        "id": code,
        "name": rule_name(code),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": docs},
        "help": {"text": docs, "markdown": docs},
        "helpUri": rule_url(code),
        "defaultConfiguration": {"level": level},
    }


def _result(d: Diagnostic, rule_index: int) -> dict:
    start, end = file_span(d)
    message = d.message if d.cell is None else f"{position(d)}: {d.message}"
    artifact = {"uri": _uri(d.filename)}
    result = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": "error" if d.code == PARSE_ERROR else "warning",
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact,
            "region": _region(start, end),
        }}],
    }
    if d.fix is not None and d.fix.edits and d.cell is None:
        result["fixes"] = [{
            "description": {"text": f"{d.fix.message} ({d.fix.applicability.value} fix)"},
            "artifactChanges": [{
                "artifactLocation": artifact,
                "replacements": [
                    {"deletedRegion": _region(e.start, e.end), "insertedContent": {"text": e.content}}
                    for e in d.fix.edits
                ],
            }],
        }]
    return result


def _region(start, end) -> dict:
    return {"startLine": start.row, "startColumn": start.column,
            "endLine": end.row, "endColumn": end.column}


def _uri(filename: str) -> str:
    path = Path(filename)
    if path.is_absolute():
        return path.as_uri()
    from urllib.parse import quote

    return quote(path.as_posix())
