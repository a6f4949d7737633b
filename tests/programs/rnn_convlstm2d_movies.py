"""The Keras ``conv_lstm.py`` example (next-frame prediction of moving squares), shrunk: two
``ConvLSTM2D(..., padding='same', return_sequences=True)`` layers over ``input_shape=(None, 8, 8, 1)``
each followed by ``BatchNormalization()``, a ``Conv3D(..., activation='sigmoid',
data_format='channels_last')`` head, ``binary_crossentropy`` with ``optimizer='adadelta'``.
"""
import numpy as np
from keras.models import Sequential
from keras.layers.convolutional import Conv3D
from keras.layers.convolutional_recurrent import ConvLSTM2D
from keras.layers.normalization import BatchNormalization

from _trace import trace, approx, seed_weights



def reset_bn_statistics(model):
    """Moving mean 0 and variance 1, as freshly built, after seeding the other weights."""
    for layer in model.layers:
        if hasattr(layer, 'layers'):
            reset_bn_statistics(layer)
        elif isinstance(layer, BatchNormalization):
            weights = layer.get_weights()
            weights[-2:] = [np.zeros_like(weights[-2]), np.ones_like(weights[-1])]
            layer.set_weights(weights)


def generate_movies(n_samples=12, n_frames=5):
    row = 8
    col = 8
    noisy_movies = np.zeros((n_samples, n_frames, row, col, 1), dtype=float)
    shifted_movies = np.zeros((n_samples, n_frames, row, col, 1), dtype=float)
    for i in range(n_samples):
        x_start = np.random.randint(1, 5)
        y_start = np.random.randint(1, 5)
        directionx = np.random.randint(0, 3) - 1
        directiony = np.random.randint(0, 3) - 1
        for t in range(n_frames):
            x_shift = min(max(x_start + directionx * t, 1), 6)
            y_shift = min(max(y_start + directiony * t, 1), 6)
            noisy_movies[i, t, x_shift - 1: x_shift + 1, y_shift - 1: y_shift + 1, 0] += 1
            if t + 1 < n_frames:
                x_next = min(max(x_start + directionx * (t + 1), 1), 6)
                y_next = min(max(y_start + directiony * (t + 1), 1), 6)
                shifted_movies[i, t, x_next - 1: x_next + 1, y_next - 1: y_next + 1, 0] += 1
    return noisy_movies, shifted_movies


np.random.seed(17)
noisy_movies, shifted_movies = generate_movies()

seq = Sequential()
seq.add(ConvLSTM2D(filters=4, kernel_size=(3, 3),
                   input_shape=(None, 8, 8, 1),
                   padding='same', return_sequences=True))
seq.add(BatchNormalization())
seq.add(ConvLSTM2D(filters=4, kernel_size=(3, 3),
                   padding='same', return_sequences=True))
seq.add(BatchNormalization())
seq.add(Conv3D(filters=1, kernel_size=(3, 3, 3),
               activation='sigmoid',
               padding='same', data_format='channels_last'))
seq.compile(loss='binary_crossentropy', optimizer='adadelta')
seed_weights(seq, seed=31, scale=0.2)
reset_bn_statistics(seq)

hist = seq.fit(noisy_movies, shifted_movies, batch_size=4, epochs=2, shuffle=False, verbose=0)
track = seq.predict(noisy_movies[:1, :3])

trace(loss=approx(hist.history['loss'], rel=2e-3),
      output_shapes=[list(l.output_shape) for l in seq.layers],
      predicted_shape=track.shape,
      next_frame=approx(track[0, -1, 2:5, 2:5, 0].tolist(), rel=2e-3, abs=1e-4),
      params=seq.count_params())
