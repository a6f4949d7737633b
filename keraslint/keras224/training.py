"""Keras 2.2.4's training API, and what tf.keras has instead (docs/facts.md §6)."""

from __future__ import annotations

from types import MappingProxyType

from keraslint.keras224 import signatures
from keraslint.keras224.targets import EVERY, KERAS3_ONLY, Target

#: 2.2.4 generator method -> (the tf.keras method, its 2.2.4 parameters after self, in order).
GENERATOR_METHODS: MappingProxyType[str, tuple[str, tuple[str, ...]]] = MappingProxyType({
    "fit_generator": ("fit", signatures.SIGNATURES[signatures.FIT_GENERATOR]),
    "evaluate_generator": ("evaluate", signatures.SIGNATURES[signatures.EVALUATE_GENERATOR]),
    "predict_generator": ("predict", signatures.SIGNATURES[signatures.PREDICT_GENERATOR]),
})

#: Keras-1 keywords 2.2.4 converted on the generator methods (legacy_generator_methods_support).
#: `samples_per_epoch` is not a plain rename: 2.2.4 divided it by `generator.batch_size` when
#: the generator had one.
GENERATOR_RENAMES: MappingProxyType[str, str] = MappingProxyType({
    "samples_per_epoch": "steps_per_epoch",
    "val_samples": "steps",
    "nb_epoch": "epochs",
    "nb_val_samples": "validation_steps",
    "nb_worker": "workers",
    "pickle_safe": "use_multiprocessing",
    "max_q_size": "max_queue_size",
})
DIVIDED_BY_BATCH_SIZE = "samples_per_epoch"

#: The generator methods' first parameter is `x` in fit/evaluate/predict.
FIRST_PARAMETER_RENAMES: MappingProxyType[str, str] = MappingProxyType({"generator": "x"})

#: fit's own Keras-1 keyword (engine/training.py pops it with a warning).
FIT_RENAMES: MappingProxyType[str, str] = MappingProxyType({"nb_epoch": "epochs"})

#: Arguments Keras 3's fit/evaluate/predict reject; they only set how data was loaded.
KERAS3_REJECTED = ("max_queue_size", "workers", "use_multiprocessing")

#: evaluate_generator/predict_generator printed nothing by default (verbose=0); tf.keras's
#: evaluate/predict default to verbose='auto', a progress bar.
QUIET_METHODS = ("evaluate_generator", "predict_generator")

#: Callbacks whose 2.2.4 arguments changed: class -> 2.2.4 parameters (after self), in order.
CALLBACK_SIGNATURES: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "ModelCheckpoint": signatures.SIGNATURES[signatures.MODEL_CHECKPOINT],
    "TensorBoard": signatures.SIGNATURES[signatures.TENSORBOARD],
    "ReduceLROnPlateau": signatures.SIGNATURES[signatures.REDUCE_LR_ON_PLATEAU],
})

#: Keras 3 rejects these callback arguments. The value is the only one that can be dropped
#: without changing what happens (ModelCheckpoint's `period=1` is `save_freq='epoch'`, the
#: default), or None when any value only shaped TensorBoard's logs, never the model.
CALLBACK_REJECTED_BY_KERAS3: MappingProxyType[str, MappingProxyType[str, object]] = MappingProxyType({
    "ModelCheckpoint": MappingProxyType({"period": 1}),
    "TensorBoard": MappingProxyType({
        "batch_size": None, "write_grads": None, "embeddings_layer_names": None,
        "embeddings_data": None,
    }),
})

#: Renamed callback arguments (2.2.4 itself already converted `epsilon` with a warning).
CALLBACK_RENAMES: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType({
    "ReduceLROnPlateau": MappingProxyType({"epsilon": "min_delta"}),
})

#: Sequential's removed prediction helpers -> their 2.2.4 parameters (after self). Both
#: called predict(x, batch_size, verbose) with verbose=0 by default; predict_proba returned
#: it as is, predict_classes took argmax(-1), or (p > 0.5).astype('int32') for one output.
PREDICT_HELPERS: MappingProxyType[str, tuple[str, ...]] = MappingProxyType({
    "predict_proba": ("x", "batch_size", "verbose"),
    "predict_classes": ("x", "batch_size", "verbose"),
})

#: compile(metrics=['accuracy']): 2.2.4 named the History key 'acc' for both spellings
#: (engine/training.py), and computed *binary* accuracy whenever the loss was
#: binary_crossentropy. tf.keras names the key after the string given and picks the accuracy
#: from the output shape only (categorical for a multi-unit sigmoid output).
ACCURACY_STRINGS = ("accuracy", "acc")
HISTORY_KEY = "acc"
BINARY_LOSS = "binary_crossentropy"
BINARY_ACCURACY_MODULE, BINARY_ACCURACY = "tensorflow.keras.metrics", "BinaryAccuracy"

