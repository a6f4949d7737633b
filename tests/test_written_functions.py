"""The functions keraslint writes into fixed code (``keras224/methods.py``), run on real Keras 3
(installed TensorFlow): each must do what Keras 2.2.4's method or attribute did."""

from __future__ import annotations

import os

import numpy as np
import pytest

from keraslint.keras224 import methods

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402 - the test extra installs it; imported only here
keras = tf.keras


def _function(code: str, name: str):
    namespace: dict = {}
    exec(compile(code, f"<{name}>", "exec"), namespace)
    return namespace[name]


def _dense_model(units=3, seed=0):
    inputs = keras.Input((4,), name="inp")
    hidden = keras.layers.Dense(5, name="a")(inputs)
    model = keras.Model(inputs, keras.layers.Dense(units, name="fc")(hidden))
    rng = np.random.RandomState(seed)
    model.set_weights([rng.uniform(-1, 1, w.shape) for w in model.get_weights()])
    return model


def test_save_weights_224_keeps_the_name_and_2_2_4s_layout(tmp_path) -> None:
    import h5py

    save_weights = _function(methods.SAVE_WEIGHTS_CODE, methods.SAVE_WEIGHTS_NAME)
    model = _dense_model()
    path = tmp_path / "w.h5"
    save_weights(model, str(path))
    assert sorted(os.listdir(tmp_path)) == ["w.h5"]
    with h5py.File(path, "r") as f:
        assert "layer_names" in f.attrs  # 2.2.4's layout (keras/engine/saving.py)
    same = _dense_model(seed=1)
    same.load_weights(str(path))
    assert all(np.array_equal(a, b) for a, b in zip(same.get_weights(), model.get_weights()))
    other_head = _dense_model(units=7, seed=1)
    other_head.load_weights(str(path), by_name=True, skip_mismatch=True)
    assert np.array_equal(other_head.get_layer("a").get_weights()[0], model.get_layer("a").get_weights()[0])
    with pytest.raises(FileExistsError):
        save_weights(model, str(path), overwrite=False)
    save_weights(model, str(tmp_path / "v.weights.h5"))  # Keras 3's own name: Keras 3 writes it
    assert (tmp_path / "v.weights.h5").is_file()


def test_metrics_names_224_names_what_evaluate_returns() -> None:
    metrics_names = _function(*reversed(methods.ATTRIBUTE_FUNCTIONS["metrics_names"]))
    x, y = np.ones((8, 4), "float32"), np.eye(3)[np.arange(8) % 3].astype("float32")
    model = _dense_model()
    model.compile("sgd", "categorical_crossentropy", metrics=["acc", "mean_absolute_error"])
    scores = model.evaluate(x, y, verbose=0)
    assert metrics_names(model) == ["loss", "acc", "mean_absolute_error"]  # 2.2.4's names
    named = model.evaluate(x, y, verbose=0, return_dict=True)
    assert dict(zip(metrics_names(model), scores)) == pytest.approx(named)
    inputs = keras.Input((4,))
    two = keras.Model(inputs, [keras.layers.Dense(1, name="zz")(inputs), keras.layers.Dense(3, name="aa")(inputs)])
    two.compile("sgd", ["mean_squared_error", "categorical_crossentropy"],
                metrics=[["mean_squared_error", "mean_absolute_error"], ["acc", "categorical_crossentropy"]])
    results = _function(methods.ATTRIBUTE_FUNCTIONS["metrics_names"][1] + "\n" + methods.RESULTS_CODE,
                        methods.RESULTS_NAME)
    scores = results(two, two.evaluate(x, [x[:, :1], y], verbose=0))
    named = two.evaluate(x, [x[:, :1], y], verbose=0, return_dict=True)
    # 2.2.4's order (engine/training.py): the loss, each output's loss, each output's metrics
    expected = ["loss", "zz_loss", "aa_loss", "zz_mean_squared_error", "zz_mean_absolute_error", "aa_acc",
                "aa_categorical_crossentropy"]
    assert metrics_names(two) == expected
    assert scores == pytest.approx([named[name] for name in expected])
    step = results(two, two.train_on_batch(x, [x[:, :1], y]))
    assert len(step) == len(expected)


