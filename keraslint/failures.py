"""KL000: a file keraslint could not process. Every such result is built here.

A file that cannot be read, decoded or parsed, a notebook that is not JSON, a fixed file that
cannot be written, and keraslint's own failures (reported as internal errors, exit 2) all
become one KL000 diagnostic, so that the report shows the file and its reason on one line.
"""

from __future__ import annotations

import io
import re
import tokenize

from keraslint import pyast
from keraslint.diagnostics import Diagnostic, FileResult, Location

PARSE_ERROR = "KL000"  # not a rule: a file that could not be read or parsed


def diagnostic(path: str, message: str, row: int = 1, column: int = 1, cell: int | None = None) -> Diagnostic:
    where = Location(row, column)
    return Diagnostic(PARSE_ERROR, message, path, where, where, cell=cell)


def not_processed(path: str, reason: str, source: bytes | None = None, *, internal: bool = False) -> FileResult:
    """The file could not be read or written, or checking it raised (``internal``: an exception
    escaped the engine). A failure the engine itself detects is :func:`internal`."""
    return FileResult(path, (not_processed_diagnostic(path, reason),), source=source, error=reason,
                      internal_error=internal)


def not_processed_diagnostic(path: str, reason: str) -> Diagnostic:
    reason = " ".join(reason.split())  # one line, whatever the exception said
    return diagnostic(path, f"Failed to process: {reason}")


def unparsable_cell(path: str, cell: int, error: SyntaxError | ValueError) -> Diagnostic:
    """A notebook cell that is not Python (it is left alone; the other cells are checked)."""
    row = getattr(error, "lineno", None) or 1
    column = getattr(error, "offset", None) or 1
    message = f"Failed to parse cell: SyntaxError: {getattr(error, 'msg', error)}"
    return diagnostic(path, message, row, column, cell=cell)


def internal(path: str, source: bytes, diagnostics, message: str) -> FileResult:
    """keraslint's own failure on this file (a bug): reported, file untouched, exit 2."""
    message = f"internal error: {message}"
    return FileResult(path, (diagnostic(path, message), *diagnostics), source=source, error=message,
                      internal_error=True)


def not_reproduced(path: str, source: bytes, line: int, diagnostics) -> FileResult:
    """libcst's rendering of the file differs from it on ``line``: a fix would change that line too."""
    message = (f"Cannot fix: the parser does not reproduce line {line} byte for byte (a form "
               "feed before code, or a lone carriage return); file left unchanged")
    return FileResult(path, (diagnostic(path, message, line), *diagnostics), source=source, error=message)


def unparsable(filename: str, source: bytes, error: Exception) -> FileResult:
    """libcst could not parse the file: the best line:col and reason we can get."""
    row, column, reason = 1, 1, str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    undecodable = _decode_error(source)
    if undecodable is not None:
        (row, column), reason = undecodable
        message = f"Failed to parse: {reason}"
        return FileResult(filename, (diagnostic(filename, message, row, column),), source=source, error=message)
    try:
        pyast.parse(source)
    except SyntaxError as syntax:
        row, column = max(syntax.lineno or 1, 1), max(syntax.offset or 1, 1)
        reason = f"SyntaxError: {syntax.msg}"
    except (ValueError, UnicodeDecodeError) as other:
        reason = f"cannot decode: {other}"
    else:
        raw_line = getattr(error, "raw_line", None)
        if raw_line:
            row, column = raw_line, (getattr(error, "raw_column", 0) or 0) + 1
        reason = f"libcst cannot parse this file: {reason}"
    message = f"Failed to parse: {reason}"
    return FileResult(filename, (diagnostic(filename, message, row, column),), source=source, error=message)


_CODING_COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+", re.M)


def _decode_error(source: bytes) -> tuple[tuple[int, int], str] | None:
    """((row, column), reason) if the bytes are not text in the file's declared encoding."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(source).readline)
    except SyntaxError:
        return None  # an unknown or conflicting cookie: ast reports it well
    try:
        source.decode(encoding)
    except UnicodeDecodeError as error:
        row = source.count(b"\n", 0, error.start) + 1
        column = error.start - (source.rfind(b"\n", 0, error.start) + 1) + 1
        head = b"\n".join(source.split(b"\n", 2)[:2])
        hint = "" if _CODING_COOKIE.search(head) else "; no coding cookie, so UTF-8 (PEP 263)"
        return (row, column), f"cannot decode: {error}{hint}"
    return None
