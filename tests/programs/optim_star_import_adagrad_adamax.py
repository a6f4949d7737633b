"""Optimizers from ``from keras.optimizers import *`` with their defaults -- ``Adagrad()``,
``Adadelta()``, ``Adamax()`` and ``Nadam(schedule_decay=0.004)`` -- each compiled onto the same
small network (``from keras.layers import *`` too); the script trains briefly and reads back
each optimizer's default lr and iteration count.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import *
from keras.optimizers import *
from keras import backend as K

from _trace import trace, approx, seed_weights

np.random.seed(10)
X = np.random.rand(48, 6).astype('float32')
Y = np.random.rand(48, 1).astype('float32')

opts = [('Adagrad', Adagrad()), ('Adadelta', Adadelta()), ('Adamax', Adamax()),
        ('Nadam', Nadam(lr=0.002, schedule_decay=0.004))]
lrs = {}
iterations = {}
losses = {}
for name, opt in opts:
    model = Sequential()
    model.add(Dense(5, input_shape=(6,)))
    model.add(Activation('sigmoid'))
    model.add(Dense(1))
    model.compile(optimizer=opt, loss='mse')
    seed_weights(model)
    h = model.fit(X, Y, epochs=2, batch_size=12, verbose=0, shuffle=False)
    lrs[name] = float(K.get_value(opt.lr))
    iterations[name] = int(K.get_value(opt.iterations))
    losses[name] = h.history['loss']

trace(lrs=lrs)
trace(iterations=iterations)
trace(adagrad_loss=approx(losses['Adagrad'], rel=1e-2))
trace(adadelta_loss=approx(losses['Adadelta'], rel=1e-2))
trace(loss_went_down={k: bool(v[-1] < v[0]) for k, v in sorted(losses.items())})
trace(nadam_schedule_decay=float(opts[3][1].get_config()['schedule_decay']))
