"""Short fixed-length sequences handled with ``unroll=True`` (the Keras docs' advice for short
sequences) together with ``Bidirectional`` wrappers: ``Bidirectional(LSTM(..., return_sequences=True,
unroll=True), merge_mode='concat')`` feeding ``Bidirectional(GRU(..., unroll=True), merge_mode='sum')``
and a ``SimpleRNN(unroll=True)`` branch merged with ``concatenate`` in the functional API.
"""
import numpy as np
from keras.layers import Input, Dense, LSTM, GRU, SimpleRNN, Bidirectional, concatenate
from keras.models import Model
from keras.optimizers import SGD

from _trace import trace, approx, seed_weights

maxlen, features = 4, 3
np.random.seed(77)
X = np.random.uniform(-1, 1, (32, maxlen, features)).astype('float32')
y = (X[:, :, 0].mean(axis=1, keepdims=True) > 0).astype('float32')

inputs = Input(shape=(maxlen, features))
seq = Bidirectional(LSTM(6, return_sequences=True, unroll=True), merge_mode='concat', name='bi_lstm')(inputs)
summary_vec = Bidirectional(GRU(5, unroll=True), merge_mode='sum', name='bi_gru')(seq)
simple = SimpleRNN(4, unroll=True, name='simple')(inputs)
merged = concatenate([summary_vec, simple], name='merged')
outputs = Dense(1, activation='sigmoid', name='out')(merged)

model = Model(inputs=inputs, outputs=outputs)
model.compile(optimizer=SGD(lr=0.01, momentum=0.9), loss='binary_crossentropy', metrics=['accuracy'])
seed_weights(model, seed=21, scale=0.3)
initial_pred = model.predict(X[:4])
hist = model.fit(X, y, batch_size=8, epochs=3, shuffle=False, verbose=0)

names = ['bi_lstm', 'bi_gru', 'simple', 'merged', 'out']
bi_lstm = model.get_layer('bi_lstm')
trace(initial_pred=approx(initial_pred.tolist(), rel=1e-4, abs=1e-6),
      loss=approx(hist.history['loss'], rel=2e-3),
      history_keys=sorted(hist.history.keys()),
      output_shapes=[list(model.get_layer(n).output_shape) for n in names],
      unrolled=[bi_lstm.forward_layer.unroll, bi_lstm.backward_layer.unroll],
      merge_modes=[bi_lstm.merge_mode, model.get_layer('bi_gru').merge_mode],
      n_weights=[len(model.get_layer(n).get_weights()) for n in names],
      pred=approx(model.predict(X[:4]).ravel().tolist(), rel=2e-3),
      params=model.count_params())
