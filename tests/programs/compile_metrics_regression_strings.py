"""A small regression MLP compiled with the metric shorthands people listed in 2017-2019
(metrics=['mse', 'mae', 'mape', 'msle', 'cosine']) and a validation split; the training
script then reads the long metric names Keras 2.2.4 logged ('mean_absolute_error',
'val_mean_squared_error', 'cosine_proximity') back from History to print a report.
"""
from __future__ import print_function
import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import SGD

from _trace import trace, approx, seed_weights

np.random.seed(7)
X = np.random.rand(96, 8).astype('float32')
true_w = np.linspace(0.5, 2.0, 8).astype('float32')
y = (X.dot(true_w) / 4.0 + 0.5).reshape(-1, 1)   # strictly positive targets (msle/mape are happy)

model = Sequential()
model.add(Dense(16, input_dim=8, activation='relu'))
model.add(Dense(1))
model.compile(loss='mse', optimizer=SGD(lr=0.01),
              metrics=['mse', 'mae', 'mape', 'msle', 'cosine'])
seed_weights(model)

history = model.fit(X, y, epochs=3, batch_size=16, validation_split=0.25,
                    shuffle=False, verbose=0)

print('final train MAE: %.4f' % history.history['mean_absolute_error'][-1])
print('final val MSE:   %.4f' % history.history['val_mean_squared_error'][-1])
print('cosine:          %.4f' % history.history['cosine_proximity'][-1])

trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      epochs_run=len(history.epoch),
      loss=approx(history.history['loss'], rel=5e-3),
      val_mse=approx(history.history['val_mean_squared_error'], rel=5e-3),
      mae=approx(history.history['mean_absolute_error'], rel=5e-3),
      mape=approx(history.history['mean_absolute_percentage_error'], rel=5e-3),
      msle=approx(history.history['mean_squared_logarithmic_error'], rel=5e-3))
