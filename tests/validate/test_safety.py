"""The paths around a build: no TensorFlow, ``--fix --validate``, the per-build timeout, the
memory cap, a crashing child restarted, stubs for missing imports. Real children, tiny models."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from keraslint.validate import cli, process
from keraslint.validate.run import ValidateOptions
from tests.helpers import run_keraslint

MODEL = """\
from keras.layers import Dense, Input
from keras.models import Model

inputs = Input(shape=(4,))
model = Model(inputs, Dense(3)(inputs))
"""

SCRIPTS = {
    "a_ok.py": MODEL,
    # The model is bound before the build hangs: it is reported, and the hang fails alone.
    "b_sleep.py": MODEL + "import time\ntime.sleep(120)\n",
    # Kills the child: the next file is built by a new one.
    "c_crash.py": "import os\nimport signal\nimport keras\nos.kill(os.getpid(), signal.SIGKILL)\n",
    "d_ok.py": MODEL,
    # 3 GiB of address space, never touched: allowed without a cap, refused under memory-mb = 4096.
    "e_memory.py": "import mmap\nimport keras\nbuffer = mmap.mmap(-1, 3 * 2 ** 30)\n" + MODEL,
    # A library that is not installed, used only for data: stubbed, noted, the model still built.
    "f_stub.py": "import not_installed_anywhere.signal as sig\n" + MODEL + "smooth = sig.savgol_filter([1, 2, 3], 3, 1)\n",
    # Keras 3's Sequential swallows a Lambda's failure while building: the real error is found.
    "g_lambda.py": (
        "import tensorflow as tf\nfrom keras.models import Sequential\nfrom keras.layers import Dense, Lambda\n\n\n"
        "def augment(x):\n    return tf.contrib.image.rotate(x, 0.1)\n\n\n"
        "model = Sequential()\nmodel.add(Lambda(augment, input_shape=(4,)))\nmodel.add(Dense(2))\n"),
}

CONFIG = """\
[tool.keraslint.validate]
timeout = 5
memory-mb = 4096
"""


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    work = tmp_path_factory.mktemp("safety")
    for name, text in SCRIPTS.items():
        (work / name).write_text(text)
    (work / "pyproject.toml").write_text(CONFIG)
    done = run_keraslint("validate", "--output-format", "json", ".", cwd=work)
    assert done.returncode == 1, done.stderr.decode()
    models = json.loads(done.stdout)["models"]
    return {(m["path"].split("/")[-1], m["name"]): m for m in models}


def test_a_build_that_hangs_times_out_at_its_line_and_the_model_before_it_is_kept(run):
    hang = run[("b_sleep.py", None)]
    assert (hang["status"], hang["line"], hang["reason"]) == ("failed", 7, "BuildTimeout: build timed out")
    assert run[("b_sleep.py", "model")]["status"] == "built"


def test_a_crash_fails_its_file_and_a_new_child_builds_the_next(run):
    crash = run[("c_crash.py", None)]
    assert crash["status"] == "failed"
    assert crash["reason"].startswith("ChildCrashed: the build child died (signal 9)")
    assert run[("d_ok.py", "model")]["status"] == "built" and run[("d_ok.py", "model")]["params"] == 15


def test_the_memory_cap_refuses_an_allocation_past_it(run):
    memory = run[("e_memory.py", None)]
    assert memory["status"] == "failed" and memory["line"] == 3
    assert "Cannot allocate memory" in memory["reason"]


def test_a_missing_third_party_module_is_stubbed_with_a_note(run):
    model = run[("f_stub.py", "model")]
    assert model["status"] == "built" and model["params"] == 15
    assert "stubbed: not_installed_anywhere (not installed; the model is built without it)" in model["notes"]
    assert run[("a_ok.py", "model")]["notes"] == []


def test_a_lambda_that_fails_inside_a_sequential_reports_the_users_error_and_line(run):
    model = run[("g_lambda.py", "model")]
    assert (model["status"], model["line"]) == ("failed", 10)
    assert model["reason"] == "AttributeError: module 'tensorflow' has no attribute 'contrib' (line 7)"


def test_a_missing_keras_module_is_a_failure_never_a_stub(tmp_path: Path):
    (tmp_path / "gone.py").write_text("from keras.wrappers.scikit_learn import KerasClassifier\n" + MODEL
                                      + "classifier = KerasClassifier\n")
    done = run_keraslint("validate", "--output-format", "json", "gone.py", cwd=tmp_path)
    (model,) = json.loads(done.stdout)["models"]
    assert (model["status"], model["line"]) == ("failed", 1)
    assert "No module named 'keras.wrappers" in model["reason"]


def test_without_tensorflow_the_message_names_the_validate_extra(tmp_path: Path, capsys):
    bare = tmp_path / "bare"
    venv.create(bare, with_pip=False)  # a real Python with no TensorFlow
    python = str(bare / "bin" / "python")
    assert process.tensorflow_missing(python)
    code = cli.run_and_print([("m.py", MODEL.encode())], ValidateOptions(python=python), "text")
    assert code == 2
    assert capsys.readouterr().err.strip() == f"keraslint: error: {cli.MISSING_TENSORFLOW}"
    assert "pip install 'keraslint[validate]'" in cli.MISSING_TENSORFLOW


def test_a_reference_python_without_keras_is_reported_not_a_traceback(tmp_path: Path):
    bare = tmp_path / "bare"
    venv.create(bare, with_pip=False)
    (tmp_path / "m.py").write_text(MODEL)
    done = run_keraslint("validate", "--reference-python", str(bare / "bin" / "python"), "m.py", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == (
        "keraslint: error: the build child could not start: ModuleNotFoundError: No module named 'keras'")


def test_fix_then_validate_reports_lines_of_the_fixed_file(tmp_path: Path):
    script = tmp_path / "lr.py"
    script.write_text(
        "import keras\n"
        "from keras.layers import Dense\n"
        "from keras.models import Sequential\n"
        "\n"
        "model = Sequential()\n"
        "model.add(Dense(2, input_shape=(4,)))\n"
        "model.compile(loss='mse', optimizer=keras.optimizers.Adam(lr=0.01))\n"
    )
    done = subprocess.run([sys.executable, "-m", "keraslint", "--fix", "--validate", "lr.py"],
                          cwd=tmp_path, capture_output=True, text=True)
    fixed = script.read_text()
    assert "learning_rate=0.01" in fixed and "lr=" not in fixed.replace("learning_rate", "")
    line = next(i for i, text in enumerate(fixed.splitlines(), 1) if text.startswith("model = "))
    assert f"lr.py:{line}  model  built  1 layers  10 params" in done.stdout, done.stdout + done.stderr
    assert "naive port failed" in done.stdout  # Keras 3 rejects Adam(lr=): evidence for the fix
    assert done.returncode == 0, done.stderr


def test_the_reference_child_never_gets_tensorflow_2_behaviour(monkeypatch):
    # Importing current TensorFlow sets TF2_BEHAVIOR=1 in the importing process (the test suite's);
    # TensorFlow 1.13 would obey it and Keras 2.2.4 models would lose their layers.
    monkeypatch.setenv("TF2_BEHAVIOR", "1")
    assert "TF2_BEHAVIOR" not in process._environment("reference")
    assert process._environment("tf")["TF2_BEHAVIOR"] == "1"


def test_a_reference_python_needs_validate(tmp_path: Path):
    (tmp_path / "m.py").write_text(MODEL)
    done = run_keraslint("--fix", "--reference-python", sys.executable, "m.py", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == (
        "keraslint: error: --reference-python goes with --fix --validate (or `keraslint validate`)")
    assert (tmp_path / "m.py").read_text() == MODEL  # refused before anything was fixed
