"""Keras 2.2.4 layer signatures and the defaults keraslint pins.

Signatures are the positional parameter order of each class's ``__init__`` in the 2.2.4
source; a rule needs them to know whether an argument was passed by position.
"""

from __future__ import annotations

from types import MappingProxyType

from keraslint.keras224.keras1 import OLD_NAMES
from keraslint.keras224.targets import EVERY, KERAS3_ONLY

_CONV_TAIL = (
    "activation use_bias kernel_initializer bias_initializer kernel_regularizer"
    " bias_regularizer activity_regularizer kernel_constraint bias_constraint"
)
_SEPARABLE_TAIL = (
    "depth_multiplier activation use_bias depthwise_initializer pointwise_initializer"
    " bias_initializer depthwise_regularizer pointwise_regularizer bias_regularizer"
    " activity_regularizer depthwise_constraint pointwise_constraint bias_constraint"
)
_RNN_TAIL = (
    "kernel_regularizer recurrent_regularizer bias_regularizer activity_regularizer"
    " kernel_constraint recurrent_constraint bias_constraint dropout recurrent_dropout"
)

#: class name -> (2.2.4 module, positional parameters of ``__init__`` after ``self``).
SIGNATURES: MappingProxyType[str, tuple[str, tuple[str, ...]]] = MappingProxyType({
    name: (module, tuple(params.split()))
    for name, module, params in [
        ("Dense", "keras.layers.core",
         "units activation use_bias kernel_initializer bias_initializer kernel_regularizer"
         " bias_regularizer activity_regularizer kernel_constraint bias_constraint"),
        ("Conv1D", "keras.layers.convolutional",
         "filters kernel_size strides padding data_format dilation_rate " + _CONV_TAIL),
        ("Conv2D", "keras.layers.convolutional",
         "filters kernel_size strides padding data_format dilation_rate " + _CONV_TAIL),
        ("Conv3D", "keras.layers.convolutional",
         "filters kernel_size strides padding data_format dilation_rate " + _CONV_TAIL),
        ("Conv2DTranspose", "keras.layers.convolutional",
         "filters kernel_size strides padding output_padding data_format dilation_rate "
         + _CONV_TAIL),
        ("Conv3DTranspose", "keras.layers.convolutional",
         "filters kernel_size strides padding output_padding data_format " + _CONV_TAIL),
        ("SeparableConv1D", "keras.layers.convolutional",
         "filters kernel_size strides padding data_format dilation_rate " + _SEPARABLE_TAIL),
        ("SeparableConv2D", "keras.layers.convolutional",
         "filters kernel_size strides padding data_format dilation_rate " + _SEPARABLE_TAIL),
        ("DepthwiseConv2D", "keras.layers.convolutional",
         "kernel_size strides padding depth_multiplier data_format activation use_bias"
         " depthwise_initializer bias_initializer depthwise_regularizer bias_regularizer"
         " activity_regularizer depthwise_constraint bias_constraint"),
        ("LocallyConnected1D", "keras.layers.local",
         "filters kernel_size strides padding data_format " + _CONV_TAIL),
        ("LocallyConnected2D", "keras.layers.local",
         "filters kernel_size strides padding data_format " + _CONV_TAIL),
        ("Embedding", "keras.layers.embeddings",
         "input_dim output_dim embeddings_initializer embeddings_regularizer"
         " activity_regularizer embeddings_constraint mask_zero input_length"),
        ("SimpleRNN", "keras.layers.recurrent",
         "units activation use_bias kernel_initializer recurrent_initializer"
         " bias_initializer " + _RNN_TAIL
         + " return_sequences return_state go_backwards stateful unroll"),
        ("GRU", "keras.layers.recurrent",
         "units activation recurrent_activation use_bias kernel_initializer"
         " recurrent_initializer bias_initializer " + _RNN_TAIL
         + " implementation return_sequences return_state go_backwards stateful unroll"
         " reset_after"),
        ("LSTM", "keras.layers.recurrent",
         "units activation recurrent_activation use_bias kernel_initializer"
         " recurrent_initializer bias_initializer unit_forget_bias " + _RNN_TAIL
         + " implementation return_sequences return_state go_backwards stateful unroll"),
        ("SimpleRNNCell", "keras.layers.recurrent",
         "units activation use_bias kernel_initializer recurrent_initializer bias_initializer"
         " kernel_regularizer recurrent_regularizer bias_regularizer kernel_constraint"
         " recurrent_constraint bias_constraint dropout recurrent_dropout"),
        ("GRUCell", "keras.layers.recurrent",
         "units activation recurrent_activation use_bias kernel_initializer"
         " recurrent_initializer bias_initializer kernel_regularizer recurrent_regularizer"
         " bias_regularizer kernel_constraint recurrent_constraint bias_constraint dropout"
         " recurrent_dropout implementation reset_after"),
        ("LSTMCell", "keras.layers.recurrent",
         "units activation recurrent_activation use_bias kernel_initializer"
         " recurrent_initializer bias_initializer unit_forget_bias kernel_regularizer"
         " recurrent_regularizer bias_regularizer kernel_constraint recurrent_constraint"
         " bias_constraint dropout recurrent_dropout implementation"),
        ("ConvLSTM2D", "keras.layers.convolutional_recurrent",
         "filters kernel_size strides padding data_format dilation_rate activation"
         " recurrent_activation use_bias kernel_initializer recurrent_initializer"
         " bias_initializer unit_forget_bias kernel_regularizer recurrent_regularizer"
         " bias_regularizer activity_regularizer kernel_constraint recurrent_constraint"
         " bias_constraint return_sequences go_backwards stateful dropout recurrent_dropout"),
        ("CuDNNLSTM", "keras.layers.cudnn_recurrent",
         "units kernel_initializer recurrent_initializer bias_initializer unit_forget_bias"
         " kernel_regularizer recurrent_regularizer bias_regularizer activity_regularizer"
         " kernel_constraint recurrent_constraint bias_constraint return_sequences"
         " return_state stateful"),
        ("CuDNNGRU", "keras.layers.cudnn_recurrent",
         "units kernel_initializer recurrent_initializer bias_initializer"
         " kernel_regularizer recurrent_regularizer bias_regularizer activity_regularizer"
         " kernel_constraint recurrent_constraint bias_constraint return_sequences"
         " return_state stateful"),
        ("AveragePooling1D", "keras.layers.pooling", "pool_size strides padding data_format"),
        ("AveragePooling2D", "keras.layers.pooling", "pool_size strides padding data_format"),
        ("AveragePooling3D", "keras.layers.pooling", "pool_size strides padding data_format"),
        ("BatchNormalization", "keras.layers.normalization",
         "axis momentum epsilon center scale beta_initializer gamma_initializer"
         " moving_mean_initializer moving_variance_initializer beta_regularizer"
         " gamma_regularizer beta_constraint gamma_constraint"),
    ]
})

