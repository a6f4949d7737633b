"""The Keras ``imdb_lstm.py`` example shrunk to synthetic data: ragged integer sequences padded
with ``sequence.pad_sequences(maxlen=...)``, ``Embedding(max_features, 16, input_length=maxlen)``,
``LSTM(..., dropout=0.2, recurrent_dropout=0.2)``, binary cross-entropy with accuracy, and
``model.fit(..., validation_data=(x_test, y_test))`` followed by ``model.evaluate``. Dropout makes
the losses random, so only structure and the seeded model's first predictions are traced.
"""
from __future__ import print_function

import numpy as np
from keras.preprocessing import sequence
from keras.models import Sequential
from keras.layers import Dense, Embedding
from keras.layers import LSTM

from _trace import trace, approx, seed_weights

max_features = 50
maxlen = 12
batch_size = 8

np.random.seed(3)
x_train = [list(np.random.randint(1, max_features, np.random.randint(3, 20))) for _ in range(32)]
x_test = [list(np.random.randint(1, max_features, np.random.randint(3, 20))) for _ in range(16)]
y_train = np.random.randint(0, 2, 32)
y_test = np.random.randint(0, 2, 16)

print('Pad sequences (samples x time)')
x_train = sequence.pad_sequences(x_train, maxlen=maxlen)
x_test = sequence.pad_sequences(x_test, maxlen=maxlen)
print('x_train shape:', x_train.shape)

print('Build model...')
model = Sequential()
model.add(Embedding(max_features, 16, input_length=maxlen))
model.add(LSTM(8, dropout=0.2, recurrent_dropout=0.2))
model.add(Dense(1, activation='sigmoid'))

model.compile(loss='binary_crossentropy',
              optimizer='adam',
              metrics=['accuracy'])
seed_weights(model, seed=14, scale=0.3)
initial_pred = model.predict(x_test[:4])

print('Train...')
history = model.fit(x_train, y_train,
                    batch_size=batch_size,
                    epochs=2,
                    validation_data=(x_test, y_test), verbose=0)
score, acc = model.evaluate(x_test, y_test, batch_size=batch_size, verbose=0)
print('Test score:', score)
print('Test accuracy:', acc)

trace(initial_pred=approx(initial_pred.ravel().tolist(), rel=1e-4, abs=1e-6),
      x_train_shape=x_train.shape, x_train_dtype=str(x_train.dtype),
      first_padded=x_train[0].tolist(),
      history_keys=sorted(history.history.keys()),
      epochs_recorded=len(history.history['loss']),
      acc_in_unit_range=bool(0.0 <= acc <= 1.0),
      embedding_output_shape=model.layers[0].output_shape,
      lstm_dropouts=[model.layers[1].dropout, model.layers[1].recurrent_dropout],
      predict_shape=model.predict(x_test).shape,
      params=model.count_params())