def test_shape_functions_on_keras_3_layers_and_models() -> None:
    output_shape = _function(*reversed(methods.ATTRIBUTE_FUNCTIONS["output_shape"]))
    input_shape = _function(*reversed(methods.ATTRIBUTE_FUNCTIONS["input_shape"]))
    model = _dense_model()
    assert output_shape(model.get_layer("a")) == (None, 5)
    assert input_shape(model.get_layer("fc")) == (None, 5)
    assert output_shape(model) == (None, 3) and input_shape(model) == (None, 4)
    input_names = _function(*reversed(methods.ATTRIBUTE_FUNCTIONS["input_names"]))
    assert input_names(model) == ["inp"]
    input_of = _function(*reversed(methods.LAYER_ATTRIBUTE_FUNCTIONS["input"]))
    assert input_of(model.layers[0]) is model.inputs[0] and input_of(model.get_layer("fc")) is not None
    output_mask = _function(*reversed(methods.ATTRIBUTE_FUNCTIONS["output_mask"]))
    tokens = keras.Input((5,))
    masked = keras.layers.Masking()(tokens)
    assert output_mask(model.get_layer("a")) is None
    assert tuple(output_mask(keras.Model(tokens, masked).layers[1]).shape) == (None,)


def test_node_functions_on_a_shared_keras_3_layer() -> None:
    get_output_at = _function(methods.node_function_code("get_output_at"), "get_output_at_224")
    get_output_shape_at = _function(methods.node_function_code("get_output_shape_at"), "get_output_shape_at_224")
    shared = keras.layers.Dense(2)
    a, b = keras.Input((3,)), keras.Input((3,))
    first, second = shared(a), shared(b)
    assert get_output_at(shared, 0) is first and get_output_at(shared, 1) is second
    assert get_output_shape_at(shared, 1) == (None, 2)
    base = keras.Model(a, shared(a))  # 2.2.4: a model's node 0 is its own; its calls follow
    c = keras.Input((3,))
    called = base(c)
    assert get_output_at(base, 0) is base.outputs[0] and get_output_at(base, 1) is called


def test_predict_classes_224_on_a_one_unit_sigmoid_model() -> None:
    predict_classes = _function(methods.PREDICT_CLASSES_CODE, methods.PREDICT_CLASSES_NAME)
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1, activation="sigmoid")])
    model.set_weights([np.array([[4.0]]), np.array([0.0])])
    classes = predict_classes(model, np.array([[-1.0], [1.0], [0.5]]))
    assert classes.dtype == np.int32 and classes.tolist() == [[0], [1], [1]]


def test_optimizer_224_keeps_the_rate_settable_and_its_config_2_2_4s() -> None:
    from keraslint.keras224 import optimizers as facts

    namespace: dict = {}
    exec(compile(facts.OPTIMIZER_CODE + "\n" + facts.CONFIG_CODE + "\n" + facts.FROM_CONFIG_CODE,
                 "optimizers", "exec"), namespace)
    sgd = namespace["optimizer_224"](keras.optimizers.SGD)(learning_rate=0.1, decay=0.01, momentum=0.9)
    assert isinstance(sgd, keras.optimizers.SGD) and type(sgd).__name__ == "SGD"
    assert float(sgd.learning_rate) == pytest.approx(0.1) and sgd.decay == 0.01
    sgd.learning_rate = 0.05  # what LearningRateScheduler and ReduceLROnPlateau do
    assert float(sgd.learning_rate) == pytest.approx(0.05)
    read = namespace["optimizer_config_224"](sgd)
    assert sorted(read) == ["decay", "lr", "momentum", "nesterov"]  # 2.2.4's SGD config
    assert read["lr"] == pytest.approx(0.05) and read["decay"] == 0.01 and read["momentum"] == 0.9
    again = namespace["optimizer_from_config_224"](keras.optimizers.SGD, read)
    assert again.decay == 0.01 and float(again.learning_rate) == pytest.approx(0.05)
    adam = namespace["optimizer_from_config_224"](keras.optimizers.Adam, {
        "lr": 0.005, "beta_1": 0.9, "beta_2": 0.999, "decay": 0.0, "epsilon": None, "amsgrad": False, "clipnorm": 1.0})
    assert float(adam.learning_rate) == pytest.approx(0.005) and adam.epsilon == 1e-7 and adam.global_clipnorm == 1.0
    plain = namespace["optimizer_config_224"](keras.optimizers.Adam(learning_rate=0.002))
    assert sorted(plain) == ["amsgrad", "beta_1", "beta_2", "decay", "epsilon", "lr"] and plain["decay"] == 0.0
    plain_nadam = namespace["optimizer_config_224"](keras.optimizers.Nadam(learning_rate=0.002))
    assert plain_nadam["schedule_decay"] == 1.0  # tf.keras's schedule, 0.96 ** t, in 2.2.4's terms
    nadam = namespace["optimizer_config_224"](namespace["optimizer_224"](keras.optimizers.Nadam)())
    assert nadam["schedule_decay"] == 0.004 and nadam["lr"] == pytest.approx(0.001)


