"""Custom layers as they were ported from Keras 1 to Keras 2 in 2017: ``add_weight`` called
with the shape first (``self.add_weight((input_dim, self.output_dim), initializer='uniform',
name='W')``), ``call(self, x, mask=None)``, ``self.input_spec = InputSpec(min_ndim=2)``, and
an older layer that makes its weight with ``K.variable`` and assigns
``self.trainable_weights = [self.W]``. Checks the weights the layers own, shapes and that
training updates them.
"""
import numpy as np
from keras import backend as K
from keras.engine import InputSpec
from keras.engine.topology import Layer
from keras.models import Sequential
from keras.layers import Dense

from _trace import trace, approx, seed_weights, snapshot, changed


class MyLayer(Layer):
    def __init__(self, output_dim, **kwargs):
        self.output_dim = output_dim
        super(MyLayer, self).__init__(**kwargs)
        self.input_spec = InputSpec(min_ndim=2)

    def build(self, input_shape):
        input_dim = input_shape[-1]
        self.W = self.add_weight((input_dim, self.output_dim), initializer='uniform', name='W')
        self.b = self.add_weight((self.output_dim,), initializer='zero', name='b')
        self.built = True

    def call(self, x, mask=None):
        return K.dot(x, self.W) + self.b

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.output_dim)


class Scale(Layer):
    """Keras-1 style: the weight is a K.variable listed in trainable_weights."""

    def __init__(self, init_value=1.0, **kwargs):
        self.init_value = init_value
        super(Scale, self).__init__(**kwargs)

    def build(self, input_shape):
        self.W = K.variable(self.init_value * np.ones((input_shape[-1],)), name='scale_W')
        self.trainable_weights = [self.W]
        super(Scale, self).build(input_shape)

    def call(self, x, mask=None):
        return x * self.W

    def compute_output_shape(self, input_shape):
        return input_shape


np.random.seed(6)
x = np.random.rand(32, 5).astype('float32')
y = np.random.rand(32, 2).astype('float32')

model = Sequential()
model.add(MyLayer(4, input_shape=(5,)))
model.add(Scale(0.5))
model.add(Dense(2))
model.compile(loss='mse', optimizer='sgd')
seed_weights(model)
before = snapshot(model)
model.fit(x, y, epochs=1, batch_size=8, verbose=0, shuffle=False)

trace(mylayer_weight_shapes=[K.int_shape(w) for w in model.layers[0].weights],
      scale_trainable_count=len(model.layers[1].trainable_weights),
      model_weight_count=len(model.get_weights()),
      params=model.count_params(),
      output_shapes=[layer.output_shape for layer in model.layers],
      input_spec_min_ndim=model.layers[0].input_spec.min_ndim,
      weights_changed=changed(before, snapshot(model)),
      predictions=approx(model.predict(x[:2]), rel=2e-3))
