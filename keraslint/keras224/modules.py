"""Where Keras 2.2.4 modules and names live in tf.keras.

Dotted names are absolute. A name is resolved by the most specific entry: an exact
``NAME_MOVES`` entry first, then the longest matching prefix in ``MODULE_MOVES`` or
``NO_HOME``. ``ABSENT`` then says which resolved names tf.keras does not have.
"""

from __future__ import annotations

from types import MappingProxyType

from keraslint.keras224.layers import RENAMED_LAYERS, SIGNATURES
from keraslint.keras224.optimizers import ALIASES as OPTIMIZER_ALIASES

_TOP_LEVEL = (
    "activations applications backend callbacks constraints datasets initializers layers"
    " losses metrics models optimizers preprocessing regularizers utils"
).split()

_LAYER_SUBMODULES = (
    "advanced_activations convolutional convolutional_recurrent core cudnn_recurrent"
    " embeddings local merge noise normalization pooling recurrent wrappers"
).split()

_UTILS_SUBMODULES = (
    "conv_utils data_utils generic_utils io_utils layer_utils np_utils vis_utils"
).split()

#: 2.2.4 module -> tf.keras module. Names inside move with their module.
MODULE_MOVES: MappingProxyType[str, str] = MappingProxyType({
    "keras": "tensorflow.keras",
    **{f"keras.{m}": f"tensorflow.keras.{m}" for m in _TOP_LEVEL},
    # No `tensorflow.keras.layers.<submodule>` imports in any TF: everything is flat.
    **{f"keras.layers.{m}": "tensorflow.keras.layers" for m in _LAYER_SUBMODULES},
    **{f"keras.utils.{m}": "tensorflow.keras.utils" for m in _UTILS_SUBMODULES},
    "keras.objectives": "tensorflow.keras.losses",
    "keras.applications.mobilenetv2": "tensorflow.keras.applications.mobilenet_v2",
    # keras.backend re-exported everything of backend/common.py (epsilon, floatx, ...).
    "keras.backend.common": "tensorflow.keras.backend",
})

#: Where a name a Keras module re-imported from the standard library lives today (2.2.4 ran
#: on Pythons that still had the collections ABCs in ``collections``; 3.10 removed them).
OUTSIDE_MOVES: MappingProxyType[str, str] = MappingProxyType({
    "collections.Iterable": "collections.abc.Iterable",
})

_TF_HOME = {
    "Layer": "layers", "InputSpec": "layers", "Input": "layers", "InputLayer": "layers",
    "Model": "models", "Sequential": "models", "get_source_inputs": "utils",
    "load_model": "models", "save_model": "models", "model_from_json": "models",
}

#: What each keras.engine module defines or imports (2.2.4 source), among the names above.
_ENGINE_EXPORTS = {
    "keras.engine": "Input InputLayer InputSpec Layer Model get_source_inputs",
    "keras.engine.topology": "Input InputLayer InputSpec Layer get_source_inputs",
    "keras.engine.base_layer": "InputSpec Layer",
    "keras.engine.input_layer": "Input InputLayer Layer",
    "keras.engine.network": "InputLayer Layer get_source_inputs",
    "keras.engine.training": "Layer Model",
    "keras.engine.sequential": "Input InputLayer Layer Model Sequential",
    "keras.engine.saving": "load_model model_from_json save_model",
}


def _renamed(module: str, pairs: str, target: str | None = None) -> dict[str, str]:
    """``"old:New old2:New2"`` -> {"keras.<module>.old": "tensorflow.keras.<target>.New"}."""
    target = target or module
    return {
        f"keras.{module}.{old}": f"tensorflow.keras.{target}.{new}"
        for old, new in (pair.split(":") for pair in pairs.split())
    }


