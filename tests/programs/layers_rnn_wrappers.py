"""Sequence taggers of 2017-2018 (NER / POS / slot filling): ``Embedding`` into
``Bidirectional(LSTM(..., return_sequences=True), merge_mode='concat')``, a second
``Bidirectional(GRU(...), merge_mode='sum')`` and ``TimeDistributed(Dense(n, activation=
'softmax'))``, trained with sparse labels. Checks each wrapper's output shape, parameter counts
per layer, the forward/backward sublayers and the predictions of the seeded model.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Embedding, LSTM, GRU, Dense, TimeDistributed, Bidirectional

from _trace import trace, approx, seed_weights, snapshot, changed

n_words, n_tags, maxlen = 25, 4, 6

model = Sequential()
model.add(Embedding(input_dim=n_words, output_dim=5, input_length=maxlen))
model.add(Bidirectional(LSTM(units=4, return_sequences=True), merge_mode='concat'))
model.add(Bidirectional(GRU(units=3, return_sequences=True), merge_mode='sum'))
model.add(TimeDistributed(Dense(n_tags, activation='softmax')))
model.compile(optimizer='rmsprop', loss='sparse_categorical_crossentropy')
seed_weights(model, scale=0.5)

rng = np.random.RandomState(3)
X = rng.randint(1, n_words, size=(16, maxlen))
y = rng.randint(0, n_tags, size=(16, maxlen, 1))

first = model.predict(X[:2])
before = snapshot(model)
hist = model.fit(X, y, batch_size=8, epochs=1, verbose=0, shuffle=False)

bi_lstm = model.layers[1]
trace(output_shapes=[layer.output_shape for layer in model.layers],
      layer_params=[layer.count_params() for layer in model.layers],
      merge_modes=[model.layers[1].merge_mode, model.layers[2].merge_mode],
      sublayers=[type(bi_lstm.forward_layer).__name__, bi_lstm.backward_layer.go_backwards],
      td_inner=type(model.layers[3].layer).__name__,
      history_keys=sorted(hist.history.keys()),
      weights_changed=changed(before, snapshot(model)),
      predictions=approx(first, rel=2e-3))
