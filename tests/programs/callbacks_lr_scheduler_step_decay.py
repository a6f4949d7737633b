"""Step-decay learning rate schedule, the pattern from the 2017 "learning rate schedules for deep learning"
blog posts: a module-level ``step_decay(epoch)`` using math.pow and math.floor is passed to
LearningRateScheduler, SGD is built with momentum and an explicit decay=0.0, and a small
LossHistory-style Callback subclass records ``K.get_value(self.model.optimizer.lr)`` every epoch.
"""
from __future__ import print_function
import math

import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import SGD
from keras.callbacks import LearningRateScheduler, Callback
from keras import backend as K

from _trace import trace, approx, seed_weights


def step_decay(epoch):
    initial_lrate = 0.1
    drop = 0.5
    epochs_drop = 2.0
    lrate = initial_lrate * math.pow(drop, math.floor((1 + epoch) / epochs_drop))
    return lrate


class LossHistory(Callback):
    def on_train_begin(self, logs={}):
        self.losses = []
        self.lr = []

    def on_epoch_end(self, batch, logs={}):
        self.losses.append(logs.get('loss'))
        self.lr.append(step_decay(len(self.losses)))
        self.actual_lr = getattr(self, 'actual_lr', [])
        self.actual_lr.append(float(K.get_value(self.model.optimizer.lr)))


rng = np.random.RandomState(7)
X = rng.rand(96, 8).astype('float32')
Y = (X.sum(axis=1) > 4.0).astype('float32')

model = Sequential()
model.add(Dense(12, input_dim=8, kernel_initializer='uniform', activation='relu'))
model.add(Dense(8, kernel_initializer='uniform', activation='relu'))
model.add(Dense(1, kernel_initializer='uniform', activation='sigmoid'))

sgd = SGD(lr=0.0, momentum=0.9, decay=0.0, nesterov=False)
model.compile(loss='binary_crossentropy', optimizer=sgd, metrics=['accuracy'])
seed_weights(model)

loss_history = LossHistory()
lrate = LearningRateScheduler(step_decay)
callbacks_list = [loss_history, lrate]
history = model.fit(X, Y, validation_split=0.25, epochs=5, batch_size=16,
                    callbacks=callbacks_list, verbose=0, shuffle=False)

trace(history_keys=sorted(history.history.keys()))
trace(epochs_run=len(history.epoch))
trace(lr_per_epoch=loss_history.actual_lr)
trace(planned_next_lr=loss_history.lr)
trace(history_lr=[float(v) for v in history.history['lr']])
trace(final_lr=float(K.get_value(model.optimizer.lr)))
trace(loss=approx(history.history['loss'], rel=2e-3))
