"""Check one file: parse it once, lint it, and with ``--fix`` run the fix loop.

The work is split by concern: lint.py runs the rules and makes diagnostics, fixes.py applies
fixes until nothing changes, edits.py computes JSON edits, transforms.py rewrites the tree,
and failures.py builds every KL000 result.
"""

from __future__ import annotations

import sys

import libcst as cst

from keraslint import failures
from keraslint.diagnostics import FileResult
from keraslint.fixes import fix
from keraslint.lint import lint
from keraslint.options import Options

__all__ = ["Options", "check_source"]

#: libcst walks the tree recursively; deeply nested but valid code (a sum of a few hundred
#: terms) needs more than Python's default limit of 1000 frames.
RECURSION_LIMIT = 20_000


def check_source(source: bytes, filename: str, options: Options) -> FileResult:
    """Lint (and with ``options.fix``, fix) one file's bytes. Never raises on bad input."""
    if b"keras" not in source:  # nothing here can be about Keras: skip the parse
        return FileResult(filename, source=source)
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, RECURSION_LIMIT))
    try:
        return _check(source, filename, options)
    finally:
        sys.setrecursionlimit(limit)


def _check(source: bytes, filename: str, options: Options) -> FileResult:
    try:
        module = cst.parse_module(source)
    except Exception as error:  # noqa: BLE001 - libcst raises several types
        return failures.unparsable(filename, source, error)
    text = source.decode(module.encoding)
    diagnostics, findings = lint(module, text, filename, options)
    if not options.fix:
        return FileResult(filename, tuple(diagnostics), source=source)
    return fix(module, filename, source, options, diagnostics, findings)
