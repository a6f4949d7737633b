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


#: TensorFlow 1.13 runs independent ops of one step on several threads, and 2.2.4's optimizers
#: read the iteration count in an op that races its increment: one run in a few then takes a
#: step with t one lower. One thread per session runs them in one order, the usual one.
_ONE_THREAD = ("import runpy, sys\n"
               "import tensorflow as tf\n"
               "from keras import backend as K\n"
               "K.set_session(tf.Session(config=tf.ConfigProto(inter_op_parallelism_threads=1, "
               "intra_op_parallelism_threads=1)))\n"
               "sys.argv = [sys.argv[1]]\n"
               "runpy.run_path(sys.argv[0], run_name='__main__')\n")


def reference_command(python: str, script: str) -> list[str]:
    """Run ``script`` under Keras 2.2.4 with a one-thread TensorFlow session: reproducible."""
    return [python, "-c", _ONE_THREAD, script]


def reference_environment() -> dict[str, str]:
    """os.environ without what importing current TensorFlow sets (``TF2_BEHAVIOR``), under which
    TensorFlow 1.13 would switch to its v2 behaviour and Keras 2.2.4 break."""
    import os

    return {k: v for k, v in os.environ.items() if k != "TF2_BEHAVIOR"}
