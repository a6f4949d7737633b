"""Metrics passed as functions rather than strings (metrics=[keras.metrics.mae,
keras.metrics.categorical_accuracy]) with a loss function object, as in code that imported
`from keras import metrics, losses`; History is keyed by the functions' __name__.
"""
import numpy as np
import keras
from keras import metrics, losses
from keras.models import Sequential
from keras.layers import Dense

from _trace import trace, approx, seed_weights

rs = np.random.RandomState(11)
X = rs.normal(size=(64, 5)).astype('float32')
labels = (X[:, 0] > 0).astype(int) + (X[:, 1] > 0).astype(int)
Y = keras.utils.np_utils.to_categorical(labels, 3)

model = Sequential()
model.add(Dense(12, activation='tanh', input_shape=(5,)))
model.add(Dense(3, activation='softmax'))
model.compile(optimizer=keras.optimizers.SGD(lr=0.1),
              loss=losses.categorical_crossentropy,
              metrics=[metrics.mae, metrics.categorical_accuracy])
seed_weights(model)
history = model.fit(X, Y, epochs=3, batch_size=16, verbose=0, shuffle=False)

print(history.history['mean_absolute_error'])
loss, mae, acc = model.evaluate(X, Y, verbose=0)
print('loss %.3f mae %.3f acc %.3f' % (loss, mae, acc))

trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      mae=approx(history.history['mean_absolute_error'], rel=2e-3),
      cat_acc=approx(history.history['categorical_accuracy'], rel=1e-3),
      evaluate=approx([loss, mae, acc], rel=2e-3))
