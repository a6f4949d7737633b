"""Check one file: parse it with the stdlib ``ast``, lint it, and with ``--fix`` run the fix loop.

The work is split by concern: lint.py runs the rules and makes diagnostics, fixes.py applies
fixes until nothing changes (it alone parses the CST, and only for a file with a fix to
apply), edits.py computes JSON edits, transforms.py rewrites the tree, and failures.py
builds every KL000 result.
"""

from __future__ import annotations

import io
import sys
import tokenize

from keraslint import failures, pyast
from keraslint.diagnostics import FileResult
from keraslint.lint import lint
from keraslint.options import Options
from keraslint.source import Source

__all__ = ["Options", "check_source"]

#: The rule walk (and, for fixes, libcst) recurses over the tree; deeply nested but valid code
#: (a sum of a few hundred terms) needs more than Python's default limit of 1000 frames.
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
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
        text = source.decode(encoding)
        tree = pyast.parse(text)
    except (SyntaxError, ValueError, UnicodeDecodeError, LookupError, MemoryError, RecursionError) as error:
        return failures.unparsable(filename, source, error)
    code = Source(text)
    diagnostics, findings = lint(tree, code, filename, options)
    if not options.fix:
        return FileResult(filename, tuple(diagnostics), source=source)
    from keraslint.fixes import fix

    return fix(code, filename, source, options, diagnostics, findings)
