"""KL6xx: the training API."""

from __future__ import annotations


from tests.rules.cases import check_noop, check_transformed, fix, lint

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


def test_predict_classes_becomes_2_2_4s_method_once_per_module():
    source = ("import keras\nclasses = model.predict_classes(x_test, 128)\n"
              "labels = self.model.predict_classes(x, verbose=1)\n")
    found = lint(source, ("KL605",))
    assert [d.fix.applicability.value for d in found] == ["safe", "safe"]
    fixed = fix(source, ("KL605",))
    assert fixed.count("def predict_classes_224(") == 1
    assert "classes = predict_classes_224(model, x_test, 128)\n" in fixed
    assert "labels = predict_classes_224(self.model, x, verbose=1)\n" in fixed
    assert fix(fixed, ("KL605",)) == fixed and lint(fixed, ("KL605",)) == []


def _defined(code: str, name: str):
    namespace: dict = {}
    exec(compile(code, "<keraslint>", "exec"), namespace)
    return namespace[name]


class _Predicts:
    def __init__(self, proba):
        self.proba, self.calls = proba, []

    def predict(self, x, batch_size=None, verbose=None):
        self.calls.append((batch_size, verbose))
        return self.proba


def test_predict_classes_224_is_2_2_4s_for_one_unit_and_for_many():
    import numpy as np

    from keraslint.keras224.methods import PREDICT_CLASSES_CODE, PREDICT_CLASSES_NAME

    predict_classes = _defined(PREDICT_CLASSES_CODE, PREDICT_CLASSES_NAME)
    sigmoid = _Predicts(np.array([[0.2], [0.7], [0.51]]))
    result = predict_classes(sigmoid, None)
    assert result.dtype == np.int32 and result.tolist() == [[0], [1], [1]]  # 2.2.4: shape (n, 1)
    assert sigmoid.calls == [(32, 0)]  # 2.2.4's defaults
    softmax = _Predicts(np.array([[0.1, 0.9], [0.8, 0.2]]))
    assert predict_classes(softmax, None, 8, 1).tolist() == [1, 0]
    assert softmax.calls == [(8, 1)]


def test_predict_classes_refused_when_the_name_is_taken():
    [found] = lint("import keras\npredict_classes_224 = 1\nmodel.predict_classes(x)\n", ("KL605",))
    assert found.fix is None and "taken" in found.message


# --- KL614 layer node methods ------------------------------------------------------------------


def test_node_methods_one_definition_each_on_both_targets():
    source = ("import keras\na = layer.get_output_at(0)\nb = other.get_output_at(1)\n"
              "s = layer.get_input_shape_at(node_index=0)\n")
    fixed = fix(source, ("KL614",))
    assert fixed.count("def get_output_at_224(") == 1 and fixed.count("def get_input_shape_at_224(") == 1
    assert "a = get_output_at_224(layer, 0)\nb = get_output_at_224(other, 1)\n" in fixed
    assert "s = get_input_shape_at_224(layer, node_index=0)\n" in fixed
    assert fix(fixed, ("KL614",)) == fixed
    assert fix(source, ("KL614",), target="keras2") == fixed  # TF 2.15 numbers a model's nodes otherwise


def test_node_functions_read_the_call_node_as_2_2_4_did():
    from keraslint.keras224.methods import node_function_code, node_function_name

    class Tensor:
        def __init__(self, shape):
            self.shape = shape

    class Node:
        def __init__(self, inputs, outputs):
            self.input_tensors, self.output_tensors = inputs, outputs

    one, two, three = Tensor((None, 3)), Tensor((None, 4)), Tensor((None, 5))

    class Layer:  # not a tf.keras.Model: its nodes are its calls
        _inbound_nodes = [Node([one], [two]), Node([one, two], [three, one])]

    get_output_at = _defined(node_function_code("get_output_at"), node_function_name("get_output_at"))
    get_input_shape_at = _defined(node_function_code("get_input_shape_at"), node_function_name("get_input_shape_at"))
    assert get_output_at(Layer(), 0) is two  # a lone tensor alone
    assert get_output_at(Layer(), 1) == [three, one]
    assert get_input_shape_at(Layer(), 1) == [(None, 3), (None, 4)]


