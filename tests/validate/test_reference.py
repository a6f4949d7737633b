"""Reference mode on the 42 Keras 2.2.4 examples: every model built from keraslint's fixed port
matches the original model built under real Keras 2.2.4 (Python 3.7, TensorFlow 1.13.1).

CI creates the reference environment and names its python in KERASLINT_REFERENCE_PYTHON; without
it this module creates the same (cached) environment itself. It never skips.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import environments

from keraslint.config import Settings
from keraslint.validate.ports import fixed_port
from keraslint.validate.run import REFERENCE_ONLY
from tests.helpers import run_keraslint

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "tests" / "validate" / "keras224_examples.toml"

#: Why the models of these examples cannot be built under current TensorFlow (a fixed port that
#: fails anywhere else is a regression): TensorFlow 1 graph APIs, and Keras APIs Keras 3 dropped.
KNOWN_FAILURES = {
    "cifar10_cnn_tfaugment2d.py": "no attribute 'contrib' (line 82)",  # its Lambda: tf.contrib.image
    "deep_dream.py": "set_learning_phase",  # KL002: Keras 3 has no learning phase
    "lstm_stateful.py": "reset_states",  # Keras 3 models have no reset_states()
    "mnist_sklearn_wrapper.py": "keras.wrappers.scikit_learn",  # KL002: use scikeras
    "mnist_swwae.py": "only run with the Theano backend",  # the example refuses TensorFlow
    "mnist_tfrecord.py": "get_session",  # KL002: TF 2 has no session
    "variational_autoencoder.py": "KerasTensor cannot be used as input to a TensorFlow function",
    "variational_autoencoder_deconv.py": "KerasTensor cannot be used as input to a TensorFlow function",
}


def _figures_module():
    spec = importlib.util.spec_from_file_location("reference_figures", ROOT / "scripts" / "reference_figures.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def reference_python() -> str:
    return environments.reference_python()


@pytest.fixture(scope="module")
def examples(keras224_examples, tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("examples")
    for path in keras224_examples:
        shutil.copy(path, work / path.name)
    return work


@pytest.fixture(scope="module")
def reference_run(examples: Path, reference_python: str):
    done = subprocess.run(
        [sys.executable, "-m", "keraslint", "validate", "--config", str(CONFIG),
         "--reference-python", reference_python, "--output-format", "json", str(examples)],
        capture_output=True, text=True,
    )
    assert done.returncode in (0, 1), done.stderr  # 1: some fixed ports fail (KNOWN_FAILURES)
    report = json.loads(done.stdout)
    paths = sorted(str(p) for p in examples.glob("*.py"))
    return report, _figures_module().figures(report, paths), done.stderr


def test_validation_builds_the_fixed_port_that_keraslint_fix_writes(examples: Path, tmp_path: Path):
    """Validation's fixed port is what ``keraslint --fix`` writes: the reference run checks the fix."""
    fixed = tmp_path / "fixed"
    shutil.copytree(examples, fixed)
    run_keraslint("--fix", str(fixed), cwd=tmp_path)
    for original in sorted(examples.glob("*.py")):
        written = (fixed / original.name).read_bytes()
        assert fixed_port(original.read_bytes(), str(original), Settings(), unsafe_fixes=False) == written, original.name


def test_the_reference_is_keras_224_on_tensorflow_113(reference_run):
    report, _, _ = reference_run
    assert report["reference"] == {"tensorflow": "1.13.1", "keras": "2.2.4"}
    assert report["keras"].startswith("3.")


def test_every_built_model_matches_keras_224(reference_run):
    report, figures, stderr = reference_run
    assert figures["not matching"] == []
    assert figures["models built"] == figures["models matching Keras 2.2.4"] >= 47
    assert (f"Validated {figures['models']} models in 42 files ({figures['files built']} with a built model): "
            f"{figures['models built']} built") in stderr
    assert f"{figures['models built']} of {figures['models built']} match Keras 2.2.4 (" in stderr


