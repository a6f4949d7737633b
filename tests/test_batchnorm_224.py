"""BatchNormalization after ``keraslint --fix`` keeps Keras 2.2.4's moving statistics and frozen
layers: one 2.2.4 program trains dense and convolutional models with BatchNormalization (one
frozen) from the same weights; its moving statistics and predictions must match the fixed
program's on each target's TensorFlow."""

from __future__ import annotations

import pytest

from tests.ported import reference_and_port

PROGRAM = '''\
import json
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Conv2D, Flatten, BatchNormalization
from keras.optimizers import SGD

x_dense = np.random.RandomState(2).rand(8, 6).astype('float32')
x_conv = np.random.RandomState(3).rand(8, 5, 5, 2).astype('float32')
y = np.ones((8, 1), 'float32')
results = {}
for name, layers, x in (
        ('dense', [Dense(4, input_shape=(6,)), BatchNormalization(), Dense(1)], x_dense),
        ('conv', [Conv2D(3, (3, 3), input_shape=(5, 5, 2)), BatchNormalization(), Flatten(), Dense(1)], x_conv),
        ('frozen', [Dense(4, input_shape=(6,)), BatchNormalization(trainable=False), Dense(1)], x_dense)):
    model = Sequential(layers)
    rng = np.random.RandomState(1)
    for layer in model.layers:
        values = [v if 'moving' in w.name else rng.uniform(-0.5, 0.5, v.shape).astype('float32')
                  for w, v in zip(layer.weights, layer.get_weights())]
        layer.set_weights(values)
    model.compile(SGD(lr=0.01), 'mse')
    losses = [float(model.train_on_batch(x, y)) for step in range(5)]
    gamma, beta, mean, variance = model.layers[1].get_weights()
    results[name] = {'losses': losses, 'mean': mean.tolist(), 'variance': variance.tolist(),
                     'predictions': model.predict(x[:3]).ravel().tolist()}
print('RESULT ' + json.dumps(results))
'''


@pytest.mark.parametrize("target", ["keras3", "keras2"])
def test_batchnorm_trains_as_keras_2_2_4s(tmp_path, target: str) -> None:
    expected, found, fixed = reference_and_port(PROGRAM, tmp_path, target)
    assert fixed.count("class BatchNormalization_224(") == 1
    differ = {(name, key): (expected[name][key], found[name][key]) for name in expected for key in expected[name]
              if found[name][key] != pytest.approx(expected[name][key], rel=1e-4, abs=1e-6)}
    assert not differ, differ
