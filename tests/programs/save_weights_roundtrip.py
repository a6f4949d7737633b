"""Saves weights only, once per epoch with ``model.save_weights('weights-%02d.h5' % epoch)``,
then rebuilds the same architecture from its builder function and restores an earlier epoch
with ``load_weights``: the common "rebuild the graph in code, load the numbers" pattern of
2017-2019 research code (kept instead of whole-model files because of custom code).
"""
from __future__ import print_function
import os

import numpy as np
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D, Flatten, Dense
from keras.utils import np_utils

from _trace import trace, approx, seed_weights


def build_model():
    model = Sequential()
    model.add(Conv2D(4, (3, 3), activation='relu', padding='same', input_shape=(8, 8, 1)))
    model.add(MaxPooling2D((2, 2)))
    model.add(Flatten())
    model.add(Dense(5, activation='softmax'))
    model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
    return model


np.random.seed(11)
X = np.random.rand(32, 8, 8, 1).astype('float32')
Y = np_utils.to_categorical(np.random.randint(0, 5, 32), 5)

model = build_model()
seed_weights(model)
per_epoch = []
for epoch in range(1, 3):
    model.fit(X, Y, batch_size=8, epochs=1, verbose=0, shuffle=False)
    model.save_weights('weights-%02d.h5' % epoch)
    per_epoch.append(model.predict(X))

fresh = build_model()
untouched = fresh.predict(X)
fresh.load_weights('weights-01.h5')
first = fresh.predict(X)
fresh.load_weights('weights-02.h5')
second = fresh.predict(X)

trace(files=sorted(f for f in os.listdir('.') if f.startswith('weights')),
      fresh_differs_before_load=bool(not np.allclose(untouched, per_epoch[-1])),
      epoch1_equal=bool(np.allclose(first, per_epoch[0], atol=1e-6)),
      epoch2_equal=bool(np.allclose(second, per_epoch[1], atol=1e-6)),
      weight_shapes=[w.shape for w in fresh.get_weights()],
      predictions=approx(second[:3], rel=2e-3))
