"""Reading the Keras 2.2.4 sdist with stdlib ``ast`` (never importing it), for the fact tests."""

from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path


def module_file(root: Path, dotted: str) -> Path | None:
    """The file of 2.2.4 module or package ``dotted`` (``keras.layers.core``), or None."""
    base = root.joinpath(*dotted.split("."))
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


@lru_cache(maxsize=None)
def parse_file(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def parse_module(root: Path, dotted: str) -> ast.Module:
    path = module_file(root, dotted)
    assert path is not None, f"Keras 2.2.4 has no module {dotted}"
    return parse_file(path)


def target_names(target: ast.expr):
    """The plain names an assignment target binds (``a``, ``a, (b, c)``)."""
    if isinstance(target, ast.Name):
        yield target.id
    elif isinstance(target, (ast.Tuple, ast.List)):
        for element in target.elts:
            yield from target_names(element)


def _on_tensorflow_backend(test: ast.expr) -> bool | None:
    """Whether ``if _BACKEND == 'name':`` is taken when 2.2.4 runs on TensorFlow; None if
    ``test`` is no such comparison.

    ``keras/backend/__init__.py`` star-imports the backend its configuration names; tf.keras
    is the TensorFlow one, so the Theano, CNTK and external-backend branches are not its API.
    """
    if (isinstance(test, ast.Compare) and isinstance(test.left, ast.Name)
            and test.left.id == "_BACKEND" and len(test.ops) == 1
            and isinstance(test.ops[0], ast.Eq) and isinstance(test.comparators[0], ast.Constant)):
        return test.comparators[0].value == "tensorflow"
    return None


def module_scope(body: list[ast.stmt]):
    """Statements that run at module scope, including those under if/try/with/for/while
    (of a ``_BACKEND == ...`` test, only the branch the TensorFlow backend takes)."""
    for stmt in body:
        yield stmt
        if isinstance(stmt, ast.If):
            taken = _on_tensorflow_backend(stmt.test)
            if taken is not False:
                yield from module_scope(stmt.body)
            if taken is not True:
                yield from module_scope(stmt.orelse)
        elif isinstance(stmt, (ast.For, ast.While)):
            yield from module_scope(stmt.body)
            yield from module_scope(stmt.orelse)
        elif isinstance(stmt, ast.With):
            yield from module_scope(stmt.body)
        elif isinstance(stmt, ast.Try):
            yield from module_scope(stmt.body)
            for handler in stmt.handlers:
                yield from module_scope(handler.body)
            yield from module_scope(stmt.orelse)
            yield from module_scope(stmt.finalbody)


def _absolute(module: str, is_package: bool, node: ast.ImportFrom) -> str | None:
    """The absolute module a ``from ... import`` reads, or None if it is not Keras's own."""
    if node.level == 0:
        name = node.module or ""
        return name if name == "keras" or name.startswith("keras.") else None
    package = module.split(".") if is_package else module.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _outside_names(tree: ast.Module, module: str, is_package: bool) -> set[str]:
    """Names bound anywhere at module scope by an import from outside Keras."""
    names: set[str] = set()
    for stmt in module_scope(tree.body):
        if isinstance(stmt, ast.Import):
            names.update(a.asname or a.name.split(".")[0] for a in stmt.names)
        elif isinstance(stmt, ast.ImportFrom) and _absolute(module, is_package, stmt) is None:
            names.update(a.asname or a.name for a in stmt.names)
    return names


def own_definitions(root: Path, module: str) -> set[str]:
    """Public classes, functions and assigned names that ``module`` itself defines.

    A name also bound by an outside import (``try: import h5py`` / ``except: h5py = None``)
    is that import's, not the module's.
    """
    path = module_file(root, module)
    assert path is not None, f"Keras 2.2.4 has no module {module}"
    tree = parse_file(path)
    names: set[str] = set()
    for stmt in module_scope(tree.body):
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                names.update(target_names(target))
        elif isinstance(stmt, (ast.AnnAssign, ast.AugAssign)):
            names.update(target_names(stmt.target))
    names -= _outside_names(tree, module, path.name == "__init__.py")
    return {n for n in names if not n.startswith("_")}


@lru_cache(maxsize=None)
def exports(root: Path, module: str) -> dict[str, str]:
    """Public name -> where it comes from, for every name 2.2.4 ``module`` exports.

    That is what the module defines, what it imports by name from Keras's own modules
    (``from ..engine.base_layer import Layer``), and for ``from .core import *`` what the
    star-imported Keras module defines. Submodules and imported modules are left out (they
    are modules, checked through ``MODULE_MOVES``), as are private names and names imported
    from outside Keras (numpy, six, tensorflow, ...).
    """
    path = module_file(root, module)
    assert path is not None, f"Keras 2.2.4 has no module {module}"
    is_package = path.name == "__init__.py"
    tree = parse_file(path)
    found = {name: "defined here" for name in own_definitions(root, module)}
    for stmt in module_scope(tree.body):
        if not isinstance(stmt, ast.ImportFrom):
            continue
        source = _absolute(module, is_package, stmt)
        if source is None:
            continue
        for alias in stmt.names:
            if alias.name == "*":  # 2.2.4 has no __all__: a star brings all public names
                for name in exports(root, source):
                    found.setdefault(name, f"from {source} import *")
            elif module_file(root, f"{source}.{alias.name}") is None:  # not a module
                name = alias.asname or alias.name
                if not name.startswith("_"):
                    found.setdefault(name, f"from {source} import {alias.name}")
    return found


#: Backends tf.keras does not run on: their modules are not part of the API keraslint reads.
OTHER_BACKENDS = ("keras.backend.cntk_backend", "keras.backend.theano_backend")


def keras_modules(root: Path) -> list[str]:
    """Every module of the 2.2.4 ``keras`` package, dotted, sorted (other backends left out)."""
    found = []
    for path in sorted((root / "keras").rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        name = ".".join(parts)
        if name not in OTHER_BACKENDS:
            found.append(name)
    return sorted(found)


@lru_cache(maxsize=None)
def reimports(root: Path, module: str) -> dict[str, str]:
    """Name -> what it is outside Keras (``np`` -> ``numpy``, ``zip`` -> ``six.moves.zip``),
    for the names 2.2.4 ``module`` binds by importing from outside Keras, directly or through
    a star import of another Keras module (``from keras.layers import warnings`` works)."""
    path = module_file(root, module)
    assert path is not None, f"Keras 2.2.4 has no module {module}"
    is_package = path.name == "__init__.py"
    found: dict[str, str] = {}
    for stmt in module_scope(parse_file(path).body):
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.name.split(".")[0] != "keras":
                    local = alias.asname or alias.name.split(".")[0]
                    found.setdefault(local, alias.name if alias.asname else local)
        elif isinstance(stmt, ast.ImportFrom) and stmt.module != "__future__":
            source = _absolute(module, is_package, stmt)
            for alias in stmt.names:
                if source is None and alias.name != "*":
                    found.setdefault(alias.asname or alias.name, f"{stmt.module}.{alias.name}")
                elif source is not None and alias.name == "*" and module_file(root, source):
                    for name, origin in reimports(root, source).items():
                        if not name.startswith("_"):
                            found.setdefault(name, origin)
    return found


def bound_names(root: Path, module: str) -> set[str]:
    """Every name 2.2.4 ``module`` binds at module scope, private ones and imports included,
    and what its star imports of Keras modules bring: whatever ``from module import name`` finds."""
    path = module_file(root, module)
    assert path is not None, f"Keras 2.2.4 has no module {module}"
    names = set(exports(root, module)) | set(reimports(root, module))
    for stmt in module_scope(parse_file(path).body):
        if isinstance(stmt, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            for target in stmt.targets:
                names.update(target_names(target))
        elif isinstance(stmt, (ast.Import, ast.ImportFrom)):
            names.update(a.asname or a.name.split(".")[0] for a in stmt.names if a.name != "*")
    return names
