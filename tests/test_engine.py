"""The engine: byte-for-byte preservation, encodings, fixed points, the library API."""

from __future__ import annotations

import ast

import pytest

from keraslint import fix_source, lint_source
from keraslint.config import Settings
from keraslint.engine import Options, check_source
from keraslint.registry import select_rules

OPTIONS = Options(select_rules(("ALL",), ()), Settings(), fix=True)


def _fix(data: bytes) -> bytes:
    result = check_source(data, "x.py", OPTIONS)
    assert result.error is None, result.error
    return data if result.fixed_source is None else result.fixed_source


@pytest.mark.parametrize(
    "before,after",
    [
        pytest.param(b"\xef\xbb\xbfimport keras\n", b"\xef\xbb\xbffrom tensorflow import keras\n", id="bom"),
        pytest.param(b"import keras\r\nfrom keras.layers import Dense\r\nDense(3)\r\n",
                     b"from tensorflow import keras\r\nfrom tensorflow.keras.layers import Dense\r\n"
                     b"Dense(3, kernel_initializer='glorot_uniform')\r\n", id="crlf"),
        pytest.param(b"# -*- coding: latin-1 -*-\nimport keras\nname = '\xe9'\n",
                     b"# -*- coding: latin-1 -*-\nfrom tensorflow import keras\nname = '\xe9'\n",
                     id="latin-1-cookie"),
        pytest.param(b"import keras", b"from tensorflow import keras", id="no-final-newline"),
        pytest.param(b"if x:\n\timport keras\n\tkeras.layers.Dense(1)\n",
                     b"if x:\n\tfrom tensorflow import keras\n"
                     b"\tkeras.layers.Dense(1, kernel_initializer='glorot_uniform')\n", id="tabs"),
    ],
)
def test_encoding_and_line_endings_preserved(before: bytes, after: bytes):
    assert _fix(before) == after
    assert _fix(after) == after


@pytest.mark.parametrize(
    "source",
    [
        b"",
        b"import os\n",
        b"\x0c\nimport os  # keras mentioned in a comment only\n",
        b"from tensorflow.keras.layers import Dense\nDense(3, kernel_initializer='he_normal')\n",
    ],
    ids=["empty", "no-keras", "form-feed", "nothing-to-fix"],
)
def test_nothing_to_fix_is_byte_identical(source: bytes):
    result = check_source(source, "x.py", OPTIONS)
    assert result.fixed_source is None
    assert result.diagnostics == ()


def test_fix_settles_in_one_call_and_is_a_fixed_point():
    source = (
        "import keras\n"
        "import keras.layers.convolutional\n"
        "x = keras.layers.convolutional.Conv2D(3, 3)\n"
        "y = keras.layers.recurrent.LSTM(4)\n"
    )
    fixed = fix_source(source)
    ast.parse(fixed)
    assert fix_source(fixed) == fixed
    assert "keras.layers.Conv2D(3, 3, kernel_initializer='glorot_uniform')" in fixed
    assert ("keras.layers.LSTM(4, kernel_initializer='glorot_uniform', "
            "recurrent_initializer='orthogonal', recurrent_activation=hard_sigmoid_224)") in fixed


def test_findings_are_sorted_by_position():
    found = lint_source("from keras.layers import *\nLSTM(3)\nDense(2)\n")
    assert [(d.start.row, d.code) for d in found] == [
        (1, "KL001"), (2, "KL101"), (2, "KL102"), (2, "KL401"), (3, "KL101"),
    ]


def test_library_api_raises_on_unparsable_input():
    with pytest.raises(ValueError, match="Failed to parse"):
        fix_source("import keras\nprint 'x'\n")


def test_large_generated_file():
    lines = ["from keras.layers import Dense"] + [f"d{i} = Dense({i})" for i in range(3000)]
    fixed = fix_source("\n".join(lines) + "\n")
    assert fixed.count("kernel_initializer='glorot_uniform'") == 3000


def test_deeply_nested_expression_is_processed():
    source = "import keras\nx = " + " + ".join(["1"] * 3000) + "\n"
    assert fix_source(source).startswith("from tensorflow import keras\nx = 1 + 1")


def test_api_keeps_the_declared_encoding():
    source = '# coding: cp1252\nfrom keras.layers import Dense\nx = "\u00c1"\nDense(3)\n'
    assert fix_source(source).endswith("x = \"\u00c1\"\nDense(3, kernel_initializer='glorot_uniform')\n")


