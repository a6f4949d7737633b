"""The differential harness on a fixed sample of the corpus (marker ``differential``): each
program under real Keras 2.2.4 and, after ``keraslint --fix``, on each target's TensorFlow;
the traces must agree. The whole corpus: ``python -m tests.programs.harness`` (docs/differential.md).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.environments import keras2_python, reference_python
from tests.programs import harness
from tests.programs.known import KNOWN

pytestmark = pytest.mark.differential

#: One program per pattern the fixes must carry: optimizer attributes and K.set_value, decay
#: with a scheduler, star imports, History keys of metric strings, per-output metrics,
#: predict_classes, a GAN's trainable toggle, node methods, Keras-1 sizes given by constants,
#: the RNN defaults, HDF5 save/load with optimizer state, private helpers, the Adadelta rate.
SAMPLE = (
    "callbacks_custom_lr_logger", "callbacks_lr_scheduler_step_decay", "optim_star_import_adagrad_adamax",
    "compile_metrics_regression_strings", "compile_multi_output_metrics_list", "fit_predict_classes_sigmoid",
    "gan_make_trainable_toggle", "layers_siamese_shared", "keras1_mnist_convolution2d",
    "rnn_imdb_embedding_dropout", "save_model_h5_reload", "private_obtain_input_shape", "mnist_cnn_adadelta",
    "callbacks_csvlogger_header",
)
#: Programs whose naive port (imports only) does not do what they did under 2.2.4: the harness
#: must tell, or a "same" above would mean nothing.
NAIVE_DIFFERS = ("callbacks_custom_lr_logger", "compile_metrics_regression_strings", "mnist_cnn_adadelta")


def _row(program: str, column: str, tmp_path: Path) -> harness.Row:
    pythons = harness.Pythons(reference_python(), sys.executable,
                              keras2_python() if column == "keras2" else None)
    [path] = harness.programs([program])
    return harness.run_row(path, pythons, [column], harness.default_cache())


@pytest.mark.parametrize("column", ["keras3", "keras2"])
@pytest.mark.parametrize("program", SAMPLE)
def test_the_fixed_program_does_what_it_did_under_keras_2_2_4(program: str, column: str, tmp_path: Path) -> None:
    row = _row(program, column, tmp_path)
    assert row.reference.status == "ok", row.reference.error
    assert program not in KNOWN or column not in KNOWN[program], "the sample holds programs that pass"
    assert row.verdict(column) == "same", row.columns[column].error or row.differences[column]


@pytest.mark.parametrize("program", NAIVE_DIFFERS)
def test_the_naive_port_does_not(program: str, tmp_path: Path) -> None:
    row = _row(program, "naive", tmp_path)
    assert row.reference.status == "ok", row.reference.error
    assert row.verdict("naive") != "same"


def test_every_known_difference_names_a_program_and_a_reason() -> None:
    names = {p.stem for p in harness.programs()}
    for program, columns in KNOWN.items():
        assert program in names, program
        assert set(columns) <= {"keras3", "keras2"} and all(len(r) > 20 for r in columns.values())
