"""The recipes in docs/editors.md, run against real keraslint output.

Each recipe's pattern (VS Code's problemMatcher regexp, Vim's errorformat, Emacs'
compilation regexp) is translated to a Python regex by the small converters here and must
pick the file, line, column and code out of every finding in a .py file, and skip notebook
cells. The stdin round trip is run as written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import run_keraslint

DOC = (Path(__file__).resolve().parents[1] / "docs" / "editors.md").read_text()
MODEL = b"from keras.layers import Dense\nfrom keras.utils import multi_gpu_model\nm = Dense(3)\n"
NOTEBOOK = json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {},
                                  "outputs": [], "source": ["import keras"]}],
                       "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def _block(language: str, containing: str = "") -> str:
    blocks = [b for b in re.findall(rf"```{language}\n(.*?)```", DOC, re.S) if containing in b]
    assert len(blocks) == 1, f"expected one ```{language} block with {containing!r}"
    return blocks[0]


@pytest.fixture(scope="module")
def findings(tmp_path_factory) -> tuple[Path, list[tuple[str, int, int, str]], list[str]]:
    """A project, the findings keraslint reports in it as (file, line, col, code), and its
    concise output lines."""
    root = tmp_path_factory.mktemp("editors")
    (root / "src").mkdir()
    (root / "src" / "model.py").write_bytes(MODEL)
    (root / "src" / "py2.py").write_bytes(b"import keras\nprint 'x'\n")
    (root / "nb.ipynb").write_text(NOTEBOOK)
    done = run_keraslint("--output-format", "json", ".", cwd=root)
    expected = [(i["filename"], i["location"]["row"], i["location"]["column"], i["code"])
                for i in json.loads(done.stdout) if i["cell"] is None]
    assert {e[0] for e in expected} == {"src/model.py", "src/py2.py"} and len(expected) == 4
    lines = run_keraslint("--output-format", "concise", ".", cwd=root).stdout.decode().splitlines()
    assert any(":cell 1:" in line for line in lines)
    return root, expected, lines


def _parsed(pattern: re.Pattern, lines: list[str], groups: tuple) -> list[tuple]:
    found = []
    for line in lines:
        match = pattern.match(line)
        if match:
            file, row, col, code = (match.group(g) for g in groups)
            found.append((file, int(row), int(col), code))
    return found


def test_vscode_problem_matcher(findings):
    _, expected, lines = findings
    tasks = json.loads(_block("json", "problemMatcher"))
    matcher = tasks["tasks"][0]["problemMatcher"]
    assert tasks["tasks"][0]["command"] == "keraslint"
    assert tasks["tasks"][0]["args"] == ["--output-format", "concise", "."]
    spec = matcher["pattern"]
    pattern = re.compile(spec["regexp"])  # JavaScript and Python agree on this syntax
    assert _parsed(pattern, lines, (spec["file"], spec["line"], spec["column"], spec["code"])) == expected
    message = pattern.match(lines[1]).group(spec["message"])
    assert not message.startswith("[*]") and "kernel_initializer" not in message


def _vim_option(line: str) -> str:
    """The value of ``setlocal name=value`` with Vim's backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", line.split("=", 1)[1])


def _errorformat(value: str) -> list[tuple[bool, re.Pattern]]:
    """Vim errorformat -> (ignore?, regex) per comma-separated pattern, for the items used."""
    items = {"%f": r"(?P<f>.+?)", "%l": r"(?P<l>\d+)", "%c": r"(?P<c>\d+)", "%m": r"(?P<m>.+)",
             "%.%#": r".*", "%%": "%"}
    patterns = []
    for part in value.split(","):
        ignore = part.startswith("%-G")
        part = part[3:] if ignore else part
        regex = "".join(items.get(tok, re.escape(tok)) for tok in re.findall(r"%\.%#|%.|[^%]", part))
        patterns.append((ignore, re.compile(regex + "$")))
    return patterns


def test_vim_makeprg_and_errorformat(findings):
    root, expected, _ = findings
    vim = _block("vim").strip().splitlines()
    makeprg = _vim_option(next(line for line in vim if "makeprg=" in line))
    errorformat = _vim_option(next(line for line in vim if "errorformat=" in line))
    lua = _block("lua")
    assert f'makeprg = "{makeprg}"' in lua and f'errorformat = "{errorformat}"' in lua
    patterns = _errorformat(errorformat)

    for filename in ("src/model.py", "src/py2.py", "nb.ipynb"):  # :make on each buffer
        command = makeprg.replace("%", filename).split()
        assert command[0] == "keraslint"
        out = run_keraslint(*command[1:], cwd=root).stdout.decode().splitlines()
        quickfix = []
        for line in out:
            ignore, match = next(((i, m) for i, p in patterns for m in [p.match(line)] if m), (True, None))
            if not ignore:
                quickfix.append((match["f"], int(match["l"]), int(match["c"]), match["m"].split()[0]))
        assert quickfix == [e for e in expected if e[0] == filename]


def _emacs_regex(elisp: str) -> re.Pattern:
    string = re.search(r'\(keraslint "((?:[^"\\]|\\.)*)"', elisp).group(1)
    emacs = re.sub(r"\\(.)", r"\1", string)  # the Lisp string's escapes
    python = emacs.replace(r"\(", "(").replace(r"\)", ")")  # Emacs groups are \( \)
    return re.compile(python)


def test_emacs_compilation_regexp(findings):
    _, expected, lines = findings
    elisp = _block("elisp")
    entry = re.search(r'\(keraslint "(?:[^"\\]|\\.)*" (\d) (\d) (\d) (\d)', elisp)
    file, line, column, kind = map(int, entry.groups())
    assert kind == 1  # a warning
    assert _parsed(_emacs_regex(elisp), lines, (file, line, column, 4)) == expected
    assert "M-x compile RET keraslint --output-format concise . RET" in DOC


def test_stdin_round_trip_as_documented(tmp_path: Path):
    command = _block("bash", "--stdin-filename").strip()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "model.py").write_bytes(MODEL)
    out = tmp_path / "model.fixed.py"
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]}
    done = subprocess.run(["bash", "-c", command.replace("/tmp/model.fixed.py", str(out))],
                          cwd=tmp_path, capture_output=True, env=env)
    assert done.returncode == 1  # multi_gpu_model has no fix and remains
    assert out.read_bytes() == (b"from tensorflow.keras.layers import Dense\n"
                                b"from keras.utils import multi_gpu_model\n"
                                b"m = Dense(3, kernel_initializer='glorot_uniform')\n")
    assert b"src/model.py:2:25: KL002" in done.stderr
    assert (tmp_path / "src" / "model.py").read_bytes() == MODEL