def test_a_model_saved_with_optimizer_224_loads_without_it(tmp_path) -> None:
    from keraslint.keras224 import optimizers as facts

    optimizer_224 = _function(facts.OPTIMIZER_CODE, facts.OPTIMIZER_NAME)
    model = _dense_model()
    model.compile(optimizer_224(keras.optimizers.Adam)(learning_rate=0.01, decay=0.1), "mean_squared_error")
    model.fit(np.ones((4, 4)), np.zeros((4, 3)), verbose=0)
    model.save(tmp_path / "m.h5")
    loaded = keras.models.load_model(tmp_path / "m.h5")  # another program: no optimizer_224 there
    assert type(loaded.optimizer) is keras.optimizers.Adam


def test_load_model_224_gives_back_a_model_that_trains_on(tmp_path) -> None:
    from keraslint.keras224 import training

    load_model = _function_in(training.LOAD_MODEL_CODE, training.LOAD_MODEL_NAME)
    x, y = np.linspace(0, 1, 32, dtype="float32").reshape(8, 4), np.ones((8, 3), "float32")
    model = _dense_model()
    model.compile(keras.optimizers.SGD(learning_rate=0.05, momentum=0.9), "mean_squared_error")
    model.fit(x, y, verbose=0, shuffle=False)
    model.save(tmp_path / "m.h5")
    with pytest.raises(ValueError, match="Unknown variable"):  # the Keras 3 bug the function is for
        keras.models.load_model(tmp_path / "m.h5").fit(x, y, verbose=0)
    restored = load_model(str(tmp_path / "m.h5"))
    model.fit(x, y, verbose=0, shuffle=False)
    restored.fit(x, y, verbose=0, shuffle=False)  # momentum restored: the same step as the original
    assert all(np.allclose(a, b, atol=1e-6) for a, b in zip(model.get_weights(), restored.get_weights()))
    uncompiled = load_model(str(tmp_path / "m.h5"), compile=False)
    assert getattr(uncompiled, "optimizer", None) is None


