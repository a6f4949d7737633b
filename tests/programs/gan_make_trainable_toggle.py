"""The 2016-2017 "GAN in Keras" blog pattern: a ``make_trainable(net, val)`` helper that flips
``net.trainable`` and every ``layer.trainable``, the adversarial model stacked as
``Sequential([generator, discriminator])``, RMSprop with ``lr=`` and ``decay=``, a discriminator
pre-training ``fit`` with ``nb_epoch``-era arguments, then a loop that toggles trainability
before each ``train_on_batch`` without recompiling.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Activation
from keras.layers.advanced_activations import LeakyReLU
from keras.optimizers import RMSprop

from _trace import trace, approx, seed_weights, snapshot, changed


def make_trainable(net, val):
    net.trainable = val
    for l in net.layers:
        l.trainable = val


latent = 5
features = 12

generator = Sequential()
generator.add(Dense(16, input_dim=latent))
generator.add(Activation('relu'))
generator.add(Dense(features))
generator.add(Activation('tanh'))

discriminator = Sequential()
discriminator.add(Dense(16, input_dim=features))
discriminator.add(LeakyReLU(0.2))
discriminator.add(Dense(1))
discriminator.add(Activation('sigmoid'))

d_opt = RMSprop(lr=0.0008, decay=6e-8)
discriminator.compile(loss='binary_crossentropy', optimizer=d_opt, metrics=['accuracy'])

make_trainable(discriminator, False)
gan = Sequential()
gan.add(generator)
gan.add(discriminator)
g_opt = RMSprop(lr=0.0004, decay=3e-8)
gan.compile(loss='binary_crossentropy', optimizer=g_opt, metrics=['accuracy'])

seed_weights(generator, seed=8)
seed_weights(discriminator, seed=9)

np.random.seed(21)
real = np.random.uniform(-1, 1, (32, features)).astype('float32')
noise = np.random.uniform(-1, 1, (32, latent)).astype('float32')

# pre-train the discriminator
make_trainable(discriminator, True)
X = np.concatenate((real, generator.predict(noise)))
y = np.zeros((64, 1))
y[:32] = 1
pre = discriminator.fit(X, y, epochs=1, batch_size=16, shuffle=False, verbose=0)

d_losses, g_losses = [], []
for step in range(3):
    batch = real[step * 8:(step + 1) * 8]
    z = np.random.uniform(-1, 1, (8, latent)).astype('float32')
    fake = generator.predict(z)
    make_trainable(discriminator, True)
    d0, g0 = snapshot(discriminator), snapshot(generator)
    d_loss = discriminator.train_on_batch(np.concatenate((batch, fake)),
                                          np.concatenate((np.ones((8, 1)), np.zeros((8, 1)))))
    d1, g1 = snapshot(discriminator), snapshot(generator)

    make_trainable(discriminator, False)
    g_loss = gan.train_on_batch(z, np.ones((8, 1)))
    d2, g2 = snapshot(discriminator), snapshot(generator)
    d_losses.append(d_loss[0])
    g_losses.append(g_loss[0])
    if step == 0:
        moved = dict(d_step_d=changed(d0, d1), d_step_g=changed(g0, g1),
                     gan_step_d=changed(d1, d2), gan_step_g=changed(g1, g2))

trace(pretrain_history_keys=sorted(pre.history.keys()),
      pretrain_loss=approx(pre.history['loss'], rel=2e-3),
      moved=moved, d_loss=approx(d_losses, rel=5e-3), g_loss=approx(g_losses, rel=5e-3),
      gan_loss_len=len(g_loss), gan_layers=len(gan.layers),
      gan_trainable_weights_after_toggle=len(gan.trainable_weights),
      sample_shape=gan.layers[0].predict(z[:2]).shape, gan_params=gan.count_params())
