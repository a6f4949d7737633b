"""Run the engine over paths: read, check or fix, write, and collect the results."""

from __future__ import annotations

import difflib
import io
import os
import tokenize
from dataclasses import replace
from typing import Iterable

from keraslint import files, notebook
from keraslint.diagnostics import Diagnostic, FileResult, Location
from keraslint.engine import Options, check_source
from keraslint.registry import PARSE_ERROR


def run_paths(paths: tuple[str, ...], options: Options, *, write: bool) -> list[FileResult]:
    results = []
    for candidate in files.discover(paths, options.settings.exclude):
        if candidate.error is not None:
            results.append(failed(candidate.path, candidate.error))
            continue
        results.append(run_file(candidate.path, options, write=write))
    return results


def run_file(path: str, options: Options, *, write: bool) -> FileResult:
    try:
        source = files.read(path)
    except OSError as error:
        return failed(path, error.strerror or str(error))
    if files.looks_binary(source):
        return failed(path, "binary file (contains NUL bytes)", source)
    try:
        result = _checker(path)(source, path, options)
    except Exception as error:  # noqa: BLE001 - a bug must not stop the other files
        return failed(path, f"internal error: {type(error).__name__}: {error}", source, internal=True)
    if write and result.fixed_source is not None:
        try:
            files.write_atomic(path, result.fixed_source)
        except OSError as error:
            reason = f"cannot write the fixed file: {error.strerror or error}"
            return replace(
                result,
                diagnostics=(_diagnostic(path, reason), *result.diagnostics),
                fixed=(),
                fixed_source=None,
                error=reason,
            )
    return result


def run_stdin(source: bytes, filename: str, options: Options) -> FileResult:
    if files.looks_binary(source):
        return failed(filename, "binary input (contains NUL bytes)", source)
    try:
        return _checker(filename)(source, filename, options)
    except Exception as error:  # noqa: BLE001
        return failed(filename, f"internal error: {type(error).__name__}: {error}", source, internal=True)


def _checker(path: str):
    """How a file is checked: as a notebook or as a Python module."""
    return notebook.check_notebook if notebook.is_notebook(path) else check_source


def failed(path: str, reason: str, source: bytes | None = None, *, internal: bool = False) -> FileResult:
    return FileResult(path, (_diagnostic(path, reason),), source=source, error=reason,
                      internal_error=internal)


def _diagnostic(path: str, reason: str) -> Diagnostic:
    where = Location(1, 1)
    reason = " ".join(reason.split())  # one line, whatever the exception said
    return Diagnostic(PARSE_ERROR, f"Failed to process: {reason}", path, where, where)


def unified_diff(results: Iterable[FileResult]) -> str:
    chunks = []
    for result in results:
        if result.fixed_source is None or result.source is None:
            continue
        name = result.filename.replace(os.sep, "/")
        if notebook.is_notebook(result.filename):
            chunks.extend(notebook.cell_diff(result.source, result.fixed_source, name))
            continue
        old = _text(result.source)
        new = _text(result.fixed_source)
        chunks.extend(difflib.unified_diff(
            old.splitlines(keepends=True), new.splitlines(keepends=True),
            fromfile=f"a/{name}", tofile=f"b/{name}",
        ))
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in chunks)


def _text(data: bytes) -> str:
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    except SyntaxError:
        encoding = "utf-8"
    return data.decode(encoding, errors="replace")
