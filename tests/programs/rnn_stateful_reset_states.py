"""Stateful LSTM in the style of the Keras ``stateful_lstm.py`` example: ``batch_input_shape=``
fixes the batch size, ``stateful=True`` carries the cell state across batches, the training loop
calls ``model.fit(..., epochs=1, shuffle=False)`` once per epoch followed by
``model.reset_states()``, and predictions use the same fixed batch size.
"""
from __future__ import print_function
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, LSTM
from keras import backend as K

from _trace import trace, approx, seed_weights

input_len = 40
tsteps = 2
lahead = 1
batch_size = 4
epochs = 3

np.random.seed(1986)
data_input = np.random.uniform(-0.1, 0.1, (input_len + tsteps, 1))
expected_output = np.array([np.mean(data_input[i:i + lahead]) for i in range(input_len)]).reshape(-1, 1)
x_train = np.array([data_input[i:i + tsteps] for i in range(input_len)])  # (40, 2, 1)
y_train = expected_output

model = Sequential()
model.add(LSTM(6,
               batch_input_shape=(batch_size, tsteps, 1),
               return_sequences=True,
               stateful=True))
model.add(LSTM(6, return_sequences=False, stateful=True))
model.add(Dense(1))
model.compile(loss='mse', optimizer='sgd')
seed_weights(model, seed=12, scale=0.5)

losses = []
state_norms = []
for i in range(epochs):
    print('Epoch', i + 1, '/', epochs)
    history = model.fit(x_train, y_train, batch_size=batch_size, epochs=1, verbose=0, shuffle=False)
    losses.append(history.history['loss'][0])
    state_norms.append(float(np.abs(K.get_value(model.layers[0].states[0])).sum()) > 0)
    model.reset_states()

after_reset = [float(np.abs(K.get_value(s)).sum()) for s in model.layers[1].states]
predicted = model.predict(x_train[:8], batch_size=batch_size)
carried = model.predict(x_train[:8], batch_size=batch_size)
model.reset_states()
fresh = model.predict(x_train[:8], batch_size=batch_size)

trace(loss=approx(losses, rel=2e-3),
      state_nonzero_after_epoch=state_norms,
      states_after_reset=after_reset,
      n_states=[len(l.states) for l in model.layers[:2]],
      predicted=approx(predicted.ravel().tolist(), rel=2e-3, abs=1e-5),
      state_carried_changes_prediction=bool(not np.allclose(carried, predicted)),
      reset_restores_prediction=bool(np.allclose(fresh, predicted, atol=1e-6)),
      input_batch_shape=list(model.input_shape))
