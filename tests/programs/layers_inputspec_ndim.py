"""A temporal layer that declares ``self.input_spec = InputSpec(ndim=3)`` and builds its
weights from the last axis before calling ``super(TimestepWeighting, self).build(input_shape)``,
as sequence-model repositories did in 2017-2018. Checks the output shapes, that Keras rejects
a 2-D input for it (and a 4-D one), and how many weights it owns.
"""
import numpy as np
from keras import backend as K
from keras.engine.topology import Layer, InputSpec
from keras.layers import Input, Dense, Conv1D
from keras.models import Model

from _trace import trace, approx, seed_weights


class TimestepWeighting(Layer):
    """Weights each timestep by a learned score and keeps the sequence shape."""

    def __init__(self, **kwargs):
        super(TimestepWeighting, self).__init__(**kwargs)
        self.input_spec = InputSpec(ndim=3)

    def build(self, input_shape):
        assert len(input_shape) == 3
        self.input_spec = InputSpec(ndim=3, axes={-1: input_shape[-1]})
        self.kernel = self.add_weight(name='kernel', shape=(input_shape[-1], 1),
                                      initializer='glorot_uniform')
        super(TimestepWeighting, self).build(input_shape)

    def call(self, inputs):
        scores = K.sigmoid(K.dot(inputs, self.kernel))
        return inputs * scores

    def compute_output_shape(self, input_shape):
        return input_shape


seq = Input(shape=(10, 3))
h = Conv1D(4, 3, padding='same')(seq)
weighted_layer = TimestepWeighting()
weighted = weighted_layer(h)
model = Model(seq, Dense(2)(weighted))
seed_weights(model)

errors = {}
for name, shape in [('ndim2', (3,)), ('ndim4', (10, 3, 1))]:
    try:
        TimestepWeighting()(Input(shape=shape))
        errors[name] = None
    except ValueError as e:
        errors[name] = type(e).__name__

try:
    weighted_layer(Input(shape=(10, 5)))
    errors['wrong_last_axis'] = None
except ValueError as e:
    errors['wrong_last_axis'] = type(e).__name__

x = np.random.RandomState(0).rand(4, 10, 3).astype('float32')
trace(output_shape=model.output_shape,
      weighted_output_shape=weighted_layer.output_shape,
      spec_ndim=weighted_layer.input_spec.ndim,
      rejected=errors,
      weight_shapes=[K.int_shape(w) for w in weighted_layer.weights],
      params=model.count_params(),
      predictions=approx(model.predict(x)[0]))
