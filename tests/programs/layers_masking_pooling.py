"""Custom layers that take part in masking: ``Embedding(mask_zero=True)`` feeds a pass-through
layer with ``self.supports_masking = True`` and then a masked mean-pooling layer that consumes
the mask in ``call(self, x, mask=None)`` and returns ``None`` from ``compute_mask`` (the
"MeanPool" layer copied around text-classification repositories in 2017-2018). Checks that
trailing padding does not change the output, and the masks each layer reports.
"""
import numpy as np
from keras import backend as K
from keras.engine.topology import Layer
from keras.layers import Input, Embedding, Dense
from keras.models import Model

from _trace import trace, approx, seed_weights


class Scale2(Layer):
    """Element-wise, keeps the incoming mask."""

    def __init__(self, **kwargs):
        super(Scale2, self).__init__(**kwargs)
        self.supports_masking = True

    def call(self, x, mask=None):
        return 2.0 * x

    def compute_output_shape(self, input_shape):
        return input_shape


class MeanPool(Layer):
    def __init__(self, **kwargs):
        self.supports_masking = True
        super(MeanPool, self).__init__(**kwargs)

    def compute_mask(self, input, input_mask=None):
        # do not pass the mask to the next layers
        return None

    def call(self, x, mask=None):
        if mask is not None:
            # mask (batch, time)
            mask = K.cast(mask, K.floatx())
            # mask (batch, x_dim, time)
            mask = K.repeat(mask, x.shape[-1])
            # mask (batch, time, x_dim)
            mask = K.permute_dimensions(mask, (0, 2, 1))
            x = x * mask
            return K.sum(x, axis=1) / K.sum(mask, axis=1)
        return K.mean(x, axis=1)

    def compute_output_shape(self, input_shape):
        # remove temporal dimension
        return (input_shape[0], input_shape[2])


tokens = Input(shape=(None,), dtype='int32')
emb = Embedding(20, 4, mask_zero=True)(tokens)
scaled = Scale2()(emb)
pooled = MeanPool()(scaled)
out = Dense(3, activation='softmax')(pooled)
model = Model(tokens, out)
seed_weights(model)

short = np.array([[3, 7, 2, 9]])
padded = np.array([[3, 7, 2, 9, 0, 0, 0]])
long_pad = np.array([[3, 7, 2, 9, 0, 0, 0, 0, 0, 0, 0]])
p_short, p_padded, p_long = [model.predict(s) for s in (short, padded, long_pad)]

mask_fn = K.function([tokens], [model.layers[2].output_mask])
trace(padding_invariant=bool(np.allclose(p_short, p_padded, atol=1e-6) and np.allclose(p_short, p_long, atol=1e-6)),
      scale_mask=mask_fn([padded])[0],
      pooled_mask_is_none=model.layers[3].output_mask is None,
      output_shape=model.output_shape,
      pooled_shape=K.int_shape(pooled),
      predictions=approx(p_padded))
