"""The "save the best model" recipe: ``ModelCheckpoint('best_model.h5', monitor='val_acc',
save_best_only=True, mode='max', verbose=1)`` together with EarlyStopping, then
``keras.models.load_model('best_model.h5')`` to evaluate the saved model and read its optimizer
settings back from the file.
"""
import os

import numpy as np
from keras.models import Sequential, load_model
from keras.layers import Dense
from keras.callbacks import ModelCheckpoint, EarlyStopping
from keras.optimizers import Adam
from keras import backend as K

from _trace import trace, seed_weights

rng = np.random.RandomState(0)
X = rng.rand(100, 4).astype('float32')
Y = (X[:, 0] + X[:, 1] > 1.0).astype('float32')

model = Sequential()
model.add(Dense(6, input_dim=4, activation='relu'))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer=Adam(lr=0.005), metrics=['accuracy'])
seed_weights(model)

es = EarlyStopping(monitor='val_loss', mode='min', verbose=1, patience=50)
mc = ModelCheckpoint('best_model.h5', monitor='val_acc', mode='max', verbose=1, save_best_only=True)
history = model.fit(X, Y, validation_split=0.2, epochs=4, batch_size=20, verbose=0,
                    shuffle=False, callbacks=[es, mc])

saved_model = load_model('best_model.h5')
scores = saved_model.evaluate(X, Y, verbose=0)

trace(history_keys=sorted(history.history.keys()))
trace(files=sorted(f for f in os.listdir('.') if f.endswith('.h5')))
trace(checkpoint_monitor=mc.monitor)
trace(metrics_names=saved_model.metrics_names)
trace(n_scores=len(scores))
trace(saved_optimizer=type(saved_model.optimizer).__name__)
trace(saved_lr=float(K.get_value(saved_model.optimizer.lr)))
