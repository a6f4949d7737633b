"""Where a file lives in its project, and the scratch trees validation builds from.

A module of a package must import as the package does (relative imports, sibling modules), so
validation ports the project's modules a file reaches, once naive and once fixed, into scratch
trees laid out like the original, and runs the file there with its package set. The reference
child (Keras 2.2.4) gets an untouched copy. Only modules the files reach are ported: a file deep
in a large repository costs what it imports, not the repository.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

#: A directory holding one of these is a project's root.
ROOT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
#: Files and directories of a project that are not run unless named on the command line.
NOT_RUN_FILES = frozenset({"setup.py", "conftest.py", "noxfile.py", "fabfile.py", "test.py", "tests.py"})
NOT_RUN_DIRS = frozenset({"docs", "doc", "tests", "test", "examples", "example", "benchmarks"})


def find_root(path: Path, given: tuple[Path, ...] = ()) -> Path:
    """The directory given on the command line that holds ``path``, else the nearest ancestor
    with a project marker, else the file's own directory."""
    path = path.resolve()
    holders = [d for d in given if d in path.parents]
    if holders:
        return max(holders, key=lambda d: len(d.parts))
    for parent in path.parents:
        if any((parent / marker).exists() for marker in ROOT_MARKERS):
            return parent
    return path.parent


def not_run(path: Path, root: Path) -> bool:
    """Is ``path`` a part of the project validation leaves alone unless asked (setup.py, tests/)?"""
    relative = path.resolve().relative_to(root)
    name = relative.name
    return (name in NOT_RUN_FILES or name.startswith("test_") or name.endswith("_test.py")
            or any(part in NOT_RUN_DIRS for part in relative.parts[:-1]))


@dataclass(frozen=True)
class Location:
    """How Python sees a file: the directory on sys.path and the package it belongs to."""

    entry: Path      # sys.path entry: the directory above the top package, or the script's own
    package: str     # "pkg.sub" for pkg/sub/mod.py; "" for a script
    module: str      # "pkg.sub.mod", or the script's stem


def locate(path: Path) -> Location:
    path = path.resolve()
    parts = [] if path.name == "__init__.py" else [path.stem]
    directory = path.parent
    package: list[str] = []
    while (directory / "__init__.py").exists() and directory.name.isidentifier():
        package.insert(0, directory.name)
        directory = directory.parent
    return Location(directory, ".".join(package), ".".join(package + parts))


def reachable(files: list[Path], root: Path) -> list[Path]:
    """``files`` and every module of the project under ``root`` they import, transitively
    (packages' ``__init__.py`` included)."""
    seen: dict[Path, None] = {}
    pending = [f.resolve() for f in files]
    while pending:
        path = pending.pop()
        if path in seen or not path.is_file():
            continue
        seen[path] = None
        location = locate(path)
        for directory in _package_dirs(path):
            pending.append(directory / "__init__.py")
        try:
            tree = ast.parse(path.read_bytes())
        except (SyntaxError, ValueError, OSError):
            continue
        for name in _imported(tree, location):
            for entry in (location.entry, root, path.parent):
                found = _module_file(entry, name)
                if found is not None and root in found.parents:
                    pending.append(found)
                    break
    return list(seen)


def _package_dirs(path: Path) -> list[Path]:
    dirs, directory = [], path.parent
    while (directory / "__init__.py").exists():
        dirs.append(directory)
        directory = directory.parent
    return dirs


def _imported(tree: ast.AST, location: Location) -> list[str]:
    """Dotted module names ``tree`` imports, relative ones resolved (``from . import x`` gives
    both the package and ``package.x``, which may be a module)."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = location.package.split(".") if location.package else []
                if node.level - 1 > len(package):
                    continue
                head = package[:len(package) - (node.level - 1)]
                base = ".".join(head + ([base] if base else []))
            if base:
                names.append(base)
            names += [f"{base}.{alias.name}" if base else alias.name for alias in node.names if alias.name != "*"]
    return names


def _module_file(entry: Path, dotted: str) -> Path | None:
    base = entry.joinpath(*dotted.split("."))
    for candidate in (base.with_name(base.name + ".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate.resolve()
    return None


@dataclass
class Trees:
    """Scratch copies of a project's modules: one directory per port ("naive", "fixed", "reference")."""

    root: Path
    scratch: Path
    texts: dict[str, dict[Path, str]] = field(default_factory=dict)  # port -> original path -> text

    def home(self, port: str) -> Path:
        return self.scratch / port

    def place(self, port: str, path: Path) -> Path:
        """Where ``path`` (in the original tree) lives in the port's tree."""
        return self.home(port) / path.resolve().relative_to(self.root)

    def write(self, port: str, path: Path, text: str) -> None:
        target = self.place(port, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        self.texts.setdefault(port, {})[path.resolve()] = text


def build_trees(root: Path, files: list[Path], scratch: Path, ports: dict[str, Callable[[Path, bytes], str]],
                given: dict[Path, bytes]) -> Trees:
    """Write each port of every module ``files`` reach. ``given`` overrides a file's bytes on disk
    (the originals of files ``--fix`` has just rewritten); a module no port can read is copied as is."""
    trees = Trees(root, scratch)
    for path in reachable(files, root):
        data = given.get(path)
        if data is None:
            try:
                data = path.read_bytes()
            except OSError:
                continue
        for port, make in ports.items():
            try:
                text = make(path, data)
            except (ValueError, SyntaxError, UnicodeDecodeError):
                text = data.decode("utf-8", "replace")
            trees.write(port, path, text)
    return trees


def job_paths(trees: Trees, port: str, path: Path) -> dict[str, object]:
    """What the child needs to run ``path`` as its package does, in the port's tree."""
    placed = trees.place(port, path)
    location = locate(path)
    entry = trees.home(port) / location.entry.resolve().relative_to(trees.root) \
        if trees.root in location.entry.resolve().parents or location.entry.resolve() == trees.root \
        else placed.parent
    return {
        "file": str(placed),
        "package": location.package,
        "sys_path": list(dict.fromkeys([str(placed.parent), str(entry), str(trees.home(port))])),
        "project": [str(trees.home(port))],
    }


def local_names(trees: Trees) -> frozenset[str]:
    """Top-level names the project's modules import as: never stubbed."""
    names = set()
    for path in trees.texts.get(next(iter(trees.texts), ""), {}):
        location = locate(path)
        names.add(location.module.split(".")[0])
    return frozenset(names)