# --- KL607 Keras 3 file names ----------------------------------------------------------------


def test_save_path_fix_is_unsafe_and_only_on_keras3():
    source = "import keras\nmodel.save('model')\n"
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
        "import keras\nmodel.save('model_{}'.format(i))\nmodel.save(r\"out\\m\")\n",
        "import keras\nmodel.save('model_{}.h5'.format(i))\nmodel.save(r\"out\\m.h5\")\n",
        ("KL607",), unsafe=True,
    )


def test_checkpoints_keras_3_rejects_keep_their_names():
    source = ("import keras\nfrom keras.callbacks import ModelCheckpoint\n"
              "a = ModelCheckpoint(r\"ckpt\\{epoch:02d}.hdf5\", 'val_loss', 0, True, True)\n"
              "b = ModelCheckpoint(os.path.join(out, 'best.h5'), save_best_only=True)\n"
              "c = ModelCheckpoint(path, save_weights_only=True)\n"
              "d = ModelCheckpoint('best.h5', period=1)\n")
    found = lint(source, ("KL607",))
    assert [(d.start.row, d.fix.applicability.value) for d in found] == [(3, "safe"), (5, "safe"), (6, "safe")]
    fixed = fix(source, ("KL607",))
    assert "a = ModelCheckpoint_224(r\"ckpt\\{epoch:02d}.hdf5\", 'val_loss', 0, True, True)\n" in fixed
    assert "b = ModelCheckpoint(os.path.join(out, 'best.h5'), save_best_only=True)\n" in fixed
    assert "c = ModelCheckpoint_224(path, save_weights_only=True)\nd = ModelCheckpoint_224('best.h5', period=1)\n" in fixed
    assert fix(fixed, ("KL607",)) == fixed
    assert [d.code for d in lint(source, ("KL604", "KL607"))].count("KL604") == 0  # period: KL607's


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
        "model_path = os.path.join(tmp, 'saved_model')\nmodel.save(model_path)\n"
        "def resume(run, epoch):\n"
        "    model_file = os.path.join(out, os.path.join(run, 'model%02d' % (epoch - 1)))\n"
        "    m = keras.models.load_model(model_file)\n"
        "def on_epoch_end(epoch):\n"
        "    model.save(os.path.join(out, 'model%02d' % (epoch)))\n",
        "import os\nimport keras\n"
        "model_path = os.path.join(tmp, 'saved_model.h5')\nmodel.save(model_path)\n"
        "def resume(run, epoch):\n"
        "    model_file = os.path.join(out, os.path.join(run, 'model%02d.h5' % (epoch - 1)))\n"
        "    m = keras.models.load_model(model_file)\n"
        "def on_epoch_end(epoch):\n"
        "    model.save(os.path.join(out, 'model%02d.h5' % (epoch)))\n",
        ("KL607",), unsafe=True,
    )


def test_save_path_does_not_follow_a_name_bound_twice():
    check_noop("import keras\np = 'a'\nif x:\n    p = 'b.h5'\nmodel.save(p)\n", ("KL607",))


# --- KL616 save_weights, KL617 removed attributes ---------------------------------------------


