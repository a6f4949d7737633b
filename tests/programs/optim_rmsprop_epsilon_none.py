"""``RMSprop(lr=0.001, rho=0.9, epsilon=None, decay=0.0)`` -- the full signature copied from the
Keras 2.2 docs -- training a small LSTM regressor, the optimizer's ``epsilon`` (None means
``K.epsilon()``) and ``rho`` read back from ``get_config()``, and ``K.epsilon()`` itself.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import LSTM, Dense
from keras.optimizers import RMSprop
from keras import backend as K

from _trace import trace, approx, seed_weights

rng = np.random.RandomState(12)
X = rng.rand(32, 5, 2).astype('float32')
y = X[:, :, 0].sum(axis=1, keepdims=True)

model = Sequential()
model.add(LSTM(6, input_shape=(5, 2)))
model.add(Dense(1))
optimizer = RMSprop(lr=0.001, rho=0.9, epsilon=None, decay=0.0)
model.compile(loss='mse', optimizer=optimizer)
seed_weights(model)
history = model.fit(X, y, epochs=3, batch_size=8, verbose=0, shuffle=False)

config = optimizer.get_config()
trace(history_keys=sorted(history.history.keys()))
trace(config_epsilon=float(config['epsilon']), config_rho=float(config['rho']),
      config_lr=float(config['lr']))
trace(k_epsilon=K.epsilon())
trace(lr=float(K.get_value(model.optimizer.lr)))
trace(loss=approx(history.history['loss'], rel=2e-3))
trace(predict_shape=model.predict(X[:3]).shape)