#: 2.2.4 alias -> the class it names (``Convolution2D = Conv2D`` in convolutional.py).
ALIASES: MappingProxyType[str, str] = MappingProxyType({
    "Convolution1D": "Conv1D",
    "Convolution2D": "Conv2D",
    "Convolution3D": "Conv3D",
    "SeparableConvolution1D": "SeparableConv1D",
    "SeparableConvolution2D": "SeparableConv2D",
    "Convolution2DTranspose": "Conv2DTranspose",
    "Deconvolution2D": "Conv2DTranspose",
    "Deconv2D": "Conv2DTranspose",
    "Deconvolution3D": "Conv3DTranspose",
    "Deconv3D": "Conv3DTranspose",
    "AvgPool1D": "AveragePooling1D",  # pooling.py
    "AvgPool2D": "AveragePooling2D",
    "AvgPool3D": "AveragePooling3D",
})

#: Keras-1 layer *functions* that 2.2.4 kept in keras/legacy/layers.py, and their aliases in
#: convolutional.py: each pops ``atrous_rate``, passes it on as ``dilation_rate`` and returns
#: the class (``AtrousConvolution2D(...)`` is a ``Conv2D``).
LEGACY_FUNCTIONS: MappingProxyType[str, str] = MappingProxyType({
    "AtrousConvolution1D": "Conv1D",
    "AtrousConvolution2D": "Conv2D",
    "AtrousConv1D": "Conv1D",
    "AtrousConv2D": "Conv2D",
})