def test_save_weights_keeps_its_name_and_is_safe_on_keras3_only():
    source = ("import keras\nmodel.save_weights('w.h5')\nmodel.save_weights(path, overwrite=False)\n"
              "model.save_weights('w.weights.h5')\nmodel.load_weights('w.h5', by_name=True)\n")
    found = lint(source, ("KL616",))
    assert [(d.start.row, d.fix.applicability.value) for d in found] == [(2, "safe"), (3, "safe")]
    fixed = fix(source, ("KL616",))
    assert fixed.count("def save_weights_224(") == 1
    assert fixed.endswith("save_weights_224(model, 'w.h5')\nsave_weights_224(model, path, overwrite=False)\n"
                          "model.save_weights('w.weights.h5')\nmodel.load_weights('w.h5', by_name=True)\n")
    assert fix(fixed, ("KL616",)) == fixed and lint(fixed, ("KL616",)) == []
    check_noop(source, ("KL616",), target="keras2")
    assert lint(source, ("KL607",)) == []  # the name is kept: no rename to suggest


def test_removed_attributes_become_functions_but_assignments_stay():
    source = ("import keras\nclass Reader:\n    def __init__(self, input_shape):\n"
              "        self.input_shape = input_shape\n    def shape(self):\n        return self.input_shape\n"
              "print(model.layers[0].output_shape, model.metrics_names)\n")
    fixed = fix(source, ("KL617",))
    assert "        self.input_shape = input_shape\n" in fixed
    assert "        return input_shape_224(self)\n" in fixed
    assert "print(output_shape_224(model.layers[0]), metrics_names_224(model))\n" in fixed
    assert all(fixed.count(f"def {n}_224(") == 1 for n in ("input_shape", "output_shape", "metrics_names"))
    assert fix(fixed, ("KL617",)) == fixed
    namespace: dict = {}
    exec(compile(fixed.split("class Reader")[0].replace("import keras\n", ""), "defs", "exec"), namespace)
    reader = type("Reader", (), {"input_shape": (None, 3)})()
    assert namespace["input_shape_224"](reader) == (None, 3)  # an attribute the object has: read
    check_noop(source, ("KL617",), target="keras2")


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


# --- KL613 / KL619 models with several outputs -------------------------------------------------


def test_flat_metrics_on_outputs_with_other_losses_get_each_outputs_accuracy():
    source = ("import keras\nm.compile('sgd', loss=['binary_crossentropy', 'categorical_crossentropy'], "
              "metrics=['accuracy', 'mse'])\n")
    check_transformed(
        source,
        "import keras\nfrom tensorflow.keras.metrics import BinaryAccuracy\n\n"
        "m.compile('sgd', loss=['binary_crossentropy', 'categorical_crossentropy'], "
        "metrics=[[BinaryAccuracy(name='acc'), 'mean_squared_error'], ['acc', 'mean_squared_error']])\n",
        ("KL606", "KL611", "KL613"),
    )
    assert [d.code for d in lint(source, ("KL606",))] == []  # KL613 writes it per output


def test_results_of_a_model_with_outputs_from_its_model_call_are_reordered():
    source = ("from keras.models import Model\nm = Model(inputs=x, outputs=[a, b])\n"
              "m.compile('sgd', 'mse', metrics=[['mae'], ['acc']])\ns = m.evaluate(x, y)\n"
              "t = m.train_on_batch(x, y)\nsingle.evaluate(x, y)\n")
    fixed = fix(source, ("KL619",))
    assert "s = results_224(m, m.evaluate(x, y))\nt = results_224(m, m.train_on_batch(x, y))\n" in fixed
    assert "single.evaluate(x, y)\n" in fixed
    check_noop(source, ("KL619",), target="keras2")


# --- KL615 trainable flags after compile ----------------------------------------------------------


GAN = """\
import keras
from keras.models import Model
class GAN:
    def __init__(self):
        self.discriminator = self.build_discriminator()
        self.discriminator.compile(loss='binary_crossentropy', optimizer=opt)
        self.discriminator.trainable = False
        self.combined = Model(z, self.discriminator(self.generator(z)))
        self.combined.compile(loss='binary_crossentropy', optimizer=opt)

    def train(self, epochs):
        for epoch in range(epochs):
            d_loss_real = self.discriminator.train_on_batch(imgs, valid)
            d_loss_fake = self.discriminator.train_on_batch(fakes, fake)
            g_loss = self.combined.train_on_batch(noise, valid)
"""


