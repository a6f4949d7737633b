"""The TensorBoard callback as set up in 2017-2019 scripts: a time-stamped ``log_dir`` under
``./logs``, ``histogram_freq=0``, ``batch_size=``, ``write_graph=True``, ``write_grads=False``,
``write_images=False``, used alongside a ModelCheckpoint; the script then checks that the
log directory was created and filled.
"""
import os
from time import time

import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense
from keras.callbacks import TensorBoard, ModelCheckpoint

from _trace import trace, seed_weights

np.random.seed(8)
x = np.random.rand(64, 4)
y = keras.utils.to_categorical(np.random.randint(0, 4, 64), num_classes=4)

model = Sequential()
model.add(Dense(16, activation='relu', input_dim=4))
model.add(Dense(4, activation='softmax'))
model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
seed_weights(model)

log_dir = os.path.join('logs', '{}'.format(int(time())))
tensorboard = TensorBoard(log_dir=log_dir, histogram_freq=0, batch_size=16, write_graph=True,
                          write_grads=False, write_images=False)
checkpoint = ModelCheckpoint('model.h5', monitor='loss', save_best_only=True)
history = model.fit(x, y, epochs=3, batch_size=16, verbose=0, shuffle=False,
                    callbacks=[tensorboard, checkpoint])

written = []
for root, dirs, files in os.walk('logs'):
    written.extend(files)

trace(history_keys=sorted(history.history.keys()))
trace(log_dir_exists=os.path.isdir(log_dir))
trace(log_dir_nonempty=len(written) > 0)
trace(model_file=os.path.exists('model.h5'))
