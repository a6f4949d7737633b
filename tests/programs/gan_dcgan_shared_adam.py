"""DCGAN in the keras-gan / Keras-examples style: a Conv2DTranspose-free generator built from
Dense + Reshape + UpSampling2D + Conv2D with BatchNormalization(momentum=0.8), a convolutional
discriminator with LeakyReLU, and one ``Adam(0.0002, 0.5)`` instance shared by both compiles.
The discriminator is compiled while trainable, then ``discriminator.trainable = False`` is set
before the combined (generator -> discriminator) model is compiled, and the two are trained
alternately with ``train_on_batch``; the trace records which weights each step moved.
"""
from __future__ import print_function, division

import numpy as np
from keras.layers import Input, Dense, Reshape, Flatten, Activation
from keras.layers import BatchNormalization, ZeroPadding2D
from keras.layers.advanced_activations import LeakyReLU
from keras.layers.convolutional import UpSampling2D, Conv2D
from keras.models import Sequential, Model
from keras.optimizers import Adam

from _trace import trace, approx, seed_weights, snapshot, changed



def reset_bn_statistics(model):
    """Moving mean 0 and variance 1, as freshly built, after seeding the other weights."""
    for layer in model.layers:
        if hasattr(layer, 'layers'):
            reset_bn_statistics(layer)
        elif isinstance(layer, BatchNormalization):
            weights = layer.get_weights()
            weights[-2:] = [np.zeros_like(weights[-2]), np.ones_like(weights[-1])]
            layer.set_weights(weights)


class DCGAN():
    def __init__(self):
        self.img_rows = 8
        self.img_cols = 8
        self.channels = 1
        self.img_shape = (self.img_rows, self.img_cols, self.channels)
        self.latent_dim = 10

        optimizer = Adam(0.0002, 0.5)

        # Build and compile the discriminator
        self.discriminator = self.build_discriminator()
        self.discriminator.compile(loss='binary_crossentropy',
                                   optimizer=optimizer,
                                   metrics=['accuracy'])

        # Build the generator
        self.generator = self.build_generator()

        # The generator takes noise as input and generates imgs
        z = Input(shape=(self.latent_dim,))
        img = self.generator(z)

        # For the combined model we will only train the generator
        self.discriminator.trainable = False

        # The discriminator takes generated images as input and determines validity
        valid = self.discriminator(img)

        # The combined model  (stacked generator and discriminator)
        # Trains the generator to fool the discriminator
        self.combined = Model(z, valid)
        self.combined.compile(loss='binary_crossentropy', optimizer=optimizer)

    def build_generator(self):
        model = Sequential()
        model.add(Dense(16 * 4 * 4, activation="relu", input_dim=self.latent_dim))
        model.add(Reshape((4, 4, 16)))
        model.add(UpSampling2D())
        model.add(Conv2D(8, kernel_size=3, padding="same"))
        model.add(BatchNormalization(momentum=0.8))
        model.add(Activation("relu"))
        model.add(Conv2D(self.channels, kernel_size=3, padding="same"))
        model.add(Activation("tanh"))

        noise = Input(shape=(self.latent_dim,))
        img = model(noise)
        return Model(noise, img)

    def build_discriminator(self):
        model = Sequential()
        model.add(Conv2D(8, kernel_size=3, strides=2, input_shape=self.img_shape, padding="same"))
        model.add(LeakyReLU(alpha=0.2))
        model.add(Conv2D(16, kernel_size=3, strides=2, padding="same"))
        model.add(ZeroPadding2D(padding=((0, 1), (0, 1))))
        model.add(BatchNormalization(momentum=0.8))
        model.add(LeakyReLU(alpha=0.2))
        model.add(Flatten())
        model.add(Dense(1, activation='sigmoid'))

        img = Input(shape=self.img_shape)
        validity = model(img)
        return Model(img, validity)


np.random.seed(0)
gan = DCGAN()
seed_weights(gan.generator, seed=1)
seed_weights(gan.discriminator, seed=2)
reset_bn_statistics(gan.generator)
reset_bn_statistics(gan.discriminator)

batch_size = 8
X_train = np.random.uniform(-1, 1, (32, 8, 8, 1)).astype('float32')
valid = np.ones((batch_size, 1))
fake = np.zeros((batch_size, 1))

def bn_layer(model):
    inner = [l for l in model.layers if hasattr(l, 'layers')][0]
    return [l for l in inner.layers if isinstance(l, BatchNormalization)][0]


def kernels_changed(before, after):
    # kernels only: a bias feeding BatchNormalization has no gradient
    return [c for c, w in zip(changed(before, after), before) if w.ndim > 1]


d_bn, g_bn = bn_layer(gan.discriminator), bn_layer(gan.generator)
d_losses, g_losses = [], []
for epoch in range(3):
    idx = np.arange(epoch * batch_size, (epoch + 1) * batch_size)
    imgs = X_train[idx]
    noise = np.random.normal(0, 1, (batch_size, gan.latent_dim))
    gen_imgs = gan.generator.predict(noise)

    d_before, g_before = snapshot(gan.discriminator), snapshot(gan.generator)
    d_bn_before, g_bn_before = d_bn.get_weights(), g_bn.get_weights()
    d_loss_real = gan.discriminator.train_on_batch(imgs, valid)
    d_loss_fake = gan.discriminator.train_on_batch(gen_imgs, fake)
    d_loss = 0.5 * np.add(d_loss_real, d_loss_fake)
    d_after, g_after = snapshot(gan.discriminator), snapshot(gan.generator)
    d_bn_after, g_bn_after = d_bn.get_weights(), g_bn.get_weights()

    g_loss = gan.combined.train_on_batch(noise, valid)
    d_final, g_final = snapshot(gan.discriminator), snapshot(gan.generator)
    d_losses.append(float(d_loss[0]))
    g_losses.append(float(g_loss))
    if epoch == 0:
        d_step = dict(d_kernels=kernels_changed(d_before, d_after),
                      d_bn_gamma_beta_mean_var=changed(d_bn_before, d_bn_after),
                      g_any=any(changed(g_before, g_after)))
        g_step = dict(d_any=any(changed(d_after, d_final)),
                      g_kernels=kernels_changed(g_after, g_final),
                      g_bn_gamma_beta_mean_var=changed(g_bn_after, g_bn.get_weights()))
        d_loss_type = (type(d_loss_real).__name__, len(d_loss_real))
        g_loss_is_scalar = bool(np.ndim(g_loss) == 0)

trace(d_step_changed=d_step, g_step_changed=g_step,
      d_loss_structure=d_loss_type, g_loss_is_scalar=g_loss_is_scalar,
      d_trainable_weights=len(gan.discriminator.trainable_weights),
      combined_trainable_weights=len(gan.combined.trainable_weights),
      d_loss=approx(d_losses, rel=1e-2), g_loss=approx(g_losses, rel=1e-2),
      gen_shape=gan.generator.predict(np.zeros((2, gan.latent_dim))).shape,
      g_params=gan.generator.count_params(), d_params=gan.discriminator.count_params())
