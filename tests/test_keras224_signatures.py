"""keras224/signatures.py against the Keras 2.2.4 source: every entry is the definition's own list."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from keraslint.keras224.signatures import SIGNATURES
from tests.keras224_source import parse_module


def _definition(tree: ast.Module, qualified: str) -> ast.FunctionDef:
    body, found = tree.body, None
    for part in qualified.split("."):
        found = next(node for node in body if isinstance(node, (ast.ClassDef, ast.FunctionDef)) and node.name == part)
        body = found.body
    assert isinstance(found, ast.FunctionDef), qualified
    return found


@pytest.mark.parametrize("definition", sorted(SIGNATURES))
def test_each_signature_is_2_2_4s(definition: str, keras224: Path):
    module, qualified = definition.split(":")
    function = _definition(parse_module(keras224, module), qualified)
    names = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    if "." in qualified:  # a method: after self
        assert names[0] == "self"
        names = names[1:]
    assert tuple(names) == SIGNATURES[definition]

