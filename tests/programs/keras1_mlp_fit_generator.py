"""The Keras-docs multilayer perceptron (``model.add(Dense(64, input_dim=20, init='uniform'))``,
``SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)``, ``keras.utils.np_utils.to_categorical``)
trained from a Python generator with the Keras 1 generator arguments:
``fit_generator(gen, samples_per_epoch=..., nb_epoch=..., validation_data=(x, y))``,
``evaluate_generator(gen, val_samples=...)`` and ``predict_generator(gen, val_samples=...)``.
A callback counts the batches the model actually trained on.
"""
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense, Activation
from keras.optimizers import SGD
from keras.callbacks import Callback

from _trace import trace, approx, seed_weights

np.random.seed(4)
X_all = np.random.random((64, 20)).astype('float32')
y_all = keras.utils.np_utils.to_categorical(np.random.randint(10, size=(64, 1)), num_classes=10)
batch_size = 8


def batch_generator(X, y, batch_size):
    i = 0
    while True:
        start = (i * batch_size) % X.shape[0]
        i += 1
        yield X[start:start + batch_size], y[start:start + batch_size]


class BatchCounter(Callback):
    def on_train_begin(self, logs=None):
        self.batches = 0

    def on_batch_end(self, batch, logs=None):
        self.batches += 1


model = Sequential()
model.add(Dense(64, input_dim=20, init='uniform'))
model.add(Activation('tanh'))
model.add(Dense(64, init='uniform'))
model.add(Activation('tanh'))
model.add(Dense(10, init='uniform'))
model.add(Activation('softmax'))

sgd = SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)
model.compile(loss='categorical_crossentropy', optimizer=sgd, metrics=['accuracy'])
seed_weights(model, seed=10)

counter = BatchCounter()
history = model.fit_generator(batch_generator(X_all, y_all, batch_size),
                              samples_per_epoch=6, nb_epoch=2, verbose=0,
                              validation_data=(X_all[48:], y_all[48:]), callbacks=[counter])
score = model.evaluate_generator(batch_generator(X_all, y_all, batch_size), val_samples=3)
preds = model.predict_generator(batch_generator(X_all, y_all, batch_size), val_samples=2)

trace(history_keys=sorted(history.history.keys()),
      batches_trained=counter.batches,
      loss=approx(history.history['loss'], rel=2e-3),
      val_loss=approx(history.history['val_loss'], rel=2e-3),
      evaluate=approx(score, rel=2e-3),
      predict_shape=preds.shape,
      y_shape=y_all.shape,
      params=model.count_params())
