"""CSVLogger streaming epoch results to ``training.log`` (the example in the Keras docs), then a
second ``fit`` resuming with ``append=True`` and a ';' separator file; the script reads the
CSV back with the csv module, as people did to plot learning curves later.
"""
import csv

import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras.callbacks import CSVLogger
from keras.utils import to_categorical

from _trace import trace, approx, seed_weights

np.random.seed(13)
X_train = np.random.rand(64, 7).astype('float32')
Y_train = to_categorical(np.random.randint(0, 3, 64), 3)

model = Sequential()
model.add(Dense(10, activation='relu', input_shape=(7,)))
model.add(Dense(3, activation='softmax'))
model.compile(loss='categorical_crossentropy', optimizer='sgd', metrics=['accuracy'])
seed_weights(model)

csv_logger = CSVLogger('training.log')
model.fit(X_train, Y_train, epochs=3, batch_size=16, validation_split=0.25, verbose=0,
          shuffle=False, callbacks=[csv_logger])
model.fit(X_train, Y_train, epochs=2, batch_size=16, verbose=0, shuffle=False,
          callbacks=[CSVLogger('training.log', append=True)])
model.fit(X_train, Y_train, epochs=2, batch_size=16, verbose=0, shuffle=False,
          callbacks=[CSVLogger('semicolon.csv', separator=';')])

with open('training.log') as f:
    rows = list(csv.reader(f))
with open('semicolon.csv') as f:
    semi = f.read().splitlines()

trace(header=rows[0])
trace(n_rows=len(rows))
trace(epoch_column=[r[0] for r in rows[1:]])
trace(semicolon_header=semi[0])
trace(first_loss=approx(float(rows[1][rows[0].index('loss')]), rel=2e-3))
