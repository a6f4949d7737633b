"""Three small sequence regressors that differ only in the recurrent layer -- ``LSTM(8)``,
``GRU(8)`` and ``SimpleRNN(8)`` with every default left alone (activation, recurrent_activation,
GRU's bias layout, initialisers) -- as in the many 2017-2018 "compare LSTM vs GRU" notebooks.
Weights are set from a seed after building so the losses reflect the layers' arithmetic.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras.layers import LSTM, GRU, SimpleRNN

from _trace import trace, approx, seed_weights

timesteps, features = 6, 3
np.random.seed(42)
X = np.random.uniform(-1, 1, (32, timesteps, features)).astype('float32')
y = (X.sum(axis=(1, 2)) / 10.0).reshape(-1, 1)

results = {}
for name, rnn in [('lstm', LSTM), ('gru', GRU), ('simplernn', SimpleRNN)]:
    model = Sequential()
    model.add(rnn(8, input_shape=(timesteps, features)))
    model.add(Dense(1))
    model.compile(loss='mean_squared_error', optimizer='sgd')
    seed_weights(model, seed=3, scale=0.3)
    hist = model.fit(X, y, epochs=3, batch_size=4, shuffle=False, verbose=0)
    results[name] = dict(
        params=model.count_params(),
        weight_shapes=[list(w.shape) for w in model.layers[0].get_weights()],
        loss=approx(hist.history['loss'], rel=2e-3),
        pred=approx(model.predict(X[:3]).ravel().tolist(), rel=2e-3, abs=1e-4))

trace(lstm=results['lstm'])
trace(gru=results['gru'])
trace(simplernn=results['simplernn'])
