"""The classic ``sgd = SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)`` line from the
Keras README's MLP/VGG examples, with the optimizer's state read back after training as people
did when logging experiments: ``model.optimizer.lr``/``.decay``/``.momentum`` via K.get_value,
``model.optimizer.iterations`` and a few ``get_config()`` entries.
"""
from __future__ import print_function
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense, Activation
from keras.optimizers import SGD
from keras import backend as K

from _trace import trace, approx, seed_weights

num_classes = 4
np.random.seed(1)
x_train = np.random.random((96, 20))
y_train = keras.utils.to_categorical(np.random.randint(num_classes, size=(96, 1)), num_classes=num_classes)
x_test = np.random.random((32, 20))
y_test = keras.utils.to_categorical(np.random.randint(num_classes, size=(32, 1)), num_classes=num_classes)

model = Sequential()
model.add(Dense(32, activation='relu', input_dim=20))
model.add(Dense(32))
model.add(Activation('relu'))
model.add(Dense(num_classes, activation='softmax'))

sgd = SGD(lr=0.01, decay=1e-6, momentum=0.9, nesterov=True)
model.compile(loss='categorical_crossentropy', optimizer=sgd, metrics=['accuracy'])
seed_weights(model)

history = model.fit(x_train, y_train, epochs=3, batch_size=32, verbose=0, shuffle=False)
score = model.evaluate(x_test, y_test, batch_size=32, verbose=0)

config = model.optimizer.get_config()
print('lr', K.eval(model.optimizer.lr), 'decay', config['decay'])

trace(history_keys=sorted(history.history.keys()))
trace(loss=approx(history.history['loss'], rel=2e-3))
trace(score=approx(score, rel=2e-3))
trace(lr=float(K.get_value(model.optimizer.lr)))
trace(decay=float(K.get_value(model.optimizer.decay)))
trace(momentum=float(K.get_value(model.optimizer.momentum)))
trace(iterations=int(K.get_value(model.optimizer.iterations)))
trace(config_lr=float(config['lr']), config_nesterov=config['nesterov'],
      config_decay=float(config['decay']))
trace(optimizer_is_sgd=isinstance(model.optimizer, SGD))
