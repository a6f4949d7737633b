"""Validating a project, not a lone script: one test (or more) for each way validation failed on
real packages. A small package is written to a temporary directory and validated as a user would,
under current TensorFlow and, in reference mode, against Keras 2.2.4 with numbers."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from keraslint.validate import project
from keraslint.validate.slicer import slice_script
from tests import environments

FILES = {
    "setup.py": "raise SystemExit('setup.py must not run')\n",
    "docs/conf.py": "import keras\nraise SystemExit('docs must not run')\n",
    "tests/test_models.py": "import keras\nraise SystemExit('tests must not run')\n",
    "mypkg/__init__.py": "from .models.unet import unet\n",
    "mypkg/mylayers.py": """\
        from keras.layers import Conv2D
        UNITS = 16


        def conv_block(x, filters):
            return Conv2D(filters, (3, 3), padding='same', activation='relu')(x)
        """,
    "mypkg/models/__init__.py": "",
    # A factory that may load weights, relative imports of a function and of a sibling module,
    # an import a function's default reads.
    "mypkg/models/unet.py": """\
        import cv2
        from keras.models import Model
        from keras.layers import Input, Dense, Flatten
        from keras.optimizers import Adam
        from ..mylayers import conv_block
        from .. import mylayers


        def draw(image, font=cv2.FONT_HERSHEY_SIMPLEX):
            return image


        def unet(pretrained_weights=None, input_size=(8, 8, 1)):
            inputs = Input(input_size)
            x = Flatten()(conv_block(inputs, 4))
            x = Dense(mylayers.UNITS, activation='relu')(x)
            model = Model(inputs, Dense(1, activation='sigmoid')(x))
            model.compile(optimizer=Adam(lr=1e-4), loss='binary_crossentropy', metrics=['accuracy'])
            if pretrained_weights:
                model.load_weights(pretrained_weights)
            return model
        """,
    # Validated first: it switches the data format, which must not reach the next file.
    "mypkg/a_channels_first.py": """\
        from keras import backend as K
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense
        K.set_image_data_format('channels_first')
        model = Sequential()
        model.add(Conv2D(4, (3, 3), input_shape=(1, 8, 8)))
        model.add(Flatten())
        model.add(Dense(2, activation='softmax'))
        model.compile('sgd', 'categorical_crossentropy')
        """,
    "mypkg/b_channels_last.py": """\
        from keras.models import Sequential
        from keras.layers import Conv2D, Flatten, Dense
        model = Sequential()
        model.add(Conv2D(4, (3, 3), input_shape=(8, 6, 1)))
        model.add(Flatten())
        model.add(Dense(2, activation='softmax'))
        model.compile('sgd', 'categorical_crossentropy')
        """,
    # Builds, but its loss cannot run: only a training step shows it.
    "mypkg/cannot_train.py": """\
        from keras import backend as K
        from keras.models import Sequential
        from keras.layers import Dense


        def broken_loss(y_true, y_pred):
            return K.mean(y_pred * K.ones((3, 7)))


        model = Sequential([Dense(2, input_shape=(4,))])
        model.compile('sgd', broken_loss)
        """,
    # Driver code hands the factory to a library validation must not run (hyperas).
    "mypkg/search.py": """\
        from hyperas import optim
        from keras.models import Sequential
        from keras.layers import Dense


        def create_model():
            model = Sequential([Dense(3, input_shape=(5,))])
            model.compile('adam', 'mse')
            return model


        if __name__ == '__main__':
            best_run, best_model = optim.minimize(model=create_model, max_evals=5)
            best_model.summary()
        """,
    # Adadelta keeps its rate only after the fix; a GRU's weights fit only the fixed port.
    "mypkg/recurrent.py": """\
        from keras.models import Sequential
        from keras.layers import GRU, Dense
        from keras.optimizers import Adadelta


        def build_gru():
            model = Sequential()
            model.add(GRU(4, input_shape=(5, 3)))
            model.add(Dense(1))
            model.compile(loss='mse', optimizer=Adadelta())
            return model
        """,
    # Adadelta's rate: 1.0 in 2.2.4, 0.001 in tf.keras. Only the losses show it.
    "mypkg/adadelta.py": """\
        from keras.models import Sequential
        from keras.layers import Dense
        from keras.optimizers import Adadelta
        model = Sequential([Dense(3, activation='softmax', input_shape=(4,))])
        model.compile(loss='categorical_crossentropy', optimizer=Adadelta())
        """,
    # One factory kills the child: the other's model is still reported.
    "mypkg/two_factories.py": """\
        import os
        from keras.models import Sequential
        from keras.layers import Dense


        def build_crash():
            os.kill(os.getpid(), 9)


        def build_good():
            return Sequential([Dense(2, input_shape=(3,))])
        """,
    # A network whose default weights are downloaded: skipped, validation never downloads.
    "mypkg/pretrained.py": """\
        from keras.applications.mobilenet import MobileNet
        model = MobileNet(input_shape=(128, 128, 3), alpha=0.25)
        """,
    # Samples while predicting (a VAE's encoder): its outputs cannot be compared.
    "mypkg/sampler.py": """\
        from keras import backend as K
        from keras.layers import Input, Dense, Lambda
        from keras.models import Model
        inputs = Input(shape=(4,))
        mean = Dense(2)(inputs)
        encoder = Model(inputs, Lambda(lambda m: m + K.random_normal(K.shape(m)))(mean))
        """,
}

NOTEBOOK = {
    "nbformat": 4, "nbformat_minor": 2, "metadata": {"language_info": {"name": "python"}},
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["# A notebook"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["%matplotlib inline\n", "from keras.models import Sequential\n",
                    "from keras.layers import Dense"]},
        {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
         "source": ["model = Sequential()\n", "model.add(Dense(3, input_shape=(2,)))\n",
                    "model.compile('rmsprop', 'mse')"]},
    ],
}


def write_project(root: Path) -> Path:
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
    (root / "mypkg" / "explore.ipynb").write_text(json.dumps(NOTEBOOK))
    return root


def validate(*args: str, cwd: Path) -> tuple[dict, subprocess.CompletedProcess]:
    done = subprocess.run([sys.executable, "-m", "keraslint", "validate", "--output-format", "json", *args],
                          cwd=cwd, capture_output=True, text=True, timeout=900)
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout), done


def by_path(data: dict) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for model in data["models"]:
        found.setdefault(model["path"].replace("\\", "/"), []).append(model)
    return found


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    return write_project(tmp_path_factory.mktemp("project"))


@pytest.fixture(scope="module")
def run(tree: Path) -> dict[str, list[dict]]:
    data, _ = validate(".", cwd=tree)
    return by_path(data)


# --- where a file lives ----------------------------------------------------------------------------


def test_the_root_is_the_directory_given_else_the_nearest_marker(tree: Path, tmp_path: Path):
    module = tree / "mypkg" / "models" / "unet.py"
    assert project.find_root(module, (tree / "mypkg",)) == (tree / "mypkg").resolve()
    assert project.find_root(module) == tree.resolve()  # setup.py marks it
    lone = tmp_path / "lone.py"
    lone.write_text("")
    assert project.find_root(lone) == tmp_path.resolve()


def test_a_module_is_located_in_its_package(tree: Path):
    location = project.locate(tree / "mypkg" / "models" / "unet.py")
    assert (location.entry, location.package, location.module) == (tree.resolve(), "mypkg.models", "mypkg.models.unet")


def test_only_the_modules_a_file_reaches_are_ported(tree: Path):
    reached = {p.relative_to(tree.resolve()).as_posix()
               for p in project.reachable([tree / "mypkg" / "models" / "unet.py"], tree.resolve())}
    assert reached == {"mypkg/models/unet.py", "mypkg/models/__init__.py", "mypkg/__init__.py", "mypkg/mylayers.py"}


# --- the ways real projects failed ------------------------------------------------------------------


def test_relative_imports_work_and_the_factory_that_may_load_weights_is_built(run):
    (unet,) = run["mypkg/models/unet.py"]
    assert (unet["name"], unet["status"]) == ("unet()", "built"), unet


def test_a_sibling_module_is_the_ported_one_not_a_stub(run):
    (unet,) = run["mypkg/models/unet.py"]
    # Conv2D(4) on 8x8x1 -> 256 features -> Dense(mylayers.UNITS=16) -> Dense(1)
    assert unet["params"] == (9 * 4 + 4) + (256 * 16 + 16) + (16 + 1)
    assert not any("mylayers" in note for note in unet["notes"])


def test_a_missing_third_party_module_is_stubbed_even_when_a_default_reads_it(run):
    (unet,) = run["mypkg/models/unet.py"]
    assert any(note.startswith("stubbed: cv2") for note in unet["notes"])


def test_setup_docs_and_tests_are_not_run(run):
    assert not any(path.startswith(("setup.py", "docs/", "tests/")) for path in run)


def test_a_file_under_tests_runs_when_named(tree: Path):
    data, _ = validate("tests/test_models.py", cwd=tree)
    (model,) = data["models"]
    assert model["path"] == "tests/test_models.py" and model["status"] == "failed"
    assert "tests must not run" in model["reason"]


def test_a_notebook_is_validated_cell_by_cell(run):
    (model,) = run["mypkg/explore.ipynb:cell 3"]
    assert (model["name"], model["status"], model["line"], model["params"]) == ("model", "built", 1, 9)


def test_driver_code_that_takes_the_factory_is_not_run(run):
    (model,) = run["mypkg/search.py"]
    assert (model["name"], model["status"], model["params"]) == ("create_model()", "built", 18)


def test_the_data_format_does_not_leak_from_one_file_to_the_next(run):
    (first,) = run["mypkg/a_channels_first.py"]
    (last,) = run["mypkg/b_channels_last.py"]
    assert first["status"] == last["status"] == "built"
    # channels_last: 6x4x4 features; had channels_first leaked, (8, 6, 1) would be 8 channels of 6x1
    assert last["params"] == (9 * 4 + 4) + (6 * 4 * 4 * 2 + 2)


def test_a_factory_that_kills_the_child_fails_alone(run):
    models = {m["name"]: m for m in run["mypkg/two_factories.py"]}
    assert models["build_good()"]["status"] == "built"
    assert models["build_crash()"]["status"] == "failed"
    assert models["build_crash()"]["reason"].startswith("ChildCrashed: the build child died (signal 9)")


def test_a_build_that_downloads_is_skipped(run):
    (model,) = run["mypkg/pretrained.py"]
    assert model["status"] == "skipped"
    assert model["reason"].startswith("downloads while building (validation never downloads)")


def test_a_model_that_builds_but_cannot_train_fails_with_the_reason(run):
    (model,) = run["mypkg/cannot_train.py"]
    assert model["status"] == "failed"
    assert model["reason"].startswith("cannot train: ")


def test_no_fit_check_lets_it_pass(tree: Path):
    data, done = validate("--no-fit-check", "mypkg/cannot_train.py", cwd=tree)
    assert [m["status"] for m in data["models"]] == ["built"]
    assert done.returncode == 0


# --- the slicer's part ------------------------------------------------------------------------------


def test_a_factory_is_called_with_none_for_its_weights_parameters():
    sliced = slice_script(textwrap.dedent(FILES["mypkg/models/unet.py"]))
    assert sliced.builders == ("unet",)
    assert sliced.builder_arguments == {"unet": {"pretrained_weights": None}}


def test_a_factory_that_loads_weights_unconditionally_is_not_built():
    source = textwrap.dedent("""\
        from keras.models import Sequential
        from keras.layers import Dense

        def build(weights_path='w.h5'):
            model = Sequential([Dense(1, input_shape=(2,))])
            model.load_weights(weights_path)
            return model
        """)
    assert slice_script(source).builders == ()


def test_static_and_class_methods_that_build_models_are_factories():
    source = textwrap.dedent("""\
        from keras.models import Sequential
        from keras.layers import Dense

        class Net:
            @staticmethod
            def build(width=3, weights=None):
                return Sequential([Dense(width, input_shape=(2,))])

            @classmethod
            def build_small(cls):
                return cls.build(1)

            def fit(self, data):
                pass
        """)
    sliced = slice_script(source)
    assert sliced.builders == ("Net.build", "Net.build_small")
    assert sliced.builder_arguments == {"Net.build": {"weights": None}}


def test_the_import_a_default_reads_is_kept():
    source = textwrap.dedent(FILES["mypkg/models/unet.py"])
    assert "import cv2" in slice_script(source).source


# --- numbers against Keras 2.2.4 --------------------------------------------------------------------


@pytest.fixture(scope="module")
def reference_run(tree: Path) -> dict[str, list[dict]]:
    data, _ = validate("--reference-python", environments.reference_python(), "--train-steps", "3", ".",
                       cwd=tree)
    return by_path(data)


def test_numbers_match_keras_224_on_its_weights(reference_run):
    (unet,) = reference_run["mypkg/models/unet.py"]
    numbers = unet["reference"]["numbers"]
    assert unet["reference"]["status"] == "match"
    assert numbers["equal"] is True
    assert numbers["max_abs_diff"] <= numbers["tolerance"]
    assert len(numbers["losses"]) == len(numbers["reference_losses"]) == 4
    assert numbers["max_loss_rel_diff"] < 1e-3


def test_the_naive_ports_drift_shows_as_numbers(reference_run):
    (gru,) = reference_run["mypkg/recurrent.py"]
    numbers = gru["reference"]["numbers"]
    assert numbers["equal"] is True, numbers
    # GRU reset_after: the naive port's GRU has a bias of another shape
    assert numbers["naive"]["equal"] is None
    assert "weights do not fit" in numbers["naive"]["reason"] and "gru" in numbers["naive"]["reason"]


def test_each_file_starts_from_a_clean_state_under_keras_224_too(reference_run):
    for path in ("mypkg/a_channels_first.py", "mypkg/b_channels_last.py"):
        (model,) = reference_run[path]
        assert model["reference"]["status"] == "match", model
        assert model["reference"]["numbers"]["equal"] is True, model


def test_the_json_report_keeps_its_fields(run):
    (model,) = run["mypkg/b_channels_last.py"]
    assert set(model) == {"path", "line", "name", "status", "reason", "layers", "params", "drift", "explained",
                          "naive_error", "train", "reference", "notes"}


def test_a_progress_bar_is_drawn_on_a_terminal_only(monkeypatch, capsys):
    from keraslint.validate import cli

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    show = cli._progress_bar()
    show(3, 12)
    assert "building [#######.......................] 3/12" in capsys.readouterr().err
    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    cli._progress_bar()(3, 12)
    assert capsys.readouterr().err == ""


def test_a_model_that_samples_while_predicting_is_not_judged_by_its_outputs(reference_run):
    (encoder,) = reference_run["mypkg/sampler.py"]
    numbers = encoder["reference"]["numbers"]
    assert encoder["reference"]["status"] == "match"
    assert numbers["equal"] is None and "samples while predicting" in numbers["reason"]


def test_the_naive_ports_adadelta_rate_shows_in_its_losses(reference_run):
    (model,) = reference_run["mypkg/adadelta.py"]
    numbers = model["reference"]["numbers"]
    assert numbers["equal"] is True and numbers["max_loss_rel_diff"] < 1e-3
    naive = numbers["naive"]
    assert naive["max_abs_diff"] <= naive["tolerance"]  # same weights, same outputs before training
    assert naive["equal"] is False and naive["max_loss_rel_diff"] > 1e-3  # then it barely moves
