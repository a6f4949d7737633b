"""Finding files, reading them, and writing fixed files atomically."""

from __future__ import annotations

import errno
import fnmatch
import os
import re
import signal
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

#: Directories never entered when expanding a directory argument.
SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".bzr", ".tox", ".nox", ".venv", "venv", ".eggs", "build", "dist",
    "__pycache__", "site-packages", "node_modules", ".mypy_cache", ".pytest_cache",
    ".ruff_cache", ".keraslint_cache", ".ipynb_checkpoints",
})


@dataclass(frozen=True, slots=True)
class Candidate:
    path: str  # as the user will see it
    error: str | None = None  # set when the path itself is unusable


def discover(paths: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[Candidate]:
    """Files to check: explicit files as given, directories expanded to their *.py and
    *.ipynb files.

    ``exclude`` globs apply to explicit files too, so that a pre-commit hook honours them,
    and to everything below an explicit directory, but not to that directory itself.
    """
    seen: set[str] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, exclude):
                key = os.path.normpath(found)
                if key not in seen:
                    seen.add(key)
                    yield Candidate(found)
        elif _excluded(path, exclude):
            continue
        elif path.is_file():
            key = os.path.normpath(raw)
            if key not in seen:
                seen.add(key)
                yield Candidate(raw)
        elif path.is_symlink():
            yield Candidate(raw, "broken symbolic link")
        elif not path.exists():
            yield Candidate(raw, "No such file or directory")
        else:
            yield Candidate(raw, "not a regular file")


def _walk(root: Path, exclude: tuple[str, ...]) -> Iterator[str]:
    for directory, dirnames, filenames in os.walk(root, onerror=None):
        base = Path(directory)
        dirnames[:] = sorted(
            d for d in dirnames
            if d not in SKIPPED_DIRS
            and not d.endswith(".egg-info")
            and not (base / d / "pyvenv.cfg").exists()
            and not _excluded(base / d, exclude)
        )
        for name in sorted(filenames):
            if name.endswith((".py", ".ipynb")) and not _excluded(base / name, exclude):
                yield str(base / name)


def matches(path: str, pattern: str) -> bool:
    """Whether ``pattern`` (a glob, as in ``exclude``) matches the file ``path``."""
    return _excluded(Path(path), (pattern,))


def _excluded(path: Path, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    text = path.as_posix()
    parts = path.parts
    for pattern in patterns:
        if fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(path.name, pattern):
            return True
        if any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
        if fnmatch.fnmatch(text, f"*/{pattern}") or fnmatch.fnmatch(text, f"{pattern}/*"):
            return True
    return False


def is_notebook(path: str) -> bool:
    return path.endswith(".ipynb")


def read(path: str) -> bytes:
    """The file's bytes. Raises OSError with a short reason.

    Opened non-blocking and checked with fstat, so that a FIFO or a device named ``*.py``
    is reported instead of hanging the run or filling memory.
    """
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if os.path.islink(path):
            raise OSError(errno.ENOENT, "broken symbolic link", path) from None
        raise
    with open(handle, "rb") as stream:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", path)
        return stream.read()


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data  # Python refuses NUL anywhere in a source file


#: Temp files carry the writer's pid, so a later run can tell a killed run's leftovers
#: (pid no longer alive) from another live run's file in progress.
_TEMP_PREFIX = ".keraslint-"
_TEMP_NAME = re.compile(r"\.keraslint-(\d+)-[^.]*\.tmp")
_swept: set[str] = set()


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so that readers see the old or the new file, never half.

    Writes a temp file in the same directory, keeps the original's mode (and owner where
    permitted), then renames. An exception (KeyboardInterrupt included) removes the temp
    file; a SIGKILL can leave one, which the next write in that directory removes.
    """
    target = os.path.realpath(path)
    directory = os.path.dirname(target) or "."
    status = os.stat(target)
    if not status.st_mode & 0o222:  # root may write anyway; a read-only file says "don't"
        raise PermissionError(f"{path} is read-only")
    remove_stale_temp_files(directory)
    held = _hold_signals()  # a SIGTERM or Ctrl-C between creating the temp file and the `try`
    try:                    # that removes it would strand it: they wait until inside
        handle, temp = tempfile.mkstemp(prefix=f"{_TEMP_PREFIX}{os.getpid()}-", suffix=".tmp", dir=directory)
    except BaseException:
        _release_signals(held)
        raise
    try:
        _release_signals(held)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, status.st_mode & 0o7777)
        try:
            os.chown(temp, status.st_uid, status.st_gid)
        except OSError:
            pass  # not permitted for other owners; the mode is what matters
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


_HELD = ("SIGINT", "SIGTERM")


def _hold_signals():
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {getattr(signal, name) for name in _HELD})


def _release_signals(previous) -> None:
    if previous is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def remove_stale_temp_files(directory: str) -> None:
    """Delete temp files left in ``directory`` by keraslint runs that were killed."""
    if directory in _swept:
        return
    _swept.add(directory)
    try:
        names = os.listdir(directory)
    except OSError:
        return
    for name in names:
        match = _TEMP_NAME.fullmatch(name)
        if match and not _alive(int(match.group(1))):
            try:
                os.unlink(os.path.join(directory, name))
            except OSError:
                pass


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":  # on Windows os.kill(pid, 0) would kill it
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True