def test_gan_trains_each_model_with_the_flags_it_was_compiled_with():
    fixed = fix(GAN, ("KL615",))
    assert ("            self.discriminator.trainable = True\n"
            "            d_loss_real = self.discriminator.train_on_batch(imgs, valid)\n"
            "            d_loss_fake = self.discriminator.train_on_batch(fakes, fake)\n"
            "            self.discriminator.trainable = False\n"
            "            g_loss = self.combined.train_on_batch(noise, valid)\n") in fixed
    assert fix(fixed, ("KL615",)) == fixed and lint(fixed, ("KL615",)) == []
    check_noop(GAN, ("KL615",), target="keras2")  # TF 2.15 reads the flags at compile time


def test_flags_toggled_in_a_branch_are_reported_without_a_fix():
    source = GAN.replace("        self.discriminator.trainable = False\n",
                         "        if freeze:\n            self.discriminator.trainable = False\n")
    found = lint(source, ("KL615",))
    assert found and all(d.fix is None for d in found)


# --- KL618 rate log key, KL620 Lambda loads, KL621 list batches, KL601 generator functions ------


def test_rate_logging_callbacks_log_lr_on_keras3_only():
    source = "import keras\ncbs = [keras.callbacks.ReduceLROnPlateau(patience=3), keras.callbacks.EarlyStopping()]\n"
    fixed = fix(source, ("KL618",))
    assert "class ReduceLROnPlateau_224(tf.keras.callbacks.ReduceLROnPlateau):" in fixed
    assert "cbs = [ReduceLROnPlateau_224(patience=3), keras.callbacks.EarlyStopping()]\n" in fixed
    assert "import tensorflow as tf\n" in fixed and fix(fixed, ("KL618",)) == fixed
    check_noop(source, ("KL618",), target="keras2")
    [found] = lint("import keras\ntf = 1\ncb = keras.callbacks.ReduceLROnPlateau()\n", ("KL618",))
    assert found.fix is None


def test_lambda_loads_safe_mode_only_with_a_python_lambda():
    named = ("from keras.models import load_model, model_from_json\nfrom keras.layers import Lambda\n"
             "def scale(t):\n    return t * 2\nx = Lambda(scale)(i)\nm = load_model('m.h5')\n"
             "n = model_from_json(text)\n")
    fixed = fix(named, ("KL620",))
    assert "m = load_model('m.h5', custom_objects={'scale': scale})\n" in fixed
    assert "n = model_from_json(text, custom_objects={'scale': scale})\n" in fixed
    lambdas = named.replace("Lambda(scale)", "Lambda(lambda t: t * 2)")
    [loads, json] = lint(lambdas, ("KL620",))
    assert loads.fix is not None and json.fix is None  # model_from_json has no safe_mode
    check_noop(named, ("KL620",), target="keras2")


def test_list_batches_in_generators_and_sequences():
    source = (
        "import keras\n"
        "class Pairs(keras.utils.Sequence):\n    def __getitem__(self, i):\n        return [a[i], b[i]], y[i]\n"
        "def one():\n    yield [a], y\n"
        "def unused():\n    yield [a, b], y\n"
        "model.fit_generator(one(), 10)\n"
    )
    fixed = fix(source, ("KL621",))
    assert "        return (a[i], b[i]), y[i]\n" in fixed
    assert "def one():\n    yield (a,), y\n" in fixed
    assert "def unused():\n    yield [a, b], y\n" in fixed
    check_noop(source, ("KL621",), target="keras2")


def test_samples_per_epoch_of_a_generator_function_is_a_safe_rename():
    source = ("import keras\ndef batches():\n    while True:\n        yield x, y\n"
              "model.fit_generator(batches(), samples_per_epoch=100, nb_epoch=2)\n")
    [found] = lint(source, ("KL601",))
    assert found.fix.applicability.value == "safe"
    assert fix(source, ("KL601",)).endswith("model.fit(batches(), steps_per_epoch=100, epochs=2)\n")


