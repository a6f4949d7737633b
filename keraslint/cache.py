"""A content-hash cache of results in ``.keraslint_cache/``, so an unchanged file is not re-checked.

An entry is keyed by the file's bytes, its path and whether it is a notebook; entries live in
a folder keyed by everything else a result depends on: keraslint's version, a fingerprint of
its own source files (so editing a rule invalidates the cache), Python's version, the
effective settings (rules selected, settings, target) and the mode (--fix, --unsafe-fixes,
edits for JSON). A changed file has a new hash, so a stale result is never served. Entries
are JSON (never unpickled code), written to a temp file and renamed into place; an entry
that cannot be read or decoded is treated as missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import fields
from pathlib import Path

from keraslint.diagnostics import Applicability, Diagnostic, Edit, FileResult, Fix, Location

DIRECTORY = ".keraslint_cache"
_PACKAGE = Path(__file__).resolve().parent


def _package_fingerprint() -> str:
    """Size and mtime of every module of keraslint: a rule edited in place changes results."""
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(_PACKAGE.rglob("*.py")):
        status = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)}:{status.st_size}:{status.st_mtime_ns};".encode())
    return digest.hexdigest()


def config_key(options) -> str:
    """Everything except the file that a result depends on, as one hash."""
    import keraslint

    settings = options.settings
    parts = {
        "version": keraslint.__version__,
        "package": _package_fingerprint(),
        "python": list(sys.version_info[:2]),
        "settings": {f.name: repr(getattr(settings, f.name)) for f in fields(settings) if f.compare},
        # With rules=None the selection follows from the settings and the package.
        "rules": None if options.rules is None else [rule.code for rule in options.rules],
        "mode": [options.fix, options.unsafe_fixes, options.edits],
    }
    return hashlib.blake2b(json.dumps(parts, sort_keys=True).encode(), digest_size=16).hexdigest()


def root_for(config_file: Path | None) -> Path:
    """Where the cache folder goes: next to the configuration file, else the working directory."""
    return config_file.resolve().parent if config_file is not None else Path.cwd()


class Cache:
    def __init__(self, root: Path, options) -> None:
        self.top = root / DIRECTORY
        self.folder = self.top / config_key(options)
        self._ready = False

    @staticmethod
    def entry_key(path: str, source: bytes, notebook: bool) -> str:
        digest = hashlib.blake2b(digest_size=20)
        digest.update(f"{os.path.normpath(path)}\0{int(notebook)}\0".encode("utf-8", "surrogateescape"))
        digest.update(source)
        return digest.hexdigest()

    def get(self, key: str, filename: str, source: bytes) -> FileResult | None:
        try:
            with open(self.folder / key[:2] / key, encoding="utf-8") as handle:
                return _decode(json.load(handle), filename, source)
        except Exception:  # noqa: BLE001 - missing, unreadable or corrupt: a miss
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Store ``result`` atomically; a cache that cannot be written is no error."""
        if result.internal_error:
            return  # a keraslint bug is reported every time, not remembered
        try:
            self._prepare()
            folder = self.folder / key[:2]
            folder.mkdir(exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=folder)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    json.dump(_encode(result), out, separators=(",", ":"))
                os.replace(temp, folder / key)
            except BaseException:
                os.unlink(temp)
                raise
        except OSError:
            pass

    def _prepare(self) -> None:
        if self._ready:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        ignore = self.top / ".gitignore"
        if not ignore.exists():  # like ruff's cache: never committed by accident
            ignore.write_text("# Created by keraslint.\n*\n", encoding="utf-8")
        self._ready = True


def clean(root: Path) -> bool:
    """Remove ``root/.keraslint_cache``; True if there was one."""
    folder = root / DIRECTORY
    if not folder.is_dir():
        return False
    shutil.rmtree(folder)
    return True


def _encode(result: FileResult) -> dict:
    return {
        "diagnostics": [_diagnostic(d) for d in result.diagnostics],
        "fixed": [_diagnostic(d) for d in result.fixed],
        "fixed_source": None if result.fixed_source is None else result.fixed_source.decode("latin-1"),
        "error": result.error,
    }


def _diagnostic(d: Diagnostic) -> list:
    fix = None if d.fix is None else [
        d.fix.applicability.value, d.fix.message,
        [[e.content, e.start.row, e.start.column, e.end.row, e.end.column] for e in d.fix.edits],
    ]
    return [d.code, d.message, d.start.row, d.start.column, d.end.row, d.end.column, fix, d.cell]


def _decode(data: dict, filename: str, source: bytes) -> FileResult:
    fixed_source = data["fixed_source"]
    return FileResult(
        filename,
        tuple(_undiagnostic(d, filename) for d in data["diagnostics"]),
        tuple(_undiagnostic(d, filename) for d in data["fixed"]),
        source,
        None if fixed_source is None else fixed_source.encode("latin-1"),
        data["error"],
    )


def _undiagnostic(item: list, filename: str) -> Diagnostic:
    code, message, row, column, end_row, end_column, fix, cell = item
    if fix is not None:
        applicability, title, edits = fix
        fix = Fix(Applicability(applicability), title, tuple(
            Edit(content, Location(a, b), Location(c, d)) for content, a, b, c, d in edits
        ))
    return Diagnostic(code, message, filename, Location(row, column), Location(end_row, end_column), fix, cell)