def test_fixes_that_never_settle_are_an_internal_error():
    """A rule whose fix keeps finding more to fix is a bug: report it, write nothing."""
    import libcst as cst

    from keraslint import call_edits
    from keraslint.rule import Rule

    class Restless(Rule):
        code, name, summary = "KL999", "restless", "always adds an argument"

        def visit_Call(self, node):  # a new keyword each time (a repeated one would not compile)
            name = f"x{len(node.args) + len(node.keywords)}"
            self.report(node, "again", transform=lambda n: call_edits.add_keywords(n, [(name, cst.Integer("1"))]))

    options = Options((Restless,), Settings(), fix=True)
    result = check_source(b"import keras\nf()\n", "x.py", options)
    assert result.internal_error and result.fixed_source is None
    assert "did not settle" in result.diagnostics[0].message


def test_json_edits_are_found_for_many_findings():
    lines = ["from keras.layers import Dense"] + [f"d{i} = Dense({i})" for i in range(300)]
    found = lint_source("\n".join(lines) + "\n")
    edits = [d.fix.edits[0] for d in found if d.code == "KL101"]
    assert len(edits) == 300
    assert edits[-1].start.row == 301 and edits[-1].content == ", kernel_initializer='glorot_uniform'"


def test_api_keeps_a_bom():
    source = "\ufeff# -*- coding: utf-8 -*-\nimport keras as KS\nmsg = f'{KS.layers.Embedding(3, 4)}'\n"
    assert fix_source(source) == (
        "\ufeff# -*- coding: utf-8 -*-\nfrom tensorflow import keras as KS\n"
        "msg = f'{KS.layers.Embedding(3, 4, embeddings_initializer=\"uniform\")}'\n"
    )


#: Fixes whose JSON edit is found by diffing the module: import rewrites (whole lines),
#: fixes that add an import or a definition; around a docstring, comments, decorators, and
#: a form feed (where libcst's rendering of untouched lines differs from the file).
WHOLE_MODULE_FIXES = {
    "imports_and_definition": "from keras.layers import LSTM\n\nclass M:\n    def f(self):\n"
                              "        return LSTM(3)\n",
    "decay_schedule": '"""Doc."""\nimport keras  # note\n\n# one\n\n@deco\n# two\ndef g():\n'
                      "    return keras.optimizers.SGD(lr=0.1, decay=1e-6)\n",
    "nested_import_line": "def f():\n    if x:\n        import keras, os\n"
                          "    return keras.layers.Dense(3)\n",
    "form_feed": "import keras\n\nx = 1\n\x0cy = 2\nopt = keras.optimizers.SGD(lr=0.1, decay=1e-6)\n",
}


@pytest.mark.parametrize("name", WHOLE_MODULE_FIXES)
def test_json_edit_of_each_fix_gives_what_that_fix_writes(name: str):
    """Each such fix's edit, applied to the file as an editor would, gives the module with
    that fix alone applied."""
    import re

    import libcst as cst

    from keraslint import edits, lint, locate, pyast, transforms
    from keraslint.source import Source

    text = WHOLE_MODULE_FIXES[name]
    module = cst.parse_module(text)
    options = Options(select_rules(("ALL",), ()), Settings(), edits=True)
    diagnostics, findings = lint.lint(pyast.parse(text), Source(text), "f.py", options, module)
    findings = locate.bind(module, Source(text), findings)[0]
    fixes = [(d, f) for d, f in zip(diagnostics, findings) if f.transform is not None and edits.diffs_whole_module(f)]
    assert fixes
    starts = [0, *(m.end() for m in re.finditer(r"\r\n?|\n", text))]
    for diagnostic, finding in fixes:
        [edit] = diagnostic.fix.edits
        begin = starts[edit.start.row - 1] + edit.start.column - 1
        end = starts[edit.end.row - 1] + edit.end.column - 1
        assert text[:begin] + edit.content + text[end:] == transforms.apply(module, [finding]).code


def test_noqa_covers_the_lines_a_backslash_joins_to_its_own():
    from keraslint.noqa import ALL, noqa_lines

    text = ("x = f(1, \\\n    g())  # noqa\n"
            "y = 1 + \\\n    2 + \\\n    3  # noqa: KL101\n"
            "z = '''a\nb'''  # noqa: KL2\n"
            "w = h()  # noqa: KL3\nv = h()\n")
    assert noqa_lines(text) == {1: ALL, 2: ALL, 3: {"KL101"}, 4: {"KL101"}, 5: {"KL101"},
                                7: {"KL2"}, 8: {"KL3"}}