def test_by_name_functions_give_names_2_2_4s_meaning() -> None:
    from keraslint.keras224 import by_name
    from keraslint.keras224.optimizers import OPTIMIZER_CODE

    namespace: dict = {"tf": tf}
    for code in (OPTIMIZER_CODE, *(make("keras3") for make in by_name.CODE.values())):
        exec(compile(code, "<by_name>", "exec"), namespace)
    optimizer, loss, metrics = (namespace[by_name.FUNCTIONS[p]] for p in ("optimizer", "loss", "metrics"))
    adadelta = optimizer("Adadelta")
    assert type(adadelta) is keras.optimizers.Adadelta and float(adadelta.learning_rate) == 1.0
    adagrad = optimizer("adagrad")
    assert isinstance(adagrad, keras.optimizers.Adagrad) and type(adagrad) is not keras.optimizers.Adagrad
    assert adagrad.initial_accumulator_value == 0.0 and np.isclose(float(adagrad.learning_rate), 0.01)
    mine = keras.optimizers.SGD()
    assert optimizer(mine) is mine and optimizer("not-an-optimizer") == "not-an-optimizer"
    assert loss("mse") == "mean_squared_error" and loss({"a": "mae", "b": "hinge"}) == {
        "a": "mean_absolute_error", "b": "hinge"}
    assert metrics(["accuracy", "mse"], loss="categorical_crossentropy") == ["acc", "mean_squared_error"]
    [binary] = metrics(("acc",), loss="binary_crossentropy")
    assert isinstance(binary, keras.metrics.BinaryAccuracy) and binary.name == "acc"
    [cosine] = metrics(["cosine"])
    assert cosine.name == "cosine_proximity"
    assert metrics(None) is None and metrics({"out": "mae"}) == {"out": "mean_absolute_error"}
    model = _dense_model()
    model.compile(optimizer("adam"), loss("mse"), metrics=metrics(["mae", "acc"], loss="mse"))
    history = model.fit(np.ones((8, 4)), np.zeros((8, 3)), verbose=0)
    assert sorted(history.history) == ["acc", "loss", "mean_absolute_error"]


def test_time_distributed_224_maps_over_any_number_of_steps(tmp_path) -> None:
    from keraslint.keras224 import layers

    wrapper = _function_in(layers.TIME_DISTRIBUTED_224_CODE, layers.TIME_DISTRIBUTED_224_NAME)

    def tagger(cls):
        model = keras.Sequential([keras.Input((None, 4)), keras.layers.LSTM(5, return_sequences=True),
                                  cls(keras.layers.Dense(3))])
        model.compile("sgd", "mean_squared_error")
        model.predict(np.ones((2, 7, 4)), verbose=0)
        return model

    assert tagger(keras.layers.TimeDistributed).predict(np.ones((2, 11, 4)), verbose=0).shape == (2, 2, 3)  # the bug
    model = tagger(wrapper)
    longer = np.linspace(-1, 1, 88, dtype="float32").reshape(2, 11, 4)
    predicted = model.predict(longer, verbose=0)
    assert predicted.shape == (2, 11, 3)
    assert np.allclose(predicted, model(longer).numpy(), atol=1e-5)  # eager, static length: Keras 3's own path
    model.fit(np.ones((4, 9, 4)), np.ones((4, 9, 3)), verbose=0)  # another length trains too
    model.save(tmp_path / "t.h5")
    restored = keras.models.load_model(tmp_path / "t.h5")  # another program: no TimeDistributed_224 there
    assert type(restored.layers[1]).__name__ == "TimeDistributed"
    assert np.allclose(restored(longer).numpy(), model.predict(longer, verbose=0), atol=1e-5)


def test_weighted_metric_224_averages_over_the_samples_of_nonzero_weight() -> None:
    from keraslint.keras224 import training

    weighted_metric = _function_in(training.WEIGHTED_METRIC_CODE, training.WEIGHTED_METRIC_NAME)
    y_true, y_pred = np.zeros((4, 1), "float32"), np.array([[1.0], [2.0], [3.0], [4.0]], "float32")
    weights = np.array([0.5, 1.0, 0.0, 2.0], "float32")
    metric = weighted_metric(keras.metrics.MeanAbsoluteError, name="weighted_mean_absolute_error")
    metric.update_state(y_true, y_pred, sample_weight=weights)
    assert float(metric.result()) == pytest.approx((0.5 + 2.0 + 8.0) / 3)  # 2.2.4: / count(w != 0)
    plain = keras.metrics.MeanAbsoluteError()
    plain.update_state(y_true, y_pred, sample_weight=weights)
    assert float(plain.result()) == pytest.approx((0.5 + 2.0 + 8.0) / 3.5)  # tf.keras: / sum(w)
    metric.reset_state()
    metric.update_state(y_true, y_pred)
    assert metric.name == "weighted_mean_absolute_error" and float(metric.result()) == pytest.approx(2.5)


def _function_in(code: str, name: str):
    namespace: dict = {"tf": tf}
    exec(compile(code, f"<{name}>", "exec"), namespace)
    return namespace[name]


