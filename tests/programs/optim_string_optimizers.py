"""Optimizers given as strings (``optimizer='adadelta'``, ``'adagrad'``, ``'rmsprop'``,
``'adam'``, ``'sgd'``), compared in a loop as in "which optimizer works best" notebooks of
2017-2018; for each the script records the optimizer class, its default learning rate read with
``K.get_value(model.optimizer.lr)``, and the loss after two epochs.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras import backend as K

from _trace import trace, approx, seed_weights

np.random.seed(0)
X = np.random.rand(64, 4).astype('float32')
Y = (X[:, :2].sum(axis=1, keepdims=True) > 1.0).astype('float32')


def create_model(optimizer='rmsprop'):
    model = Sequential()
    model.add(Dense(8, input_dim=4, activation='relu'))
    model.add(Dense(1, activation='sigmoid'))
    model.compile(loss='binary_crossentropy', optimizer=optimizer, metrics=['accuracy'])
    return model


results = {}
for name in ['adadelta', 'adagrad', 'rmsprop', 'adam', 'sgd']:
    model = create_model(optimizer=name)
    seed_weights(model)
    history = model.fit(X, Y, epochs=2, batch_size=16, verbose=0, shuffle=False)
    results[name] = (type(model.optimizer).__name__,
                     float(K.get_value(model.optimizer.lr)),
                     history.history['loss'][-1])

trace(classes={k: v[0] for k, v in results.items()})
trace(default_lrs={k: v[1] for k, v in results.items()})
trace(final_losses={k: approx(v[2], rel=2e-2 if k == 'adam' else 2e-3) for k, v in results.items()})
