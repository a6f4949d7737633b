"""keraslint's tf.keras facts (the "now" side of the tables), checked against installed TensorFlow.

TensorFlow (with Keras 3 as ``tf.keras``) must be installed: ``pip install -e '.[test,validate]'``.
Without it these tests fail; they are never skipped. TensorFlow is imported once per session.

The last tests take every public name a Keras 2.2.4 module exports (read from the sdist with
:mod:`ast`, fixture ``keras224``) and require :func:`keraslint.moves.resolve` to send it
somewhere tf.keras really has, or to say it has no home.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from types import ModuleType

import pytest

from tests.keras224_source import exports
from keraslint.keras224.modules import ABSENT, MODULE_MOVES, NAME_MOVES
from keraslint.moves import Inlined, Moved, NoHome, resolve

INSTALL_HINT = (
    "TensorFlow is needed to check keraslint's tf.keras facts and is not importable "
    "here ({error}). Install it with: pip install -e '.[test,validate]' "
    "(tensorflow-cpu>=2.16)."
)

#: 2.2.4 modules whose exports must all resolve into tf.keras (besides the layer submodules):
#: every module the tables move, and the keras.engine modules that NAME_MOVES picks from.
TOP_MODULES = tuple(sorted(
    {m for m in MODULE_MOVES if m not in ("keras", "keras.backend")
     and not m.startswith("keras.layers.")}
    | {name.rsplit(".", 1)[0] for name in NAME_MOVES if name.startswith("keras.engine")}
))
LAYER_SUBMODULES = tuple(sorted(m for m in MODULE_MOVES if m.startswith("keras.layers.")))
BACKEND = "keras.backend"


# --- installed TensorFlow -----------------------------------------------------------------


@pytest.fixture(scope="session")
def tf() -> ModuleType:
    """TensorFlow, imported once; its absence fails the test with instructions."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    try:
        import tensorflow
    except ImportError as error:
        problem = str(error)
    else:
        return tensorflow
    pytest.fail(INSTALL_HINT.format(error=problem), pytrace=False)


def tf_lookup(dotted: str) -> tuple[bool, str]:
    """Whether ``dotted`` (``tensorflow.keras.layers.Conv2D``) exists, and why not if it doesn't.

    The longest importable prefix is imported with :func:`importlib.import_module`; the rest
    is looked up with :func:`getattr`.
    """
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        module_name = ".".join(parts[:cut])
        try:
            obj = importlib.import_module(module_name)
        except ImportError:
            continue
        for i, attr in enumerate(parts[cut:], start=cut):
            if not hasattr(obj, attr):
                return False, f"{'.'.join(parts[:i])} has no attribute {attr!r}"
            obj = getattr(obj, attr)
        return True, ""
    return False, f"{parts[0]} does not import"


# --- the "now" values of the tables -------------------------------------------------------


@pytest.mark.parametrize("new", sorted(set(MODULE_MOVES.values())))
def test_module_moves_value_imports(tf: ModuleType, new: str) -> None:
    try:
        importlib.import_module(new)
    except ImportError as error:
        olds = sorted(old for old, value in MODULE_MOVES.items() if value == new)
        pytest.fail(f"MODULE_MOVES sends {', '.join(olds)} to {new}, which does not import "
                    f"with TensorFlow {tf.__version__}: {error}")


@pytest.mark.parametrize("new", sorted(set(NAME_MOVES.values())))
def test_name_moves_value_exists(tf: ModuleType, new: str) -> None:
    found, why = tf_lookup(new)
    olds = sorted(old for old, value in NAME_MOVES.items() if value == new)
    assert found, (f"NAME_MOVES sends {', '.join(olds)} to {new}, which TensorFlow "
                   f"{tf.__version__} lacks: {why}")


@pytest.mark.parametrize("new", sorted(ABSENT))
def test_absent_key_is_really_absent(tf: ModuleType, new: str) -> None:
    found, _ = tf_lookup(new)
    assert not found, (f"ABSENT says tf.keras has no {new}, but TensorFlow {tf.__version__} "
                       f"has it; drop the entry so keraslint moves the name there")


# --- what Keras 2.2.4 modules export, read from the sdist ---------------------------------


