"""Building under TensorFlow: one `keraslint validate` run (one child) over real and small scripts."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from keraslint.validate import compare

GRU_SCRIPT = """\
from keras.models import Sequential
from keras.layers import GRU, Dense

model = Sequential()
model.add(GRU(8, input_shape=(5, 3)))
model.add(Dense(1))
model.compile(loss='mse', optimizer='sgd')
"""

LR_SCRIPT = """\
import keras
from keras.layers import Dense, Input
from keras.models import Model

inputs = Input(shape=(4,))
model = Model(inputs, Dense(2)(inputs))
model.compile(loss='mse', optimizer=keras.optimizers.Adam(lr=0.01))
"""

BROKEN_SCRIPT = """\
from keras.models import Sequential
from keras.layers import Dense

model = Sequential()
model.add(Dense(4, input_shape=(3,)))
model.add(Dense(-1))
"""

BUILDERS = """\
from keras.layers import Dense, Input
from keras.models import Model


def make(units):
    inputs = Input(shape=(4,))
    return Model(inputs, Dense(units)(inputs))


def build_model():
    return make(3)
"""

CONFIG = """\
[tool.keraslint.validate]
builders = [{ target = "builders.py:make", kwargs = { units = 7 } }]
"""

# Runs the real command line, then reports which heavy modules the parent imported.
RUNNER = """\
import sys
from keraslint.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    code = done.code
heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('tensorflow', 'keras', 'numpy'))
sys.stderr.write('HEAVY=' + repr(heavy) + '\\n')
sys.exit(code)
"""


@pytest.fixture(scope="module")
def run(keras224: Path, tmp_path_factory):
    work = tmp_path_factory.mktemp("validate")
    shutil.copy(keras224 / "examples" / "mnist_cnn.py", work / "mnist_cnn.py")
    for name, text in [("gru.py", GRU_SCRIPT), ("lr.py", LR_SCRIPT), ("broken.py", BROKEN_SCRIPT),
                       ("builders.py", BUILDERS), ("pyproject.toml", CONFIG)]:
        (work / name).write_text(text)
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    done = subprocess.run(
        [sys.executable, "-c", RUNNER, "validate", "--train-steps", "30", "--batch", "32",
         "--output-format", "json", "."],
        cwd=work, capture_output=True, text=True,
    )
    assert done.returncode == 1, done.stderr  # broken.py fails
    models = json.loads(done.stdout)["models"]
    return {
        "work": work, "stderr": done.stderr, "before": before,
        "data": json.loads(done.stdout),
        "models": {(m["path"].split("/")[-1], m["name"]): m for m in models},
    }


def test_the_parent_never_imports_tensorflow(run):
    assert "HEAVY=[]" in run["stderr"]
    assert run["data"]["tensorflow"].startswith("2.")
    assert run["data"]["keras"].startswith("3.")


def test_nothing_is_written_beside_the_users_code(run):
    assert {p.name: p.read_bytes() for p in run["work"].iterdir()} == run["before"]


def test_mnist_cnn_shows_the_adadelta_drift_and_the_fixed_port_learns(run):
    model = run["models"][("mnist_cnn.py", "model")]
    assert (model["status"], model["line"], model["layers"], model["params"]) == ("built", 47, 8, 1199882)
    assert {"object": "optimizer", "attribute": "learning_rate", "naive": 0.001, "fixed": 1.0} in model["drift"]
    naive, fixed = model["train"]["naive"], model["train"]["fixed"]
    assert len(naive) == len(fixed) == 31
    assert naive[0] == pytest.approx(fixed[0])  # same seed, same initial weights
    assert compare.loss_fall(naive) < 0.05
    assert compare.loss_fall(fixed) >= 0.30


def test_a_pinned_attribute_explains_a_changed_parameter_count(run):
    model = run["models"][("gru.py", "model")]
    assert model["status"] == "built"
    assert {"object": "gru", "attribute": "reset_after", "naive": True, "fixed": False} in model["drift"]
    assert model["explained"] == ["gru params 312 -> 288"]  # 2.2.4's GRU has one bias, not two


def test_a_naive_port_that_does_not_build_is_evidence_and_the_fixed_port_is_still_checked(run):
    model = run["models"][("lr.py", "model")]
    assert model["status"] == "built" and model["params"] == 10
    assert "lr" in model["naive_error"]


def test_errors_point_at_the_users_file_and_line(run):
    model = run["models"][("broken.py", None)]
    assert model["status"] == "failed" and model["line"] == 6
    assert model["path"].endswith("broken.py")


def test_builder_functions_zero_argument_and_configured(run):
    assert run["models"][("builders.py", "build_model()")]["params"] == 15
    assert run["models"][("builders.py", "make()")]["params"] == 35  # kwargs units = 7
