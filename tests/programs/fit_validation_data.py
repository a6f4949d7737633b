"""fit(validation_data=(x_val, y_val)) with metrics=['mse'] on a regression net, and code that
reads history.history['mean_squared_error'] and ['val_mean_squared_error'] by their Keras 2
long names, then evaluates the test set and reports the metric by name via
model.metrics_names.index('mean_squared_error').
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense

from _trace import trace, approx, seed_weights

rng = np.random.RandomState(123)
x_train = rng.normal(size=(64, 4)).astype('float32')
y_train = (x_train[:, :1] * 3 - x_train[:, 1:2]).astype('float32')
x_val = rng.normal(size=(32, 4)).astype('float32')
y_val = (x_val[:, :1] * 3 - x_val[:, 1:2]).astype('float32')

model = Sequential()
model.add(Dense(16, input_shape=(4,), activation='relu'))
model.add(Dense(8, activation='relu'))
model.add(Dense(1))
model.compile(loss='mae', optimizer='adam', metrics=['mse'])
seed_weights(model)
history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=3,
                    batch_size=16, shuffle=False, verbose=0)

train_mse = history.history['mean_squared_error']
val_mse = history.history['val_mean_squared_error']
scores = model.evaluate(x_val, y_val, verbose=0)
test_mse = scores[model.metrics_names.index('mean_squared_error')]
print('test mse %.4f' % test_mse)

trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      epochs_run=len(history.epoch),
      train_mse=approx(train_mse, rel=5e-3),
      val_mse=approx(val_mse, rel=5e-3),
      val_loss=approx(history.history['val_loss'], rel=5e-3),
      test_mse=approx(test_mse, rel=5e-3))