#: 2.2.4 layer names that tf.keras has under another name: aliases it dropped, the legacy
#: functions, and the CuDNN layers (whose tf.keras successors pick cuDNN themselves).
RENAMED_LAYERS: MappingProxyType[str, str] = MappingProxyType({
    "Deconvolution2D": "Conv2DTranspose", "Deconv2D": "Conv2DTranspose",
    "Deconvolution3D": "Conv3DTranspose", "Deconv3D": "Conv3DTranspose",
    **LEGACY_FUNCTIONS,
    "CuDNNLSTM": "LSTM", "CuDNNGRU": "GRU",
})

#: Keywords 2.2.4 took on any layer (engine/base_layer.py ``allowed_kwargs``) that only set
#: the model's input, and that Keras 3 rejects. Keras 3 wants them on an
#: ``InputLayer(input_shape=..., batch_size=...)`` of their own, which every version accepts.
KERAS3_INPUT_KEYWORDS = ("batch_input_shape", "batch_size")
INPUT_LAYER = "InputLayer"

#: Argument -> class -> its 2.2.4 default, for every default keraslint writes out.
#: The values are Python literals exactly as keraslint emits them.
PINNED_DEFAULTS: MappingProxyType[str, MappingProxyType[str, object]] = MappingProxyType({
    "kernel_initializer": MappingProxyType({
        name: "glorot_uniform"
        for name in (
            "Dense", "Conv1D", "Conv2D", "Conv3D", "Conv2DTranspose", "Conv3DTranspose",
            "LocallyConnected1D", "LocallyConnected2D",
            "SimpleRNN", "GRU", "LSTM", "ConvLSTM2D", "SimpleRNNCell", "GRUCell", "LSTMCell",
            "CuDNNLSTM", "CuDNNGRU",
        )
    }),
    "depthwise_initializer": MappingProxyType({
        "SeparableConv1D": "glorot_uniform",
        "SeparableConv2D": "glorot_uniform",
        "DepthwiseConv2D": "glorot_uniform",
    }),
    "pointwise_initializer": MappingProxyType({
        "SeparableConv1D": "glorot_uniform",
        "SeparableConv2D": "glorot_uniform",
    }),
    "embeddings_initializer": MappingProxyType({"Embedding": "uniform"}),
    "recurrent_initializer": MappingProxyType({
        name: "orthogonal"
        for name in ("SimpleRNN", "GRU", "LSTM", "ConvLSTM2D", "SimpleRNNCell", "GRUCell", "LSTMCell",
                     "CuDNNLSTM", "CuDNNGRU")
    }),
    "recurrent_activation": MappingProxyType({
        name: "hard_sigmoid" for name in ("GRU", "LSTM", "GRUCell", "LSTMCell", "ConvLSTM2D")
    }),
    "reset_after": MappingProxyType({"GRU": False, "GRUCell": False}),
    # Keras 3 made pool_size required for AveragePooling (MaxPooling kept its default).
    "pool_size": MappingProxyType({
        "AveragePooling1D": 2, "AveragePooling2D": (2, 2), "AveragePooling3D": (2, 2, 2),
    }),
    "momentum": MappingProxyType({"BatchNormalization": 0.99}),
    "epsilon": MappingProxyType({"BatchNormalization": 0.001}),
})

#: The Keras-1 names of each pinned argument, by class (derived from keras1.OLD_NAMES, the
#: conversions of keras/legacy/interfaces.py). A call passing one already sets the argument.
KERAS1_NAMES: MappingProxyType[str, MappingProxyType[str, tuple[str, ...]]] = MappingProxyType({
    arg: MappingProxyType({
        cls: OLD_NAMES[cls][arg] for cls in classes if OLD_NAMES.get(cls, {}).get(arg)
    })
    for arg, classes in PINNED_DEFAULTS.items()
})


