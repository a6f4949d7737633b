"""Registering a custom activation by name, the 2017-2018 Stack Overflow recipe for Swish:
``get_custom_objects().update({'swish': swish})`` from ``keras.utils.generic_utils``
(the function itself: the ``Activation(swish)`` variant cannot be saved), then
``Dense(..., activation='swish')`` and ``Activation('swish')``; a second function registered
by item assignment (``get_custom_objects()['hard_tanh2'] = hard_tanh2``). Because the names
are registered, the saved model reloads without ``custom_objects``. Checks the activations'
values, the serialised names and the reload.
"""
import os

import numpy as np
from keras import backend as K
from keras.layers import Activation, Dense, Input
from keras.models import Model, load_model
from keras.utils.generic_utils import get_custom_objects

from _trace import trace, approx, seed_weights


def swish(x):
    return K.sigmoid(x) * x


def hard_tanh2(x):
    return K.clip(x, -2.0, 2.0)


get_custom_objects().update({'swish': swish})
get_custom_objects()['hard_tanh2'] = hard_tanh2

inp = Input(shape=(4,))
h = Dense(6, activation='swish', name='dense_swish')(inp)
h = Activation('swish', name='act_swish')(h)
h = Dense(3, name='pre')(h)
out = Activation('hard_tanh2', name='clip')(h)
model = Model(inp, out)
model.compile(optimizer='adam', loss='mse')
seed_weights(model, scale=1.0)

probe = Input(shape=(1,))
probe_model = Model(probe, [Activation('swish')(probe), Activation('hard_tanh2')(probe)])
grid = np.linspace(-4, 4, 9).reshape(-1, 1).astype('float32')
swish_vals, clip_vals = probe_model.predict(grid)

x = np.random.RandomState(0).uniform(-3, 3, size=(5, 4)).astype('float32')
expected = model.predict(x)
model.save('swish_model.h5')
restored = load_model('swish_model.h5')

dense_config = model.get_layer('dense_swish').get_config()
trace(swish_values=approx(swish_vals.ravel()),
      clip_values=approx(clip_vals.ravel()),
      registered=sorted(k for k in ('swish', 'hard_tanh2') if k in get_custom_objects()),
      dense_activation_config=dense_config['activation'],
      clip_activation_config=model.get_layer('clip').get_config()['activation'],
      reload_equal=bool(np.allclose(expected, restored.predict(x), atol=1e-6)),
      files=sorted(f for f in os.listdir('.') if f.endswith('.h5')),
      predictions=approx(expected, rel=2e-3))
