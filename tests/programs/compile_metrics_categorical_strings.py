"""Multi-class softmax classifier compiled with one-hot labels and the accuracy family of
metric strings ('categorical_accuracy', 'top_k_categorical_accuracy', 'acc'), as
image/text classification tutorials did; the script prints evaluate()'s list zipped with
model.metrics_names, the common 2018 idiom for reporting test scores.
"""
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense, Activation

from _trace import trace, approx, seed_weights

num_classes = 6
rng = np.random.RandomState(42)
x_train = rng.rand(120, 10).astype('float32')
y_train = keras.utils.to_categorical(rng.randint(0, num_classes, 120), num_classes)
x_test = rng.rand(40, 10).astype('float32')
y_test = keras.utils.to_categorical(rng.randint(0, num_classes, 40), num_classes)

model = Sequential([
    Dense(24, input_shape=(10,)),
    Activation('relu'),
    Dense(num_classes),
    Activation('softmax'),
])
model.compile(loss='categorical_crossentropy', optimizer='sgd',
              metrics=['categorical_accuracy', 'top_k_categorical_accuracy', 'acc'])
seed_weights(model)
history = model.fit(x_train, y_train, batch_size=20, epochs=2, shuffle=False, verbose=0)

score = model.evaluate(x_test, y_test, batch_size=20, verbose=0)
for name, value in zip(model.metrics_names, score):
    print('%s: %.4f' % (name, value))

trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      evaluate_type=type(score).__name__,
      evaluate_len=len(score),
      evaluate=approx(score, rel=2e-3),
      top5=approx(history.history['top_k_categorical_accuracy'], rel=1e-3))
