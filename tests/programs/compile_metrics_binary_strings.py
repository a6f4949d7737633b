"""A binary classifier compiled with the metric strings of that era in one list
('binary_accuracy', 'accuracy', 'mae', 'binary_crossentropy'), then a test_on_batch and an
evaluate whose returned list is turned into a {name: value} report with
dict(zip(model.metrics_names, ...)).
"""
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import *

from _trace import trace, approx, seed_weights

np.random.seed(55)
x = np.random.rand(96, 10).astype('float32')
y = (x[:, :5].sum(axis=1) > x[:, 5:].sum(axis=1)).astype('float32')

model = Sequential()
model.add(Dense(16, input_shape=(10,)))
model.add(Activation('relu'))
model.add(Dense(1))
model.add(Activation('sigmoid'))
model.compile(optimizer=keras.optimizers.Adam(lr=0.003), loss='binary_crossentropy',
              metrics=['binary_accuracy', 'accuracy', 'mae', 'binary_crossentropy'])
seed_weights(model)
history = model.fit(x[:64], y[:64], epochs=2, batch_size=16, verbose=0, shuffle=False)

report = dict(zip(model.metrics_names, model.evaluate(x[64:], y[64:], verbose=0)))
batch = model.test_on_batch(x[64:80], y[64:80])
print(report)

trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      report_keys=sorted(report),
      report=approx([report[k] for k in sorted(report)], rel=2e-3),
      test_on_batch=approx(batch, rel=2e-3),
      acc=approx(history.history['acc'], rel=1e-3))
