"""Positions: a finding's place from ``ast`` (in characters) is libcst's place of the node a fix
rewrites, and nodes placed from their statements alone are placed as in the whole module."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import libcst as cst
import pytest

from keraslint import positions, pyast, walk
from keraslint.config import Settings
from keraslint.keras224.targets import Target
from keraslint.lint import run_rules
from keraslint.locate import bind
from keraslint.options import Options
from keraslint.positions import whole_module
from keraslint.registry import select_rules
from keraslint.source import Source

OPTIONS = Options(select_rules(("ALL",), ()), Settings(), fix=True, unsafe_fixes=True)

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
    """Every finding's ``ast`` range is the libcst range of a node there, and each fix's target
    is located at its ``ast`` range (whole-module positions, computed independently)."""
    source = Source(text)
    findings = run_rules(pyast.parse(text), source, OPTIONS)
    module = cst.parse_module(text)
    expected = whole_module(module)
    ranges = {(r.start.line, r.start.column, r.end.line, r.end.column) for r in expected.values()}
    assert all(tuple(source.span(f.node)) in ranges for f in findings)
    located, _ = bind(module, source, findings)
    for finding, at in zip(findings, located):
        if finding.transform is not None and finding.kind is None:
            where = expected[at.target]
            assert (where.start.line, where.start.column, where.end.line, where.end.column) == source.span(finding.target)
    return len(findings)


@pytest.mark.parametrize("name", list(LAYOUTS))
def test_statement_positions_equal_whole_module_positions(name: str):
    assert _compare(LAYOUTS[name]) >= 2


def test_on_keras_examples(keras224_examples: list[Path]):
    for example in keras224_examples[::4]:
        _compare(example.read_bytes().decode("utf-8"))


def test_non_ascii_columns_are_characters():
    text = 'import keras\ns = "héllo"; m = keras.layers.Dense(3)\n'
    assert _compare(text) >= 2
    findings = run_rules(pyast.parse(text), Source(text), OPTIONS)
    assert Source(text).span(findings[-1].node)[1] == text.splitlines()[1].index("keras.layers")


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
        placed = positions.of_findings(module, text, nodes, statements)  # as JSON edits place targets
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


@pytest.mark.parametrize("text", [
    "f(x for x in y)\n", "f((x for x in y if a if b), 2)\n", "g = (x\n  for x in y for z in w)\n",
    "m.compile(metrics=( 'acc', ))\n", "x = (1, 2)\n", "x = 1, 2,\n", "x = ((1,\n  2\n  ,))\n",
    "for a in 1, 2: pass\n", "x = (\n 1, 2 \\\n , )\n", "x = (1, # c\n 2)\n", "f((a, b), c)\n",
])
def test_tuples_and_generators_are_placed_as_libcst_places_them(text: str):
    """``ast`` counts a tuple's or a generator's parentheses in its range (a lone generator
    argument: the call's), libcst does not (but counts a tuple's trailing comma): Source.span
    gives libcst's range, which locate.py looks up."""
    kinds = (cst.Tuple, cst.GeneratorExp), (ast.Tuple, ast.GeneratorExp)
    expected = [r for n, r in whole_module(cst.parse_module(text)).items() if isinstance(n, kinds[0])]
    tuple_ = next(n for n in ast.walk(ast.parse(text)) if isinstance(n, kinds[1]))
    where = expected[0]
    assert Source(text).span(tuple_) == (where.start.line, where.start.column, where.end.line, where.end.column)


def test_the_call_index_changes_no_finding(keras224_examples: list[Path]):
    """Rules that declare ``matches`` get only the calls it names; run with every call handed
    to every rule instead, every rule's own cases, the examples and the fuzz corpus give the
    same findings (a declaration that left out a call a rule reads would show here)."""
    from tests.output_lock import fuzz_sources
    from tests.rules.cases import all_cases

    cases = [case.code.encode("utf-8") for _, _, case in all_cases()]
    texts = cases + [p.read_bytes() for p in keras224_examples] + fuzz_sources()
    compared = 0
    for target in ("keras3", "keras2"):
        options = Options(select_rules(("ALL",), (), Target(target)), Settings(target=target))
        for raw in texts:
            try:
                text = raw.decode("utf-8")
                tree = pyast.parse(text)
            except (SyntaxError, ValueError, UnicodeDecodeError):
                continue
            source = Source(text)

            def seen(index: bool) -> list[tuple]:
                found = run_rules(tree, source, options, index=index)
                return [(f.code, f.message, source.span(f.node), f.transform is not None) for f in found]

            indexed = seen(True)
            assert sorted(indexed) == sorted(seen(False))
            compared += len(indexed)
    assert compared > 3000
