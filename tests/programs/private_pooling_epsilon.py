"""Subclassing Keras' private pooling base ``from keras.layers.pooling import _Pooling2D`` by
implementing ``_pooling_function`` (an LP-pooling layer, as in the "generalised pooling"
repositories of 2018), with numerical guards taken from
``from keras.backend.common import epsilon, floatx`` (the module behind ``K.epsilon()``), and a
Dice-coefficient metric/loss pair using the same ``epsilon()``. Checks the pooled shapes and
values, the inherited config and a short training run.
"""
import numpy as np
from keras import backend as K
from keras.backend.common import epsilon, floatx
from keras.layers.pooling import _Pooling2D
from keras.layers import Input, Conv2D, UpSampling2D
from keras.models import Model
from keras.optimizers import SGD

from _trace import trace, approx, seed_weights, snapshot, changed


class LPPooling2D(_Pooling2D):
    """Power-average pooling: (mean(x ** p)) ** (1 / p)."""

    def __init__(self, p=3.0, pool_size=(2, 2), strides=None, padding='valid',
                 data_format=None, **kwargs):
        super(LPPooling2D, self).__init__(pool_size, strides, padding, data_format, **kwargs)
        self.p = p

    def _pooling_function(self, inputs, pool_size, strides, padding, data_format):
        x = K.pow(K.maximum(inputs, epsilon()), self.p)
        output = K.pool2d(x, pool_size, strides, padding, data_format, pool_mode='avg')
        return K.pow(output + epsilon(), 1.0 / self.p)

    def get_config(self):
        config = {'p': self.p}
        base_config = super(LPPooling2D, self).get_config()
        return dict(list(base_config.items()) + list(config.items()))


def dice_coef(y_true, y_pred, smooth=1.):
    y_true_f = K.flatten(y_true)
    y_pred_f = K.flatten(y_pred)
    intersection = K.sum(y_true_f * y_pred_f)
    return (2. * intersection + smooth) / (K.sum(y_true_f) + K.sum(y_pred_f) + smooth + epsilon())


def dice_coef_loss(y_true, y_pred):
    return 1. - dice_coef(y_true, y_pred)


inp = Input(shape=(8, 8, 1))
h = Conv2D(4, (3, 3), padding='same', activation='relu')(inp)
pool = LPPooling2D(p=3.0, pool_size=(2, 2))
h = pool(h)
h = UpSampling2D((2, 2))(h)
out = Conv2D(1, (1, 1), activation='sigmoid')(h)
model = Model(inp, out)
model.compile(optimizer=SGD(lr=0.1), loss=dice_coef_loss, metrics=[dice_coef])
seed_weights(model, scale=0.5)

probe_in = Input(shape=(4, 4, 1))
probe = Model(probe_in, [LPPooling2D(p=2.0)(probe_in),
                         LPPooling2D(p=1.0, pool_size=(3, 3), strides=(1, 1), padding='same')(probe_in)])
grid = np.arange(16, dtype='float32').reshape(1, 4, 4, 1) / 4.0
lp2, lp1_same = probe.predict(grid)

rng = np.random.RandomState(0)
x = rng.rand(16, 8, 8, 1).astype('float32')
y = (x > 0.5).astype('float32')
before = snapshot(model)
hist = model.fit(x, y, batch_size=8, epochs=1, verbose=0, shuffle=False)

config = pool.get_config()
trace(epsilon=approx(epsilon(), rel=1e-6, abs=0),
      floatx=floatx(),
      pool_output_shape=pool.output_shape,
      probe_shapes=[lp2.shape, lp1_same.shape],
      lp2=approx(lp2.ravel()),
      lp1_same=approx(lp1_same.ravel()),
      config_keys=sorted(config.keys()),
      config_strides=config['strides'],
      history_keys=sorted(hist.history.keys()),
      weights_changed=changed(before, snapshot(model)),
      predict_shape=model.predict(x[:2]).shape)