#: Keras 3 picks the file format from the extension and rejects names it cannot place
#: (2.2.4 wrote HDF5 whatever the name). Saver -> (suffixes Keras 3 accepts, the suffix
#: keraslint writes, the loader that reads the file back). ModelCheckpoint with
#: `save_weights_only=True` follows `save_weights`; without, it is stricter than `save`.
KERAS3_SAVE_SUFFIXES: MappingProxyType[str, tuple[tuple[str, ...], str, str]] = MappingProxyType({
    "save_weights": ((".weights.h5",), ".weights.h5", "load_weights"),
    "save": ((".keras", ".h5", ".hdf5"), ".h5", "load_model"),
    "ModelCheckpoint": ((".keras", ".h5"), ".h5", "load_model"),
})
#: Suffixes 2.2.4 users gave HDF5 files; keraslint replaces them rather than appending.
HDF5_SUFFIXES = (".h5", ".hdf5", ".hdf", ".h5py")

#: Keras 3 models have no ``reset_states`` (layers still do). keraslint writes 2.2.4's own
#: ``Network.reset_states`` as a module function, which passes anything without layers on.
#: It calls the method through ``getattr`` so that KL609 never rewrites its own body.
RESET_STATES_METHOD = "reset_states"
RESET_STATES_NAME = "reset_states_224"
RESET_STATES_CODE = f'''\
def {RESET_STATES_NAME}(model):
    """Keras 2.2.4's Model.reset_states(), which Keras 3 models lack: reset the stateful layers."""
    reset = "{RESET_STATES_METHOD}"
    if not hasattr(model, "layers"):
        return getattr(model, reset)()
    for layer in model.layers:
        if hasattr(layer, reset) and getattr(layer, "stateful", False):
            getattr(layer, reset)()
'''

#: TF1-graph arguments: a symbolic TensorFlow tensor fed into the model. Keras 3 has no
#: ``compile(target_tensors=)`` and takes only KerasTensors for ``Input(tensor=)``.
#: (function or method, argument) -> what to do instead.
GRAPH_TENSOR_ARGUMENTS: MappingProxyType[tuple[str, str], str] = MappingProxyType({
    ("compile", "target_tensors"): "pass the targets to fit() (e.g. from a tf.data.Dataset)",
    ("Input", "tensor"): "build the model on keras.Input(shape=...) and feed the data to fit() "
                         "as a tf.data.Dataset",
})

#: compile(sample_weight_mode=...): 2.2.4 needed 'temporal' for (samples, timesteps) weights;
#: tf.keras reads the weights' shape. Keras 3 rejects the argument; TF 2.15 ignores it.
SAMPLE_WEIGHT_MODE = "sample_weight_mode"
SAMPLE_WEIGHT_MODE_TARGETS = KERAS3_ONLY

#: Keras 3 sorts (KL619) and keeps across a recompile (KL623) the compiled metrics.
KERAS3_METRICS_TARGETS = KERAS3_ONLY

#: 2.2.4's ``Model.compile`` parameters (after self), in order.
COMPILE_PARAMETERS = signatures.SIGNATURES[signatures.COMPILE]

#: 2.2.4 metric strings that are aliases -> the History key 2.2.4 logged: the function's own
#: name (keras/metrics.py ``mse = MSE = mean_squared_error``). tf.keras logs the alias itself.
METRIC_ALIASES: MappingProxyType[str, str] = MappingProxyType({
    "mse": "mean_squared_error", "MSE": "mean_squared_error",
    "mae": "mean_absolute_error", "MAE": "mean_absolute_error",
    "mape": "mean_absolute_percentage_error", "MAPE": "mean_absolute_percentage_error",
    "msle": "mean_squared_logarithmic_error", "MSLE": "mean_squared_logarithmic_error",
    "cosine": "cosine_proximity",
})

#: 2.2.4 metric functions (by their History key) that a target does not accept as a string
#: -> the tf.keras.losses function with the same formula, which keraslint wraps in
#: ``MeanMetricWrapper(fn, name=key)`` so that the key stays 2.2.4's.
METRIC_WRAPPER_MODULE, METRIC_WRAPPER = "tensorflow.keras.metrics", "MeanMetricWrapper"
LOSSES_MODULE = "tensorflow.keras.losses"
WRAPPED_METRICS: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType({
    Target.KERAS3: MappingProxyType({
        "cosine_proximity": "cosine_similarity",  # both -sum(l2_normalize(t) * l2_normalize(p))
        "logcosh": "logcosh",
        "kullback_leibler_divergence": "kullback_leibler_divergence",
    }),
    Target.KERAS2: MappingProxyType({"cosine_proximity": "cosine_similarity"}),
})

