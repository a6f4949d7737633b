"""LearningRateScheduler with the two-argument schedule ``schedule(epoch, lr)`` that Keras 2.2
introduced: the current lr is passed in and halved every epoch after a warm epoch, written as a
lambda and as a named function in a Model (functional API) script using Adam with decay, with
``verbose=1`` on the scheduler and the per-epoch lr read back from ``history.history['lr']``.
"""
import numpy as np
import keras
from keras.layers import Input, Dense
from keras.models import Model
from keras import backend as K

from _trace import trace, approx, seed_weights


def scheduler(epoch, lr):
    if epoch < 1:
        return lr
    else:
        return lr * 0.5


np.random.seed(3)
x = np.random.rand(64, 10).astype('float32')
y = keras.utils.to_categorical(np.random.randint(0, 3, size=(64,)), 3)

inputs = Input(shape=(10,))
h = Dense(16, activation='tanh')(inputs)
outputs = Dense(3, activation='softmax')(h)
model = Model(inputs=inputs, outputs=outputs)
model.compile(optimizer=keras.optimizers.Adam(lr=0.01, decay=1e-4),
              loss='categorical_crossentropy', metrics=['accuracy'])
seed_weights(model)

seen = []
record = keras.callbacks.LambdaCallback(
    on_epoch_begin=lambda epoch, logs: seen.append(float(K.get_value(model.optimizer.lr))))
callback = keras.callbacks.LearningRateScheduler(scheduler, verbose=1)
history = model.fit(x, y, epochs=4, batch_size=16, callbacks=[callback, record],
                    verbose=0, shuffle=False)

decay_first = float(K.get_value(model.optimizer.decay))

# a second run where the lambda returns a float from the lr passed in
model.compile(optimizer=keras.optimizers.Adam(lr=0.004), loss='categorical_crossentropy')
history2 = model.fit(x, y, epochs=3, batch_size=32, verbose=0, shuffle=False,
                     callbacks=[keras.callbacks.LearningRateScheduler(lambda epoch, lr: float(lr * 0.1))])

trace(history_keys=sorted(history.history.keys()))
trace(history_lr=[float(v) for v in history.history['lr']])
trace(lr_at_epoch_begin=seen)
trace(final_lr=float(K.get_value(model.optimizer.lr)))
trace(decay=decay_first)
trace(history2_keys=sorted(history2.history.keys()))
trace(history2_lr=[float(v) for v in history2.history['lr']])
trace(loss=approx(history.history['loss'], rel=2e-2))
