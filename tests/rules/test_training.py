"""KL6xx: the training API."""

from __future__ import annotations

import pytest

from tests.rules.cases import check_noop, check_transformed, fix, inline_cases, lint, run_inline

INLINE = list(inline_cases("KL6"))


@pytest.mark.parametrize("code,kind,case", [c[1:] for c in INLINE], ids=[c[0] for c in INLINE])
def test_inline_cases(code, kind, case):
    run_inline(code, kind, case)


def test_keras2_target_keeps_data_loading_arguments():
    check_transformed(
        "import keras\nmodel.fit_generator(gen, 10, workers=4, use_multiprocessing=True)\n",
        "import keras\nmodel.fit(gen, steps_per_epoch=10, workers=4, use_multiprocessing=True)\n",
        ("KL601",), target="keras2",
    )


def test_samples_per_epoch_is_unsafe():
    source = "import keras\nmodel.fit_generator(gen, samples_per_epoch=1000, nb_epoch=2)\n"
    [found] = lint(source, ("KL601",))
    assert found.fix.applicability.value == "unsafe"
    assert fix(source, ("KL601",)) == source
    assert fix(source, ("KL601",), unsafe=True) == (
        "import keras\nmodel.fit(gen, steps_per_epoch=1000, epochs=2)\n"
    )


def test_evaluate_generator_positional_and_quiet():
    check_transformed(
        "import keras\nscore = model.evaluate_generator(gen, 20, 10)\n",
        "import keras\nscore = model.evaluate(gen, steps=20, verbose=0)\n",
        ("KL601",),
    )


def test_generator_keyword_becomes_x():
    check_transformed(
        "import keras\nmodel.fit_generator(generator=gen, steps_per_epoch=10)\n",
        "import keras\nmodel.fit(x=gen, steps_per_epoch=10)\n",
        ("KL601",),
    )


def test_own_fit_generator_method_is_left_alone():
    source = (
        "import keras\nclass Pipe:\n    def fit_generator(self, g, n):\n        pass\n"
        "Pipe().fit_generator(g, 10)\n"
    )
    assert lint(source, ("KL601",)) == []


def test_predict_classes_is_unsafe_argmax():
    source = "import keras\nclasses = model.predict_classes(x_test, 128)\n"
    [found] = lint(source, ("KL605",))
    assert found.fix.applicability.value == "unsafe"
    assert fix(source, ("KL605",)) == source
    check_transformed(
        source,
        "import keras\nclasses = model.predict(x_test, batch_size=128, verbose=0).argmax(axis=-1)\n",
        ("KL605",), unsafe=True,
    )


# --- KL607 Keras 3 file names ----------------------------------------------------------------


def test_save_path_fix_is_unsafe_and_only_on_keras3():
    source = "import keras\nmodel.save_weights('w.h5')\n"
    [found] = lint(source, ("KL607",))
    assert found.fix.applicability.value == "unsafe"
    assert fix(source, ("KL607",)) == source
    assert lint(source, ("KL607",), target="keras2") == []


def test_save_path_leaves_other_libraries_and_loads_of_other_files():
    check_noop(
        "import numpy as np\nimport torch\nimport keras\n"
        "np.save('arr', x)\ntorch.save(m, 'm')\nmodel.load_weights('pretrained.h5')\n",
        ("KL607",),
    )


def test_save_path_keeps_quotes_prefix_and_format_fields():
    check_transformed(
        "import keras\nfrom keras.callbacks import ModelCheckpoint\n"
        "cb = ModelCheckpoint(r\"ckpt\\{epoch:02d}.hdf5\", 'val_loss', 0, True, True)\n"
        "model.save('model_{}'.format(i))\n",
        "import keras\nfrom keras.callbacks import ModelCheckpoint\n"
        "cb = ModelCheckpoint(r\"ckpt\\{epoch:02d}.weights.h5\", 'val_loss', 0, True, True)\n"
        "model.save('model_{}.h5'.format(i))\n",
        ("KL607",), unsafe=True,
    )


def test_save_path_renamed_load_model_follows():
    check_transformed(
        "from keras.models import load_model\nmodel.save('m.hdf')\nm = load_model('m.hdf')\n"
        "model.save('n.hdf5')\nother = load_model('other')\n",
        "from keras.models import load_model\nmodel.save('m.h5')\nm = load_model('m.h5')\n"
        "model.save('n.hdf5')\nother = load_model('other')\n",
        ("KL607",), unsafe=True,
    )


