"""Code written for Theano-era channels-first images that switches the whole backend at import time
with ``K.set_image_data_format('channels_first')``, then picks the input shape with the usual
``if K.image_data_format() == 'channels_first':`` branch (cifar10_cnn / mnist_cnn style) and
normalises feature maps with ``BatchNormalization(axis=1)``.
"""
from __future__ import print_function
import numpy as np
import keras
from keras import backend as K
K.set_image_data_format('channels_first')

from keras.models import Sequential
from keras.layers import Dense, Flatten, Activation
from keras.layers import Conv2D, MaxPooling2D, BatchNormalization

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


num_classes = 4
img_rows, img_cols, channels = 8, 8, 3

np.random.seed(9)
x_train = np.random.rand(32, img_rows, img_cols, channels).astype('float32')
y_train = keras.utils.to_categorical(np.random.randint(0, num_classes, 32), num_classes)

if K.image_data_format() == 'channels_first':
    x_train = x_train.transpose(0, 3, 1, 2)
    input_shape = (channels, img_rows, img_cols)
else:
    input_shape = (img_rows, img_cols, channels)

model = Sequential()
model.add(Conv2D(6, (3, 3), padding='same', input_shape=input_shape))
model.add(BatchNormalization(axis=1))
model.add(Activation('relu'))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Conv2D(8, (3, 3)))
model.add(Activation('relu'))
model.add(Flatten())
model.add(Dense(num_classes))
model.add(Activation('softmax'))

model.compile(loss='categorical_crossentropy', optimizer=keras.optimizers.SGD(lr=0.05), metrics=['accuracy'])
seed_weights(model, seed=15, scale=0.3)
reset_bn_statistics(model)
hist = model.fit(x_train, y_train, batch_size=8, epochs=2, shuffle=False, verbose=0)

trace(image_data_format=K.image_data_format(),
      input_shape=list(input_shape),
      output_shapes=[list(l.output_shape) for l in model.layers],
      bn_param_shapes=[list(w.shape) for w in model.layers[1].get_weights()],
      loss=approx(hist.history['loss'], rel=2e-3),
      moving_mean=approx(model.layers[1].get_weights()[2].tolist(), rel=5e-3, abs=1e-4),
      pred=approx(model.predict(x_train[:2]).tolist(), rel=2e-3, abs=1e-4),
      params=model.count_params())
