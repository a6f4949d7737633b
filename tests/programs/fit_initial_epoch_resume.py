"""Resuming training: a first fit() for 2 epochs, then fit(initial_epoch=2, epochs=4) as
checkpoint-resume scripts did; the second History's epoch list continues the numbering.
The script concatenates both histories into one learning curve and reads history.params.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense

from _trace import trace, approx, seed_weights

np.random.seed(44)
X = np.random.rand(64, 3).astype('float32')
y = (X[:, :1] - X[:, 1:2] * X[:, 2:]).astype('float32')

model = Sequential([Dense(8, activation='tanh', input_shape=(3,)), Dense(1)])
model.compile(optimizer='adam', loss='mse', metrics=['mae'])
seed_weights(model)
first = model.fit(X, y, epochs=2, batch_size=16, validation_split=0.25,
                  shuffle=False, verbose=0)
second = model.fit(X, y, epochs=4, initial_epoch=2, batch_size=16, validation_split=0.25,
                   shuffle=False, verbose=0)

curve = {}
for key in first.history:
    curve[key] = first.history[key] + second.history[key]
print('val_loss over all epochs:', curve['val_loss'])

trace(first_epoch=first.epoch,
      second_epoch=second.epoch,
      curve_keys=sorted(curve),
      curve_len=len(curve['loss']),
      second_params_epochs=second.params['epochs'],
      val_loss=approx(curve['val_loss'], rel=1e-2),
      mae=approx(curve['mean_absolute_error'], rel=1e-2))
