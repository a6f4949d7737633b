"""The merge layers of the Keras 2 functional API, in both spellings: the functions
``concatenate``, ``add``, ``subtract``, ``multiply``, ``average``, ``maximum``, ``dot`` (with
``axes`` and ``normalize=True``) and the classes ``Concatenate(axis=-1)``, ``Add()``,
``Dot(axes=1)``, on two branches of seeded Dense layers. Checks each merged shape and value.
"""
import numpy as np
import keras
from keras.layers import Input, Dense, Reshape
from keras.layers import concatenate, add, subtract, multiply, average, maximum, dot
from keras.layers import Concatenate, Add, Dot
from keras.models import Model

from _trace import trace, approx, seed_weights

x1 = Input(shape=(4,))
x2 = Input(shape=(4,))
a = Dense(6, name='branch_a')(x1)
b = Dense(6, name='branch_b')(x2)

merged = {
    'concatenate': concatenate([a, b]),
    'add': add([a, b]),
    'subtract': subtract([a, b]),
    'multiply': multiply([a, b]),
    'average': average([a, b]),
    'maximum': maximum([a, b]),
    'dot': dot([a, b], axes=1),
    'cosine': dot([a, b], axes=1, normalize=True),
    'Concatenate': Concatenate(axis=-1)([a, b, a]),
    'Add': Add()([a, b, b]),
    'Dot': Dot(axes=1)([a, b]),
}
seq_a = Reshape((3, 2))(a)
seq_b = Reshape((3, 2))(b)
merged['concat_axis1'] = concatenate([seq_a, seq_b], axis=1)
merged['dot_seq'] = dot([seq_a, seq_b], axes=(2, 2))

names = sorted(merged)
model = Model([x1, x2], [merged[n] for n in names])
seed_weights(model)

rng = np.random.RandomState(0)
xa = rng.rand(3, 4).astype('float32')
xb = rng.rand(3, 4).astype('float32')
outs = dict(zip(names, model.predict([xa, xb])))

trace(static_shapes={n: keras.backend.int_shape(merged[n]) for n in names},
      values={n: approx(outs[n]) for n in names},
      cosine_in_range=bool(np.all(np.abs(outs['cosine']) <= 1.0 + 1e-6)),
      params=model.count_params())
