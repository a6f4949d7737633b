"""fit(validation_split=0.2) on arrays and the classic "plot the learning curves" code with
the plotting stripped: it walks history.epoch with history.history['loss'] and
history.history['val_loss'] and finds the best epoch, then reads the settings back from
history.params.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras import optimizers

from _trace import trace, approx, seed_weights

np.random.seed(10)
X = np.random.rand(100, 5).astype('float32')
y = (X ** 2).sum(axis=1, keepdims=True).astype('float32')

model = Sequential()
model.add(Dense(16, activation='relu', input_shape=(5,)))
model.add(Dense(1))
model.compile(optimizer=optimizers.SGD(lr=0.05), loss='mean_squared_error')
seed_weights(model)
history = model.fit(X, y, validation_split=0.2, epochs=3, batch_size=20,
                    shuffle=False, verbose=0)

for epoch, loss, val_loss in zip(history.epoch, history.history['loss'],
                                 history.history['val_loss']):
    print('epoch %d: loss %.4f val_loss %.4f' % (epoch + 1, loss, val_loss))
best = history.epoch[int(np.argmin(history.history['val_loss']))]

trace(history_keys=sorted(history.history.keys()),
      epoch=history.epoch,
      best_epoch=best,
      params_epochs=history.params['epochs'],
      params_verbose=history.params['verbose'],
      loss=approx(history.history['loss'], rel=2e-3),
      val_loss=approx(history.history['val_loss'], rel=2e-3))
