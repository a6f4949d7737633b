"""Linear learning-rate warm-up done per batch by a custom Callback (the pattern of the 2018
"WarmUpLearningRateScheduler" gists): ``on_batch_begin`` sets the lr with ``K.set_value`` from
the global step, ``on_batch_end`` records ``K.get_value(self.model.optimizer.lr)``, and
``on_train_begin`` reads the training parameters from ``self.params``.
"""
import numpy as np
import keras
from keras import backend as K
from keras.models import Sequential
from keras.layers import Dense

from _trace import trace, seed_weights


class WarmUpLearningRateScheduler(keras.callbacks.Callback):
    """Warmup learning rate scheduler."""

    def __init__(self, warmup_batches, init_lr, verbose=0):
        super(WarmUpLearningRateScheduler, self).__init__()
        self.warmup_batches = warmup_batches
        self.init_lr = init_lr
        self.verbose = verbose
        self.batch_count = 0
        self.learning_rates = []

    def on_train_begin(self, logs=None):
        self.seen_params = dict(self.params)

    def on_batch_end(self, batch, logs=None):
        self.batch_count = self.batch_count + 1
        lr = K.get_value(self.model.optimizer.lr)
        self.learning_rates.append(float(lr))

    def on_batch_begin(self, batch, logs=None):
        if self.batch_count <= self.warmup_batches:
            lr = self.batch_count * self.init_lr / self.warmup_batches
            K.set_value(self.model.optimizer.lr, lr)
            if self.verbose > 0:
                print('\nBatch %05d: WarmUpLearningRateScheduler setting learning '
                      'rate to %s.' % (self.batch_count + 1, lr))


np.random.seed(23)
x = np.random.rand(48, 6).astype('float32')
y = keras.utils.to_categorical(np.random.randint(0, 2, 48), 2)

model = Sequential()
model.add(Dense(8, activation='relu', input_shape=(6,)))
model.add(Dense(2, activation='softmax'))
model.compile(loss='categorical_crossentropy', optimizer=keras.optimizers.SGD(lr=0.0),
              metrics=['accuracy'])
seed_weights(model)

warm_up_lr = WarmUpLearningRateScheduler(warmup_batches=4, init_lr=0.02)
history = model.fit(x, y, epochs=3, batch_size=12, verbose=0, shuffle=False,
                    callbacks=[warm_up_lr])

params = warm_up_lr.seen_params
trace(params_keys=sorted(params.keys()))
trace(params_epochs=params['epochs'], params_samples=params['samples'],
      params_metrics=params['metrics'])
trace(batch_count=warm_up_lr.batch_count)
trace(lr_per_batch=warm_up_lr.learning_rates)
trace(final_lr=float(K.get_value(model.optimizer.lr)))
