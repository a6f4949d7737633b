"""Jupyter notebooks: linted and fixed cell by cell, everything else kept byte for byte.

The notebooks are written the way Jupyter writes them (``json.dumps(indent=1,
ensure_ascii=False)`` plus a newline); the expected notebook is the same structure with the
new sources, written the same way, so equal bytes mean the JSON, outputs, metadata and
layout were left alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import run_keraslint

SETUP = "%matplotlib inline\n!pip install keras==2.2.4\nimport numpy as np"
TIMED = "%%time\nmodel = Sequential()\nmodel.add(Dense(3))"  # a cell magic: not Python, untouched
OUTPUTS = [{"name": "stdout", "output_type": "stream", "text": ["Using TensorFlow backend.\n"]}]


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def notebook(*cells: tuple[str, str], indent: int | None = 1, ensure_ascii: bool = False,
             as_string: bool = False) -> bytes:
    """An nbformat 4 notebook; ``cells`` are (cell_type, source) pairs."""
    body = []
    for number, (kind, source) in enumerate(cells, 1):
        cell = {"cell_type": kind, "metadata": {"tags": [f"t{number}"]},
                "source": source if as_string else _lines(source)}
        if kind == "code":
            cell.update(execution_count=number, outputs=OUTPUTS if number == 3 else [])
        body.append(cell)
    data = {
        "cells": body,
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python", "version": "3.6.8"}, "note": "café ✓"},
        "nbformat": 4, "nbformat_minor": 2,
    }
    return (json.dumps(data, indent=indent, ensure_ascii=ensure_ascii) + "\n").encode()


@pytest.fixture
def mnist(keras224: Path) -> str:
    return (keras224 / "examples" / "mnist_mlp.py").read_text()


def _between(text: str, start: str, end: str | None) -> str:
    """The lines of ``text`` from the one starting with ``start`` up to (not including) ``end``."""
    tail = text[text.index(start):]
    return (tail[:tail.index(end)] if end else tail).rstrip("\n")


def test_a_keras_224_notebook_is_fixed_and_nothing_else_changes(tmp_path: Path, mnist: str):
    """mnist_mlp.py from Keras 2.2.4, as a notebook with markdown, magics, outputs and a
    cell magic; one call needs an import (BinaryAccuracy), which goes to the Keras cell."""
    imports = _between(mnist, "import keras", "batch_size")
    data = _between(mnist, "batch_size", "model = Sequential()")
    model = _between(mnist, "model = Sequential()", "model.summary()")
    model += ("\nfor name in ['a', 'b']:\n    !echo $name\nfiles = !ls\n"
              "model.compile(loss='binary_crossentropy', optimizer='sgd', metrics=['accuracy'])")
    cells = [("markdown", "Trains a simple deep NN on the MNIST dataset."), ("code", SETUP),
             ("code", imports), ("code", data), ("code", TIMED), ("code", model)]
    path = tmp_path / "mnist.ipynb"
    path.write_bytes(notebook(*cells))

    done = run_keraslint("--fix", "mnist.ipynb", cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    fixed_imports = imports.replace("import keras\n", "from tensorflow import keras\n").replace(
        "from keras.", "from tensorflow.keras.") + (
        "\nfrom tensorflow.keras.metrics import BinaryAccuracy")
    fixed_model = model.replace(
        "input_shape=(784,))", "input_shape=(784,), kernel_initializer='glorot_uniform')").replace(
        "activation='relu'))", "activation='relu', kernel_initializer='glorot_uniform'))").replace(
        "activation='softmax'))", "activation='softmax', kernel_initializer='glorot_uniform'))").replace(
        "metrics=['accuracy'])", "metrics=[BinaryAccuracy(name='acc')])")
    assert fixed_model.count("kernel_initializer") == 3
    expected = notebook(cells[0], cells[1], ("code", fixed_imports), cells[3], cells[4], ("code", fixed_model))
    assert path.read_bytes() == expected, path.read_text()
    again = run_keraslint("mnist.ipynb", cwd=tmp_path)  # a fixed point
    assert again.returncode == 0, again.stdout


def test_findings_are_reported_per_cell(tmp_path: Path):
    (tmp_path / "nb.ipynb").write_bytes(notebook(
        ("markdown", "# title"), ("code", SETUP), ("code", "from keras.layers import Dense"),
        ("code", TIMED), ("code", "x = 1\nm = Dense(3)  # noqa: KL102\nn = Dense(4)  # noqa: KL101"),
    ))
    done = run_keraslint("nb.ipynb", cwd=tmp_path)
    assert done.stdout.decode().splitlines() == [
        "nb.ipynb:cell 3:1:1: KL001 [*] Standalone `keras` import; use `tensorflow.keras.layers`",
        "nb.ipynb:cell 5:2:5: KL101 [*] `Dense` relies on the implicit `kernel_initializer` default",
    ]
    items = json.loads(run_keraslint("--output-format", "json", "nb.ipynb", cwd=tmp_path).stdout)
    dense = items[1]
    assert (dense["cell"], dense["location"], dense["end_location"]) == (
        5, {"row": 2, "column": 5}, {"row": 2, "column": 13})
    assert dense["fix"]["edits"] == [{"content": ", kernel_initializer='glorot_uniform'",
                                      "location": {"row": 2, "column": 12},
                                      "end_location": {"row": 2, "column": 12}}]


def test_structured_formats_point_at_the_file_and_name_the_cell(tmp_path: Path):
    (tmp_path / "nb.ipynb").write_bytes(notebook(("code", "import numpy"), ("code", "import keras")))
    github = run_keraslint("--output-format", "github", "nb.ipynb", cwd=tmp_path).stdout.decode()
    assert github == ("::warning file=nb.ipynb,line=1,col=1,endLine=1,endColumn=1,title=KL001::"
                      "nb.ipynb:cell 2:1:1: KL001 Standalone `keras` import; use `tensorflow.keras`\n")
    pylint = run_keraslint("--output-format", "pylint", "nb.ipynb", cwd=tmp_path).stdout.decode()
    assert pylint == "nb.ipynb:cell 2:1: [KL001] Standalone `keras` import; use `tensorflow.keras`\n"


@pytest.mark.parametrize("style", [
    {"indent": 2}, {"indent": 4}, {"indent": None}, {"ensure_ascii": True}, {"as_string": True},
])
def test_layout_of_the_notebook_is_kept(tmp_path: Path, style: dict):
    path = tmp_path / "nb.ipynb"
    path.write_bytes(notebook(("markdown", "é ✓"), ("code", "import keras\nx = 'é'\n"), **style))
    assert run_keraslint("--fix", "nb.ipynb", cwd=tmp_path).returncode == 0
    assert path.read_bytes() == notebook(
        ("markdown", "é ✓"), ("code", "from tensorflow import keras\nx = 'é'\n"), **style)


def test_imports_and_definitions_go_to_the_first_cell_that_imports_keras(tmp_path: Path):
    path = tmp_path / "nb.ipynb"
    cells = [("code", "import numpy as np"), ("code", "%load_ext autoreload\nfrom keras import optimizers"),
             ("code", "opt = optimizers.Adam(decay=0.1)\nmodel.compile(opt, 'binary_crossentropy', ['acc'])")]
    path.write_bytes(notebook(*cells))
    assert run_keraslint("--fix", "nb.ipynb", cwd=tmp_path).returncode == 0
    sources = ["".join(cell["source"]) for cell in json.loads(path.read_text())["cells"]]
    assert sources[0] == cells[0][1]
    assert sources[1].startswith("%load_ext autoreload\nfrom tensorflow.keras import optimizers\n"
                                 "from tensorflow.keras.metrics import BinaryAccuracy\n\n\ndef optimizer_224(cls):\n")
    assert sources[2] == ("opt = optimizer_224(optimizers.Adam)(decay=0.1)\n"
                          "model.compile(opt, 'binary_crossentropy', [BinaryAccuracy(name='acc')])")
    before = path.read_bytes()
    assert run_keraslint("--fix", "nb.ipynb", cwd=tmp_path).returncode == 0 and path.read_bytes() == before


def test_a_cell_that_does_not_parse_is_reported_and_left_alone(tmp_path: Path):
    path = tmp_path / "nb.ipynb"
    cells = [("code", "import keras"), ("code", "print 'python 2'\nimport keras.layers")]
    path.write_bytes(notebook(*cells))
    done = run_keraslint("--fix", "nb.ipynb", cwd=tmp_path)
    assert done.returncode == 1
    assert "nb.ipynb:cell 2:1:1: KL000 Failed to parse cell: SyntaxError" in done.stdout.decode()
    assert path.read_bytes() == notebook(("code", "from tensorflow import keras"), cells[1])


@pytest.mark.parametrize("content,reason", [
    (b'{"cells": [', "not a valid notebook: Expecting value"),
    (b'{"nbformat": 3, "worksheets": []}', "not a valid notebook: no 'cells' list"),
    (b"\xff\xfe", "not a valid notebook: 'utf-8' codec can't decode"),
])
def test_a_broken_notebook_is_one_clear_line_and_untouched(tmp_path: Path, content: bytes, reason: str):
    (tmp_path / "bad.ipynb").write_bytes(content)
    (tmp_path / "good.py").write_bytes(b"import keras\n")
    done = run_keraslint("--fix", ".", cwd=tmp_path)
    assert done.returncode == 1
    out = done.stdout.decode()
    assert out.startswith(f"bad.ipynb:1:1: KL000 Failed to process: {reason}")
    assert len([line for line in out.splitlines() if line.startswith("bad.ipynb")]) == 1
    assert (tmp_path / "bad.ipynb").read_bytes() == content
    assert (tmp_path / "good.py").read_bytes() == b"from tensorflow import keras\n"


def test_directories_stdin_and_diff(tmp_path: Path):
    (tmp_path / "nb.ipynb").write_bytes(notebook(("code", "import keras")))
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "nb-checkpoint.ipynb").write_bytes(notebook(("code", "import keras")))
    found = run_keraslint(".", cwd=tmp_path).stdout.decode()
    assert found == "nb.ipynb:cell 1:1:1: KL001 [*] Standalone `keras` import; use `tensorflow.keras`\n"

    diff = run_keraslint("--diff", "nb.ipynb", cwd=tmp_path).stdout.decode()
    assert diff == ("--- a/nb.ipynb:cell 1\n+++ b/nb.ipynb:cell 1\n@@ -1 +1 @@\n-import keras\n"
                    "\\ No newline at end of file\n+from tensorflow import keras\n\\ No newline at end of file\n")

    piped = run_keraslint("--fix", "-", "--stdin-filename", "nb.ipynb", stdin=notebook(("code", "import keras")))
    assert piped.returncode == 0
    assert piped.stdout == notebook(("code", "from tensorflow import keras"))


def test_other_kernels_and_cell_magics_are_not_python(tmp_path: Path):
    r_notebook = json.loads(notebook(("code", "import keras")))
    r_notebook["metadata"]["language_info"]["name"] = "R"
    (tmp_path / "r.ipynb").write_text(json.dumps(r_notebook))
    (tmp_path / "bash.ipynb").write_bytes(notebook(("code", "%%bash\nimport keras")))
    done = run_keraslint(".", cwd=tmp_path)
    assert done.returncode == 0, done.stdout
