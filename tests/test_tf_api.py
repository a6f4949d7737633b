"""The ``tensorflow.keras`` tables of each target (``keras224/tf_api``) against installed TensorFlow.

The ``keras3`` table is checked against the TensorFlow of this environment; the ``keras2``
one against TensorFlow 2.15 in its own environment (``scripts/keras2_env.py``, also used by
the differential tests), run in a subprocess.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from keraslint.keras224 import tf_api
from tests.environments import keras2_python

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "tf_keras_api.py"

_READ = (
    "import json, sys; sys.path.insert(0, {root!r}); import importlib.util as u; "
    "spec = u.spec_from_file_location('api', {script!r}); m = u.module_from_spec(spec); "
    "spec.loader.exec_module(m); print(json.dumps(m.collect()))"
)


def _installed_api(python: str) -> dict[str, list[str]]:
    code = _READ.format(root=str(ROOT), script=str(SCRIPT))
    done = subprocess.run([python, "-c", code], capture_output=True, text=True,
                          env={"TF_CPP_MIN_LOG_LEVEL": "3", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("target", tf_api.TARGETS)
def test_table_is_what_the_targets_tensorflow_has(target: str) -> None:
    python = sys.executable if target == "keras3" else keras2_python()
    installed = {module: frozenset(names) for module, names in _installed_api(python).items()}
    table = tf_api.modules(target)
    assert set(table) == set(installed), f"run scripts/tf_keras_api.py {target} under that TensorFlow"
    differ = {m: sorted(table[m] ^ installed[m]) for m in table if table[m] != installed[m]}
    assert not differ, f"run scripts/tf_keras_api.py {target} under that TensorFlow: {differ}"


def test_has_reads_modules_names_and_attributes() -> None:
    assert tf_api.has("keras3", "tensorflow.keras.layers.Dense")
    assert tf_api.has("keras3", "tensorflow.keras.layers.Dense.from_config")  # an attribute of it
    assert tf_api.has("keras3", "tensorflow.keras.applications.mobilenet_v2")
    assert not tf_api.has("keras3", "tensorflow.keras.layers.LocallyConnected2D")
    assert tf_api.has("keras2", "tensorflow.keras.layers.LocallyConnected2D")
    assert not tf_api.has("keras3", "tensorflow.keras.applications.imagenet_utils._obtain_input_shape")
    assert not tf_api.has("keras3", "tensorflow")


@pytest.mark.parametrize("target", tf_api.TARGETS)
def test_metric_classes_keraslint_writes_exist(target: str) -> None:
    from keraslint.keras224.training import METRIC_CLASSES, METRICS_MODULE

    assert [c for c in METRIC_CLASSES.values() if not tf_api.has(target, f"{METRICS_MODULE}.{c}")] == []
