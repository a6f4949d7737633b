"""The Keras 1 "VGG-16 in Keras" gist pattern on a tiny scale: Theano ordering forced with
``K.set_image_dim_ordering('th')``, a ``K.image_dim_ordering() == 'th'`` check, channels-first
``input_shape=(3, rows, cols)``, ``ZeroPadding2D((1, 1))`` + ``Convolution2D(n, 3, 3,
activation='relu')`` blocks, a ``MaxPooling2D((2, 2), strides=(2, 2), dim_ordering='th')`` and
``SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)``.
"""
import numpy as np
from keras import backend as K
K.set_image_dim_ordering('th')

from keras.models import Sequential
from keras.layers.core import Flatten, Dense
from keras.layers.convolutional import Convolution2D, MaxPooling2D, ZeroPadding2D
from keras.optimizers import SGD
from keras.utils.np_utils import to_categorical

from _trace import trace, approx, seed_weights


def VGG_tiny(weights_path=None):
    model = Sequential()
    model.add(ZeroPadding2D((1, 1), input_shape=(3, 8, 8)))
    model.add(Convolution2D(8, 3, 3, activation='relu'))
    model.add(ZeroPadding2D((1, 1)))
    model.add(Convolution2D(8, 3, 3, activation='relu'))
    model.add(MaxPooling2D((2, 2), strides=(2, 2), dim_ordering='th'))

    model.add(ZeroPadding2D((1, 1)))
    model.add(Convolution2D(12, 3, 3, activation='relu', dim_ordering='th'))
    model.add(MaxPooling2D((2, 2), strides=(2, 2)))

    model.add(Flatten())
    model.add(Dense(16, activation='relu'))
    model.add(Dense(3, activation='softmax'))

    if weights_path:
        model.load_weights(weights_path)

    return model


assert K.image_dim_ordering() == 'th'
np.random.seed(23)
im = np.random.rand(24, 3, 8, 8).astype('float32')
labels = to_categorical(np.random.randint(0, 3, 24), 3)

model = VGG_tiny()
sgd = SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)
model.compile(optimizer=sgd, loss='categorical_crossentropy')
seed_weights(model, seed=29, scale=0.3)
hist = model.fit(im, labels, batch_size=8, epochs=2, shuffle=False, verbose=0)
out = model.predict(im[:2])

trace(dim_ordering=K.image_dim_ordering(),
      data_format=K.image_data_format(),
      layer_formats=[getattr(l, 'data_format', None) for l in model.layers],
      output_shapes=[list(l.output_shape) for l in model.layers],
      loss=approx(hist.history['loss'], rel=5e-3),
      pred=approx(out.tolist(), rel=2e-2, abs=1e-3),
      argmax=np.argmax(out, axis=1).tolist(),
      params=model.count_params())
