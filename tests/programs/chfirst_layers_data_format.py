"""A channels-first convolutional autoencoder with an auxiliary classifier, written with an explicit
``data_format='channels_first'`` on every spatial layer (``Conv2D``, ``MaxPooling2D``,
``UpSampling2D``, ``Conv2DTranspose``, ``GlobalAveragePooling2D``) while the backend default stays
channels-last -- the way code ported from Theano/Caffe kept NCHW tensors. Two named outputs with
``loss_weights`` give per-output History keys.
"""
import numpy as np
from keras.layers import Input, Conv2D, MaxPooling2D, UpSampling2D, Conv2DTranspose
from keras.layers import GlobalAveragePooling2D, Dense
from keras.models import Model
from keras import backend as K

from _trace import trace, approx, seed_weights

np.random.seed(3)
x = np.random.rand(32, 2, 8, 8).astype('float32')
labels = (x[:, 0].mean(axis=(1, 2)) > x[:, 1].mean(axis=(1, 2))).astype('float32').reshape(-1, 1)

input_img = Input(shape=(2, 8, 8))
h = Conv2D(4, (3, 3), activation='relu', padding='same', data_format='channels_first')(input_img)
h = MaxPooling2D((2, 2), padding='same', data_format='channels_first')(h)
encoded = Conv2D(4, (3, 3), activation='relu', padding='same', data_format='channels_first')(h)

d = UpSampling2D((2, 2), data_format='channels_first')(encoded)
d = Conv2DTranspose(4, (3, 3), padding='same', activation='relu', data_format='channels_first')(d)
decoded = Conv2D(2, (3, 3), activation='sigmoid', padding='same', data_format='channels_first',
                 name='recon')(d)

g = GlobalAveragePooling2D(data_format='channels_first')(encoded)
cls = Dense(1, activation='sigmoid', name='cls')(g)

autoencoder = Model(input_img, [decoded, cls])
autoencoder.compile(optimizer='adam', loss=['binary_crossentropy', 'binary_crossentropy'],
                    loss_weights=[1.0, 0.5], metrics={'cls': 'accuracy'})
seed_weights(autoencoder, seed=44, scale=0.3)
hist = autoencoder.fit(x, [x, labels], epochs=2, batch_size=8, shuffle=False, verbose=0)
rec, prob = autoencoder.predict(x[:2])

encoder = Model(input_img, encoded)
trace(backend_format=K.image_data_format(),
      history_keys=sorted(hist.history.keys()),
      loss=approx(hist.history['loss'], rel=5e-3),
      recon_loss=approx(hist.history['recon_loss'], rel=5e-3),
      encoded_shape=encoder.predict(x[:3]).shape,
      recon_shape=rec.shape, cls_shape=prob.shape,
      recon_mean=approx(float(rec.mean()), rel=1e-2),
      params=autoencoder.count_params())
