"""Where Keras 2.2.4 modules and names live in tf.keras.

Dotted names are absolute. A name is resolved by the most specific entry: an exact
``NAME_MOVES`` entry first, then the longest matching prefix in ``MODULE_MOVES`` or
``NO_HOME``. ``ABSENT`` then says which resolved names tf.keras does not have.
"""

from __future__ import annotations

from types import MappingProxyType

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
})

#: Single names whose home differs from their module's.
NAME_MOVES: MappingProxyType[str, str] = MappingProxyType({
    f"keras.engine{sub}.{name}": f"tensorflow.keras.{home}.{name}"
    for sub in ("", ".topology", ".base_layer", ".input_layer", ".network", ".training",
                ".sequential")
    for name, home in (
        ("Layer", "layers"), ("InputSpec", "layers"), ("Input", "layers"),
        ("InputLayer", "layers"), ("Model", "models"), ("Sequential", "models"),
    )
} | {
    "keras.engine.get_source_inputs": "tensorflow.keras.utils.get_source_inputs",
    "keras.engine.network.get_source_inputs": "tensorflow.keras.utils.get_source_inputs",
    "keras.engine.saving.load_model": "tensorflow.keras.models.load_model",
    "keras.engine.saving.save_model": "tensorflow.keras.models.save_model",
    "keras.engine.saving.model_from_json": "tensorflow.keras.models.model_from_json",
})

#: 2.2.4 modules with no single tf.keras home -> guidance for the user.
NO_HOME: MappingProxyType[str, str] = MappingProxyType({
    "keras.engine": "import Layer, InputSpec and Input from tensorflow.keras.layers, "
                    "Model from tensorflow.keras.models",
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
    "tensorflow.keras.layers.CuDNNLSTM":
        "use tensorflow.keras.layers.LSTM, which uses cuDNN when it can",
    "tensorflow.keras.layers.CuDNNGRU":
        "use tensorflow.keras.layers.GRU(reset_after=True), which uses cuDNN when it can",
    "tensorflow.keras.layers.Deconvolution2D": "use tensorflow.keras.layers.Conv2DTranspose",
    "tensorflow.keras.layers.Deconv2D": "use tensorflow.keras.layers.Conv2DTranspose",
    "tensorflow.keras.layers.Deconvolution3D": "use tensorflow.keras.layers.Conv3DTranspose",
    "tensorflow.keras.layers.Deconv3D": "use tensorflow.keras.layers.Conv3DTranspose",
    "tensorflow.keras.layers.AtrousConvolution1D":
        "use tensorflow.keras.layers.Conv1D(dilation_rate=...)",
    "tensorflow.keras.layers.AtrousConvolution2D":
        "use tensorflow.keras.layers.Conv2D(dilation_rate=...)",
    "tensorflow.keras.layers.AtrousConv1D":
        "use tensorflow.keras.layers.Conv1D(dilation_rate=...)",
    "tensorflow.keras.layers.AtrousConv2D":
        "use tensorflow.keras.layers.Conv2D(dilation_rate=...)",
    "tensorflow.keras.layers.MaxoutDense": "MaxoutDense was removed; write it as a Layer",
    "tensorflow.keras.layers.Highway": "Highway was removed; write it as a Layer",
    "tensorflow.keras.layers.Recurrent": "use tensorflow.keras.layers.RNN",
    "tensorflow.keras.layers.ConvRecurrent2D": "use tensorflow.keras.layers.ConvLSTM2D",
    "tensorflow.keras.layers.LocallyConnected1D":
        "LocallyConnected layers were removed in Keras 3",
    "tensorflow.keras.layers.LocallyConnected2D":
        "LocallyConnected layers were removed in Keras 3",
})
