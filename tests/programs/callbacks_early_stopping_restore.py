"""EarlyStopping with ``restore_best_weights=True`` (new in Keras 2.2.3) on the training loss,
with a LambdaCallback snapshotting the weights at each epoch end so the script can check which
epoch's weights the model ends with. A huge min_delta makes the first epoch the best one.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras.callbacks import EarlyStopping, LambdaCallback
from keras.optimizers import SGD

from _trace import trace, seed_weights, snapshot, changed

np.random.seed(4)
X = np.random.rand(48, 3).astype('float32')
Y = X.dot(np.array([[1.0], [-2.0], [0.5]], dtype='float32'))

model = Sequential()
model.add(Dense(4, input_dim=3, activation='tanh'))
model.add(Dense(1))
model.compile(loss='mean_squared_error', optimizer=SGD(lr=0.1))
seed_weights(model)
initial = snapshot(model)

per_epoch = []
keep = LambdaCallback(on_epoch_end=lambda epoch, logs: per_epoch.append(snapshot(model)))
stopper = EarlyStopping(monitor='loss', min_delta=100.0, patience=2, verbose=1,
                        restore_best_weights=True)
history = model.fit(X, Y, epochs=8, batch_size=8, verbose=0, shuffle=False,
                    callbacks=[keep, stopper])

final = snapshot(model)
trace(history_keys=sorted(history.history.keys()))
trace(epochs_run=len(history.epoch))
trace(stopped_epoch=stopper.stopped_epoch)
trace(changed_from_initial=changed(initial, final))
trace(equal_to_epoch=[not any(changed(w, final)) for w in per_epoch])