def canonical_layer(name: str) -> str | None:
    """The 2.2.4 class a public layer name means, or None if keraslint has no facts on it."""
    name = ALIASES.get(name, name)
    name = LEGACY_FUNCTIONS.get(name, name)
    return name if name in SIGNATURES else None

#: keras.applications models that contain BatchNormalization layers (freezing them freezes BN).
APPLICATIONS_WITH_BATCHNORM = frozenset({
    "ResNet50", "InceptionV3", "InceptionResNetV2", "Xception", "MobileNet", "MobileNetV2",
    "DenseNet121", "DenseNet169", "DenseNet201", "NASNetLarge", "NASNetMobile",
})

#: The layer that runs a frozen BatchNormalization as Keras 2.2.4 did (batch statistics in
#: training, moving statistics untouched), on TF <= 2.15 / tf-keras only.
V1_BATCHNORM = "tf.compat.v1.keras.layers.BatchNormalization"

#: How 2.2.4's BatchNormalization updated its moving statistics, which no argument of
#: tf.keras's reproduces: the TensorFlow backend's moving average was zero-debiased, and the
#: batch variance got Bessel's correction n / (n - (1 + epsilon)). tf.keras keeps a plain
#: moving average; Keras 3 uses the biased variance everywhere.
BATCHNORM_MOVING_STATS = ("zero_debias=True", "variance *= sample_size / (sample_size - (1.0 + self.epsilon))")

#: Keras 2.2.4's BatchNormalization as a subclass of tf.keras's, which keraslint adds to a
#: module once (KL204): moving statistics as 2.2.4 kept them (zero-debiased moving averages of
#: the batch statistics; the batch variance Bessel-corrected, twice where 2.2.4 ran TF's fused
#: kernel, for 4-D channels-last inputs, whose variance already was the sample variance), and a
#: frozen layer (``trainable=False``) normalising a training batch with the batch's own
#: statistics (KL203). The debiasing state is not a weight (2.2.4 did not save it), and the
#: class names itself BatchNormalization, so that a saved model loads anywhere.
BATCHNORM_224_NAME = "BatchNormalization_224"
BATCHNORM_224_TARGETS = EVERY
BATCHNORM_224_CODE = f'''\
class {BATCHNORM_224_NAME}(tf.keras.layers.BatchNormalization):
    """Keras 2.2.4's BatchNormalization: zero-debiased moving statistics with a Bessel-corrected
    variance, and a frozen layer normalising a training batch with the batch's statistics."""

    def __init__(self, axis=-1, *args, **kwargs):
        super().__init__(axis, *args, **kwargs)
        self.axis_224 = axis

    def get_config(self):  # the axis as given, as 2.2.4 kept it (TF 2.15 lists it after build)
        return {{**super().get_config(), "axis": self.axis_224}}

    def build(self, input_shape):
        super().build(input_shape)
        shape = tuple(self.moving_mean.shape)
        state = (tf.Variable(tf.zeros(shape), trainable=False), tf.Variable(tf.zeros(shape), trainable=False),
                 tf.Variable(0.0, trainable=False))
        object.__setattr__(self, "debias_224", state)  # not a weight: 2.2.4 did not save it

    def call(self, inputs, training=None, mask=None):
        if not training:
            return super().call(inputs, training=False, mask=mask)
        rank = len(inputs.shape)
        channels = [a % rank for a in (self.axis if isinstance(self.axis, (list, tuple)) else [self.axis])]
        axes = [i for i in range(rank) if i not in channels]
        values = tf.cast(inputs, "float32")
        mean, variance = tf.nn.moments(values, axes, keepdims=True)
        if not self.trainable:  # 2.2.4 normalised with the batch's statistics and kept its own
            scale = tf.reshape(self.gamma, mean.shape) if self.scale else None
            offset = tf.reshape(self.beta, mean.shape) if self.center else None
            normed = tf.nn.batch_normalization(values, mean, variance, offset, scale, self.epsilon)
            return tf.cast(normed, inputs.dtype)
        outputs = super().call(inputs, training=True, mask=mask)
        size = tf.cast(tf.reduce_prod(tf.gather(tf.shape(values), axes)), "float32")
        variance = tf.reshape(variance, self.moving_variance.shape)
        if rank == 4 and axes == [0, 1, 2]:  # TF's fused kernel returned the sample variance
            variance = variance * size / (size - 1.0)
        variance = variance * size / (size - (1.0 + self.epsilon))
        biased_mean, biased_variance, step = self.debias_224
        decay = self.momentum
        biased_mean.assign(biased_mean * decay + tf.reshape(mean, biased_mean.shape) * (1.0 - decay))
        biased_variance.assign(biased_variance * decay + variance * (1.0 - decay))
        step.assign_add(1.0)
        self.moving_mean.assign(biased_mean / (1.0 - decay ** step))
        self.moving_variance.assign(biased_variance / (1.0 - decay ** step))
        return outputs


{BATCHNORM_224_NAME}.__name__ = {BATCHNORM_224_NAME}.__qualname__ = "BatchNormalization"
{BATCHNORM_224_NAME}.__module__ = tf.keras.layers.BatchNormalization.__module__
'''

