'''The Keras 1 ``mnist_cnn.py`` example as many projects kept running it on Keras 2 (with
deprecation warnings): ``Convolution2D(nb_filters, kernel_size, kernel_size, border_mode=...,
init='he_normal')`` with module-level int sizes, ``MaxPooling2D(pool_size=..., border_mode='valid')``,
``Dense(nb_classes, init='uniform')``, ``np_utils.to_categorical``, the
``K.image_dim_ordering() == 'th'`` reshape branch, and ``model.fit(..., nb_epoch=nb_epoch)``.
'''
from __future__ import print_function
import numpy as np
np.random.seed(1337)  # for reproducibility

from keras.models import Sequential
from keras.layers.core import Dense, Activation, Flatten
from keras.layers.convolutional import Convolution2D, MaxPooling2D
from keras.utils import np_utils
from keras import backend as K

from _trace import trace, approx, seed_weights

batch_size = 16
nb_classes = 10
nb_epoch = 2

# input image dimensions
img_rows, img_cols = 10, 10
# number of convolutional filters to use
nb_filters = 6
# size of pooling area for max pooling
pool_size = (2, 2)
# convolution kernel size
kernel_size = 3

X_train = np.random.randint(0, 256, (48, img_rows, img_cols)).astype('uint8')
y_train = np.random.randint(0, nb_classes, 48)
X_test = np.random.randint(0, 256, (16, img_rows, img_cols)).astype('uint8')
y_test = np.random.randint(0, nb_classes, 16)

if K.image_dim_ordering() == 'th':
    X_train = X_train.reshape(X_train.shape[0], 1, img_rows, img_cols)
    X_test = X_test.reshape(X_test.shape[0], 1, img_rows, img_cols)
    input_shape = (1, img_rows, img_cols)
else:
    X_train = X_train.reshape(X_train.shape[0], img_rows, img_cols, 1)
    X_test = X_test.reshape(X_test.shape[0], img_rows, img_cols, 1)
    input_shape = (img_rows, img_cols, 1)

X_train = X_train.astype('float32')
X_test = X_test.astype('float32')
X_train /= 255
X_test /= 255
print('X_train shape:', X_train.shape)

# convert class vectors to binary class matrices
Y_train = np_utils.to_categorical(y_train, nb_classes)
Y_test = np_utils.to_categorical(y_test, nb_classes)

model = Sequential()

model.add(Convolution2D(nb_filters, kernel_size, kernel_size,
                        border_mode='same', init='he_normal',
                        input_shape=input_shape))
model.add(Activation('relu'))
model.add(Convolution2D(nb_filters, kernel_size, kernel_size, init='he_normal'))
model.add(Activation('relu'))
model.add(MaxPooling2D(pool_size=pool_size, border_mode='valid'))

model.add(Flatten())
model.add(Dense(32, init='uniform'))
model.add(Activation('relu'))
model.add(Dense(nb_classes, init='uniform'))
model.add(Activation('softmax'))

model.compile(loss='categorical_crossentropy',
              optimizer='adadelta',
              metrics=['accuracy'])
seed_weights(model, seed=1)

history = model.fit(X_train, Y_train, batch_size=batch_size, nb_epoch=nb_epoch,
                    verbose=0, shuffle=False, validation_data=(X_test, Y_test))
score = model.evaluate(X_test, Y_test, verbose=0)
print('Test score:', score[0])
print('Test accuracy:', score[1])

trace(dim_ordering=K.image_dim_ordering(),
      history_keys=sorted(history.history.keys()),
      epochs_run=len(history.history['loss']),
      loss=approx(history.history['loss'], rel=2e-3),
      val_loss=approx(history.history['val_loss'], rel=2e-3),
      test_score=approx(score[0], rel=2e-3),
      output_shapes=[list(l.output_shape) for l in model.layers],
      kernel_shapes=[list(w.shape) for w in model.get_weights()],
      Y_train_shape=Y_train.shape, params=model.count_params())