def test_save_path_follows_a_name_bound_once_and_nested_joins():
    """The image_ocr.py / mnist_dataset_api.py shapes from the Keras 2.2.4 examples."""
    check_transformed(
        "import os\nimport keras\n"
        "weight_path = os.path.join(tmp, 'saved_wt.h5')\nmodel.save_weights(weight_path)\n"
        "def resume(run, epoch):\n"
        "    weight_file = os.path.join(out, os.path.join(run, 'weights%02d.h5' % (epoch - 1)))\n"
        "    model.load_weights(weight_file)\n"
        "def on_epoch_end(epoch):\n"
        "    model.save_weights(os.path.join(out, 'weights%02d.h5' % (epoch)))\n",
        "import os\nimport keras\n"
        "weight_path = os.path.join(tmp, 'saved_wt.weights.h5')\nmodel.save_weights(weight_path)\n"
        "def resume(run, epoch):\n"
        "    weight_file = os.path.join(out, os.path.join(run, 'weights%02d.weights.h5' % (epoch - 1)))\n"
        "    model.load_weights(weight_file)\n"
        "def on_epoch_end(epoch):\n"
        "    model.save_weights(os.path.join(out, 'weights%02d.weights.h5' % (epoch)))\n",
        ("KL607",), unsafe=True,
    )


def test_save_path_does_not_follow_a_name_bound_twice():
    check_noop("import keras\np = 'a.h5'\nif x:\n    p = 'b.weights.h5'\nmodel.save_weights(p)\n",
               ("KL607",))


# --- KL608 batch size on a layer --------------------------------------------------------------


def test_layer_batch_size_lstm_stateful_example_shape():
    """examples/lstm_stateful.py: the model is built in a function, one argument per line."""
    check_transformed(
        "from keras.models import Sequential\nfrom keras.layers import LSTM\n"
        "def create_model(stateful):\n"
        "    # the model\n"
        "    model = Sequential()\n"
        "    model.add(LSTM(20,\n"
        "              input_shape=(lahead, 1),\n"
        "              batch_size=batch_size,\n"
        "              stateful=stateful))\n"
        "    return model\n",
        "from keras.models import Sequential\nfrom keras.layers import InputLayer, LSTM\n"
        "def create_model(stateful):\n"
        "    # the model\n"
        "    model = Sequential()\n"
        "    model.add(InputLayer(input_shape=(lahead, 1), batch_size=batch_size))\n"
        "    model.add(LSTM(20,\n"
        "              stateful=stateful))\n"
        "    return model\n",
        ("KL608",),
    )


def test_layer_batch_size_from_a_name_and_input_dim():
    check_transformed(
        "import keras\nm = keras.Sequential([keras.layers.Dense(2, batch_input_shape=shape)])\n"
        "n = keras.Sequential()\nn.add(keras.layers.Dense(2, input_dim=3, batch_size=8))\n",
        "import keras\nm = keras.Sequential([keras.layers.InputLayer(input_shape=shape[1:], batch_size=shape[0]), "
        "keras.layers.Dense(2)])\n"
        "n = keras.Sequential()\nn.add(keras.layers.InputLayer(input_shape=(3,), batch_size=8))\n"
        "n.add(keras.layers.Dense(2))\n",
        ("KL608",),
    )


def test_layer_batch_size_not_first_or_keras2_is_not_fixed():
    source = ("from keras.models import Sequential\nfrom keras.layers import Dense\n"
              "model = Sequential()\nmodel.add(Dense(3, input_dim=4))\nmodel.add(Dense(2, batch_size=4))\n")
    [found] = lint(source, ("KL608",))
    assert found.fix is None and found.start.row == 5
    check_noop(source, ("KL608",), target="keras2")
    first = ("from keras.models import Sequential\nfrom keras.layers import Dense\n"
             "model = Sequential()\nmodel.add(Dense(3, input_dim=4, batch_size=2))\n")
    check_noop(first, ("KL608",), target="keras2")


# --- KL609 / KL610 ---------------------------------------------------------------------------


def test_reset_states_once_per_module_keras3_only_and_its_own_body_untouched():
    source = ("import keras\ndef run(model, layer):\n    model.reset_states()\n    layer.reset_states()\n")
    fixed = fix(source, ("KL609",))
    assert fixed.count("def reset_states_224(model):") == 1
    assert "    reset_states_224(model)\n    reset_states_224(layer)\n" in fixed
    assert fix(fixed, ("KL609",)) == fixed and lint(fixed, ("KL609",)) == []
    check_noop(source, ("KL609",), target="keras2")


def test_reset_states_refused_when_the_name_is_taken():
    [found] = lint("import keras\nreset_states_224 = 1\nmodel.reset_states()\n", ("KL609",))
    assert found.fix is None and "by hand" in found.message


def test_graph_tensor_arguments_keras3_only():
    source = "from keras.layers import Input\nx = Input(tensor=t)\n"
    assert [d.code for d in lint(source, ("KL610",))] == ["KL610"]
    assert lint(source, ("KL610",), target="keras2") == []
