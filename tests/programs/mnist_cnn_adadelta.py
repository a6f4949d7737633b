'''Trains a small convnet on MNIST-shaped data, as the Keras 2.2.4 mnist_cnn example does.

Adadelta() with its defaults: lr=1.0 in Keras 2.2.4.
'''
from __future__ import print_function
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense, Dropout, Flatten
from keras.layers import Conv2D, MaxPooling2D
from keras import backend as K

from _trace import trace, approx, seed_weights

batch_size = 16
num_classes = 10
epochs = 3
img_rows, img_cols = 12, 12

np.random.seed(1337)
x_train = np.random.rand(64, img_rows, img_cols, 1).astype('float32')
y_train = keras.utils.to_categorical(np.random.randint(0, num_classes, 64), num_classes)

model = Sequential()
model.add(Conv2D(8, kernel_size=(3, 3), activation='relu', input_shape=(img_rows, img_cols, 1)))
model.add(MaxPooling2D(pool_size=(2, 2)))
model.add(Flatten())
model.add(Dense(32, activation='relu'))
model.add(Dense(num_classes, activation='softmax'))

model.compile(loss=keras.losses.categorical_crossentropy,
              optimizer=keras.optimizers.Adadelta(),
              metrics=['accuracy'])
seed_weights(model)
history = model.fit(x_train, y_train, batch_size=batch_size, epochs=epochs, verbose=0, shuffle=False)

trace(history_keys=sorted(history.history.keys()),
      loss=approx(history.history['loss'], rel=2e-3),
      lr=float(K.get_value(model.optimizer.lr)),
      predict_shape=model.predict(x_train[:5]).shape)