def test_rate_log_callbacks_log_lr_as_2_2_4_did() -> None:
    from keraslint.keras224.training import rate_log_class

    namespace = {"tf": tf}
    for callback in ("ReduceLROnPlateau", "LearningRateScheduler"):
        name, code = rate_log_class(callback)
        exec(compile(code, name, "exec"), namespace)
    x, y = np.ones((8, 4), "float32"), np.zeros((8, 3), "float32")
    for callback, logged in (
            # the first epoch is an improvement on inf; the second reduces, after logging the rate
            (namespace["ReduceLROnPlateau_224"](monitor="loss", factor=0.5, patience=0, min_delta=1e9), [0.1, 0.1]),
            (namespace["LearningRateScheduler_224"](lambda epoch: 0.1 / (epoch + 1)), [0.1, 0.05])):
        model = _dense_model()
        model.compile(keras.optimizers.SGD(learning_rate=0.1), "mean_squared_error")
        history = model.fit(x, y, epochs=2, verbose=0, callbacks=[callback])
        assert sorted(history.history) == ["loss", "lr"]
        assert history.history["lr"] == pytest.approx(logged)


def test_function_224_runs_a_model_in_the_mode_its_learning_phase_asks() -> None:
    from keraslint.keras224 import backend as facts

    namespace: dict = {}
    exec(compile(facts.LEARNING_PHASE_CODE + "\n" + facts.FUNCTION_CODE, "function_224", "exec"), namespace)
    inputs = keras.Input((4,))
    hidden = keras.layers.Dense(6, name="hidden")(inputs)
    model = keras.Model(inputs, keras.layers.Dropout(0.5)(hidden))
    x = np.ones((3, 4), "float32")
    features = namespace["function_224"]([model.input], [model.get_layer("hidden").output])
    [out] = features([x])
    assert np.allclose(out, model.get_layer("hidden")(x).numpy())
    dropout = namespace["function_224"]([model.input, namespace["learning_phase_224"]()], [model.output])
    assert np.allclose(dropout([x, 0])[0], out)  # inference: Dropout passes through
    trained = dropout([x, 1])[0]
    assert np.any(trained == 0) and not np.allclose(trained, out)  # training: some units dropped
    with pytest.raises(NotImplementedError):
        namespace["function_224"]([model.input], [model.output], updates=["a step"])
    normalised = keras.Sequential([keras.Input((4,)), keras.layers.BatchNormalization()])
    before = [w.copy() for w in normalised.get_weights()]
    in_training = namespace["function_224"]([normalised.inputs[0], namespace["learning_phase_224"]()],
                                           [normalised.outputs[0]])
    in_training([x * 3.0, 1])  # 2.2.4 ran no updates without `updates=`: moving statistics stay
    assert all(np.array_equal(a, b) for a, b in zip(before, normalised.get_weights()))


def test_variable_weight_224_is_a_weight_the_layer_tracks_and_trains() -> None:
    from keraslint.keras224.keras1 import VARIABLE_WEIGHT_CODE, VARIABLE_WEIGHT_NAME

    variable_weight = _function(VARIABLE_WEIGHT_CODE, VARIABLE_WEIGHT_NAME)

    class Scale(keras.layers.Layer):
        def build(self, input_shape):
            self.W = variable_weight(self, np.full((input_shape[-1],), 0.5), name="scale", trainable=True)
            self.frozen = variable_weight(self, np.ones((input_shape[-1],)), name="frozen", trainable=False)

        def call(self, x):
            return x * self.W * self.frozen

    model = keras.Sequential([keras.Input((3,)), Scale()])
    layer = model.layers[0]
    assert [w.name for w in layer.trainable_weights] == ["scale"]
    assert [w.name for w in layer.non_trainable_weights] == ["frozen"]
    assert np.allclose(layer.get_weights()[0], 0.5)
    model.compile(keras.optimizers.SGD(learning_rate=0.1), "mean_squared_error")
    model.fit(np.ones((4, 3)), np.zeros((4, 3)), verbose=0)
    scale, frozen = layer.get_weights()
    assert not np.allclose(scale, 0.5) and np.allclose(frozen, 1.0)