def gaps(tf: ModuleType, root: Path, module: str) -> list[str]:
    """A line per exported name of ``module`` that ``resolve`` does not send into tf.keras."""
    lines = []
    for name, origin in sorted(exports(root, module).items()):
        old = f"{module}.{name}"
        where = resolve(old)
        if isinstance(where, (NoHome, Inlined)):  # reported, or written out by keraslint
            continue
        if isinstance(where, Moved):
            found, why = tf_lookup(where.new)
            if found:
                continue
            lines.append(f"{old} -> Moved({where.new}): {why}   [2.2.4: {origin}]")
        else:
            lines.append(f"{old} -> {where!r}: resolve knows no home   [2.2.4: {origin}]")
    return lines


#: 2.2.4 packages that export only their submodules (each checked as a module of its own).
PACKAGES_OF_MODULES = {"keras.datasets", "keras.preprocessing"}


@pytest.mark.parametrize("module", [*TOP_MODULES, *LAYER_SUBMODULES, BACKEND])
def test_2_2_4_module_exports_something(keras224: Path, module: str) -> None:
    """Guards the collector: an empty export list would make the gap checks pass vacuously."""
    if module in PACKAGES_OF_MODULES:
        assert exports(keras224, module) == {}, f"{module} now exports names of its own"
    else:
        assert exports(keras224, module), f"found no public names in Keras 2.2.4 {module}"


def test_every_2_2_4_export_resolves_into_tf_keras(tf: ModuleType, keras224: Path) -> None:
    """Each public name of the checked 2.2.4 modules must move to a real tf.keras name or have
    no home (``NoHome``). A name that moves to nothing would be rewritten into broken code."""
    found = {m: gaps(tf, keras224, m) for m in (*TOP_MODULES, *LAYER_SUBMODULES, BACKEND)}
    found = {m: lines for m, lines in found.items() if lines}
    count = sum(len(lines) for lines in found.values())
    report = "\n".join(
        f"  {module} ({len(lines)}):\n" + "\n".join(f"    {line}" for line in lines)
        for module, lines in found.items()
    )
    if found:
        pytest.fail(
            f"{count} Keras 2.2.4 public names resolve to nothing in tf.keras "
            f"(TensorFlow {tf.__version__}); add a NAME_MOVES entry for a name that moved, or "
            f"an ABSENT entry with guidance for one that is gone:\n{report}",
            pytrace=False,
        )


# --- optimizers ---------------------------------------------------------------------------

import inspect  # noqa: E402

from keraslint.keras224 import optimizers as opt_facts  # noqa: E402


def _tf_optimizer(tf: ModuleType, name: str):
    return getattr(tf.keras.optimizers, name)


@pytest.mark.parametrize("name", sorted(opt_facts.SIGNATURES))
def test_optimizer_exists_with_learning_rate_first(tf: ModuleType, name: str) -> None:
    """A positional first argument (2.2.4's lr) still means the learning rate."""
    params = list(inspect.signature(_tf_optimizer(tf, name)).parameters)
    assert params[0] == "learning_rate"


@pytest.mark.parametrize(
    "name,argument",
    [(n, a) for n, pins in sorted(opt_facts.CHANGED_DEFAULTS.items()) for a in sorted(pins)],
)
def test_changed_default_really_changed(tf: ModuleType, name: str, argument: str) -> None:
    """The pin is needed: tf.keras's default differs from the 2.2.4 value keraslint writes."""
    parameter = inspect.signature(_tf_optimizer(tf, name)).parameters[argument]
    assert parameter.default != opt_facts.CHANGED_DEFAULTS[name][argument]
    config = _tf_optimizer(tf, name)(**{argument: opt_facts.CHANGED_DEFAULTS[name][argument]}).get_config()
    assert config[argument] == pytest.approx(opt_facts.CHANGED_DEFAULTS[name][argument])


@pytest.mark.parametrize("name", sorted(opt_facts.SIGNATURES))
def test_renamed_arguments_exist_and_lr_is_rejected(tf: ModuleType, name: str) -> None:
    params = inspect.signature(_tf_optimizer(tf, name)).parameters
    for new in opt_facts.RENAMED_ARGUMENTS.values():
        assert new in params, f"{name} has no {new}"
    with pytest.raises(ValueError, match="lr"):
        _tf_optimizer(tf, name)(lr=0.1)


