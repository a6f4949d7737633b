"""fit_generator with plain infinite Python generators (a `while True: ... yield` batch
generator for training and another for validation, with steps_per_epoch/validation_steps),
feeding a two-input functional model with ([x1, x2], y) tuples, as data-augmentation and
large-dataset scripts did before tf.data.
"""
import numpy as np
from keras.models import Model
from keras.layers import Input, Dense, Concatenate

from _trace import trace, approx, seed_weights

np.random.seed(17)
A = np.random.rand(64, 3).astype('float32')
B = np.random.rand(64, 2).astype('float32')
Y = (A.sum(axis=1) - B.sum(axis=1)).reshape(-1, 1).astype('float32')


def batch_generator(a, b, y, batch_size):
    n = len(a)
    while True:
        for start in range(0, n, batch_size):
            end = start + batch_size
            yield [a[start:end], b[start:end]], y[start:end]


in_a = Input(shape=(3,))
in_b = Input(shape=(2,))
x = Concatenate()([in_a, in_b])
x = Dense(8, activation='relu')(x)
out = Dense(1)(x)
model = Model([in_a, in_b], out)
model.compile(optimizer='adam', loss='mse', metrics=['mae'])
seed_weights(model)

train_gen = batch_generator(A[:48], B[:48], Y[:48], 16)
val_gen = batch_generator(A[48:], B[48:], Y[48:], 8)
history = model.fit_generator(train_gen, steps_per_epoch=3, epochs=3,
                              validation_data=val_gen, validation_steps=2,
                              verbose=0, workers=1, use_multiprocessing=False)
print(history.history)

trace(history_keys=sorted(history.history.keys()),
      epochs_run=len(history.epoch),
      params_epochs=history.params['epochs'],
      params_steps=history.params['steps'],
      loss=approx(history.history['loss'], rel=1e-2),
      val_mae=approx(history.history['val_mean_absolute_error'], rel=1e-2))
