"""Every import keraslint can write resolves on each target.

For every name of every Keras 2.2.4 module (read from the sdist, private names and
re-imports included), every module, and the Keras 1 paths real code still imports,
``keraslint --fix --select KL001`` rewrites a file of ``from M import N`` / ``import M as m``
lines; every import statement it writes, and every definition it writes instead, is then
executed under the target's TensorFlow (TF 2.21 for ``keras3``, TF 2.15 for ``keras2``).
Names that have no home stay standalone-``keras`` imports, reported by KL002.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from keraslint import pyast
from keraslint.config import Settings
from keraslint.engine import Options, check_source
from keraslint.keras224.modules import MODULE_MOVES, NAME_MOVES, NO_HOME
from keraslint.registry import select_rules
from tests.environments import keras2_python
from tests.keras224_source import bound_names, keras_modules

#: Keras 1 (and Keras 2.0/2.1) modules and names that 2017-2019 code still imported, gone by 2.2.4.
KERAS1 = ["from keras.layers import Merge, merge", "import keras.initializations",
          "from keras.applications.imagenet_utils import _obtain_input_shape",
          "from keras.utils.conv_utils import normalize_data_format",
          "from keras.utils.visualize_util import plot", "from keras.layers.core import MaxoutDense",
          "from keras.engine.topology import Merge", "from keras.backend.common import epsilon, floatx"]


def _source(root: Path) -> str:
    lines = list(KERAS1)
    for module in keras_modules(root):
        lines.append(f"import {module} as m{len(lines)}")
        lines.extend(f"from {module} import {name}" for name in sorted(bound_names(root, module)))
    for dotted in (*MODULE_MOVES, *NAME_MOVES, *NO_HOME):
        module, _, name = dotted.rpartition(".")
        lines.append(f"from {module} import {name}" if module else f"import {dotted}")
    return "\n".join(dict.fromkeys(lines)) + "\n"


def _written(source: str, target: str) -> tuple[list[str], str]:
    """The import statements KL001 wrote (one per line), and the fixed module."""
    options = Options(select_rules(("KL001",), ()), Settings(target=target), fix=True)
    result = check_source(source.encode(), "imports.py", options)
    assert result.error is None, result.error
    fixed = result.fixed_source.decode()
    before = set(source.splitlines())
    statements = []
    for node in pyast.parse(fixed).body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            text = ast.unparse(node)
            standalone = (node.module or "") if isinstance(node, ast.ImportFrom) else node.names[0].name
            if text not in before and standalone.split(".")[0] != "keras":  # keras: left alone, KL002
                statements.append(text)
    return statements, fixed


_EXEC = r'''
import json, sys
statements = json.loads(sys.stdin.read())
failed = []
for statement in statements:
    try:
        exec(statement, {})
    except Exception as error:
        failed.append("%s  -> %s: %s" % (statement, type(error).__name__, error))
print(json.dumps(failed))
'''


def _failures(python: str, statements: list[str]) -> list[str]:
    done = subprocess.run([python, "-c", _EXEC], input=json.dumps(statements), capture_output=True,
                          text=True, env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("target", ["keras3", "keras2"])
def test_every_import_keraslint_writes_resolves(keras224: Path, target: str) -> None:
    source = _source(keras224)
    statements, fixed = _written(source, target)
    assert len(statements) > 300, "the collector found too little: the check would pass vacuously"
    python = sys.executable if target == "keras3" else keras2_python()
    failed = _failures(python, statements)
    assert not failed, f"{len(failed)} of {len(statements)} written imports fail:\n" + "\n".join(failed)
    # What was written out instead of imported (conv_utils, _obtain_input_shape) compiles.
    definitions = [n for n in pyast.parse(fixed).body if isinstance(n, (ast.FunctionDef, ast.ClassDef))]
    assert {d.name for d in definitions} >= {"_obtain_input_shape", "conv_utils", "normalize_data_format"}


@pytest.mark.parametrize("target", ["keras3", "keras2"])
def test_every_import_written_into_the_examples_and_the_sdist_resolves(keras224: Path, target: str) -> None:
    """The 42 examples and every file of the Keras 2.2.4 sdist, fixed as a user would."""
    options = Options(select_rules(("ALL",), ()), Settings(target=target), fix=True, unsafe_fixes=True)
    statements: set[str] = set()
    files = 0
    for path in sorted(keras224.rglob("*.py")):
        source = path.read_bytes()
        result = check_source(source, str(path), options)
        if result.fixed_source is None:
            continue
        files += 1
        before = {ast.unparse(n) for n in ast.walk(pyast.parse(source)) if isinstance(n, (ast.Import, ast.ImportFrom))}
        for node in ast.walk(pyast.parse(result.fixed_source)):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                text = ast.unparse(node)
                module = (node.module or "") if isinstance(node, ast.ImportFrom) else node.names[0].name
                if text not in before and getattr(node, "level", 0) == 0 and module.split(".")[0] != "keras":
                    statements.add(text)
    assert files > 100 and len(statements) > 50
    python = sys.executable if target == "keras3" else keras2_python()
    failed = _failures(python, sorted(statements))
    assert not failed, f"{len(failed)} of {len(statements)} imports written into {files} files fail:\n" + "\n".join(failed)
