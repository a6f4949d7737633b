"""A model containing a user-defined layer (``ScaleShift``, with its own weights and
``get_config``) saved with ``model.save`` and reloaded with
``load_model('my_model.h5', custom_objects={'ScaleShift': ScaleShift})``; loading without
``custom_objects`` fails. The pattern from the Keras FAQ "Handling custom layers in saved
models" that every project with a custom layer used.
"""
import os

import numpy as np
from keras import backend as K
from keras.engine.topology import Layer
from keras.layers import Input, Dense
from keras.models import Model, load_model

from _trace import trace, approx, seed_weights


class ScaleShift(Layer):
    """y = x * gamma + beta, one gamma/beta per feature."""

    def __init__(self, gamma_init=1.0, **kwargs):
        self.gamma_init = gamma_init
        super(ScaleShift, self).__init__(**kwargs)

    def build(self, input_shape):
        self.gamma = self.add_weight(name='gamma', shape=(input_shape[-1],),
                                     initializer='ones', trainable=True)
        self.beta = self.add_weight(name='beta', shape=(input_shape[-1],),
                                    initializer='zeros', trainable=True)
        super(ScaleShift, self).build(input_shape)

    def call(self, x):
        return x * self.gamma * self.gamma_init + self.beta

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        config = {'gamma_init': self.gamma_init}
        base_config = super(ScaleShift, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


np.random.seed(2)
x = np.random.rand(24, 5).astype('float32')
y = np.random.rand(24, 2).astype('float32')

inp = Input(shape=(5,))
h = ScaleShift(gamma_init=0.5, name='scale_shift')(inp)
out = Dense(2, name='out')(h)
model = Model(inp, out)
model.compile(optimizer='sgd', loss='mse')
seed_weights(model)
model.fit(x, y, epochs=1, batch_size=8, verbose=0, shuffle=False)
expected = model.predict(x)
model.save('my_model.h5')

try:
    load_model('my_model.h5')
    missing_error = None
except Exception as e:  # Keras 2.2.4: ValueError: Unknown layer: ScaleShift
    missing_error = type(e).__name__

restored = load_model('my_model.h5', custom_objects={'ScaleShift': ScaleShift})
layer = restored.get_layer('scale_shift')
trace(missing_custom_objects_error=missing_error,
      restored_layer_class=type(layer).__name__,
      restored_gamma_init=layer.gamma_init,
      restored_weight_shapes=[w.shape for w in layer.get_weights()],
      reload_equal=bool(np.allclose(expected, restored.predict(x), atol=1e-6)),
      gamma=approx(K.get_value(layer.gamma), rel=2e-3),
      files=sorted(f for f in os.listdir('.') if f.endswith('.h5')))