def test_epsilon_default(tf: ModuleType) -> None:
    assert inspect.signature(tf.keras.optimizers.Adam).parameters["epsilon"].default == opt_facts.EPSILON


# --- recurrent layers ---------------------------------------------------------------------

from keraslint.keras224 import recurrent as rnn_facts  # noqa: E402
from keraslint.keras224.layers import PINNED_DEFAULTS  # noqa: E402


@pytest.mark.parametrize("layer", sorted(rnn_facts.RECURRENT_ACTIVATION_CHANGED))
def test_recurrent_activation_default_changed_on_keras3(tf: ModuleType, layer: str) -> None:
    default = inspect.signature(getattr(tf.keras.layers, layer)).parameters["recurrent_activation"].default
    assert "keras3" in rnn_facts.RECURRENT_ACTIVATION_CHANGED[layer]
    assert default != PINNED_DEFAULTS["recurrent_activation"][layer] == "hard_sigmoid"


def test_hard_sigmoid_string_is_not_2_2_4s_on_keras3(tf: ModuleType) -> None:
    assert "keras3" not in rnn_facts.HARD_SIGMOID_STRING_EXACT
    assert float(tf.keras.activations.hard_sigmoid(tf.constant(1.0))) == pytest.approx(2 / 3, abs=1e-6)


def test_emitted_hard_sigmoid_runs_and_round_trips_in_tensorflow(tf: ModuleType, tmp_path: Path) -> None:
    import numpy as np

    namespace = {"tf": tf}
    exec(rnn_facts.HARD_SIGMOID_CODE, namespace)
    f = namespace[rnn_facts.HARD_SIGMOID_NAME]
    values = f(tf.constant([-3.0, -1.0, 0.0, 1.0, 2.0, 3.0])).numpy()
    assert values == pytest.approx([0.0, 0.3, 0.5, 0.7, 0.9, 1.0], abs=1e-6)
    model = tf.keras.Sequential([tf.keras.Input((3, 5)), tf.keras.layers.LSTM(4, recurrent_activation=f)])
    path = tmp_path / "m.keras"
    model.save(path)
    loaded = tf.keras.models.load_model(path)
    x = np.random.default_rng(0).random((2, 3, 5), dtype="float32")
    assert np.allclose(model(x).numpy(), loaded(x).numpy())


def test_gru_reset_after_changed_and_changes_the_weights(tf: ModuleType) -> None:
    assert inspect.signature(tf.keras.layers.GRU).parameters["reset_after"].default is True
    assert PINNED_DEFAULTS["reset_after"]["GRU"] is False
    counts = {}
    for reset_after in (False, True):
        layer = tf.keras.layers.GRU(4, reset_after=reset_after)
        layer.build((None, 5, 3))
        counts[reset_after] = layer.count_params()
    assert counts == {False: 96, True: 108}  # 2.2.4's GRU(4) on 3 features has 96


@pytest.mark.parametrize("cudnn", sorted(rnn_facts.CUDNN_SETTINGS))
def test_cudnn_settings_are_the_cudnn_compatible_cell(tf: ModuleType, cudnn: str) -> None:
    """What KL405 writes is tf.keras's cuDNN-compatible configuration, and the GRU's weights
    have CuDNNGRU's shapes (2.2.4: kernel 3u, recurrent 3u, one bias of 6u)."""
    from keraslint.keras224.layers import RENAMED_LAYERS

    assert not hasattr(tf.keras.layers, cudnn)
    new = RENAMED_LAYERS[cudnn]
    parameters = inspect.signature(getattr(tf.keras.layers, new)).parameters
    for name, value in rnn_facts.CUDNN_SETTINGS[cudnn]:
        assert parameters[name].default == value
    layer = getattr(tf.keras.layers, new)(4, **dict(rnn_facts.CUDNN_SETTINGS[cudnn]))
    layer.build((None, 5, 3))
    gates = {"LSTM": 4, "GRU": 3}[new]
    biases = {"LSTM": 1, "GRU": 2}[new]  # CuDNNLSTM had 2 (summed); CuDNNGRU 2
    assert layer.count_params() == gates * 4 * (3 + 4) + biases * gates * 4


