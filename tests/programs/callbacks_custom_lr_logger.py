"""A custom Callback that logs the *effective* learning rate of an optimizer built with ``decay``:
it reads ``self.model.optimizer.lr``, ``.decay`` and ``.iterations`` with ``K.get_value`` and
computes ``lr * (1. / (1. + decay * iterations))``, the formula from Keras' SGD (a widely copied
StackOverflow answer); the logs dict is also given an 'lr' entry.
"""
from __future__ import print_function
import numpy as np
from keras import backend as K
from keras.callbacks import Callback
from keras.layers import Dense
from keras.models import Sequential
from keras.optimizers import SGD

from _trace import trace, approx, seed_weights


class SGDLearningRateTracker(Callback):
    def on_train_begin(self, logs=None):
        self.base_lrs = []
        self.effective = []
        self.iterations = []

    def on_epoch_end(self, epoch, logs={}):
        optimizer = self.model.optimizer
        lr = K.get_value(optimizer.lr)
        decay = K.get_value(optimizer.decay)
        iterations = K.get_value(optimizer.iterations)
        lr_with_decay = lr / (1. + decay * iterations)
        print('\nLR: {:.6f}\n'.format(lr_with_decay))
        self.base_lrs.append(float(lr))
        self.effective.append(float(lr_with_decay))
        self.iterations.append(int(iterations))
        logs['lr'] = lr_with_decay


np.random.seed(6)
X = np.random.rand(64, 5).astype('float32')
y = (X[:, 0] > 0.5).astype('float32')

model = Sequential()
model.add(Dense(8, input_dim=5, activation='relu'))
model.add(Dense(1, activation='sigmoid'))
sgd = SGD(lr=0.1, decay=0.05, momentum=0.9, nesterov=True)
model.compile(loss='binary_crossentropy', optimizer=sgd, metrics=['accuracy'])
seed_weights(model)

tracker = SGDLearningRateTracker()
history = model.fit(X, y, epochs=4, batch_size=16, verbose=0, shuffle=False, callbacks=[tracker])

trace(history_keys=sorted(history.history.keys()))
trace(base_lrs=tracker.base_lrs)
trace(effective_lrs=tracker.effective)
trace(iterations=tracker.iterations)
trace(decay=float(K.get_value(model.optimizer.decay)))
trace(loss=approx(history.history['loss'], rel=2e-3))
