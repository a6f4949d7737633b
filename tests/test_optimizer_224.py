"""Optimizers after ``keraslint --fix`` train exactly as Keras 2.2.4's did.

One 2.2.4 program trains the same small model from the same weights with every 2.2.4
optimizer whose updates tf.keras changed (decay, Adam's bias correction, RMSprop's and
Adagrad's epsilon, string optimizers). It runs under real Keras 2.2.4 (the reference
environment) and, after ``keraslint --fix``, under each target's TensorFlow (installed TensorFlow for keras3,
TF 2.15 for keras2); the losses of every step must agree.
"""

from __future__ import annotations

import pytest

from tests.ported import reference_and_port

PROGRAM = '''\
import json
import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import SGD, Adam, Adamax, RMSprop, Adagrad, Adadelta, Nadam

np.random.seed(0)
x = np.random.rand(16, 3).astype('float32')
y = (x.sum(axis=1, keepdims=True) * 3).astype('float32')
optimizers = {
    'sgd_decay_momentum': lambda: SGD(lr=0.05, decay=0.1, momentum=0.9),
    'sgd_nesterov_decay': lambda: SGD(lr=0.01, momentum=0.9, nesterov=True, decay=0.01),
    'adam': lambda: Adam(lr=0.05),
    'adam_decay_amsgrad': lambda: Adam(lr=0.05, decay=0.05, amsgrad=True),
    'adamax': lambda: Adamax(lr=0.05),
    'rmsprop_epsilon': lambda: RMSprop(lr=0.01, epsilon=0.1),
    'rmsprop_decay': lambda: RMSprop(lr=0.01, decay=0.1),
    'adagrad': lambda: Adagrad(lr=0.1, epsilon=0.1),
    'adadelta': lambda: Adadelta(),
    'nadam': lambda: Nadam(lr=0.05),
    'nadam_schedule': lambda: Nadam(lr=0.05, schedule_decay=0.5),
}
losses = {}


def train(name, compile_model):
    model = Sequential()
    model.add(Dense(1, input_dim=3))
    model.set_weights([np.full((3, 1), 0.1, 'float32'), np.zeros(1, 'float32')])
    compile_model(model)
    losses[name] = [float(model.train_on_batch(x, y)) for step in range(8)]


for name, make in sorted(optimizers.items()):
    train(name, lambda model: model.compile(optimizer=make(), loss='mse'))
train('adam_string', lambda model: model.compile(optimizer='adam', loss='mse'))
train('rmsprop_string', lambda model: model.compile(optimizer='rmsprop', loss='mse'))
train('nadam_string', lambda model: model.compile(optimizer='nadam', loss='mse'))
print('RESULT ' + json.dumps(losses))
'''


@pytest.mark.parametrize("target", ["keras3", "keras2"])
def test_fixed_optimizers_train_as_keras_2_2_4s(tmp_path, target: str) -> None:
    expected, found, fixed = reference_and_port(PROGRAM, tmp_path, target)
    assert "optimizer_224(" in fixed and "from keras" not in fixed
    assert set(found) == set(expected)
    differ = {name: (expected[name], found[name]) for name in expected
              if found[name] != pytest.approx(expected[name], rel=2e-5, abs=1e-6)}
    assert not differ, differ


GAN = '''\
import json
import numpy as np
from keras.models import Sequential, Model
from keras.layers import Dense, Input
from keras.optimizers import Adam

def seeded(model, seed):
    rng = np.random.RandomState(seed)
    for layer in model.layers:
        layer.set_weights([rng.uniform(-0.5, 0.5, w.shape).astype('float32') for w in layer.get_weights()])

optimizer = Adam(0.01, 0.5)
discriminator = Sequential([Dense(4, activation='tanh', input_dim=2), Dense(1, activation='sigmoid')])
seeded(discriminator, 1)
discriminator.compile(loss='binary_crossentropy', optimizer=optimizer)
generator = Sequential([Dense(2, input_dim=3)])
seeded(generator, 2)
z = Input(shape=(3,))
discriminator.trainable = False
combined = Model(z, discriminator(generator(z)))
combined.compile(loss='binary_crossentropy', optimizer=optimizer)

rng = np.random.RandomState(0)
real = rng.rand(8, 2).astype('float32')
noise = rng.rand(8, 3).astype('float32')
ones, zeros = np.ones((8, 1), 'float32'), np.zeros((8, 1), 'float32')
losses = []
for step in range(4):
    fake = generator.predict(noise)
    d_real = discriminator.train_on_batch(real, ones)
    d_fake = discriminator.train_on_batch(fake, zeros)
    g_loss = combined.train_on_batch(noise, ones)
    losses.append([float(d_real), float(d_fake), float(g_loss)])
print('RESULT ' + json.dumps({'losses': losses,
                              'd': [w.ravel().tolist() for w in discriminator.get_weights()],
                              'g': [w.ravel().tolist() for w in generator.get_weights()]}))
'''


@pytest.mark.parametrize("target", ["keras3", "keras2"])
def test_a_gan_with_one_optimizer_trains_as_in_keras_2_2_4(tmp_path, target) -> None:
    expected, found, fixed = reference_and_port(GAN, tmp_path, target)
    # keras3: a copy of the optimizer per further model; keras2: the legacy class serves both
    assert ("shared_optimizer_224(optimizer)" in fixed) == (target == "keras3")
    flat = lambda result: [x for key in sorted(result) for row in result[key] for x in row]  # noqa: E731
    assert flat(found) == pytest.approx(flat(expected), rel=1e-4, abs=1e-6)