#: Keras 3 (3.15) TimeDistributed maps its layer over the *batch* when the number of time steps
#: is unknown (``Input((None, n))``): it takes the length from the input's shape before
#: moving time first. A second length then predicts the wrong shape and ``fit`` fails. 2.2.4
#: reshaped to (batch * steps, ...) and back. keraslint's subclass does that for an unknown
#: length and leaves a known one to Keras 3; it names itself TimeDistributed, so a saved model
#: loads anywhere.
TIME_DISTRIBUTED = "TimeDistributed"
TIME_DISTRIBUTED_MODULES = ("keras.layers", "keras.layers.wrappers")
TIME_DISTRIBUTED_224_NAME = "TimeDistributed_224"
TIME_DISTRIBUTED_224_TARGETS = KERAS3_ONLY
TIME_DISTRIBUTED_224_CODE = f'''\
class {TIME_DISTRIBUTED_224_NAME}(tf.keras.layers.TimeDistributed):
    """Keras 2.2.4's TimeDistributed for time steps of unknown number: the layer runs on
    (batch * steps, ...) and the result is reshaped back (Keras 3 maps over the batch)."""

    def call(self, inputs, training=None, mask=None):
        if inputs.shape[1] is not None:
            return super().call(inputs, training=training, mask=mask)
        shape = tf.shape(inputs)
        kwargs = {{"training": training}} if self.layer._call_has_training_arg else {{}}
        if mask is not None and self.layer._call_has_mask_arg:
            kwargs["mask"] = tf.reshape(mask, tf.concat([[-1], tf.shape(mask)[2:]], 0))
        outputs = self.layer.call(tf.reshape(inputs, tf.concat([[-1], shape[2:]], 0)), **kwargs)
        return tf.reshape(outputs, tf.concat([shape[:2], tf.shape(outputs)[1:]], 0))


{TIME_DISTRIBUTED_224_NAME}.__name__ = {TIME_DISTRIBUTED_224_NAME}.__qualname__ = "{TIME_DISTRIBUTED}"
{TIME_DISTRIBUTED_224_NAME}.__module__ = tf.keras.layers.{TIME_DISTRIBUTED}.__module__
'''

#: Keras 3 builds a layer from the shape of ``call``'s first named argument; a ``call(self,
#: *args)`` gets ``build(None)``. 2.2.4 and TF 2.15 built from what ``__call__`` received.
CALL_METHOD = "call"
CALL_INPUTS_PARAMETER = "inputs"
CALL_SIGNATURE_TARGETS = KERAS3_ONLY
#: Modules of the classes a custom layer derives from (``Layer``, ``Dense``, ``BatchNormalization``).
LAYER_MODULES = ("keras.layers", "keras.engine")