#: Single names whose home or name differs from their module's.
NAME_MOVES: MappingProxyType[str, str] = MappingProxyType({
    **{
        f"{module}.{name}": f"tensorflow.keras.{_TF_HOME[name]}.{name}"
        for module, names in _ENGINE_EXPORTS.items()
        for name in names.split()
    },
    "keras.models.Input": "tensorflow.keras.layers.Input",
    "keras.models.InputLayer": "tensorflow.keras.layers.InputLayer",
    "keras.activations.Layer": "tensorflow.keras.layers.Layer",
    "keras.callbacks.Progbar": "tensorflow.keras.utils.Progbar",
    # Layers under another name, from keras.layers and from the module that defines them.
    **{
        f"{module}.{old}": f"tensorflow.keras.layers.{new}"
        for old, new in RENAMED_LAYERS.items()
        for module in ("keras.layers", SIGNATURES.get(old, SIGNATURES[new])[0])
    },
    # Lower-case aliases that 2.2.4 kept for Keras 1 code; tf.keras has only the classes.
    **{
        f"keras.optimizers.{alias}": f"tensorflow.keras.optimizers.{name}"
        for alias, name in OPTIMIZER_ALIASES.items()
    },
    **_renamed("initializers", "zero:Zeros one:Ones uniform:RandomUniform normal:RandomNormal"),
    **_renamed("constraints", "maxnorm:MaxNorm nonneg:NonNeg unitnorm:UnitNorm"),
    # tf.keras exports only the short names of these functions (same functions).
    **{
        key: value
        for module, target in (("losses", "losses"), ("metrics", "metrics"),
                               ("objectives", "losses"))
        for key, value in _renamed(
            module,
            "mean_squared_error:mse mean_absolute_error:mae"
            " mean_absolute_percentage_error:mape mean_squared_logarithmic_error:msle",
            target,
        ).items()
    },
    # Same formula, -sum(l2_normalize(y_true) * l2_normalize(y_pred)); only the loss
    # function has it (the CosineSimilarity metric class has the opposite sign).
    **{
        f"keras.{module}.{name}": "tensorflow.keras.losses.cosine_similarity"
        for module in ("losses", "metrics", "objectives")
        for name in ("cosine_proximity", "cosine")
    },
    **{
        f"keras.{module}.serialize_keras_object": "tensorflow.keras.utils.serialize_keras_object"
        for module in ("optimizers", "initializers", "regularizers", "constraints", "losses",
                       "metrics", "objectives")
    },
})

#: 2.2.4 modules with no single tf.keras home -> guidance for the user.
NO_HOME: MappingProxyType[str, str] = MappingProxyType({
    "keras.engine": "keras.engine is Keras 2.2.4's internals; of its public names only "
                    "Layer, InputSpec, Input, InputLayer (tensorflow.keras.layers) and Model "
                    "(tensorflow.keras.models) have tf.keras homes",
    "keras.engine.saving": "saving internals have no tf.keras home; use "
                           "tensorflow.keras.models.load_model / save_model",
    "keras.wrappers": "tf.keras has no scikit-learn wrapper; use the scikeras package "
                      "(scikeras.wrappers.KerasClassifier / KerasRegressor)",
    "keras.legacy": "Keras-1 compatibility code was removed; port the layer by hand",
    "keras.utils.multi_gpu_utils": "multi_gpu_model was removed; use "
                                   "tf.distribute.MirroredStrategy",
    "keras.utils.test_utils": "internal Keras test helpers have no tf.keras home",
    "keras.backend.tensorflow_backend": "use tensorflow.keras.backend (or tf.* directly)",
    "keras.backend.theano_backend": "tf.keras runs on TensorFlow only",
    "keras.backend.cntk_backend": "tf.keras runs on TensorFlow only",
    "keras.datasets.cifar": "an internal helper; load data with tensorflow.keras.datasets",
    "keras.engine.training_utils": "internal training helpers have no tf.keras home",
    "keras.engine.training_arrays": "internal training helpers have no tf.keras home",
    "keras.engine.training_generator": "internal training helpers have no tf.keras home",
})

