"""Run one Keras 2.2.4 program under real Keras 2.2.4 and, after ``keraslint --fix``, under the
target's TensorFlow; both print ``RESULT <json>``. For tests that pin a fix's numbers down."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.environments import keras2_python, reference_command, reference_python
from tests.rules.cases import fix

PREFIX = "RESULT "


def clean_environment() -> dict[str, str]:
    """os.environ without what importing TensorFlow 2 in this process set (TF2_BEHAVIOR=1 turns
    the reference's TensorFlow 1.13 eager, and its graph code fails)."""
    return {k: v for k, v in os.environ.items() if k != "TF2_BEHAVIOR"}


def run(python: str, source: str, folder: Path, reference: bool = False) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "program.py"
    path.write_text(source)
    command = reference_command(python, str(path)) if reference else [python, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, cwd=folder,
                          env={**clean_environment(), "TF_CPP_MIN_LOG_LEVEL": "3", "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr[-3000:]
    [line] = [line for line in done.stdout.splitlines() if line.startswith(PREFIX)]
    return json.loads(line[len(PREFIX):])


def reference_and_port(source: str, folder: Path, target: str = "keras3") -> tuple[dict, dict, str]:
    """(what Keras 2.2.4 printed, what the fixed program printed on ``target``, the fixed code)."""
    fixed = fix(source, target=target)
    python = sys.executable if target == "keras3" else keras2_python()
    expected = run(reference_python(), source, folder / "reference", reference=True)
    return expected, run(python, fixed, folder / target), fixed
