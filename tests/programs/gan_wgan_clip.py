"""Wasserstein GAN as in keras-gan's wgan.py: a custom ``wasserstein_loss`` written with the backend
(``K.mean(y_true * y_pred)``), ``RMSprop(lr=0.00005)`` shared by the critic and the combined
model, ``n_critic`` critic updates per generator update, and weight clipping done by walking
``critic.layers`` with ``get_weights()`` / ``np.clip`` / ``set_weights()``.
"""
from __future__ import print_function, division

import numpy as np
import keras.backend as K
from keras.layers import Input, Dense, Reshape, Flatten
from keras.layers.advanced_activations import LeakyReLU
from keras.models import Sequential, Model
from keras.optimizers import RMSprop

from _trace import trace, approx, seed_weights, snapshot, changed


class WGAN():
    def __init__(self):
        self.img_shape = (4, 4, 1)
        self.latent_dim = 6
        self.n_critic = 3
        self.clip_value = 0.01
        optimizer = RMSprop(lr=0.00005)

        self.critic = self.build_critic()
        self.critic.compile(loss=self.wasserstein_loss, optimizer=optimizer, metrics=['accuracy'])

        self.generator = self.build_generator()
        z = Input(shape=(self.latent_dim,))
        img = self.generator(z)

        self.critic.trainable = False
        valid = self.critic(img)

        self.combined = Model(z, valid)
        self.combined.compile(loss=self.wasserstein_loss, optimizer=optimizer, metrics=['accuracy'])

    def wasserstein_loss(self, y_true, y_pred):
        return K.mean(y_true * y_pred)

    def build_generator(self):
        model = Sequential()
        model.add(Dense(16, activation="relu", input_dim=self.latent_dim))
        model.add(Dense(int(np.prod(self.img_shape)), activation="tanh"))
        model.add(Reshape(self.img_shape))
        noise = Input(shape=(self.latent_dim,))
        return Model(noise, model(noise))

    def build_critic(self):
        model = Sequential()
        model.add(Flatten(input_shape=self.img_shape))
        model.add(Dense(16))
        model.add(LeakyReLU(alpha=0.2))
        model.add(Dense(1))
        img = Input(shape=self.img_shape)
        return Model(img, model(img))


np.random.seed(11)
wgan = WGAN()
seed_weights(wgan.generator, seed=5, scale=0.3)
seed_weights(wgan.critic, seed=6, scale=0.01)

batch_size = 8
X_train = np.random.uniform(-1, 1, (40,) + wgan.img_shape).astype('float32')
valid = -np.ones((batch_size, 1))
fake = np.ones((batch_size, 1))

d_hist, g_hist = [], []
for epoch in range(2):
    for i in range(wgan.n_critic):
        idx = np.random.randint(0, X_train.shape[0], batch_size)
        imgs = X_train[idx]
        noise = np.random.normal(0, 1, (batch_size, wgan.latent_dim))
        gen_imgs = wgan.generator.predict(noise)

        before = snapshot(wgan.critic)
        d_loss_real = wgan.critic.train_on_batch(imgs, valid)
        d_loss_fake = wgan.critic.train_on_batch(gen_imgs, fake)
        d_loss = 0.5 * np.add(d_loss_fake, d_loss_real)
        critic_moved = changed(before, snapshot(wgan.critic))

        # Clip critic weights
        for l in wgan.critic.layers:
            weights = l.get_weights()
            weights = [np.clip(w, -wgan.clip_value, wgan.clip_value) for w in weights]
            l.set_weights(weights)
        d_hist.append(float(d_loss[0]))

    g_before, c_before = snapshot(wgan.generator), snapshot(wgan.critic)
    g_loss = wgan.combined.train_on_batch(noise, valid)
    g_moved, c_moved = changed(g_before, snapshot(wgan.generator)), changed(c_before, snapshot(wgan.critic))
    print("%d [D loss: %f] [G loss: %f]" % (epoch, 1 - d_loss[0], 1 - g_loss[0]))
    g_hist.append(float(g_loss[0]))

trace(critic_step_changed=critic_moved, combined_step_changed_g=g_moved,
      combined_step_changed_critic=c_moved,
      critic_max_abs_weight=approx(max(float(np.abs(w).max()) for w in wgan.critic.get_weights())),
      d_loss_len=len(d_loss_real), g_loss_len=len(g_loss),
      d_loss=approx(d_hist, rel=1e-2, abs=1e-6), g_loss=approx(g_hist, rel=1e-2, abs=1e-6),
      lr=approx(float(K.get_value(wgan.critic.optimizer.lr)), rel=1e-6, abs=0),
      gen_shape=wgan.generator.predict(np.zeros((3, wgan.latent_dim))).shape)
