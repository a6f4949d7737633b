"""A hand-written convolution layer (a "CoordConv"-style 2-D convolution that appends
coordinate channels) built on Keras' private helpers as 2018 repositories did:
``from keras.utils import conv_utils`` for ``normalize_tuple``, ``normalize_padding`` and
``conv_output_length`` in ``compute_output_shape``, ``normalize_data_format`` (in
``conv_utils`` before Keras 2.2, in the backend after, hence the fallback), ``Layer`` from
``keras.engine.topology`` and ``InputSpec`` from ``keras.engine``. Checks the helpers' results,
that ``compute_output_shape`` agrees with the real output and the seeded predictions.
"""
import numpy as np
from keras import backend as K
from keras import initializers
from keras.engine import InputSpec
from keras.engine.topology import Layer
from keras.layers import Input, GlobalMaxPooling2D
from keras.models import Model
from keras.utils import conv_utils
try:
    from keras.utils.conv_utils import normalize_data_format
except ImportError:
    normalize_data_format = K.normalize_data_format

from _trace import trace, approx, seed_weights


class CoordConv2D(Layer):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding='valid',
                 data_format=None, kernel_initializer='glorot_uniform', **kwargs):
        super(CoordConv2D, self).__init__(**kwargs)
        self.filters = filters
        self.kernel_size = conv_utils.normalize_tuple(kernel_size, 2, 'kernel_size')
        self.strides = conv_utils.normalize_tuple(strides, 2, 'strides')
        self.padding = conv_utils.normalize_padding(padding)
        self.data_format = normalize_data_format(data_format)
        self.kernel_initializer = initializers.get(kernel_initializer)
        self.input_spec = InputSpec(ndim=4)

    def build(self, input_shape):
        channel_axis = 1 if self.data_format == 'channels_first' else -1
        input_dim = input_shape[channel_axis]
        kernel_shape = self.kernel_size + (input_dim + 2, self.filters)
        self.kernel = self.add_weight(shape=kernel_shape, initializer=self.kernel_initializer,
                                      name='kernel')
        self.bias = self.add_weight(shape=(self.filters,), initializer='zeros', name='bias')
        self.input_spec = InputSpec(ndim=4, axes={channel_axis: input_dim})
        self.built = True

    def call(self, inputs):
        shape = K.shape(inputs)
        rows = K.arange(0, shape[1])
        cols = K.arange(0, shape[2])
        rows = K.cast(rows, K.floatx()) / K.cast(K.maximum(shape[1] - 1, 1), K.floatx())
        cols = K.cast(cols, K.floatx()) / K.cast(K.maximum(shape[2] - 1, 1), K.floatx())
        ones = K.ones_like(inputs[..., :1])
        row_channel = ones * K.reshape(rows, (1, -1, 1, 1))
        col_channel = ones * K.reshape(cols, (1, 1, -1, 1))
        x = K.concatenate([inputs, row_channel, col_channel], axis=-1)
        out = K.conv2d(x, self.kernel, strides=self.strides, padding=self.padding,
                       data_format=self.data_format)
        return K.bias_add(out, self.bias, data_format=self.data_format)

    def compute_output_shape(self, input_shape):
        space = input_shape[1:-1]
        new_space = []
        for i in range(len(space)):
            new_dim = conv_utils.conv_output_length(space[i], self.kernel_size[i],
                                                    padding=self.padding,
                                                    stride=self.strides[i])
            new_space.append(new_dim)
        return (input_shape[0],) + tuple(new_space) + (self.filters,)

    def get_config(self):
        config = {'filters': self.filters, 'kernel_size': self.kernel_size,
                  'strides': self.strides, 'padding': self.padding,
                  'data_format': self.data_format}
        base_config = super(CoordConv2D, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


helpers = {
    'normalize_tuple_int': conv_utils.normalize_tuple(3, 2, 'kernel_size'),
    'normalize_tuple_list': conv_utils.normalize_tuple([2, 1], 2, 'strides'),
    'normalize_padding': conv_utils.normalize_padding('SAME'),
    'normalize_data_format': normalize_data_format(None),
    'valid_s1': conv_utils.conv_output_length(10, 3, 'valid', 1),
    'same_s2': conv_utils.conv_output_length(10, 3, 'same', 2),
    'full_s1': conv_utils.conv_output_length(10, 3, 'full', 1),
    'causal_s1': conv_utils.conv_output_length(10, 3, 'causal', 1),
    'valid_dilated': conv_utils.conv_output_length(10, 3, 'valid', 1, dilation=2),
    'none_length': conv_utils.conv_output_length(None, 3, 'valid', 1),
}
try:
    conv_utils.normalize_tuple((1, 2, 3), 2, 'kernel_size')
    helpers['bad_tuple'] = None
except ValueError as e:
    helpers['bad_tuple'] = type(e).__name__

inp = Input(shape=(9, 9, 2))
layer_same = CoordConv2D(3, 3, strides=2, padding='same')
layer_valid = CoordConv2D(4, (3, 2))
h1 = layer_same(inp)
h2 = layer_valid(h1)
model = Model(inp, [h1, h2, GlobalMaxPooling2D()(h2)])
seed_weights(model)

x = np.random.RandomState(0).rand(2, 9, 9, 2).astype('float32')
o1, o2, pooled = model.predict(x)
trace(helpers=helpers,
      static_shapes=[K.int_shape(h1), K.int_shape(h2)],
      computed_shapes=[layer_same.compute_output_shape((None, 9, 9, 2)),
                       layer_valid.compute_output_shape((None, 5, 5, 3))],
      predict_shapes=[o1.shape, o2.shape],
      kernel_shapes=[K.int_shape(layer_same.kernel), K.int_shape(layer_valid.kernel)],
      config_kernel_size=layer_valid.get_config()['kernel_size'],
      pooled=approx(pooled))
