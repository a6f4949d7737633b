"""Keras-1 argument names that Keras 2.2.4 still converted (keras/legacy/interfaces.py).

tf.keras rejects every one of them. Each conversion group is named after its 2.2.4
decorator; the fact tests compare the groups with interfaces.py and the classes with the
decorators on each ``__init__``.
"""

from __future__ import annotations

from types import MappingProxyType

_WEIGHTS = (
    "init:kernel_initializer W_regularizer:kernel_regularizer b_regularizer:bias_regularizer"
    " W_constraint:kernel_constraint b_constraint:bias_constraint bias:use_bias"
)
_CONV2D = "nb_filter:filters subsample:strides border_mode:padding dim_ordering:data_format " + _WEIGHTS
_RECURRENT = (
    "output_dim:units init:kernel_initializer inner_init:recurrent_initializer"
    " inner_activation:recurrent_activation W_regularizer:kernel_regularizer"
    " b_regularizer:bias_regularizer U_regularizer:recurrent_regularizer dropout_W:dropout"
    " dropout_U:recurrent_dropout consume_less:implementation"
)

#: 2.2.4 decorator -> (the public classes it decorates, "old:new" renames).
CONVERSIONS: MappingProxyType[str, tuple[tuple[str, ...], MappingProxyType[str, str]]] = MappingProxyType({
    decorator: (tuple(classes.split()), MappingProxyType(dict(p.split(":") for p in pairs.split())))
    for decorator, classes, pairs in [
        ("legacy_dense_support", "Dense", "output_dim:units " + _WEIGHTS),
        ("legacy_dropout_support", "Dropout", "p:rate"),
        ("legacy_embedding_support", "Embedding",
         "init:embeddings_initializer W_regularizer:embeddings_regularizer"
         " W_constraint:embeddings_constraint"),
        ("legacy_pooling1d_support", "MaxPooling1D AveragePooling1D",
         "pool_length:pool_size stride:strides border_mode:padding"),
        ("legacy_pooling2d_support", "MaxPooling2D AveragePooling2D",
         "border_mode:padding dim_ordering:data_format"),
        ("legacy_pooling3d_support", "MaxPooling3D AveragePooling3D",
         "border_mode:padding dim_ordering:data_format"),
        ("legacy_global_pooling_support",
         "GlobalAveragePooling2D GlobalMaxPooling2D GlobalAveragePooling3D GlobalMaxPooling3D",
         "dim_ordering:data_format"),
        ("legacy_prelu_support", "PReLU", "init:alpha_initializer"),
        ("legacy_gaussiannoise_support", "GaussianNoise", "sigma:stddev"),
        ("legacy_gaussiandropout_support", "GaussianDropout", "p:rate"),
        ("legacy_recurrent_support", "SimpleRNN GRU LSTM", _RECURRENT),
        ("legacy_upsampling1d_support", "UpSampling1D", "length:size"),
        ("legacy_upsampling2d_support", "UpSampling2D", "dim_ordering:data_format"),
        ("legacy_upsampling3d_support", "UpSampling3D", "dim_ordering:data_format"),
        ("legacy_conv1d_support", "Conv1D LocallyConnected1D",
         "nb_filter:filters filter_length:kernel_size subsample_length:strides"
         " border_mode:padding " + _WEIGHTS),
        ("legacy_conv2d_support", "Conv2D LocallyConnected2D", _CONV2D),
        ("legacy_deconv2d_support", "Conv2DTranspose", _CONV2D),
        ("legacy_conv3d_support", "Conv3D", _CONV2D),
        ("legacy_separable_conv2d_support", "SeparableConv2D",
         "nb_filter:filters subsample:strides border_mode:padding dim_ordering:data_format"
         " b_regularizer:bias_regularizer b_constraint:bias_constraint bias:use_bias"),
        ("legacy_convlstm2d_support", "ConvLSTM2D",
         "nb_filter:filters subsample:strides border_mode:padding dim_ordering:data_format"
         " init:kernel_initializer inner_init:recurrent_initializer"
         " W_regularizer:kernel_regularizer U_regularizer:recurrent_regularizer"
         " b_regularizer:bias_regularizer inner_activation:recurrent_activation"
         " dropout_W:dropout dropout_U:recurrent_dropout bias:use_bias"),
        ("legacy_batchnorm_support", "BatchNormalization",
         "beta_init:beta_initializer gamma_init:gamma_initializer"),
        ("legacy_zeropadding2d_support", "ZeroPadding2D", "dim_ordering:data_format"),
        ("legacy_zeropadding3d_support", "ZeroPadding3D", "dim_ordering:data_format"),
        ("legacy_cropping2d_support", "Cropping2D", "dim_ordering:data_format"),
        ("legacy_cropping3d_support", "Cropping3D", "dim_ordering:data_format"),
        ("legacy_spatialdropout1d_support", "SpatialDropout1D", "p:rate"),
        ("legacy_spatialdropoutNd_support", "SpatialDropout2D SpatialDropout3D",
         "p:rate dim_ordering:data_format"),
        ("legacy_input_support", "InputLayer", "input_dtype:dtype"),
        ("legacy_model_constructor_support", "Model", "input:inputs output:outputs"),
    ]
})

