"""ReduceLROnPlateau as written in 2017-2018 scripts: ``monitor='val_loss'`` with the old
``epsilon=`` threshold keyword (renamed min_delta in Keras 2.1.6 but still accepted),
``factor=0.5``, ``patience=1`` and a ``min_lr`` floor, alongside validation_data. The threshold
is so large that no epoch after the first counts as an improvement, so the reductions are
deterministic: the lr halves every other epoch until it hits min_lr.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Activation
from keras.optimizers import RMSprop
from keras.callbacks import ReduceLROnPlateau
from keras.utils import np_utils
import keras.backend as K

from _trace import trace, approx, seed_weights

rs = np.random.RandomState(11)
X_train = rs.rand(80, 6).astype('float32')
y_train = np_utils.to_categorical(rs.randint(0, 2, 80), 2)
X_val = rs.rand(24, 6).astype('float32')
y_val = np_utils.to_categorical(rs.randint(0, 2, 24), 2)

model = Sequential()
model.add(Dense(10, input_shape=(6,)))
model.add(Activation('relu'))
model.add(Dense(2))
model.add(Activation('softmax'))
model.compile(loss='categorical_crossentropy', optimizer=RMSprop(lr=0.01), metrics=['accuracy'])
seed_weights(model)

reduce_lr = ReduceLROnPlateau(monitor='val_loss', factor=0.5, patience=1, verbose=1,
                              epsilon=10.0, cooldown=0, min_lr=0.002)
history = model.fit(X_train, y_train, batch_size=20, epochs=5, verbose=0, shuffle=False,
                    validation_data=(X_val, y_val), callbacks=[reduce_lr])

trace(history_keys=sorted(history.history.keys()))
trace(history_lr=[float(v) for v in history.history['lr']])
trace(final_lr=float(K.get_value(model.optimizer.lr)))
trace(min_lr=reduce_lr.min_lr, min_delta=reduce_lr.min_delta)
trace(val_loss=approx(history.history['val_loss'], rel=5e-3))