def test_model_checkpoint_224_keeps_2_2_4s_names_and_period(tmp_path, monkeypatch) -> None:
    from keraslint.keras224.training import CHECKPOINT_224_CODE, CHECKPOINT_224_NAME

    namespace = {"tf": tf}
    exec(compile(CHECKPOINT_224_CODE, CHECKPOINT_224_NAME, "exec"), namespace)
    checkpoint = namespace[CHECKPOINT_224_NAME]
    monkeypatch.chdir(tmp_path)
    model = _dense_model()
    model.compile("sgd", "mean_squared_error")
    x, y = np.ones((8, 4), "float32"), np.zeros((8, 3), "float32")
    model.fit(x, y, epochs=4, verbose=0, callbacks=[
        checkpoint("whole.{epoch:02d}.hdf5", monitor="loss", period=2),
        checkpoint("weights.h5", monitor="loss", save_weights_only=True, save_best_only=True)])
    assert sorted(os.listdir(tmp_path)) == ["weights.h5", "whole.02.hdf5", "whole.04.hdf5"]
    loaded = keras.models.load_model(tmp_path / "whole.04.hdf5")
    assert all(np.allclose(a, b) for a, b in zip(loaded.get_weights(), model.get_weights()))
    fresh = _dense_model(seed=5)
    fresh.load_weights(str(tmp_path / "weights.h5"), by_name=True)
    assert all(np.allclose(a, b) for a, b in zip(fresh.get_weights(), model.get_weights()))


def test_a_model_with_batchnorm_224_saves_and_loads_anywhere(tmp_path) -> None:
    from keraslint.keras224.layers import BATCHNORM_224_CODE, BATCHNORM_224_NAME

    namespace = {"tf": tf}
    exec(compile(BATCHNORM_224_CODE, BATCHNORM_224_NAME, "exec"), namespace)
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2), namespace[BATCHNORM_224_NAME]()])
    model.compile("sgd", "mean_squared_error")
    model.fit(np.ones((4, 3)), np.zeros((4, 2)), verbose=0)
    again = keras.models.model_from_json(model.to_json())  # another program: no BatchNormalization_224
    assert type(again.layers[-1]) is keras.layers.BatchNormalization
    model.save(tmp_path / "m.h5")
    model.save(tmp_path / "m.keras")
    for name in ("m.h5", "m.keras"):
        loaded = keras.models.load_model(tmp_path / name)
        assert all(np.allclose(a, b) for a, b in zip(loaded.get_weights(), model.get_weights()))


def test_the_learning_phase_switches_choose_as_keras_224_did():
    from tests.rules.cases import fix

    before = (
        "from keras import backend as K\nfrom keras.layers import Layer\n\n\n"
        "class Switch(Layer):\n"
        "    def call(self, inputs, training=None):\n"
        "        train = K.in_train_phase(lambda: inputs * 0, inputs, training=training)\n"
        "        test = K.in_test_phase(inputs * 2, inputs * 5, training=training)\n"
        "        return train + test\n"
    )
    after = fix(before)
    assert "in_train_phase_224(lambda: inputs * 0, inputs, training=training)" in after
    assert "in_test_phase_224(inputs * 2, inputs * 5, training=training)" in after
    namespace: dict = {}
    exec(compile(after, "switch.py", "exec"), namespace)
    inputs = tf.keras.Input((2,))
    model = tf.keras.Model(inputs, namespace["Switch"]()(inputs))
    ones = np.ones((1, 2), "float32")
    assert model.predict(ones, verbose=0).tolist() == [[3.0, 3.0]]  # inference: inputs + 2 * inputs
    assert np.asarray(model(ones, training=True)).tolist() == [[5.0, 5.0]]  # training: 0 + 5 * inputs
    assert np.asarray(model(ones, training=False)).tolist() == [[3.0, 3.0]]
    assert np.asarray(namespace["in_train_phase_224"](1.0, 2.0, training=tf.constant(True))) == 1.0
    assert np.asarray(namespace["in_test_phase_224"](1.0, 2.0, training=tf.constant(True))) == 2.0