#: compile(weighted_metrics=[...]): 2.2.4 logged each as 'weighted_' + its key; tf.keras logs
#: the string as given (and prefixes only a name that clashes). keraslint writes the metric
#: class with 2.2.4's name: 2.2.4 metric function (its key) -> the tf.keras class averaging it.
WEIGHTED_PREFIX = "weighted_"
METRICS_MODULE = "tensorflow.keras.metrics"
METRIC_CLASSES: MappingProxyType[str, str] = MappingProxyType({
    "mean_squared_error": "MeanSquaredError", "mean_absolute_error": "MeanAbsoluteError",
    "mean_absolute_percentage_error": "MeanAbsolutePercentageError",
    "mean_squared_logarithmic_error": "MeanSquaredLogarithmicError",
    "hinge": "Hinge", "squared_hinge": "SquaredHinge", "categorical_hinge": "CategoricalHinge",
    "logcosh": "LogCoshError", "kullback_leibler_divergence": "KLDivergence", "poisson": "Poisson",
    "binary_crossentropy": "BinaryCrossentropy", "categorical_crossentropy": "CategoricalCrossentropy",
    "sparse_categorical_crossentropy": "SparseCategoricalCrossentropy",
    "binary_accuracy": "BinaryAccuracy", "categorical_accuracy": "CategoricalAccuracy",
    "sparse_categorical_accuracy": "SparseCategoricalAccuracy",
    "top_k_categorical_accuracy": "TopKCategoricalAccuracy",
    "sparse_top_k_categorical_accuracy": "SparseTopKCategoricalAccuracy",
})
#: 2.2.4 averaged a weighted metric as sum(w * value) / count(w != 0) (its
#: weighted_masked_objective); tf.keras as sum(w * value) / sum(w). keraslint's function makes
#: the tf.keras metric count the samples of nonzero weight instead of summing the weights.
WEIGHTED_METRIC_NAME = "weighted_metric_224"
WEIGHTED_METRIC_CODE = f'''\
def {WEIGHTED_METRIC_NAME}(cls, name):
    """Keras 2.2.4's weighted metric: the mean of weight * value over the samples of nonzero
    weight (tf.keras divides by the sum of the weights instead)."""
    import tensorflow as tf

    class Metric(cls):
        def update_state(self, y_true, y_pred, sample_weight=None):
            result = super().update_state(y_true, y_pred, sample_weight=sample_weight)
            if sample_weight is not None:
                weights = tf.cast(sample_weight, self.count.dtype)
                nonzero = tf.reduce_sum(tf.cast(tf.not_equal(weights, 0), self.count.dtype))
                self.count.assign_add(nonzero - tf.reduce_sum(weights))
            return result

    Metric.__name__ = Metric.__qualname__ = cls.__name__
    return Metric(name=name)
'''

#: 'acc'/'accuracy' meant the accuracy that fits the loss (2.2.4's engine/training.py):
#: loss -> the accuracy function. Any other loss depended on the output's shape.
ACCURACY_BY_LOSS: MappingProxyType[str, str] = MappingProxyType({
    "binary_crossentropy": "binary_accuracy", "categorical_crossentropy": "categorical_accuracy",
    "sparse_categorical_crossentropy": "sparse_categorical_accuracy",
})

#: 2.2.4 loss strings that fail on a target -> the string the target gives the same function.
#: Keras 3 rejects some, and a model compiled with an alias ('mse') and saved to HDF5 fails
#: in ``load_model`` ("Could not deserialize 'keras.metrics.mse'").
LOSS_RENAMES: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType({
    Target.KERAS3: MappingProxyType({
        **{alias: key for alias, key in METRIC_ALIASES.items() if key != "cosine_proximity"},
        "kld": "kl_divergence", "KLD": "kl_divergence",
        "kullback_leibler_divergence": "kl_divergence",
        "logcosh": "log_cosh",
        "cosine": "cosine_similarity", "cosine_proximity": "cosine_similarity",
    }),
    Target.KERAS2: MappingProxyType({"cosine": "cosine_similarity", "cosine_proximity": "cosine_similarity"}),
})

