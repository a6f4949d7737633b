"""Keras 1 functional-API code still run on Keras 2.2.4: ``Model(input=..., output=...)``,
``Convolution2D(nb_filter, nb_row, nb_col, subsample=(2, 2), W_regularizer=l2(0.01),
b_regularizer=l2(0.01))``, ``Dense(..., W_regularizer=l2(0.01), W_constraint=maxnorm(2))`` with the
lowercase ``maxnorm`` alias, and ``fit(..., nb_epoch=)``. The weight penalties are part of the
reported loss, so the losses show whether the regularizers survived the port.
"""
import numpy as np
from keras.layers import Input, Dense, Flatten, Activation
from keras.layers import Convolution2D
from keras.models import Model
from keras.regularizers import l2
from keras.constraints import maxnorm
from keras.optimizers import SGD

from _trace import trace, approx, seed_weights

np.random.seed(2017)
X = np.random.rand(32, 9, 9, 3).astype('float32')
Y = np.random.randint(0, 2, (32, 1)).astype('float32')

inp = Input(shape=(9, 9, 3))
x = Convolution2D(8, 3, 3, subsample=(2, 2), border_mode='valid',
                  W_regularizer=l2(0.01), b_regularizer=l2(0.01))(inp)
x = Activation('relu')(x)
x = Flatten()(x)
x = Dense(16, activation='relu', W_regularizer=l2(0.01), W_constraint=maxnorm(2))(x)
out = Dense(1, activation='sigmoid', init='glorot_uniform')(x)

model = Model(input=inp, output=out)
model.compile(optimizer=SGD(lr=0.05), loss='binary_crossentropy')
seed_weights(model, seed=19, scale=0.5)

reg_losses = [len(l.losses) for l in model.layers]
history = model.fit(X, Y, batch_size=8, nb_epoch=3, shuffle=False, verbose=0)
dense_kernel = model.get_weights()[2]

trace(conv_output_shape=model.layers[1].output_shape,
      conv_strides=list(model.layers[1].strides),
      conv_kernel_size=list(model.layers[1].kernel_size),
      penalties_per_layer=reg_losses,
      total_penalties=len(model.losses),
      loss=approx(history.history['loss'], rel=2e-3),
      max_column_norm=approx(float(np.sqrt((dense_kernel ** 2).sum(axis=0)).max()), rel=2e-3),
      constraint_holds=bool(np.sqrt((dense_kernel ** 2).sum(axis=0)).max() <= 2.0 + 1e-5),
      eval_loss=approx(model.evaluate(X, Y, verbose=0), rel=2e-3),
      params=model.count_params())