_INTERNAL_HELPER = "an internal Keras 2.2.4 helper; it has no tf.keras home"

#: Resolved tf.keras names that do not exist in tf.keras -> guidance.
ABSENT: MappingProxyType[str, str] = MappingProxyType({
    "tensorflow.keras.utils.multi_gpu_model":
        "multi_gpu_model was removed; use tf.distribute.MirroredStrategy",
    "tensorflow.keras.utils.HDF5Matrix":
        "HDF5Matrix was removed; read the data with h5py and feed a tf.data.Dataset",
    "tensorflow.keras.utils.h5dict": "h5dict was removed; use h5py directly",
    "tensorflow.keras.utils.GeneratorEnqueuer":
        "GeneratorEnqueuer was removed; use tf.data or tensorflow.keras.utils.PyDataset",
    "tensorflow.keras.utils.OrderedEnqueuer":
        "OrderedEnqueuer was removed; use tf.data or tensorflow.keras.utils.PyDataset",
    "tensorflow.keras.utils.convert_all_kernels_in_model":
        "a Theano/TensorFlow kernel converter; not needed on tf.keras",
    "tensorflow.keras.utils.print_summary": "use model.summary()",
    "tensorflow.keras.layers.MaxoutDense":
        "MaxoutDense was removed; MaxoutDense(n, nb_feature=k) is Dense(k * n), then "
        "Reshape((k, n)), then the maximum over axis 1 (a Lambda); only the initial weights differ",
    "tensorflow.keras.layers.Highway":
        "Highway was removed; it computes t * activation(x W + b) + (1 - t) * x with "
        "t = sigmoid(x W_carry + b_carry), b_carry starting at 1: write it with two Dense "
        "layers of the input's width, or as a Layer",
    "tensorflow.keras.layers.Recurrent": "use tensorflow.keras.layers.RNN",
    "tensorflow.keras.layers.ConvRecurrent2D": "use tensorflow.keras.layers.ConvLSTM2D",
    "tensorflow.keras.layers.LocallyConnected1D":
        "LocallyConnected layers were removed in Keras 3",
    "tensorflow.keras.layers.LocallyConnected2D":
        "LocallyConnected layers were removed in Keras 3",
    **{
        f"tensorflow.keras.backend.{name}": guidance
        for names, guidance in (
            ("get_session set_session manual_variable_initialization",
             "TF2 has no Keras session; delete the call (on TF <= 2.15, "
             "tf.compat.v1.keras.backend has it)"),
            ("learning_phase set_learning_phase in_train_phase in_test_phase",
             "Keras 3 has no global learning phase; pass training=True/False to the layer "
             "or model call"),
            ("function Function placeholder is_placeholder",
             "Keras 3 has no symbolic placeholders or backend functions; build a "
             "tensorflow.keras.Model, or use tf.function"),
            ("get_variable_shape", "use tuple(variable.shape)"),
            ("is_tensor", "use tf.is_tensor"),
            ("identity", "use tf.identity"),
            ("logsumexp", "use tf.math.reduce_logsumexp"),
            ("print_tensor", "use tf.print"),
            ("slice", "use tf.slice"),
            ("random_binomial", "use tf.random.stateless_binomial or keras.random.binomial"),
            ("conv3d_transpose", "use tf.nn.conv3d_transpose"),
            ("separable_conv1d", "use tensorflow.keras.layers.SeparableConv1D"),
            ("local_conv1d local_conv2d", "LocallyConnected layers were removed in Keras 3"),
            ("normalize_batch_in_training", "use tf.nn.moments and tf.nn.batch_normalization"),
            ("normalize_data_format", "an internal helper; pass 'channels_last' or "
                                      "'channels_first' explicitly"),
            ("py_all py_any py_slice py_sum", "use Python's built-in all/any/slice/sum"),
            ("reset_uids", "an internal helper; tensorflow.keras.backend.clear_session "
                           "resets layer names"),
            ("image_dim_ordering", "use tensorflow.keras.backend.image_data_format() "
                                   "('tf' is 'channels_last', 'th' is 'channels_first')"),
            ("set_image_dim_ordering", "use tensorflow.keras.backend.set_image_data_format() "
                                       "('tf' is 'channels_last', 'th' is 'channels_first')"),
            ("has_arg transpose_shape", "an internal Keras 2.2.4 helper; it has no tf.keras home"),
        )
        for name in names.split()
    },
    **{
        f"tensorflow.keras.applications{sub}.keras_modules_injection":
            "an internal decorator of keras.applications; call the application function directly"
        for sub in ("", ".mobilenet_v2")
    },
    "tensorflow.keras.layers.ConvRNN2D":
        "ConvRNN2D is not public in Keras 3; use tensorflow.keras.layers.ConvLSTM2D "
        "or subclass tensorflow.keras.layers.RNN",
    "tensorflow.keras.layers.ConvLSTM2DCell":
        "the ConvLSTM2D cell is not public in Keras 3; use tensorflow.keras.layers.ConvLSTM2D",
    "tensorflow.keras.models.model_from_config":
        "model_from_config was removed; use Model.from_config (Sequential.from_config) "
        "or tensorflow.keras.models.model_from_json",
    "tensorflow.keras.models.model_from_yaml":
        "YAML model configs were removed; use model.to_json() and "
        "tensorflow.keras.models.model_from_json",
    "tensorflow.keras.optimizers.TFOptimizer":
        "TFOptimizer was removed; use a tensorflow.keras.optimizers optimizer",
    "tensorflow.keras.optimizers.clip_norm":
        "an internal helper; pass clipnorm= to the optimizer instead",
    "tensorflow.keras.callbacks.BaseLogger":
        "BaseLogger was removed; fit() averages the metrics itself, so drop it",
    "tensorflow.keras.callbacks.standardize_input_data":
        "an internal training helper; it has no tf.keras home",
    **{
        f"tensorflow.keras.{module}.deserialize_keras_object":
            "use tensorflow.keras.utils.deserialize_keras_object; its second parameter is "
            "custom_objects, not module_objects"
        for module in ("layers", "optimizers", "initializers", "regularizers", "constraints",
                       "activations", "losses", "metrics")
    },
    **{
        f"tensorflow.keras.{module}.{name}": _INTERNAL_HELPER
        for module, names in (
            ("layers", "has_arg to_list transpose_shape func_dump func_load object_list_uid"),
            ("models", "has_arg to_list"),
            # keras.utils.<submodule> helpers that 2.2.4 never exported from keras.utils.
            ("utils", "conv_input_length conv_output_length convert_kernel deconv_length"
                      " normalize_padding normalize_tuple SequenceEnqueuer get_index init_pool"
                      " init_pool_generator next_sample validate_file func_dump func_load"
                      " has_arg is_all_none object_list_uid slice_arrays to_list"
                      " transpose_shape unpack_singleton H5Dict HDF5_OBJECT_HEADER_LIMIT"
                      " ask_to_proceed_with_overwrite convert_dense_weights_data_format"
                      " count_params"),
        )
        for name in names.split()
    },
})

#: Names with no tf.keras home whose call, standing alone as a statement with one of these
#: literal arguments, asks for what tf.keras does anyway: KL002 removes it (an unsafe fix).
#: Keras name -> (the argument texts, why the call can go).
REMOVABLE_CALLS: MappingProxyType[str, tuple[tuple[str, ...], str]] = MappingProxyType({
    # 2.2.4 fixed the phase for every layer called without training= (0 == False, 1 == True).
    "keras.backend.set_learning_phase": (
        ("0", "False"), "Keras 3 layers run in inference mode unless called with training=True or in fit"),
})