def test_rnn_input_length_rejected_and_implementation_accepted(tf: ModuleType) -> None:
    with pytest.raises(ValueError, match="input_length"):
        tf.keras.layers.LSTM(4, input_length=3)
    tf.keras.layers.LSTM(4, input_shape=(3, 5), implementation=rnn_facts.DROPOUT_IMPLEMENTATION, dropout=0.2)


# --- Keras-1 argument names ---------------------------------------------------------------

from keraslint.keras224 import keras1 as k1_facts  # noqa: E402


@pytest.mark.parametrize(
    "cls", sorted(c for c in k1_facts.RENAMES if c not in ("Model", "InputLayer", "LocallyConnected1D", "LocallyConnected2D"))
)
def test_keras2_names_accepted_and_keras1_names_not(tf: ModuleType, cls: str) -> None:
    params = inspect.signature(getattr(tf.keras.layers, cls)).parameters
    for old, new in k1_facts.RENAMES[cls].items():
        if cls == "SimpleRNN" and new in ("recurrent_activation", "implementation"):
            continue  # shared recurrent conversions SimpleRNN never had; KL501 removes them
        if new == "implementation":  # Keras 3 RNNs take it through **kwargs (checked below)
            getattr(tf.keras.layers, cls)(2, implementation=2)
        else:
            assert new in params, f"tf.keras.layers.{cls} has no parameter {new}"
        assert old not in params


def test_positional_third_argument_is_strides_in_tf_keras(tf: ModuleType) -> None:
    """Why KL502 exists: Conv2D(32, 3, 3) is accepted and means strides=3."""
    config = tf.keras.layers.Conv2D(32, 3, 3).get_config()
    assert tuple(config["kernel_size"]) == (3, 3) and tuple(config["strides"]) == (3, 3)
    for cls in k1_facts.POSITIONAL_KERNEL_DIMS:
        if hasattr(tf.keras.layers, cls):
            assert list(inspect.signature(getattr(tf.keras.layers, cls)).parameters)[2] == "strides"


def test_model_inputs_outputs_and_data_format_values(tf: ModuleType) -> None:
    x = tf.keras.Input((3,))
    tf.keras.Model(inputs=x, outputs=tf.keras.layers.Dense(2)(x))
    for value in k1_facts.VALUE_CONVERSIONS["dim_ordering"].values():
        tf.keras.layers.MaxPooling2D(data_format=value)
    for value in set(k1_facts.VALUE_CONVERSIONS["consume_less"].values()):
        tf.keras.layers.LSTM(2, implementation=value)


# --- training API -------------------------------------------------------------------------

from keraslint.keras224 import training as train_facts  # noqa: E402


@pytest.mark.parametrize("method", sorted(train_facts.GENERATOR_METHODS))
def test_generator_methods_gone_and_their_replacements_fit(tf: ModuleType, method: str) -> None:
    new, parameters = train_facts.GENERATOR_METHODS[method]
    assert not hasattr(tf.keras.Model, method)
    accepted = inspect.signature(getattr(tf.keras.Model, new)).parameters
    for name in parameters[1:]:
        if name in train_facts.KERAS3_REJECTED:
            assert name not in accepted
        else:
            assert name in accepted, f"tf.keras Model.{new} has no {name}"
    if method in train_facts.QUIET_METHODS:
        assert accepted["verbose"].default == "auto"


@pytest.mark.parametrize("owner,argument", sorted(k1_facts.DROPPED_ARGUMENTS))
def test_dropped_arguments_are_rejected_by_tf_keras(tf: ModuleType, owner: str, argument: str) -> None:
    assert argument not in inspect.signature(getattr(tf.keras.layers, owner)).parameters


