"""ReduceLROnPlateau watching ``monitor='val_acc'`` in max mode with ``patience=0`` and a cooldown,
plus EarlyStopping on 'val_loss', as in many Kaggle kernels of 2018 that trained with
``validation_split``. Accuracy can never improve by more than 1.0, so with ``min_delta=1.0`` the
schedule of reductions (and the cooldown between them) is fixed.
"""
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense, Flatten, Conv1D
from keras.callbacks import ReduceLROnPlateau, EarlyStopping
from keras import backend as K

from _trace import trace, seed_weights

np.random.seed(5)
n = 96
x = np.random.rand(n, 12, 2).astype('float32')
y = keras.utils.to_categorical((x[:, :, 0].mean(axis=1) > 0.5).astype(int), 2)

model = Sequential()
model.add(Conv1D(4, 3, activation='relu', input_shape=(12, 2)))
model.add(Flatten())
model.add(Dense(2, activation='softmax'))
model.compile(loss='categorical_crossentropy', optimizer=keras.optimizers.Adam(lr=0.008),
              metrics=['acc'])
seed_weights(model)

learning_rate_reduction = ReduceLROnPlateau(monitor='val_acc', patience=0, verbose=1,
                                            factor=0.5, min_lr=0.00001, mode='max',
                                            min_delta=1.0, cooldown=1)
early = EarlyStopping(monitor='val_loss', patience=10, verbose=1)
history = model.fit(x, y, epochs=5, batch_size=32, validation_split=0.25, verbose=0,
                    shuffle=False, callbacks=[learning_rate_reduction, early])

trace(history_keys=sorted(history.history.keys()))
trace(epochs_run=len(history.epoch))
trace(history_lr=[float(v) for v in history.history['lr']])
trace(final_lr=float(K.get_value(model.optimizer.lr)))
trace(stopped_epoch=early.stopped_epoch)