#: Model methods that train (and so read which weights are trainable).
TRAINING_METHODS = ("train_on_batch", "fit", "fit_generator")
#: Targets that read the ``trainable`` flags when a model first trains (Keras 3), not when it
#: is compiled as 2.2.4 (and TF 2.15's Keras 2) did.
TRAINABLE_READ_AT = KERAS3_ONLY

#: Callbacks that log the learning rate each epoch: 2.2.4 logged it as ``lr`` (the History key
#: code reads), Keras 3 as ``learning_rate``. keraslint subclasses them to log 2.2.4's key.
RATE_LOG_CALLBACKS = ("ReduceLROnPlateau", "LearningRateScheduler")
RATE_LOG_KEY, RATE_LOG_KEY_NOW = "lr", "learning_rate"
RATE_LOG_TARGETS = KERAS3_ONLY


def rate_log_class(callback: str) -> tuple[str, str]:
    """(name, code) of the subclass of ``callback`` that logs the rate under 2.2.4's key."""
    name = f"{callback}_224"
    return name, f'''\
class {name}(tf.keras.callbacks.{callback}):
    """Keras 2.2.4's {callback}, which logged the rate as `{RATE_LOG_KEY}` (Keras 3: `{RATE_LOG_KEY_NOW}`)."""

    def on_epoch_end(self, epoch, logs=None):
        super().on_epoch_end(epoch, logs)
        if logs is not None and "{RATE_LOG_KEY_NOW}" in logs:
            logs["{RATE_LOG_KEY}"] = logs.pop("{RATE_LOG_KEY_NOW}")
'''

#: Keras 2.2.4 saved a Lambda layer's code into the model file (marshalled bytecode) and
#: loaded it back as it was. Keras 3 loads a Python lambda only with ``safe_mode=False``, and
#: a named function only when it is among the ``custom_objects``.
MODEL_LOADERS = ("keras.models.load_model", "keras.engine.saving.load_model",
                 "keras.models.model_from_json", "keras.engine.saving.model_from_json")
SAFE_MODE_LOADERS = ("load_model",)  # model_from_json has no safe_mode in Keras 3
LAMBDA_LAYER = "Lambda"
LAMBDA_LOAD_TARGETS = KERAS3_ONLY

#: Methods that read batches from a generator or a Sequence (2.2.4 names and tf.keras's).
BATCH_READERS = ("fit_generator", "evaluate_generator", "predict_generator", "fit", "evaluate", "predict")
SEQUENCE = "keras.utils.Sequence"
SEQUENCE_METHOD = "__getitem__"
#: Targets that read several inputs (or outputs) of a generator's batch only from a tuple.
LIST_BATCH_TARGETS = KERAS3_ONLY

#: Keras 2.2.4's ModelCheckpoint as a subclass of tf.keras's, which keraslint adds to a module
#: once (KL607): HDF5 written under the name given (Keras 3 asks for ``.keras``/``.h5``, and
#: ``.weights.h5`` for weights only, at construction) and 2.2.4's ``period``, which Keras 3
#: dropped. It writes with the HDF5 writers Keras 3 uses for ``model.save('m.h5')``.
CHECKPOINT = "ModelCheckpoint"
CHECKPOINT_PERIOD = ("period", signatures.position(signatures.MODEL_CHECKPOINT, "period"))  # keyword, position
CHECKPOINT_224_NAME = "ModelCheckpoint_224"
CHECKPOINT_224_TARGETS = KERAS3_ONLY
CHECKPOINT_224_CODE = f'''\
class {CHECKPOINT_224_NAME}(tf.keras.callbacks.ModelCheckpoint):
    """Keras 2.2.4's ModelCheckpoint: HDF5 under the file name given, and `period` (Keras 3
    asks for .keras/.h5 names, .weights.h5 for weights only, and has no period)."""

    def __init__(self, filepath, monitor="val_loss", verbose=0, save_best_only=False,
                 save_weights_only=False, mode="auto", period=1):
        stand_in = "checkpoint.weights.h5" if save_weights_only else "checkpoint.h5"
        super().__init__(stand_in, monitor=monitor, verbose=verbose, save_best_only=save_best_only,
                         save_weights_only=save_weights_only, mode=mode)
        self.filepath = str(filepath)
        self.period = period
        self.epochs_since_last_save = 0

    def on_epoch_end(self, epoch, logs=None):
        self.epochs_since_last_save += 1
        if self.epochs_since_last_save >= self.period:
            self.epochs_since_last_save = 0
            super().on_epoch_end(epoch, logs)

    def _save_model(self, epoch, batch, logs):
        import importlib
        import os

        import h5py

        filepath = self._get_file_path(epoch, batch, logs)
        if not self._should_save_model(epoch, batch, logs, filepath):
            return
        if os.path.dirname(filepath):
            os.makedirs(os.path.dirname(filepath), exist_ok=True)
        if filepath.endswith(".keras") and not self.save_weights_only:
            return self.model.save(filepath, overwrite=True)
        legacy_h5_format = importlib.import_module("keras.src.legacy.saving.legacy_h5_format")
        if self.save_weights_only:
            with h5py.File(filepath, "w") as f:
                legacy_h5_format.save_weights_to_hdf5_group(f, self.model)
        else:
            legacy_h5_format.save_model_to_hdf5(self.model, filepath, overwrite=True)
'''