#: The one argument the legacy layer functions (``layers.LEGACY_FUNCTIONS``) renamed.
LEGACY_FUNCTION_RENAMES: MappingProxyType[str, str] = MappingProxyType({"atrous_rate": "dilation_rate"})

#: One Keras-1 argument that became two (separable_conv2d_args_preprocessor).
SPLIT_RENAMES: MappingProxyType[str, MappingProxyType[str, tuple[str, ...]]] = MappingProxyType({
    "SeparableConv2D": MappingProxyType({"init": ("depthwise_initializer", "pointwise_initializer")}),
})

#: class -> {old: new}: the same data, by class.
RENAMES: MappingProxyType[str, MappingProxyType[str, str]] = MappingProxyType({
    cls: pairs for classes, pairs in CONVERSIONS.values() for cls in classes
})

#: class -> {new: (old, ...)}: the Keras-1 names a call may still use for an argument,
#: including the one name that became two (SeparableConv2D's ``init``).
OLD_NAMES: MappingProxyType[str, MappingProxyType[str, tuple[str, ...]]] = MappingProxyType({
    cls: MappingProxyType({
        new: tuple(old for old, target in pairs.items() if target == new)
        + tuple(old for old, targets in SPLIT_RENAMES.get(cls, {}).items() if new in targets)
        for new in {*pairs.values(), *(t for ts in SPLIT_RENAMES.get(cls, {}).values() for t in ts)}
    })
    for cls, pairs in RENAMES.items()
})

#: Values 2.2.4 converted along with the name (the key is the old argument name).
#: `consume_less='cpu'` became implementation 0. The 2.2.4 cells only test
#: `if self.implementation == 1:` and run anything else as the implementation-2 code, so 0
#: behaved as 2 (despite the warning text saying it "now defaults to implementation=1").
VALUE_CONVERSIONS: MappingProxyType[str, MappingProxyType[str, object]] = MappingProxyType({
    "dim_ordering": MappingProxyType({"tf": "channels_last", "th": "channels_first", "default": None}),
    "consume_less": MappingProxyType({"cpu": 2, "mem": 1, "gpu": 2}),
})

#: Classes whose 2.2.4 preprocessor turned integer positional kernel dimensions into a
#: kernel_size tuple: ``Conv2D(32, 3, 3)`` meant ``Conv2D(32, (3, 3))``; tf.keras reads the
#: third positional argument as ``strides``. Value: how many kernel dimensions.
POSITIONAL_KERNEL_DIMS: MappingProxyType[str, int] = MappingProxyType({
    "Conv2D": 2, "Conv2DTranspose": 2, "SeparableConv2D": 2, "ConvLSTM2D": 2,
    "LocallyConnected2D": 2, "Conv3D": 3,
})

#: Keras-1 arguments 2.2.4 accepted and *dropped* (their preprocessors in interfaces.py):
#: (class, argument) -> the value it had to have to be dropped silently, or ANY.
ANY = object()
DROPPED_ARGUMENTS: MappingProxyType[tuple[str, str], object] = MappingProxyType({
    ("Embedding", "dropout"): ANY,  # "no longer supported", popped with a warning
    ("BatchNormalization", "mode"): 0,  # other modes raised TypeError
    ("LSTM", "forget_bias_init"): ANY,  # popped; 'one' became unit_forget_bias=True
    ("GRU", "forget_bias_init"): ANY,
    ("SimpleRNN", "forget_bias_init"): ANY,
    ("Conv2DTranspose", "output_shape"): ANY,  # Deconvolution2D's Keras-1 argument
})

