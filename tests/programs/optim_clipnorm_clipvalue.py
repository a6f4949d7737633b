"""Gradient clipping through optimizer keywords: ``SGD(lr=0.5, clipnorm=1.)`` and
``Adam(clipvalue=0.5)`` (the "all parameter gradients will be clipped" examples of the Keras
optimizers page) on a regression with large targets, where clipping changes the result; the
script reads ``clipnorm``/``clipvalue`` back from the optimizer and its config.
"""
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense
from keras import optimizers

from _trace import trace, approx, seed_weights

rng = np.random.RandomState(19)
X = rng.rand(64, 3).astype('float32') * 10.0
Y = X.dot(np.array([[3.0], [-1.0], [2.0]], dtype='float32')) + 5.0


def make():
    model = Sequential()
    model.add(Dense(4, input_dim=3, activation='linear'))
    model.add(Dense(1))
    return model


sgd = optimizers.SGD(lr=0.01, clipnorm=1.)
m1 = make()
m1.compile(loss='mean_squared_error', optimizer=sgd)
seed_weights(m1)
h1 = m1.fit(X, Y, epochs=3, batch_size=16, verbose=0, shuffle=False)

adam = optimizers.Adam(lr=0.05, clipvalue=0.5)
m2 = make()
m2.compile(loss='mean_squared_error', optimizer=adam)
seed_weights(m2)
h2 = m2.fit(X, Y, epochs=3, batch_size=16, verbose=0, shuffle=False)

trace(sgd_clipnorm=float(m1.optimizer.clipnorm), adam_clipvalue=float(m2.optimizer.clipvalue))
trace(sgd_config_clipnorm=float(sgd.get_config()['clipnorm']),
      adam_config_clipvalue=float(adam.get_config()['clipvalue']))
trace(sgd_loss=approx(h1.history['loss'], rel=2e-3))
trace(adam_loss=approx(h2.history['loss'], rel=2e-3))
