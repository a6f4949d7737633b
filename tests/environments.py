"""The other Pythons the tests run code under, each made once and cached by its script:

- the reference (Python 3.7, Keras 2.2.4, TensorFlow 1.13.1): ``$KERASLINT_REFERENCE_PYTHON``,
  else ``scripts/reference_env.py``;
- the ``keras2`` target (TensorFlow 2.15): ``$KERASLINT_KERAS2_PYTHON``, else
  ``scripts/keras2_env.py``.

A missing environment fails the test with the script's output: these tests never skip.
"""

from __future__ import annotations

import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _made_by(variable: str, script: str) -> str:
    configured = os.environ.get(variable)
    if configured:
        if not Path(configured).is_file():
            pytest.fail(f"{variable}={configured} does not exist")
        return configured
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / script)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"scripts/{script} failed:\n{done.stdout}{done.stderr}")
    return done.stdout.strip().splitlines()[-1]


@lru_cache(maxsize=1)
def reference_python() -> str:
    return _made_by("KERASLINT_REFERENCE_PYTHON", "reference_env.py")


@lru_cache(maxsize=1)
def keras2_python() -> str:
    return _made_by("KERASLINT_KERAS2_PYTHON", "keras2_env.py")