# --- KL624 compiled-model-load, KL625 compile arguments held in variables ------------------------

def test_load_model_224_on_keras3_only_and_not_for_uncompiled_loads():
    source = "from keras.models import load_model\nm = load_model('m.h5')\nn = load_model('n.h5', compile=False)\n"
    fixed = fix(source, ("KL624",))
    assert "m = load_model_224('m.h5')" in fixed and "n = load_model('n.h5', compile=False)" in fixed
    assert fixed.count("def load_model_224(") == 1 and "import tensorflow as tf" in fixed
    assert fix(fixed, ("KL624",)) == fixed and lint(fixed, ("KL624",)) == []
    check_noop(source, ("KL624",), target="keras2")


def test_load_model_224_composes_with_the_lambda_load_fix():
    source = ("from keras.models import load_model\nfrom keras.layers import Lambda\n"
              "x = Lambda(lambda t: t * 2)(i)\nm = load_model('m.h5')\n")
    fixed = fix(source, ("KL620", "KL624"))
    assert "m = load_model_224('m.h5', safe_mode=False)" in fixed
    assert fix(fixed, ("KL620", "KL624")) == fixed


def test_compile_arguments_from_parameters_are_wrapped_once():
    source = ("import keras\n"
              "def make(optimizer='rmsprop', loss='mse', metrics=None):\n"
              "    model.compile(optimizer, loss=loss, metrics=metrics)\n")
    fixed = fix(source, ("KL625",))
    assert ("    model.compile(optimizer_by_name_224(optimizer), loss=loss_by_name_224(loss), "
            "metrics=metrics_by_name_224(metrics, loss=loss))\n") in fixed
    for name in ("optimizer_by_name_224", "loss_by_name_224", "metrics_by_name_224", "optimizer_224"):
        assert fixed.count(f"def {name}(") == 1
    assert fix(fixed, ("KL625",)) == fixed and lint(fixed, ("KL625",)) == []
    keras2 = fix(source, ("KL625",), target="keras2")  # the legacy-based optimizer_224 there
    assert "optimizer_by_name_224(optimizer)" in keras2 and 'getattr(tf.keras.optimizers, "legacy"' in keras2


def test_compile_arguments_keraslint_can_read_are_left_to_the_other_rules():
    for source in (
        "import keras\nopt = keras.optimizers.Adam()\nmodel.compile(opt, 'mse')\n",
        "from keras.losses import mean_squared_error\nmodel.compile('sgd', mean_squared_error)\n",
        "import keras\nself.opt = keras.optimizers.SGD()\nself.model.compile(self.opt, 'mse', metrics=['mae'])\n",
    ):
        check_noop(source, ("KL625",))
    [found] = lint("import keras\nmodel.compile(args.optimizer, 'mse')\n", ("KL625",))
    assert "`optimizer`" in found.message


def test_weighted_accuracy_follows_the_loss_and_an_unknown_one_is_reported():
    source = "import keras\nmodel.compile('sgd', 'categorical_crossentropy', weighted_metrics=['acc', 'mse'])\n"
    fixed = fix(source, ("KL626",))
    assert ("weighted_metrics=[weighted_metric_224(CategoricalAccuracy, name='weighted_acc'), "
            "weighted_metric_224(MeanSquaredError, name='weighted_mean_squared_error')]") in fixed
    assert fixed.count("def weighted_metric_224(") == 1
    assert fix(fixed, ("KL626",)) == fixed and lint(fixed, ("KL626",)) == []
    unknown = "import keras\nmodel.compile('sgd', loss=my_loss, weighted_metrics=['accuracy'])\n"
    [found] = lint(unknown, ("KL626",))
    assert found.fix is None and "weighted_acc" in found.message
    check_noop("import keras\nmodel.compile('sgd', 'mse', metrics=['acc'])\n", ("KL626",))
