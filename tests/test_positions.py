"""Finding positions from the statements alone equal libcst's whole-module positions."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import libcst as cst
import pytest

from keraslint.config import Settings
from keraslint.lint import run_rules
from keraslint.options import Options
from keraslint import positions, walk
from keraslint.positions import of_findings, whole_module

OPTIONS = Options(None, Settings())

LAYOUTS = {
    "plain": "import keras\nm = keras.layers.Dense(3)\n",
    "comments and blank lines": "# head\n\nimport keras\n\n\n# about m\nm = keras.layers.Dense(3)  # x\n",
    "semicolons": "import keras; a = 1; m = keras.layers.Dense(3)\nn = keras.layers.Dense(4)\n",
    "decorators": (
        "import keras\n\n# c\n@decorate(keras.layers.Dense(1))\n# between\n@other\n"
        "def f():\n    return keras.layers.Dense(3)\n"
    ),
    "decorator in parentheses": "import keras\n@(\n    decorate\n)\ndef f():\n    return keras.layers.Dense(3)\n",
    "backslash": "import keras\nm = \\\n    keras.layers.Dense(3)\nn = keras.layers.Dense(4)\n",
    "crlf": "import keras\r\n\r\nm = keras.layers.Dense(3)\r\nclass A:\r\n    d = keras.layers.Dense(4)\r\n",
    "form feed": "import keras\n\x0c\nm = keras.layers.Dense(3)\n",
    "no final newline": "import keras\nm = keras.layers.Dense(3)",
    "nested blocks": (
        "import keras\nif True:\n    for i in range(3):\n        try:\n            m = keras.layers.Dense(i)\n"
        "        except Exception:\n            pass\n    # trailing\n\nwith open('x') as f:\n"
        "    n = keras.layers.LSTM(4)\n"
    ),
    "strings with newlines": 'import keras\ns = """\nm = keras.layers.Dense(9)\n"""\nm = keras.layers.Dense(3)\n',
}


def _compare(text: str) -> int:
    module = cst.parse_module(text)
    findings, statements = run_rules(module, OPTIONS)
    nodes = [f.node for f in findings]
    expected = whole_module(module)
    assert {n: of_findings(module, text, nodes, statements)[n] for n in nodes} == {n: expected[n] for n in nodes}
    return len(nodes)


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_statement_positions_equal_whole_module_positions(name: str):
    assert _compare(LAYOUTS[name]) >= 2


def test_on_keras_examples(keras224_examples: list[Path]):
    for example in keras224_examples[::4]:
        _compare(example.read_bytes().decode("utf-8"))


def test_code_only_libcst_parses_falls_back_to_the_whole_module():
    """Before Python 3.12, ast rejects PEP 701 f-strings that libcst parses: no ast lines."""
    text = 'import keras\nm = keras.layers.Dense(3)\ns = f"{d["k"]}"\n'
    assert _compare(text) >= 2


# Every block form a statement can sit in, with odd indentation: each node is placed from
# its innermost statement, rendered alone, never from the whole module.
BLOCKS = (
    "import keras\n"
    "if a:\n\tx = f(1)\nelif b:\n\ty = g(2)\nelif c: pass\nelse:\n  z = h(3)\n"
    "while q:\n    pass\nelse:\n    k(4)\n"
    "for i in r: m(5)\n"
    "try:\n    n(6)\nexcept E as e:\n    o(7)\nexcept (F, G):\n    o(8)\nelse:\n    p(8)\nfinally:\n    s(9)\n"
    "class A(keras.layers.Layer):\n  @dec(1)\n  # c\n  def f(self, a=keras.layers.Dense(2)):  # c\n"
    "      \n      return t(10)\n"
    "async def g():\n    async with a as b:\n        async for x in y:\n            await u(11)\n"
    "def outer():\n    def inner():\n        return (\n            keras.layers.Dense(3))\n"
    "    x = 1; y = keras.layers.Dense(4)\n"
) + (  # what the running Python's ast accepts (the positions need it)
    "match v:\n    case [1, *rest] if w(12):\n            y = keras.layers.Dense(13)\n    case _:\n"
    "      pass\n" if sys.version_info >= (3, 10) else ""
) + ("try:\n    a(1)\nexcept* ValueError:\n    b(2)\n" if sys.version_info >= (3, 11) else "")


def _every_node(module: cst.Module) -> tuple[list[cst.CSTNode], list[int]]:
    nodes, statements = [], []
    for index, top in enumerate(module.body):
        stack = [top]
        while stack:
            node = stack.pop()
            nodes.append(node)
            statements.append(index)
            stack.extend(walk.children(node))
    return nodes, statements


@pytest.mark.parametrize("name", ["blocks", "examples"])
def test_every_node_placed_from_its_innermost_statement(name: str, keras224_examples: list[Path], monkeypatch):
    texts = [BLOCKS] if name == "blocks" else [p.read_bytes().decode() for p in keras224_examples[::6]]
    fallbacks = []
    monkeypatch.setattr(positions, "whole_module", lambda *args: fallbacks.append(args) or whole_module(*args))
    for text in texts:
        module = cst.parse_module(text)
        nodes, statements = _every_node(module)
        expected = whole_module(module)
        placed = positions.of_findings(module, text, nodes, statements)
        wrong = [n for n in nodes if placed[n] != expected[n]]
        assert not wrong, [(type(n).__name__, placed[n], expected[n]) for n in wrong[:3]]
    assert fallbacks == []


@pytest.mark.skipif(sys.version_info < (3, 10), reason="match needs Python 3.10")
def test_innermost_statement_is_rendered_with_its_indentation():
    module = cst.parse_module(BLOCKS)
    match = next(s for s in module.body if isinstance(s, cst.Match))
    target = match.cases[0].body.body[0]
    holder = positions._innermost(positions._paths(match, [target])[target],
                                  ast.parse(BLOCKS).body[module.body.index(match)], "    ")
    assert holder.statement is target and holder.indents == ("    ", "        ")
    assert BLOCKS.splitlines()[holder.line - 1] == "            y = keras.layers.Dense(13)"
