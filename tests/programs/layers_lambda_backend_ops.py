"""Lambda layers built from backend ops, the 2017-2019 way of adding parameter-free tensor
plumbing: ``K.permute_dimensions``, ``K.mean``/``K.max`` pooling joined with
``K.concatenate``, ``K.l2_normalize``, ``K.expand_dims``/``K.squeeze`` round trips and a
``K.batch_dot`` similarity matrix, each with an explicit ``output_shape=`` (a tuple or a
function). Checks the static output shapes and the values on a fixed input.
"""
import numpy as np
from keras import backend as K
from keras.layers import Input, Lambda, Dense
from keras.models import Model

from _trace import trace, approx, seed_weights


def mean_max_pool(x):
    return K.concatenate([K.mean(x, axis=1), K.max(x, axis=1)], axis=-1)


def mean_max_shape(input_shape):
    return (input_shape[0], 2 * input_shape[2])


a = Input(shape=(5, 3), name='a')
b = Input(shape=(4, 3), name='b')

transposed = Lambda(lambda x: K.permute_dimensions(x, (0, 2, 1)), output_shape=(3, 5),
                    name='transpose')(a)
pooled = Lambda(mean_max_pool, output_shape=mean_max_shape, name='mean_max')(a)
normed = Lambda(lambda x: K.l2_normalize(x, axis=-1), name='l2')(pooled)
expanded = Lambda(lambda x: K.expand_dims(x, axis=1), output_shape=(1, 6), name='expand')(normed)
squeezed = Lambda(lambda x: K.squeeze(x, axis=1), output_shape=(6,), name='squeeze')(expanded)
similarity = Lambda(lambda t: K.batch_dot(t[0], t[1], axes=[2, 2]),
                    output_shape=lambda s: (s[0][0], s[0][1], s[1][1]), name='similarity')([a, b])
vec_dot = Lambda(lambda t: K.batch_dot(t[0], t[1], axes=1),
                 output_shape=(1,), name='vec_dot')([normed, normed])
score = Dense(1, name='score')(squeezed)

model = Model([a, b], [transposed, pooled, normed, expanded, squeezed, similarity, vec_dot, score])
seed_weights(model)

rng = np.random.RandomState(0)
xa = rng.rand(2, 5, 3).astype('float32')
xb = rng.rand(2, 4, 3).astype('float32')
outs = model.predict([xa, xb])
names = ['transpose', 'mean_max', 'l2', 'expand', 'squeeze', 'similarity', 'vec_dot', 'score']

trace(static_shapes={n: model.get_layer(n).output_shape for n in names},
      predict_shapes={n: o.shape for n, o in zip(names, outs)},
      transpose_ok=bool(np.allclose(outs[0], xa.transpose(0, 2, 1))),
      mean_max=approx(outs[1]),
      similarity=approx(outs[5]),
      vec_dot=approx(outs[6]),
      squeeze_roundtrip=bool(np.allclose(outs[4], outs[2])),
      score=approx(outs[7]))
