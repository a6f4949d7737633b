"""ModelCheckpoint with ``save_weights_only=True`` and ``period=2`` (checkpoint every other epoch),
a zero-padded ``{epoch:03d}`` template in a checkpoint folder, then ``model.load_weights`` of the
newest file into a freshly built copy of the network, as people did to resume training.
"""
import os

import numpy as np
from keras.models import Sequential
from keras.layers import Dense, BatchNormalization
from keras import callbacks
from keras import optimizers

from _trace import trace, approx, seed_weights


def build_model():
    m = Sequential()
    m.add(Dense(8, activation='relu', input_shape=(6,)))
    m.add(BatchNormalization())
    m.add(Dense(3, activation='softmax'))
    m.compile(optimizer=optimizers.Adagrad(lr=0.05), loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])
    return m


rng = np.random.RandomState(2)
data = rng.rand(60, 6).astype('float32')
labels = rng.randint(0, 3, size=(60,))

model = build_model()
seed_weights(model)

ckpt_dir = './ckpt'
os.mkdir(ckpt_dir)
cp = callbacks.ModelCheckpoint(os.path.join(ckpt_dir, 'weights-{epoch:03d}.h5'),
                               save_weights_only=True, period=2, verbose=1)
history = model.fit(data, labels, epochs=5, batch_size=15, verbose=0, shuffle=False,
                    callbacks=[cp])

files = sorted(os.listdir(ckpt_dir))
fresh = build_model()
fresh.load_weights(os.path.join(ckpt_dir, files[-1]))

trace(history_keys=sorted(history.history.keys()))
trace(files=files)
trace(period=cp.period)
trace(n_weights=len(fresh.get_weights()))
# Adagrad (epsilon after the square root) turns the float noise of near-zero gradients into
# whole steps, so one unit's bias drifts by 1e-2 between TF 1.13 and TF 2.21 by epoch 5.
trace(loaded_predict=approx(fresh.predict(data[:4]), rel=1e-2))
