"""Sequence tagging the 2017 way: a stack of ``LSTM(..., return_sequences=True,
implementation=2)`` and ``GRU(..., return_sequences=True, implementation=2)`` (the "fewer, larger
matmuls" mode recommended for CPUs) over variable-length input (``input_shape=(None, features)``),
topped by ``TimeDistributed(Dense(n_tags, activation='softmax'))`` and trained with per-timestep
categorical cross-entropy; sequences of another length are then predicted.
"""
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import LSTM, GRU, Dense, TimeDistributed, Activation

from _trace import trace, approx, seed_weights

n_features, n_tags = 4, 3
np.random.seed(5)
X = np.random.uniform(-1, 1, (24, 7, n_features)).astype('float32')
tags = np.argmax(X[:, :, :n_tags], axis=-1)
Y = keras.utils.to_categorical(tags, n_tags)

model = Sequential()
model.add(LSTM(8, return_sequences=True, implementation=2, input_shape=(None, n_features)))
model.add(GRU(8, return_sequences=True, implementation=2))
model.add(TimeDistributed(Dense(n_tags)))
model.add(Activation('softmax'))
model.compile(loss='categorical_crossentropy', optimizer=keras.optimizers.SGD(lr=0.5), metrics=['accuracy'])
seed_weights(model, seed=2, scale=0.4)
initial_pred = model.predict(X[:2])

hist = model.fit(X, Y, batch_size=8, epochs=2, shuffle=False, verbose=0)
longer = model.predict(np.random.uniform(-1, 1, (2, 11, n_features)))

trace(initial_pred=approx(initial_pred.tolist(), rel=1e-4, abs=1e-6),
      history_keys=sorted(hist.history.keys()),
      loss=approx(hist.history['loss'], rel=2e-3),
      output_shapes=[list(l.output_shape) for l in model.layers],
      implementations=[model.layers[0].implementation, model.layers[1].implementation],
      longer_predict_shape=longer.shape,
      rows_sum_to_one=bool(np.allclose(longer.sum(axis=-1), 1.0, atol=1e-5)),
      params=model.count_params())
