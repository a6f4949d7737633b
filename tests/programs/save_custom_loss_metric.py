"""Saving a model compiled with a custom loss (a focal-loss closure, as in the 2018 Kaggle
kernels) and a custom metric function, then ``load_model`` with
``custom_objects={'focal_loss_fixed': focal_loss(gamma=2., alpha=.25), 'f1': f1}`` so the
compiled model comes back and ``evaluate`` gives the same numbers as before saving.
"""
import os

import numpy as np
import tensorflow as tf
import keras.backend as K
from keras.models import Sequential, load_model
from keras.layers import Dense
from keras.optimizers import SGD

from _trace import trace, approx, seed_weights


def focal_loss(gamma=2., alpha=.25):
    def focal_loss_fixed(y_true, y_pred):
        y_pred = K.clip(y_pred, K.epsilon(), 1. - K.epsilon())
        pt_1 = tf.where(tf.equal(y_true, 1), y_pred, tf.ones_like(y_pred))
        pt_0 = tf.where(tf.equal(y_true, 0), y_pred, tf.zeros_like(y_pred))
        return -K.sum(alpha * K.pow(1. - pt_1, gamma) * K.log(pt_1)) \
            - K.sum((1 - alpha) * K.pow(pt_0, gamma) * K.log(1. - pt_0))
    return focal_loss_fixed


def f1(y_true, y_pred):
    y_hat = K.round(K.clip(y_pred, 0, 1))
    tp = K.sum(y_true * y_hat)
    precision = tp / (K.sum(y_hat) + K.epsilon())
    recall = tp / (K.sum(y_true) + K.epsilon())
    return 2 * precision * recall / (precision + recall + K.epsilon())


np.random.seed(8)
X = np.random.rand(48, 7).astype('float32')
Y = (X[:, 0] + X[:, 1] > 1.0).astype('float32').reshape(-1, 1)

model = Sequential([Dense(10, activation='relu', input_shape=(7,)),
                    Dense(1, activation='sigmoid')])
model.compile(optimizer=SGD(lr=0.05), loss=focal_loss(gamma=2., alpha=.25), metrics=['accuracy', f1])
seed_weights(model)
history = model.fit(X, Y, batch_size=16, epochs=2, verbose=0, shuffle=False)
before = model.evaluate(X, Y, batch_size=48, verbose=0)
model.save('focal_model.h5')

restored = load_model('focal_model.h5',
                      custom_objects={'focal_loss_fixed': focal_loss(gamma=2., alpha=.25), 'f1': f1})
after = restored.evaluate(X, Y, batch_size=48, verbose=0)

trace(history_keys=sorted(history.history.keys()),
      metrics_names=restored.metrics_names,
      evaluate_before=approx(before, rel=2e-3),
      evaluate_equal=bool(np.allclose(before, after, rtol=1e-5)),
      predict_equal=bool(np.allclose(model.predict(X), restored.predict(X), atol=1e-6)),
      files=sorted(f for f in os.listdir('.') if f.endswith('.h5')))
