"""JUnit XML: a test suite per file, a failing test case per finding (ruff's ``junit``).

With nothing found, one passing case ("No errors found"), so CI shows a green run.
"""

from __future__ import annotations

import os
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from keraslint.diagnostics import FileResult
from keraslint.report import RenderOptions, file_span


def render(results: Sequence[FileResult], options: RenderOptions) -> str:
    with_findings = [r for r in results if r.diagnostics]
    total = sum(len(r.diagnostics) for r in with_findings)
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<testsuites name="keraslint" tests="{total or 1}" failures="{total}" errors="0">']
    if not with_findings:
        out += ['    <testsuite name="keraslint" tests="1" disabled="0" errors="0" failures="0"'
                ' package="org.keraslint">',
                '        <testcase name="No errors found" classname="keraslint"/>',
                "    </testsuite>"]
    for result in with_findings:
        count = len(result.diagnostics)
        out.append(f"    <testsuite name={quoteattr(result.filename)} tests=\"{count}\" disabled=\"0\""
                   f" errors=\"0\" failures=\"{count}\" package=\"org.keraslint\">")
        classname = os.path.splitext(result.filename)[0].replace(os.sep, "/")
        for d in result.diagnostics:
            start, _ = file_span(d)
            cell = "" if d.cell is None else f"cell {d.cell}, "
            text = f"{cell}line {d.start.row}, col {d.start.column}, {d.message}"
            out += [f"        <testcase name=\"org.keraslint.{d.code}\" classname={quoteattr(classname)}"
                    f" line=\"{start.row}\" column=\"{start.column}\">",
                    f"            <failure message={quoteattr(d.message)}>{escape(text)}</failure>",
                    "        </testcase>"]
        out.append("    </testsuite>")
    out.append("</testsuites>")
    return "\n".join(out) + "\n"
