"""Output formats. Each is a module here with ``render(results, options) -> str``.

Add a format by adding a module and a line to ``FORMATS``; the CLI offers every key. A module
that sets ``NEEDS_EDITS = True`` gets the text edits of each fix (they cost a little time).
This module also holds what several formats share: where a finding is, in words, its rule's
name and documentation link, and color.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Iterator, Sequence

from keraslint.diagnostics import Diagnostic, FileResult, Location

FORMATS = {
    "text": "keraslint.report.concise",  # the default; the same as concise
    "concise": "keraslint.report.concise",
    "full": "keraslint.report.full",
    "json": "keraslint.report.json",
    "json-lines": "keraslint.report.json_lines",
    "github": "keraslint.report.github",
    "gitlab": "keraslint.report.gitlab",
    "sarif": "keraslint.report.sarif",
    "junit": "keraslint.report.junit",
    "pylint": "keraslint.report.pylint",
}

#: Where each rule's documentation is published; ``docs/rules.md`` has an anchor per rule.
RULES_URL = "https://github.com/keraslint/keraslint/blob/main/docs/rules.md"
TOOL_URL = "https://github.com/keraslint/keraslint"


@dataclass(frozen=True)
class RenderOptions:
    color: bool = False
    unsafe_fixes: bool = False  # unsafe fixes would apply, so mark them fixable too


def render(name: str, results: Sequence[FileResult], options: RenderOptions = RenderOptions()) -> str:
    return importlib.import_module(FORMATS[name]).render(results, options)


def needs_edits(name: str) -> bool:
    return getattr(importlib.import_module(FORMATS[name]), "NEEDS_EDITS", False)


def diagnostics(results: Sequence[FileResult]) -> Iterator[Diagnostic]:
    for result in results:
        yield from result.diagnostics


def position(d: Diagnostic) -> str:
    """``row:col``, or ``cell N:row:col`` in a notebook (ruff's form)."""
    where = f"{d.start.row}:{d.start.column}"
    return where if d.cell is None else f"cell {d.cell}:{where}"


def file_span(d: Diagnostic) -> tuple[Location, Location]:
    """Start and end in the file itself. A notebook cell's rows are not rows of the .ipynb,
    so formats without a cell field point at the file's start (as ruff does) and say the cell
    in the message."""
    if d.cell is None:
        return d.start, d.end
    return Location(1, 1), Location(1, 1)


def fixable(d: Diagnostic, options: RenderOptions) -> bool:
    """``[*]``: ``--fix`` (with the ``--unsafe-fixes`` given) would apply this finding's fix."""
    return d.fix is not None and d.fix.applicability.applies(options.unsafe_fixes)


def rule_name(code: str) -> str:
    from keraslint.registry import PARSE_ERROR, all_rules

    if code == PARSE_ERROR:
        return "file-not-processed"
    return all_rules()[code].name


def rule_url(code: str) -> str:
    """The rule's section of docs/rules.md (the anchor GitHub makes from its heading)."""
    return f"{RULES_URL}#{code.lower()}-{rule_name(code)}"


def paint(text: str, options: RenderOptions, **style) -> str:
    """``text`` in ANSI color when color is on (click.style arguments: fg, bold, ...)."""
    if not options.color:
        return text
    import click

    return click.style(text, **style)
