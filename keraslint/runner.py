"""Run the engine over paths: read, check or fix, write, and collect the results."""

from __future__ import annotations

import difflib
import io
import os
import tokenize
from dataclasses import replace
from typing import TYPE_CHECKING, Iterable

from keraslint import failures, files
from keraslint.diagnostics import FileResult

if TYPE_CHECKING:  # engine and notebook import libcst: only when a file is checked
    from keraslint.cache import Cache
    from keraslint.options import Options


def run_paths(paths: tuple[str, ...], options: Options, *, write: bool, cache: Cache | None = None,
              jobs: int = 1, keep_sources: bool = True) -> list[FileResult]:
    """Results in the order the files were found, whatever ``cache`` and ``jobs`` are.

    Files are read here; unchanged ones come from ``cache``; the others are read again and
    checked where they run, over ``jobs`` processes when there is enough Keras code to be
    worth it, so no file's bytes wait in memory. Without ``keep_sources`` a result keeps its
    bytes only when it has a fix (for the diff): memory stays flat in the number of files.
    """
    results: list[FileResult | None] = []
    heavy: list[tuple[int, str, int]] = []  # (index, path, size): files to check

    def keep(result: FileResult) -> FileResult:
        if keep_sources or result.fixed_source is not None or result.source is None:
            return result
        return replace(result, source=None)

    for candidate in files.discover(paths, options.settings.exclude):
        index = len(results)
        results.append(None)
        if candidate.error is not None:
            results[index] = failures.not_processed(candidate.path, candidate.error)
            continue
        path = candidate.path
        try:
            source = files.read(path)
        except OSError as error:
            results[index] = failures.not_processed(path, error.strerror or str(error))
            continue
        if b"keras" not in source or files.looks_binary(source):
            results[index] = keep(process(path, source, options, write=write))  # instant: prefiltered
            continue
        if cache is not None:
            hit = cache.get(cache.entry_key(path, source, files.is_notebook(path)), path, source)
            if hit is not None:
                results[index] = keep(_write(hit) if write and hit.fixed_source is not None else hit)
                continue
        heavy.append((index, path, len(source)))
    from keraslint import parallel

    def work(path: str) -> tuple[str | None, FileResult]:
        """The result, and its cache key from the very bytes that were checked."""
        try:
            source = files.read(path)
        except OSError as error:
            return None, failures.not_processed(path, error.strerror or str(error))
        key = None if cache is None else cache.entry_key(path, source, files.is_notebook(path))
        return key, process(path, source, options, write=write)

    def warm() -> None:  # import and exercise the parser and the rules before forking
        from keraslint.engine import check_source

        check_source(b"import keras\nkeras.layers.Dense(1)\n", "<warm-up>", options)

    for index, (key, result) in parallel.run(heavy, work, jobs, warm):
        if key is not None and result.error is None and not (write and result.fixed_source):
            cache.put(key, result)
        results[index] = keep(result)
    return results  # type: ignore[return-value] - every slot is filled


def run_file(path: str, options: Options, *, write: bool) -> FileResult:
    try:
        source = files.read(path)
    except OSError as error:
        return failures.not_processed(path, error.strerror or str(error))
    return process(path, source, options, write=write)


def process(path: str, source: bytes, options: Options, *, write: bool) -> FileResult:
    """Check (or fix) one file's bytes; with ``write``, write the fixed file."""
    if files.looks_binary(source):
        return failures.not_processed(path, "binary file (contains NUL bytes)", source)
    if b"keras" not in source and not files.is_notebook(path):
        return FileResult(path, source=source)  # engine.check_source's prefilter, without importing it
    try:
        result = _checker(path)(source, path, options.for_path(path))
    except Exception as error:  # noqa: BLE001 - a bug must not stop the other files
        return failures.not_processed(path, f"internal error: {type(error).__name__}: {error}", source, internal=True)
    if write and result.fixed_source is not None:
        return _write(result)
    return result


def _write(result: FileResult) -> FileResult:
    path = result.filename
    try:
        files.write_atomic(path, result.fixed_source)
    except OSError as error:
        reason = f"cannot write the fixed file: {error.strerror or error}"
        return replace(
            result,
            diagnostics=(failures.not_processed_diagnostic(path, reason), *result.diagnostics),
            fixed=(),
            fixed_source=None,
            error=reason,
        )
    return result


def run_stdin(source: bytes, filename: str, options: Options) -> FileResult:
    if files.looks_binary(source):
        return failures.not_processed(filename, "binary input (contains NUL bytes)", source)
    try:
        return _checker(filename)(source, filename, options.for_path(filename))
    except Exception as error:  # noqa: BLE001
        return failures.not_processed(filename, f"internal error: {type(error).__name__}: {error}", source, internal=True)


def _checker(path: str):
    """How a file is checked: as a notebook or as a Python module."""
    if files.is_notebook(path):
        from keraslint.notebook import check_notebook

        return check_notebook
    from keraslint.engine import check_source

    return check_source


def unified_diff(results: Iterable[FileResult]) -> str:
    chunks = []
    for result in results:
        if result.fixed_source is None or result.source is None:
            continue
        name = result.filename.replace(os.sep, "/")
        if files.is_notebook(result.filename):
            from keraslint.notebook import cell_diff

            chunks.extend(cell_diff(result.source, result.fixed_source, name))
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
