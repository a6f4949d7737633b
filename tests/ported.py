"""Run one Keras 2.2.4 program under real Keras 2.2.4 and, after ``keraslint --fix``, under the
target's TensorFlow; both print ``RESULT <json>``. For tests that pin a fix's numbers down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.environments import keras2_python, reference_python
from tests.rules.cases import fix

PREFIX = "RESULT "


def run(python: str, source: str, folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "program.py"
    path.write_text(source)
    done = subprocess.run([python, str(path)], capture_output=True, text=True, cwd=folder,
                          env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr[-3000:]
    [line] = [line for line in done.stdout.splitlines() if line.startswith(PREFIX)]
    return json.loads(line[len(PREFIX):])


def reference_and_port(source: str, folder: Path, target: str = "keras3") -> tuple[dict, dict, str]:
    """(what Keras 2.2.4 printed, what the fixed program printed on ``target``, the fixed code)."""
    fixed = fix(source, target=target)
    python = sys.executable if target == "keras3" else keras2_python()
    return run(reference_python(), source, folder / "reference"), run(python, fixed, folder / target), fixed
