"""Trains a small Sequential classifier, saves it whole with ``model.save('model.h5')`` and
reloads it with ``keras.models.load_model``: the everyday checkpoint pattern of 2017-2019
tutorials. Checks that predictions match after the reload, that the compiled optimizer state
came back (one more epoch on the original and on the reloaded copy ends on the same weights) and which file was written.
"""
from __future__ import print_function
import os

import numpy as np
import keras
from keras.models import Sequential, load_model
from keras.layers import Dense, Activation
from keras.optimizers import SGD

from _trace import trace, approx, seed_weights

np.random.seed(7)
x = np.random.rand(48, 10).astype('float32')
y = keras.utils.to_categorical(np.random.randint(0, 3, 48), 3)

model = Sequential()
model.add(Dense(16, input_dim=10))
model.add(Activation('relu'))
model.add(Dense(3, activation='softmax'))
model.compile(optimizer=SGD(lr=0.05, momentum=0.9), loss='categorical_crossentropy', metrics=['accuracy'])
seed_weights(model)
model.fit(x, y, batch_size=16, epochs=2, verbose=0, shuffle=False)

before = model.predict(x)
model.save('model.h5')

restored = load_model('model.h5')
after = restored.predict(x)

# the momentum slots were saved too: both copies continue training alike
model.fit(x, y, batch_size=16, epochs=1, verbose=0, shuffle=False)
restored.fit(x, y, batch_size=16, epochs=1, verbose=0, shuffle=False)
same_after_more = all(np.allclose(a, b, rtol=1e-3, atol=1e-4) for a, b in zip(model.get_weights(), restored.get_weights()))

saved = sorted(f for f in os.listdir('.') if f.endswith(('.h5', '.hdf5')))
trace(predict_shape=after.shape,
      reload_equal=bool(np.allclose(before, after, atol=1e-6)),
      optimizer=type(restored.optimizer).__name__,
      reloaded_lr=approx(float(keras.backend.get_value(restored.optimizer.lr))),
      reloaded_momentum=approx(float(keras.backend.get_value(restored.optimizer.momentum))),
      continued_training_equal=bool(same_after_more),
      metrics_names=restored.metrics_names,
      files=saved,
      params=restored.count_params(),
      predictions=approx(after[:4], rel=2e-3))
