"""Finding positions from the statements alone equal libcst's whole-module positions."""

from __future__ import annotations

from pathlib import Path

import libcst as cst
import pytest

from keraslint.config import Settings
from keraslint.engine import _run_rules
from keraslint.options import Options
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
    findings, statements = _run_rules(module, OPTIONS)
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