@pytest.mark.parametrize("layer", sorted(PINNED_DEFAULTS["pool_size"]))
def test_average_pooling_pool_size_is_required_on_keras3(tf: ModuleType, layer: str) -> None:
    parameter = inspect.signature(getattr(tf.keras.layers, layer)).parameters["pool_size"]
    assert parameter.default is inspect.Parameter.empty
    getattr(tf.keras.layers, layer)(pool_size=PINNED_DEFAULTS["pool_size"][layer])


def test_nadam_rejects_schedule_decay(tf: ModuleType) -> None:
    assert opt_facts.NADAM_SCHEDULE_DECAY not in inspect.signature(tf.keras.optimizers.Nadam).parameters
    with pytest.raises(ValueError, match=opt_facts.NADAM_SCHEDULE_DECAY):
        tf.keras.optimizers.Nadam(schedule_decay=0.004)


@pytest.mark.parametrize("callback", sorted(train_facts.CALLBACK_REJECTED_BY_KERAS3))
def test_callback_arguments_rejected_by_keras3(tf: ModuleType, callback: str) -> None:
    params = inspect.signature(getattr(tf.keras.callbacks, callback)).parameters
    for name in train_facts.CALLBACK_REJECTED_BY_KERAS3[callback]:
        assert name not in params
    if callback == "TensorBoard":
        assert list(params)[2] != "batch_size"


def test_reduce_lr_min_delta(tf: ModuleType) -> None:
    assert "min_delta" in inspect.signature(tf.keras.callbacks.ReduceLROnPlateau).parameters


@pytest.mark.parametrize("method", sorted(train_facts.PREDICT_HELPERS))
def test_predict_helpers_removed(tf: ModuleType, method: str) -> None:
    assert not hasattr(tf.keras.Sequential, method)
    assert {"x", "batch_size", "verbose"} <= set(inspect.signature(tf.keras.Sequential.predict).parameters)


def test_accuracy_keys_and_binary_accuracy_in_tf_keras(tf: ModuleType) -> None:
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.random((32, 4), dtype="float32")
    y = (rng.random((32, 3)) > 0.5).astype("float32")
    binary = getattr(importlib.import_module(train_facts.BINARY_ACCURACY_MODULE), train_facts.BINARY_ACCURACY)
    keys = {}
    for label, metric in (("accuracy", "accuracy"), ("acc", train_facts.HISTORY_KEY),
                          ("binary", binary(name=train_facts.HISTORY_KEY))):
        model = tf.keras.Sequential([tf.keras.Input((4,)), tf.keras.layers.Dense(3, activation="sigmoid")])
        model.compile("sgd", train_facts.BINARY_LOSS, metrics=[metric])
        keys[label] = sorted(model.fit(x, y, epochs=1, verbose=0).history)
        if label == "accuracy":  # tf.keras picks categorical accuracy from the shape
            assert type(model.metrics[-1].metrics[0]).__name__ == "CategoricalAccuracy"
    assert keys == {"accuracy": ["accuracy", "loss"], "acc": ["acc", "loss"], "binary": ["acc", "loss"]}


def test_keras3_file_name_suffixes(tf: ModuleType, tmp_path: Path) -> None:
    """KERAS3_SAVE_SUFFIXES: what Keras 3 rejects, and that keraslint's names are accepted."""
    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(2)])
    weights_ok, weights_new, _ = train_facts.KERAS3_SAVE_SUFFIXES["save_weights"]
    model_ok, model_new, _ = train_facts.KERAS3_SAVE_SUFFIXES["save"]
    checkpoint_ok, checkpoint_new, _ = train_facts.KERAS3_SAVE_SUFFIXES["ModelCheckpoint"]
    with pytest.raises(ValueError, match=r"\.weights\.h5"):
        model.save_weights(str(tmp_path / "w.h5"))
    model.save_weights(str(tmp_path / f"w{weights_new}"))
    for rejected in ("m", "m.hdf"):
        with pytest.raises(ValueError, match="extension"):
            model.save(str(tmp_path / rejected))
    for suffix in model_ok:
        model.save(str(tmp_path / f"m{suffix}"))
    assert model_new in model_ok and weights_new in weights_ok and checkpoint_new in checkpoint_ok
    for suffix in ("", ".hdf5"):
        assert suffix not in checkpoint_ok
        with pytest.raises(ValueError):
            tf.keras.callbacks.ModelCheckpoint(f"best.{{epoch:02d}}{suffix}")
    for suffix in checkpoint_ok:
        tf.keras.callbacks.ModelCheckpoint(f"best.{{epoch:02d}}{suffix}")
    tf.keras.callbacks.ModelCheckpoint(f"best{weights_new}", save_weights_only=True)