def test_every_built_model_gives_keras_224s_numbers_on_its_weights(reference_run):
    """Outputs on 2.2.4's seeded weights and probe batch, within the tolerance; the VAEs' encoders
    sample while predicting, so 2.2.4 itself answers twice differently: not judged."""
    report, _, _ = reference_run
    verdicts = {}
    for model in report["models"]:
        numbers = (model.get("reference") or {}).get("numbers")
        if model["status"] == "built" and numbers:
            verdicts[(Path(model["path"]).name, model["name"])] = numbers["equal"] if numbers["equal"] is not None \
                else numbers["reason"]
    random = {key: value for key, value in verdicts.items() if value is not True}
    assert sorted(random) == [("variational_autoencoder.py", "encoder"),
                              ("variational_autoencoder_deconv.py", "encoder")]
    assert all("samples while predicting" in reason for reason in random.values())
    assert len(verdicts) - len(random) >= 45
    # The naive port's drift shows as numbers: the LSTMs' hard sigmoid, for one.
    naive = {(Path(m["path"]).name, m["name"]): m["reference"]["numbers"]["naive"] for m in report["models"]
             if m["status"] == "built" and (m.get("reference") or {}).get("numbers", {}).get("naive")}
    assert naive[("lstm_seq2seq.py", "encoder_model")]["equal"] is False


def test_babi_memnn_compares_what_keras_224_left_undefined_on_defined_dimensions(reference_run):
    report, _, _ = reference_run
    encoder = next(m for m in report["models"] if m["name"] == "input_encoder_m")
    # 2.2.4 built this nested Sequential on its own, before its first call: length unknown.
    assert encoder["reference"]["undefined"] == [
        "embedding shape (None, None, 64) -> (None, 68, 64)", "dropout shape (None, None, 64) -> (None, 68, 64)"]
    outer = next(m for m in report["models"] if m["path"].endswith("babi_memnn.py") and m["name"] == "model")
    assert outer["reference"]["status"] == "match" and outer["reference"]["undefined"] == []


def test_built_files_and_what_the_others_need(reference_run):
    report, figures, _ = reference_run
    assert figures["define a model"] == 42
    assert figures["files built"] >= 33
    # The original builds a model from its own code under Keras 2.2.4 in 34 files (the others
    # need their data, a trained file or Theano even there); the fixed port builds 33 of them
    # (deep_dream needs --unsafe-fixes: test_with_unsafe_fixes_deep_dream_builds_...).
    assert figures["build under Keras 2.2.4"] >= 34 and figures["built of those"] >= 33
    for model in report["models"]:
        name = Path(model["path"]).name
        if model["status"] == "failed" and model["reason"].startswith(REFERENCE_ONLY):
            assert name in KNOWN_FAILURES, (name, model["reason"])  # the fixed port stopped early
        elif model["status"] == "failed":  # only the known ones; a new failure is a regression
            assert KNOWN_FAILURES.get(name, "\0") in model["reason"], (name, model["reason"])
        elif model["status"] == "skipped":  # each says what it needs, or that no model was found
            assert model["reason"].startswith(("needs ", "no model found")), (name, model["reason"])
    (ocr,) = figures["not built"][next(p for p in figures["not built"] if p.endswith("image_ocr.py"))]
    assert ocr["reason"] == ("no model found; train(run_name, start_epoch, stop_epoch, img_w) build models "
                             "but need arguments (configure [tool.keraslint.validate] builders)")


def test_stubbed_modules_and_numpy_aliases_are_noted(reference_run):
    report, _, _ = reference_run
    notes = {(Path(m["path"]).name, note) for m in report["models"] for note in m["notes"]}
    assert ("conv_lstm.py", "np.float: removed in NumPy 2, aliased to float for this build") in notes
    assert ("lstm_stateful.py", "stubbed: pandas (not installed; the model is built without it)") in notes


def test_the_naive_port_loses_embedding_input_length_and_the_input_shape_drift_explains_it(reference_run):
    report, _, _ = reference_run
    imdb = next(m for m in report["models"] if m["path"].endswith("imdb_cnn.py"))
    assert imdb["status"] == "built" and imdb["reference"]["status"] == "match"
    assert {"object": "model", "attribute": "input_shape", "naive": [None, None], "fixed": [None, 400]} in imdb["drift"]
    assert "embedding shape (None, None, 50) -> (None, 400, 50)" in imdb["explained"]


