"""EarlyStopping on ``monitor='val_acc'`` with ``mode='max'`` and ``patience=2``, the common
setting in 2018 classification tutorials, with the stopped epoch read from ``stopped_epoch``
afterwards. ``min_delta=1.0`` means no epoch after the first can count as an improvement, so
training stops at a fixed epoch.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, Embedding, GlobalAveragePooling1D
from keras.callbacks import EarlyStopping
from keras.preprocessing.sequence import pad_sequences

from _trace import trace, seed_weights

rng = np.random.RandomState(9)
seqs = [list(rng.randint(1, 50, size=rng.randint(3, 12))) for _ in range(80)]
x = pad_sequences(seqs, maxlen=10)
y = np.array([int(sum(s) % 2) for s in seqs])

model = Sequential()
model.add(Embedding(50, 8, input_length=10))
model.add(GlobalAveragePooling1D())
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer='adam', metrics=['accuracy'])
seed_weights(model)

early_stopping = EarlyStopping(monitor='val_acc', min_delta=1.0, patience=2, verbose=1, mode='max')
history = model.fit(x, y, batch_size=16, epochs=10, validation_split=0.2, verbose=0,
                    shuffle=False, callbacks=[early_stopping])

trace(history_keys=sorted(history.history.keys()))
trace(epochs_run=len(history.epoch), epoch_list=history.epoch)
trace(stopped_epoch=early_stopping.stopped_epoch)
trace(wait=early_stopping.wait)
trace(x_shape=x.shape)
