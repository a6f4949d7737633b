"""Conditional GAN as in keras-gan's cgan.py: an MLP generator and discriminator that take a class
label through ``Embedding`` + ``Flatten`` + ``multiply``, the discriminator compiled with
``metrics=['accuracy']`` and one shared ``Adam(0.0002, 0.5)``, ``discriminator.trainable = False``
before compiling the two-input combined model, and the usual progress line
``"%d [D loss: %f, acc.: %.2f%%] [G loss: %f]"`` printed from the train_on_batch results.
"""
from __future__ import print_function, division

from keras.layers import Input, Dense, Reshape, Flatten, Dropout, multiply
from keras.layers import BatchNormalization, Embedding
from keras.layers.advanced_activations import LeakyReLU
from keras.models import Sequential, Model
from keras.optimizers import Adam
import numpy as np

from _trace import trace, approx, seed_weights, snapshot, changed

img_shape = (6, 6, 1)
num_classes = 3
latent_dim = 8



def reset_bn_statistics(model):
    """Moving mean 0 and variance 1, as freshly built, after seeding the other weights."""
    for layer in model.layers:
        if hasattr(layer, 'layers'):
            reset_bn_statistics(layer)
        elif isinstance(layer, BatchNormalization):
            weights = layer.get_weights()
            weights[-2:] = [np.zeros_like(weights[-2]), np.ones_like(weights[-1])]
            layer.set_weights(weights)


def build_generator():
    model = Sequential()
    model.add(Dense(16, input_dim=latent_dim))
    model.add(LeakyReLU(alpha=0.2))
    model.add(BatchNormalization(momentum=0.8))
    model.add(Dense(32))
    model.add(LeakyReLU(alpha=0.2))
    model.add(BatchNormalization(momentum=0.8))
    model.add(Dense(np.prod(img_shape), activation='tanh'))
    model.add(Reshape(img_shape))

    noise = Input(shape=(latent_dim,))
    label = Input(shape=(1,), dtype='int32')
    label_embedding = Flatten()(Embedding(num_classes, latent_dim)(label))
    model_input = multiply([noise, label_embedding])
    img = model(model_input)
    return Model([noise, label], img)


def build_discriminator():
    model = Sequential()
    model.add(Dense(32, input_dim=np.prod(img_shape)))
    model.add(LeakyReLU(alpha=0.2))
    model.add(Dense(16))
    model.add(LeakyReLU(alpha=0.2))
    model.add(Dense(1, activation='sigmoid'))

    img = Input(shape=img_shape)
    label = Input(shape=(1,), dtype='int32')
    label_embedding = Flatten()(Embedding(num_classes, np.prod(img_shape))(label))
    flat_img = Flatten()(img)
    model_input = multiply([flat_img, label_embedding])
    validity = model(model_input)
    return Model([img, label], validity)


optimizer = Adam(0.0002, 0.5)

discriminator = build_discriminator()
discriminator.compile(loss=['binary_crossentropy'], optimizer=optimizer, metrics=['accuracy'])

generator = build_generator()
noise = Input(shape=(latent_dim,))
label = Input(shape=(1,))
img = generator([noise, label])

discriminator.trainable = False
valid = discriminator([img, label])

combined = Model([noise, label], valid)
combined.compile(loss=['binary_crossentropy'], optimizer=optimizer)

seed_weights(generator, seed=3)
seed_weights(discriminator, seed=4)
reset_bn_statistics(generator)

np.random.seed(7)
X_train = np.random.uniform(-1, 1, (48,) + img_shape).astype('float32')
y_train = np.random.randint(0, num_classes, (48, 1))
batch_size = 16
valid_y = np.ones((batch_size, 1))
fake_y = np.zeros((batch_size, 1))

d_hist, g_hist, changes = [], [], []
for epoch in range(3):
    imgs, labels = X_train[epoch * 16:(epoch + 1) * 16], y_train[epoch * 16:(epoch + 1) * 16]
    noise = np.random.normal(0, 1, (batch_size, latent_dim))
    gen_imgs = generator.predict([noise, labels])

    d0, g0 = snapshot(discriminator), snapshot(generator)
    d_loss_real = discriminator.train_on_batch([imgs, labels], valid_y)
    d_loss_fake = discriminator.train_on_batch([gen_imgs, labels], fake_y)
    d_loss = 0.5 * np.add(d_loss_real, d_loss_fake)
    d1, g1 = snapshot(discriminator), snapshot(generator)

    sampled_labels = np.random.randint(0, num_classes, batch_size).reshape(-1, 1)
    g_loss = combined.train_on_batch([noise, sampled_labels], valid_y)
    d2, g2 = snapshot(discriminator), snapshot(generator)

    print("%d [D loss: %f, acc.: %.2f%%] [G loss: %f]" % (epoch, d_loss[0], 100 * d_loss[1], g_loss))
    d_hist.append(float(d_loss[0]))
    g_hist.append(float(g_loss))
    if epoch == 0:
        changes = [changed(d0, d1), changed(g0, g1), changed(d1, d2), changed(g1, g2)]

trace(d_train_changed_d=changes[0], d_train_changed_g=changes[1],
      combined_train_changed_d=changes[2], combined_train_changed_g=changes[3],
      d_loss_is_list=isinstance(d_loss_real, list), d_loss_len=len(d_loss_real),
      g_loss_is_list=isinstance(g_loss, list), g_loss_ndim=int(np.ndim(g_loss)),
      d_loss=approx(d_hist, rel=1e-2), g_loss=approx(g_hist, rel=1e-2),
      gen_shape=generator.predict([np.zeros((4, latent_dim)), np.array([[0], [1], [2], [0]])]).shape,
      combined_inputs=len(combined.inputs), combined_params=combined.count_params())
