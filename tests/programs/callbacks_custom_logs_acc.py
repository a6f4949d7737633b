"""A custom Callback subclass reading ``logs['acc']`` and ``logs.get('val_loss')`` in
``on_epoch_end`` (a "stop when accuracy is reached" callback from 2018 tutorials) that sets
``self.model.stop_training = True``; here the threshold is 0.0 on the second epoch so the
stop is deterministic. A Keras Callback with ``on_train_end`` also checks ``self.model``.
"""
import numpy as np
import keras
from keras.models import Model
from keras.layers import Input, Dense, concatenate

from _trace import trace, seed_weights

ACCURACY_THRESHOLD = 0.0


class myCallback(keras.callbacks.Callback):
    def __init__(self):
        super(myCallback, self).__init__()
        self.accs = []
        self.val_losses = []
        self.stopped_at = None

    def on_epoch_end(self, epoch, logs={}):
        self.accs.append(logs['acc'])
        self.val_losses.append(logs.get('val_loss'))
        if epoch >= 1 and logs.get('acc') >= ACCURACY_THRESHOLD:
            print("\nReached %2.2f%% accuracy, so stopping training!!" % (ACCURACY_THRESHOLD * 100))
            self.stopped_at = epoch
            self.model.stop_training = True

    def on_train_end(self, logs=None):
        self.n_layers = len(self.model.layers)


rng = np.random.RandomState(31)
a = rng.rand(64, 3).astype('float32')
b = rng.rand(64, 2).astype('float32')
labels = keras.utils.to_categorical(rng.randint(0, 2, 64))

in_a = Input(shape=(3,))
in_b = Input(shape=(2,))
merged = concatenate([in_a, in_b])
out = Dense(2, activation='softmax')(Dense(8, activation='relu')(merged))
model = Model([in_a, in_b], out)
model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
seed_weights(model)

callbacks = myCallback()
history = model.fit([a, b], labels, epochs=5, batch_size=16, validation_split=0.25,
                    verbose=0, shuffle=False, callbacks=[callbacks])

trace(history_keys=sorted(history.history.keys()))
trace(epochs_run=len(history.epoch))
trace(n_accs=len(callbacks.accs), val_loss_present=[v is not None for v in callbacks.val_losses])
trace(stopped_at=callbacks.stopped_at)
trace(n_layers=callbacks.n_layers)
