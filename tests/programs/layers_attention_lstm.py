"""The attention layers people pasted into their text classifiers in 2018: the Kaggle
"Attention(step_dim)" layer (``K.dot`` on reshaped inputs, ``K.tanh``, ``K.exp``, the mask,
``K.sum``, ``K.expand_dims``) and the "AttentionWithContext" layer (``dot_product`` helper,
``K.tanh``, ``K.softmax``), both on top of ``LSTM(..., return_sequences=True)``. Checks output
shapes, weight shapes, that the attention weights sum to one, and the predictions of the
seeded model.
"""
import numpy as np
from keras import backend as K
from keras import initializers, regularizers, constraints
from keras.engine.topology import Layer
from keras.layers import Input, Embedding, LSTM, Dense, concatenate
from keras.models import Model

from _trace import trace, approx, seed_weights


class Attention(Layer):
    def __init__(self, step_dim,
                 W_regularizer=None, b_regularizer=None,
                 W_constraint=None, b_constraint=None,
                 bias=True, **kwargs):
        self.supports_masking = True
        self.init = initializers.get('glorot_uniform')

        self.W_regularizer = regularizers.get(W_regularizer)
        self.b_regularizer = regularizers.get(b_regularizer)

        self.W_constraint = constraints.get(W_constraint)
        self.b_constraint = constraints.get(b_constraint)

        self.bias = bias
        self.step_dim = step_dim
        self.features_dim = 0
        super(Attention, self).__init__(**kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 3

        self.W = self.add_weight((input_shape[-1],),
                                 initializer=self.init,
                                 name='{}_W'.format(self.name),
                                 regularizer=self.W_regularizer,
                                 constraint=self.W_constraint)
        self.features_dim = input_shape[-1]

        if self.bias:
            self.b = self.add_weight((input_shape[1],),
                                     initializer='zero',
                                     name='{}_b'.format(self.name),
                                     regularizer=self.b_regularizer,
                                     constraint=self.b_constraint)
        else:
            self.b = None

        self.built = True

    def compute_mask(self, input, input_mask=None):
        return None

    def call(self, x, mask=None):
        features_dim = self.features_dim
        step_dim = self.step_dim

        eij = K.reshape(K.dot(K.reshape(x, (-1, features_dim)),
                              K.reshape(self.W, (features_dim, 1))), (-1, step_dim))

        if self.bias:
            eij += self.b

        eij = K.tanh(eij)

        a = K.exp(eij)

        if mask is not None:
            a *= K.cast(mask, K.floatx())

        a /= K.cast(K.sum(a, axis=1, keepdims=True) + K.epsilon(), K.floatx())

        a = K.expand_dims(a)
        weighted_input = x * a
        return K.sum(weighted_input, axis=1)

    def compute_output_shape(self, input_shape):
        return input_shape[0], self.features_dim


def dot_product(x, kernel):
    if K.backend() == 'tensorflow':
        return K.squeeze(K.dot(x, K.expand_dims(kernel)), axis=-1)
    else:
        return K.dot(x, kernel)


class AttentionWithContext(Layer):
    def __init__(self, return_attention=False, **kwargs):
        self.init = initializers.get('glorot_uniform')
        self.return_attention = return_attention
        super(AttentionWithContext, self).__init__(**kwargs)

    def build(self, input_shape):
        assert len(input_shape) == 3
        self.W = self.add_weight(name='{}_W'.format(self.name),
                                 shape=(input_shape[-1], input_shape[-1]),
                                 initializer=self.init)
        self.b = self.add_weight(name='{}_b'.format(self.name),
                                 shape=(input_shape[-1],),
                                 initializer='zero')
        self.u = self.add_weight(name='{}_u'.format(self.name),
                                 shape=(input_shape[-1],),
                                 initializer=self.init)
        super(AttentionWithContext, self).build(input_shape)

    def compute_mask(self, input, input_mask=None):
        return None

    def call(self, x, mask=None):
        uit = K.tanh(K.bias_add(K.dot(x, self.W), self.b))
        ait = dot_product(uit, self.u)
        a = K.softmax(ait)
        weighted_input = x * K.expand_dims(a)
        result = K.sum(weighted_input, axis=1)
        if self.return_attention:
            return [result, a]
        return result

    def compute_output_shape(self, input_shape):
        if self.return_attention:
            return [(input_shape[0], input_shape[-1]), (input_shape[0], input_shape[1])]
        return input_shape[0], input_shape[-1]


maxlen = 8
inp = Input(shape=(maxlen,))
x = Embedding(30, 6, mask_zero=True)(inp)
x = LSTM(5, return_sequences=True)(x)
att = Attention(maxlen)(x)
ctx_layer = AttentionWithContext(return_attention=True)
ctx, weights = ctx_layer(x)
out = Dense(1, activation='sigmoid')(concatenate([att, ctx]))
model = Model(inp, out)
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
seed_weights(model, scale=0.5)
attention_model = Model(inp, weights)

data = np.random.RandomState(1).randint(1, 30, size=(16, maxlen))
data[:, 6:] = 0
a = attention_model.predict(data)
trace(output_shape=model.output_shape,
      attention_shapes=[K.int_shape(att), K.int_shape(ctx), K.int_shape(weights)],
      attention_weight_shapes=[[K.int_shape(w) for w in layer.weights] for layer in model.layers
                               if isinstance(layer, (Attention, AttentionWithContext))],
      attention_sums=approx(a.sum(axis=1)[:4]),
      params=model.count_params(),
      predictions=approx(model.predict(data)[:4], rel=2e-3))