#: ``Deconvolution2D(f, rows, cols, output_shape)``: 2.2.4 dropped a fourth positional
#: argument that was a tuple (deconv2d_args_preprocessor); class -> its position.
DROPPED_POSITIONAL_TUPLE: MappingProxyType[str, int] = MappingProxyType({"Conv2DTranspose": 3})
#: forget_bias_init='one' meant unit_forget_bias=True (LSTM's default anyway).
FORGET_BIAS_ONE = ("forget_bias_init", "one", "unit_forget_bias")

#: Layers whose 2.2.4 preprocessors turned ``input_dim`` (and ``input_length``) into
#: ``input_shape=(input_length, input_dim)`` (recurrent_args_preprocessor,
#: conv1d_args_preprocessor).
INPUT_SHAPE_CLASSES = ("SimpleRNN", "GRU", "LSTM", "Conv1D", "LocallyConnected1D")

#: Embedding turned ``input_length=n`` into ``input_shape=(n,)`` itself (its ``input_dim``
#: is the vocabulary). Keras 3 accepts ``input_length`` and ignores it: the model's input
#: then has no length, and every later shape says ``None``.
EMBEDDING_INPUT_LENGTH = ("Embedding", "input_length")

#: The Keras-1 keyword forms of the kernel size, by number of dimensions
#: (conv2d_args_preprocessor, conv3d_args_preprocessor): the first dimensions by position,
#: the rest by these keywords. `Conv2D(f, r, nb_col=c)` and `Conv2D(f, nb_row=r, nb_col=c)`
#: meant kernel_size=(r, c); `Conv3D(f, a, b, kernel_dim3=c)` meant (a, b, c).
KERNEL_KEYWORDS: MappingProxyType[int, tuple[str, ...]] = MappingProxyType({
    2: ("nb_row", "nb_col"),
    3: ("kernel_dim1", "kernel_dim2", "kernel_dim3"),
})

#: ZeroPadding2D's Keras-1 dict (zeropadding2d_args_preprocessor): its keys, laid out as the
#: nested tuple 2.2.4 built, ((top_pad, bottom_pad), (left_pad, right_pad)); a missing key is 0.
PADDING_DICT_CLASS = "ZeroPadding2D"
PADDING_DICT_KEYS = (("top_pad", "bottom_pad"), ("left_pad", "right_pad"))

#: Keras-1 backend functions (keras/backend/common.py) -> their Keras 2 successors. The
#: values map as ``dim_ordering`` does: 'th' is 'channels_first', 'tf' 'channels_last'.
DIM_ORDERING_FUNCTIONS: MappingProxyType[str, str] = MappingProxyType({
    "image_dim_ordering": "image_data_format",
    "set_image_dim_ordering": "set_image_data_format",
})
DIM_ORDERING_VALUES: MappingProxyType[str, str] = MappingProxyType({
    old: new for old, new in VALUE_CONVERSIONS["dim_ordering"].items() if new is not None
})

#: ``Layer.add_weight``'s 2.2.4 parameters, in order (engine/base_layer.py). Keras 3 takes
#: them by keyword only. The Keras-1 order, ``add_weight(shape, name)``, was recognised by
#: its tuple or list first (add_weight_args_preprocessing).
ADD_WEIGHT_PARAMETERS = ("name", "shape", "dtype", "initializer", "regularizer", "trainable", "constraint")

#: Keras-1 custom layers assigned their weight lists in ``build`` (``self.trainable_weights =
#: [self.W]``); 2.2.4 still had the setters, tf.keras layers have none (``AttributeError``).
#: list -> whether the weights in it train.
WEIGHT_LISTS = MappingProxyType({"trainable_weights": True, "non_trainable_weights": False})
#: What such layers made their weights with: 2.2.4's backend variable, which a tf.keras layer
#: does not track, and the layer's own add_weight.
BACKEND_VARIABLE = "keras.backend.variable"
ADD_WEIGHT = "add_weight"
VARIABLE_WEIGHT_NAME = "variable_weight_224"
VARIABLE_WEIGHT_CODE = f'''\
def {VARIABLE_WEIGHT_NAME}(layer, value, dtype=None, name=None, constraint=None, trainable=True):
    """Keras 2.2.4's K.variable that a layer listed in its (non_)trainable_weights: tf.keras
    layers neither track K.variable nor let those lists be assigned, so it becomes a weight of
    the layer, made with add_weight, with the same value."""
    import numpy as np

    value = np.asarray(value, dtype=dtype or "float32")
    return layer.add_weight(name=name, shape=value.shape, dtype=value.dtype.name, trainable=trainable,
                            initializer=lambda shape, dtype=None: value, constraint=constraint)
'''