def test_a_model_only_the_original_builds_is_a_failure_of_the_fixed_port(reference_run):
    report, _, _ = reference_run
    rows = [m for m in report["models"] if m["path"].endswith("deep_dream.py")]
    assert [(m["line"], m["name"], m["status"], m["reason"]) for m in rows] == [
        (70, None, "failed", "AttributeError: module 'keras._tf_keras.keras.backend' has no attribute "
                             "'set_learning_phase'"),
        (74, "model", "failed", "built under Keras 2.2.4 only (21,802,784 params); the fixed port stopped before it"),
    ]


def test_fix_then_validate_against_keras_224_reports_lines_of_the_fixed_file(reference_python: str, tmp_path: Path):
    script = tmp_path / "session.py"
    script.write_text(
        "from keras import backend as K\n"
        "from keras.layers import Dense\n"
        "from keras.models import Sequential\n"
        "\n"
        "model = Sequential()\n"
        "model.add(Dense(2, input_shape=(4,)))\n"
        "model.compile(loss='mse', optimizer='adadelta')\n"
        "session = K.get_session()\n"  # Keras 3 has no session: the fixed port stops here
        "other = Sequential([Dense(3, input_shape=(2,))])\n"
    )
    done = run_keraslint("--fix", "--validate", "--reference-python", reference_python, "session.py", cwd=tmp_path)
    fixed = script.read_text().splitlines()
    assert fixed[3] == "from tensorflow.keras.optimizers import Adadelta"  # the fix added a line
    at = {name: fixed.index(text) + 1 for name, text in
          (("model", "model = Sequential()"), ("session", "session = K.get_session()"))}
    at["other"] = next(i for i, text in enumerate(fixed, 1) if text.startswith("other = "))
    assert done.stdout.decode().splitlines()[-8:] == [
        f"session.py:{at['session']}  -  failed: AttributeError: module 'keras._tf_keras.keras.backend' "
        "has no attribute 'get_session'",
        f"session.py:{at['model']}  model  built  1 layers  10 params",
        "    drift      optimizer.learning_rate 0.001 -> 1.0",
        "    drift      compile.loss 'mse' -> 'mean_squared_error'",  # KL612: Keras 3 cannot reload 'mse'
        "    reference  matches Keras 2.2.4 (10 params)",
        "    numbers    fixed equal: outputs max |diff| 5.96e-08 (tolerance 0.000776)",
        "    numbers    naive equal: outputs max |diff| 5.96e-08 (tolerance 0.000776)",  # same weights: same outputs
        f"session.py:{at['other']}  other  failed: {REFERENCE_ONLY} (9 params); the fixed port stopped before it",
    ], done.stderr.decode()
    assert at["other"] == 10  # line 9 of the original
    assert done.stderr.decode().splitlines()[-1] == (
        "Validated 3 models: 1 built, 2 failed, 0 skipped; 1 of 1 match Keras 2.2.4 (1 of 1 by numbers).")
    assert done.returncode == 1


def test_with_unsafe_fixes_deep_dream_builds_and_matches_keras_224(examples: Path, reference_python: str):
    """KL002's unsafe fix removes `K.set_learning_phase(0)`, the only line that stopped it."""
    done = run_keraslint("validate", "--unsafe-fixes", "--config", str(CONFIG), "--reference-python", reference_python,
                         "--output-format", "json", str(examples / "deep_dream.py"))
    assert done.returncode == 0, done.stderr.decode()
    [model] = json.loads(done.stdout)["models"]
    assert (model["line"], model["name"], model["status"], model["params"]) == (74, "model", "built", 21_802_784)
    assert model["reference"]["status"] == "match"
    assert "has no attribute 'set_learning_phase'" in model["naive_error"]  # the naive port keeps it


def test_mnist_dataset_api_builds_its_test_model_from_the_test_images_shape(reference_run):
    report, _, _ = reference_run
    rows = {m["name"]: m for m in report["models"] if m["path"].endswith("mnist_dataset_api.py")}
    assert (rows["test_model"]["status"], rows["test_model"]["params"]) == ("built", 843_658)
    assert rows["test_model"]["reference"]["status"] == "match"
    # The training model's input is a TensorFlow 1 iterator's tensor: no configured shape stands in.
    assert (rows["train_model"]["status"], rows["train_model"]["reason"]) == ("skipped", "needs inputs")
