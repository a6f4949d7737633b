"""Adam with a time-based ``decay`` (``Adam(lr=1e-3, decay=1e-3)``) as in many 2018 image
classifiers, the optimizer configuration dumped with ``get_config()`` for an experiment log
(sorted keys, ``config['lr']``, ``config['beta_1']``, ``config['amsgrad']``), and an
optimizer rebuilt from that config with ``keras.optimizers.Adam.from_config``.
"""
import json

import numpy as np
from keras import optimizers
from keras.models import Sequential
from keras.layers import Dense, Conv2D, GlobalMaxPooling2D
from keras import backend as K

from _trace import trace, approx, seed_weights

rng = np.random.RandomState(42)
images = rng.rand(40, 8, 8, 3).astype('float32')
targets = rng.randint(0, 2, size=(40, 1))

model = Sequential()
model.add(Conv2D(6, (3, 3), padding='same', activation='relu', input_shape=(8, 8, 3)))
model.add(GlobalMaxPooling2D())
model.add(Dense(1, activation='sigmoid'))

adam = optimizers.Adam(lr=1e-3, beta_1=0.9, beta_2=0.999, epsilon=None, decay=1e-3, amsgrad=False)
model.compile(loss='binary_crossentropy', optimizer=adam, metrics=['accuracy'])
seed_weights(model)
history = model.fit(images, targets, batch_size=10, epochs=3, verbose=0, shuffle=False)

config = model.optimizer.get_config()
with open('optimizer.json', 'w') as f:
    json.dump({k: float(v) for k, v in config.items()}, f)
clone = optimizers.Adam.from_config(config)

trace(config_keys=sorted(config.keys()))
trace(config_lr=float(config['lr']), config_beta_1=float(config['beta_1']),
      config_decay=float(config['decay']), config_amsgrad=config['amsgrad'])
trace(clone_lr=float(K.get_value(clone.lr)))
trace(lr_after=float(K.get_value(model.optimizer.lr)))
trace(iterations=int(K.get_value(model.optimizer.iterations)))
trace(loss=approx(history.history['loss'], rel=2e-2))