#: Keys of a callback's (and a History's) ``params`` that Keras 2.2.4 filled and Keras 3 does
#: not: Keras 3 has only ``epochs``, ``steps`` and ``verbose``.
PARAMS_GONE = MappingProxyType({
    "samples": "the number of samples; tf.keras gives `steps` (batches per epoch) only",
    "batch_size": "tf.keras does not tell the batch size; pass it to the callback yourself",
    "metrics": "the names of the logged values; read them from the `logs` of the first epoch instead",
    "do_validation": "whether there is validation data; test `'val_loss' in logs` instead",
})
PARAMS_TARGETS = EVERY

#: Keras 3 (3.15) loads a compiled HDF5 model with an optimizer built on no variables: the
#: next ``fit`` raises "Unknown variable". keraslint's function loads it as Keras 3 does, then
#: gives the model a fresh optimizer of the same config built on the model's variables, with
#: the slots the file holds (momentum, Adam moments), as 2.2.4's load_model did.
LOAD_MODEL_FUNCTIONS = ("keras.models.load_model", "keras.engine.saving.load_model")
LOAD_MODEL_NAME = "load_model_224"
LOAD_MODEL_TARGETS = KERAS3_ONLY
LOAD_MODEL_CODE = f'''\
def {LOAD_MODEL_NAME}(filepath, custom_objects=None, compile=True, **kwargs):
    """Keras 2.2.4's load_model: a compiled HDF5 model comes back ready to train on, with its
    optimizer's state (Keras 3 builds the loaded optimizer on no variables)."""
    load_model = getattr(tf.keras.models, "load_model")  # Keras 3's own; not rewritten again
    model = load_model(filepath, custom_objects=custom_objects, compile=compile, **kwargs)
    optimizer = getattr(model, "optimizer", None)
    if (not compile or optimizer is None or not model.trainable_variables
            or getattr(optimizer, "_trainable_variables", None) != []):
        return model
    import importlib
    import os

    import h5py
    import numpy as np

    if not isinstance(filepath, (str, os.PathLike)) or not h5py.is_hdf5(filepath):
        return model

    legacy_h5_format = importlib.import_module("keras.src.legacy.saving.legacy_h5_format")
    fresh = type(optimizer).from_config(getattr(optimizer, "get_config")())  # tf.keras config; not rewritten
    fresh.build(model.trainable_variables)
    with h5py.File(filepath, "r") as f:
        saved = ([np.asarray(v) for v in legacy_h5_format.load_optimizer_weights_from_hdf5_group(f)]
                 if "optimizer_weights" in f else [])
    if [v.shape for v in saved] == [tuple(v.shape) for v in fresh.variables]:
        for variable, value in zip(fresh.variables, saved):
            variable.assign(value)
    model.optimizer = fresh
    return model
'''

#: CSVLogger: 2.2.4 wrote the columns of the first epoch's logs; tf.keras (TF 2.15 and Keras 3)
#: adds a val_ column for each, filled with NA, when those logs have none (a fit without
#: validation data, and every row appended to a log written with validation).
CSV_LOGGER = "keras.callbacks.CSVLogger"
CSV_LOGGER_TARGETS = EVERY
CSV_LOGGER_NAME = "CSVLogger_224"
CSV_LOGGER_CODE = f'''\
class {CSV_LOGGER_NAME}(tf.keras.callbacks.CSVLogger):
    """Keras 2.2.4's CSVLogger columns: those of the first epoch's logs, without the val_
    columns filled with NA that tf.keras adds when there is no validation data."""

    def on_epoch_end(self, epoch, logs=None):
        if self.keys is None and logs:
            self.keys = sorted(logs.keys())
        super().on_epoch_end(epoch, logs)


{CSV_LOGGER_NAME}.__name__ = {CSV_LOGGER_NAME}.__qualname__ = "CSVLogger"
'''
