"""The "Writing your own Keras layers" recipe of the Keras 2 docs: a ``Layer`` subclass whose
``build`` creates weights with ``self.add_weight(name=, shape=, initializer=, trainable=)``
(one of them frozen), calls ``super(MyDense, self).build(input_shape)``, and defines ``call``,
``compute_output_shape`` and ``get_config``. Checks shapes, parameter counts, the config and
that one training epoch moves only the trainable weights.
"""
from __future__ import print_function

import numpy as np
from keras import backend as K
from keras import activations
from keras.layers import Layer, Input, Dense
from keras.models import Model

from _trace import trace, approx, seed_weights, snapshot, changed


class MyDense(Layer):

    def __init__(self, output_dim, activation=None, **kwargs):
        self.output_dim = output_dim
        self.activation = activations.get(activation)
        super(MyDense, self).__init__(**kwargs)

    def build(self, input_shape):
        # Create a trainable weight variable for this layer.
        self.kernel = self.add_weight(name='kernel',
                                      shape=(input_shape[1], self.output_dim),
                                      initializer='uniform',
                                      trainable=True)
        self.bias = self.add_weight(name='bias',
                                    shape=(self.output_dim,),
                                    initializer='zeros',
                                    trainable=True)
        self.scale = self.add_weight(name='scale',
                                     shape=(self.output_dim,),
                                     initializer='ones',
                                     trainable=False)
        super(MyDense, self).build(input_shape)  # Be sure to call this at the end

    def call(self, x):
        return self.activation((K.dot(x, self.kernel) + self.bias) * self.scale)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)

    def get_config(self):
        config = {'output_dim': self.output_dim,
                  'activation': activations.serialize(self.activation)}
        base_config = super(MyDense, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


np.random.seed(4)
x = np.random.rand(32, 6).astype('float32')
y = np.random.rand(32, 1).astype('float32')

inputs = Input(shape=(6,))
custom = MyDense(5, activation='relu')
hidden = custom(inputs)
outputs = Dense(1)(hidden)
model = Model(inputs, outputs)
model.compile(optimizer='sgd', loss='mse')
seed_weights(model)
before = snapshot(model)
first = model.predict(x[:3])
model.fit(x, y, batch_size=8, epochs=1, verbose=0, shuffle=False)

config = custom.get_config()
rebuilt = MyDense.from_config(config)
trace(output_shape=custom.output_shape,
      compute_output_shape=custom.compute_output_shape((None, 6)),
      params=model.count_params(),
      trainable_weights=len(custom.trainable_weights),
      non_trainable_weights=len(custom.non_trainable_weights),
      config_keys=sorted(config.keys()),
      config_activation=config['activation'],
      rebuilt_output_dim=rebuilt.output_dim,
      weights_changed=changed(before, snapshot(model)),
      predictions=approx(first))
