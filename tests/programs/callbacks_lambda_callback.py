"""LambdaCallback from the Keras docs: print/record the batch number at each batch end, collect
per-epoch losses into a list, and run a function at train end; the script checks how many batch
callbacks ran and which keys the batch and epoch logs carried.
"""
import numpy as np
import keras
from keras.callbacks import LambdaCallback
from keras.layers import Dense
from keras.models import Sequential

from _trace import trace, approx, seed_weights

np.random.seed(17)
x = np.random.rand(50, 4).astype('float32')
y = np.random.rand(50, 2).astype('float32')

model = Sequential()
model.add(Dense(6, activation='relu', input_dim=4))
model.add(Dense(2))
model.compile(loss='mse', optimizer=keras.optimizers.Adamax(lr=0.01), metrics=['mae'])
seed_weights(model)

batches = []
batch_keys = set()
epoch_logs = []
finished = []

batch_print_callback = LambdaCallback(
    on_batch_end=lambda batch, logs: (batches.append(batch), batch_keys.update(logs.keys())))
json_logging_callback = LambdaCallback(
    on_epoch_end=lambda epoch, logs: epoch_logs.append((epoch, sorted(logs.keys()))),
    on_train_end=lambda logs: finished.append(True))

history = model.fit(x, y, epochs=3, batch_size=16, verbose=0, shuffle=False,
                    callbacks=[batch_print_callback, json_logging_callback])

trace(n_batch_calls=len(batches))
trace(batch_indices=batches)
trace(batch_log_keys=sorted(batch_keys))
trace(epoch_logs=epoch_logs)
trace(train_end_called=finished)
trace(mae=approx(history.history['mean_absolute_error'], rel=2e-3))