def test_keras3_ignores_embedding_input_length(tf: ModuleType) -> None:
    from keraslint.keras224.keras1 import EMBEDDING_INPUT_LENGTH

    layer, argument = EMBEDDING_INPUT_LENGTH
    ignored = tf.keras.Sequential([getattr(tf.keras.layers, layer)(50, 4, **{argument: 7})])
    assert not ignored.built  # no input shape: the length went nowhere
    fixed = tf.keras.Sequential([getattr(tf.keras.layers, layer)(50, 4, input_shape=(7,))])
    assert fixed.output_shape == (None, 7, 4)


def test_tf_keras_optimizers_use_update_step_not_get_updates(tf: ModuleType) -> None:
    base = getattr(tf.keras.optimizers, opt_facts.OPTIMIZER_BASE)
    assert not hasattr(base, opt_facts.LEGACY_UPDATE_METHOD) and hasattr(base, "update_step")


def test_identity_initializer_is_tf_eye_for_non_square(tf: ModuleType) -> None:
    import numpy as np

    values = tf.keras.initializers.Identity()((2, 4)).numpy()
    assert np.array_equal(values, np.eye(2, 4))  # 2.2.4: [[1,0,1,0],[0,1,0,1]]


@pytest.mark.parametrize("name", opt_facts.EPSILON_INSIDE_SQRT)
def test_epsilon_inside_the_square_root(tf: ModuleType, name: str) -> None:
    """One step with g=1 and a large epsilon: tf.keras's update is lr/sqrt(a+eps)."""
    import numpy as np

    var = tf.Variable([0.0])
    kwargs = {"initial_accumulator_value": 0.0} if name == "Adagrad" else {}
    optimizer = getattr(tf.keras.optimizers, name)(learning_rate=1.0, epsilon=1.0, **kwargs)
    optimizer.apply_gradients([(tf.constant([1.0]), var)])
    accumulated = 1.0 if name == "Adagrad" else 0.1  # (1 - rho) * g**2 with rho 0.9
    assert np.isclose(-var.numpy()[0], 1 / np.sqrt(accumulated + 1.0), rtol=1e-4)
    assert not np.isclose(-var.numpy()[0], 1 / (np.sqrt(accumulated) + 1.0), rtol=1e-2)


def test_batchnorm_moving_mean_is_a_plain_moving_average(tf: ModuleType) -> None:
    """2.2.4's zero-debiased moving mean is ~5.0 after one step on data of mean 5; tf.keras's is 0.05."""
    import numpy as np

    layer = tf.keras.layers.BatchNormalization(momentum=0.99)
    x = np.full((4, 3), 5.0, dtype="float32") + np.arange(4, dtype="float32")[:, None] - 1.5
    layer(x, training=True)
    assert np.allclose(layer.moving_mean.numpy(), 0.05, atol=1e-4)


def test_reset_states_function_and_graph_arguments_on_keras3(tf: ModuleType) -> None:
    import numpy as np

    assert not hasattr(tf.keras.Model, train_facts.RESET_STATES_METHOD)
    namespace: dict = {}
    exec(train_facts.RESET_STATES_CODE, namespace)
    reset = namespace[train_facts.RESET_STATES_NAME]
    model = tf.keras.Sequential([tf.keras.Input(batch_shape=(2, 3, 4)), tf.keras.layers.LSTM(5, stateful=True)])
    x = np.ones((2, 3, 4), dtype="float32")
    first = model(x).numpy()
    assert not np.allclose(model(x).numpy(), first)  # the state carried over
    reset(model)
    assert np.allclose(model(x).numpy(), first)  # and was reset
    assert "target_tensors" not in inspect.signature(tf.keras.Model.compile).parameters
    with pytest.raises((ValueError, TypeError)):
        tf.keras.Input(tensor=tf.constant([[1.0]]))
