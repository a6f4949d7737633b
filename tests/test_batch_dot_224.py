"""``batch_dot_224`` (KL703's stand-in) against Keras 2.2.4's own ``K.batch_dot``: the same shapes
and numbers for every kind of call, on both targets' TensorFlow; tf.keras's batch_dot differs."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from keraslint.keras224.backend import BATCH_DOT_CODE
from tests import environments

CASES = [
    [[2, 10, 100], [2, 10, 100, 16], [2, 2]],   # capsule routing
    [[2, 10, 16], [2, 10, 100, 16], [2, 3]],
    [[2, 3, 4, 5], [2, 3, 5, 6], None],
    [[2, 5], [2, 5], 1],
    [[2, 3, 4], [2, 4, 5], None],
    [[2, 20], [2, 30, 20], [1, 2]],
    [[2, 4, 3], [2, 4, 5], [1, 1]],
    [[2, 6], [2, 6, 3], [1, 1]],
]

#: Run by each Python: ``batch_dot`` is Keras 2.2.4's K.batch_dot, or the stand-in.
PROBE = """\
import json, sys
import numpy as np
cases = json.loads(sys.argv[1])
if sys.argv[2] == "keras":
    from keras import backend as K
    run = lambda x, y, axes: K.eval(K.batch_dot(K.constant(x), K.constant(y), axes))
elif sys.argv[2] == "tf.keras":
    from tensorflow.keras import backend as K
    run = lambda x, y, axes: np.asarray(K.batch_dot(K.constant(x), K.constant(y), axes))
else:
    namespace = {}
    exec(sys.stdin.read(), namespace)
    run = lambda x, y, axes: np.asarray(namespace["batch_dot_224"](x, y, axes))
rng = np.random.RandomState(0)
found = []
for xs, ys, axes in cases:
    x, y = rng.rand(*xs).astype("float32"), rng.rand(*ys).astype("float32")
    try:
        out = run(x, y, axes)
        found.append([list(out.shape), out.ravel()[:50].astype(float).tolist()])
    except Exception as error:
        found.append([type(error).__name__, None])
print(json.dumps(found))
"""


def probe(python: str, how: str) -> list:
    done = subprocess.run([python, "-c", PROBE, json.dumps(CASES), how], input=BATCH_DOT_CODE,
                          capture_output=True, text=True, timeout=600, env=environments.reference_environment())
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def reference() -> list:
    return probe(environments.reference_python(), "keras")


@pytest.mark.parametrize("target", ["keras3", "keras2"])
def test_the_stand_in_computes_what_keras_224_did(reference, target):
    python = sys.executable if target == "keras3" else environments.keras2_python()
    for case, (want, got) in zip(CASES, zip(reference, probe(python, "stand-in"))):
        assert got[0] == want[0], case
        assert got[1] == pytest.approx(want[1], rel=1e-5), case


def test_tf_keras_batch_dot_differs_from_rank_4(reference):
    current = probe(sys.executable, "tf.keras")
    differs = [case for case, want, got in zip(CASES, reference, current) if got[0] != want[0]]
    assert differs == CASES[:3]
