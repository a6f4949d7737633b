"""The TensorFlow 1 table (``keras224/tf1.py``) against the TensorFlows it speaks of: each name was
a function of TF 1.13's ``tf``, and each target's TensorFlow has it only in ``tf.compat.v1``."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from keraslint.keras224.tf1 import TF1_FUNCTIONS, TF1_GRAPH_ONLY
from tests import environments
from tests.rules.cases import fix

PROBE = """\
import inspect, json
import tensorflow as tf
v1 = getattr(getattr(tf, "compat", None), "v1", None)
print(json.dumps({
    "functions": [n for n in dir(tf) if not n.startswith("_")
                  and (inspect.isfunction(getattr(tf, n)) or inspect.isbuiltin(getattr(tf, n)))],
    "top": [n for n in dir(tf) if not n.startswith("_")],
    "compat_v1": sorted(dir(v1)) if v1 is not None else [],
}))
"""


def probe(python: str) -> dict:
    done = subprocess.run([python, "-c", PROBE], capture_output=True, text=True, timeout=600,
                          env=environments.reference_environment())
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_every_name_was_a_function_of_tensorflow_113():
    found = probe(environments.reference_python())
    assert sorted((TF1_FUNCTIONS | TF1_GRAPH_ONLY) - set(found["functions"])) == []


@pytest.mark.parametrize("target", ["keras3", "keras2"])
def test_each_target_keeps_them_only_in_compat_v1(target: str):
    python = sys.executable if target == "keras3" else environments.keras2_python()
    found = probe(python)
    assert sorted(TF1_FUNCTIONS & set(found["top"])) == []
    assert sorted(TF1_FUNCTIONS - set(found["compat_v1"])) == []


def test_the_fixed_lambda_runs_on_current_tensorflow(tmp_path):
    before = textwrap.dedent("""\
        import numpy as np
        import tensorflow as tf
        from keras.layers import Input, Lambda
        from keras.models import Model

        inputs = Input(shape=(3,))
        outputs = Lambda(lambda x: tf.to_float(tf.div(x, 2.0)) + 0 * tf.random_normal(tf.shape(x)))(inputs)
        model = Model(inputs, outputs)
        print(model.predict(np.ones((2, 3)), verbose=0).tolist())
        """)
    after = fix(before)
    assert "tf.compat.v1.to_float(tf.compat.v1.div(x, 2.0))" in after
    assert fix(after) == after
    script = tmp_path / "lambda_tf1.py"
    script.write_text(after)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "[[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]"
