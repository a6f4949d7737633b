"""A hand-written training loop (GAN/RL-style scripts of 2017-2018): ``keras.optimizers.SGD`` with
``decay`` set, ``model.train_on_batch`` over mini-batches, and a manual step decay of the learning
rate at the end of each epoch with ``K.set_value(model.optimizer.lr, ...)``; tracks the lr and
iteration counter read back with ``K.get_value`` and which weights a single step moved.
"""
from __future__ import print_function
import numpy as np
import keras
from keras import backend as K

from _trace import trace, approx, seed_weights, snapshot, changed

np.random.seed(1234)
X = np.random.rand(64, 8).astype('float32')
Y = keras.utils.to_categorical(np.random.randint(0, 4, 64), 4)

model = keras.models.Sequential()
model.add(keras.layers.Dense(16, input_dim=8, activation='relu'))
model.add(keras.layers.Dense(4, activation='softmax'))
model.layers[0].trainable = True
model.compile(loss='categorical_crossentropy',
              optimizer=keras.optimizers.SGD(lr=0.05, momentum=0.5, decay=1e-3),
              metrics=['accuracy'])
seed_weights(model)

batch_size = 16
lrs = []
epoch_losses = []
first = None
for epoch in range(4):
    losses = []
    for i in range(0, len(X), batch_size):
        before = snapshot(model) if first is None else None
        loss, acc = model.train_on_batch(X[i:i + batch_size], Y[i:i + batch_size])
        if first is None:
            first = changed(before, snapshot(model))
        losses.append(loss)
    epoch_losses.append(float(np.mean(losses)))
    old_lr = K.get_value(model.optimizer.lr)
    K.set_value(model.optimizer.lr, old_lr * 0.5)
    lrs.append(float(K.get_value(model.optimizer.lr)))
    print('epoch', epoch, 'lr', lrs[-1])

trace(lrs=lrs)
trace(iterations=int(K.get_value(model.optimizer.iterations)))
trace(decay=float(K.get_value(model.optimizer.decay)))
trace(first_step_changed=first)
trace(epoch_losses=approx(epoch_losses, rel=2e-3))
trace(metrics_names=model.metrics_names)
