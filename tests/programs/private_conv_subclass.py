"""Subclassing Keras' private convolution base ``from keras.layers.convolutional import _Conv``,
as weight-standardisation / custom-kernel repositories did in 2018-2019: the subclass passes
``rank=2`` to ``_Conv.__init__``, overrides ``call`` to standardise the kernel before
``K.conv2d`` and drops ``rank`` from ``get_config`` (as Keras' own ``Conv2D`` does). A 1-D
variant reuses ``_Conv`` with ``rank=1``. Checks the inherited ``build``/``compute_output_shape``,
the config, a save/load round trip with ``custom_objects`` and the predictions.
"""
import os

import numpy as np
from keras import backend as K
from keras.engine import InputSpec
from keras.layers.convolutional import _Conv
from keras.layers import Input, Flatten, Dense
from keras.models import Model, load_model

from _trace import trace, approx, seed_weights


class WSConv2D(_Conv):
    """Conv2D with weight standardisation."""

    def __init__(self, filters, kernel_size, strides=(1, 1), padding='valid',
                 data_format=None, dilation_rate=(1, 1), activation=None, use_bias=True,
                 kernel_initializer='glorot_uniform', bias_initializer='zeros',
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        super(WSConv2D, self).__init__(
            rank=2,
            filters=filters,
            kernel_size=kernel_size,
            strides=strides,
            padding=padding,
            data_format=data_format,
            dilation_rate=dilation_rate,
            activation=activation,
            use_bias=use_bias,
            kernel_initializer=kernel_initializer,
            bias_initializer=bias_initializer,
            kernel_regularizer=kernel_regularizer,
            bias_regularizer=bias_regularizer,
            activity_regularizer=activity_regularizer,
            kernel_constraint=kernel_constraint,
            bias_constraint=bias_constraint,
            **kwargs)
        self.input_spec = InputSpec(ndim=4)

    def call(self, inputs):
        mean = K.mean(self.kernel, axis=[0, 1, 2], keepdims=True)
        std = K.std(self.kernel, axis=[0, 1, 2], keepdims=True)
        kernel = (self.kernel - mean) / (std + 1e-5)
        outputs = K.conv2d(inputs, kernel, strides=self.strides, padding=self.padding,
                           data_format=self.data_format, dilation_rate=self.dilation_rate)
        if self.use_bias:
            outputs = K.bias_add(outputs, self.bias, data_format=self.data_format)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def get_config(self):
        config = super(WSConv2D, self).get_config()
        config.pop('rank')
        return config


class PlainConv1D(_Conv):
    def __init__(self, filters, kernel_size, **kwargs):
        super(PlainConv1D, self).__init__(rank=1, filters=filters, kernel_size=kernel_size, **kwargs)
        self.input_spec = InputSpec(ndim=3)

    def get_config(self):
        config = super(PlainConv1D, self).get_config()
        config.pop('rank')
        return config


inp = Input(shape=(10, 10, 3))
ws = WSConv2D(4, (3, 3), strides=(2, 2), padding='same', activation='relu', name='ws_conv')
h = ws(inp)
h = Flatten()(h)
out = Dense(2, name='out')(h)
model = Model(inp, out)
model.compile('sgd', 'mse')
seed_weights(model)

seq = Input(shape=(12, 2))
conv1d = PlainConv1D(3, 4, strides=2, padding='valid', name='plain_conv1d')
seq_model = Model(seq, conv1d(seq))

x = np.random.RandomState(0).rand(2, 10, 10, 3).astype('float32')
expected = model.predict(x)
model.save('ws_model.h5')
restored = load_model('ws_model.h5', custom_objects={'WSConv2D': WSConv2D})

config = ws.get_config()
trace(ws_output_shape=ws.output_shape,
      ws_compute_output_shape=ws.compute_output_shape((None, 7, 7, 3)),
      ws_weight_shapes=[K.int_shape(w) for w in ws.weights],
      conv1d_output_shape=conv1d.output_shape,
      conv1d_params=seq_model.count_params(),
      config_has_rank='rank' in config,
      config_strides=config['strides'],
      config_activation=config['activation'],
      restored_class=type(restored.get_layer('ws_conv')).__name__,
      reload_equal=bool(np.allclose(expected, restored.predict(x), atol=1e-6)),
      files=sorted(f for f in os.listdir('.') if f.endswith('.h5')),
      predictions=approx(expected, rel=2e-3))
