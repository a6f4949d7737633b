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
