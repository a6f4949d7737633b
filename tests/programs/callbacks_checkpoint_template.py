"""ModelCheckpoint with the filepath template from the Keras docs,
``'weights.{epoch:02d}-{val_loss:.2f}.hdf5'``, saving the full model every epoch into a
``checkpoints/`` directory created with os.makedirs, then reloading the last file with
``load_model`` and predicting with it.
"""
import os

import numpy as np
import keras
from keras.models import Sequential, load_model
from keras.layers import Dense
from keras.callbacks import ModelCheckpoint

from _trace import trace, approx, seed_weights

np.random.seed(21)
x_train = np.random.rand(64, 5).astype('float32')
y_train = (x_train[:, :1] * 2.0 - x_train[:, 1:2]).astype('float32')
x_val = np.random.rand(16, 5).astype('float32')
y_val = (x_val[:, :1] * 2.0 - x_val[:, 1:2]).astype('float32')

model = Sequential([
    Dense(8, activation='relu', input_dim=5),
    Dense(1),
])
model.compile(optimizer=keras.optimizers.SGD(lr=0.05), loss='mse', metrics=['mae'])
seed_weights(model)

checkpoint_dir = 'checkpoints'
if not os.path.exists(checkpoint_dir):
    os.makedirs(checkpoint_dir)
filepath = os.path.join(checkpoint_dir, 'weights.{epoch:02d}-{val_loss:.2f}.hdf5')
checkpointer = ModelCheckpoint(filepath=filepath, verbose=1)
history = model.fit(x_train, y_train, batch_size=16, epochs=3, shuffle=False, verbose=0,
                    validation_data=(x_val, y_val), callbacks=[checkpointer])

files = sorted(os.listdir(checkpoint_dir))
restored = load_model(os.path.join(checkpoint_dir, files[-1]))

trace(history_keys=sorted(history.history.keys()))
trace(files=files)
trace(val_loss=approx(history.history['val_loss'], rel=2e-3))
trace(restored_predict_shape=restored.predict(x_val).shape)
trace(restored_matches=bool(np.allclose(restored.predict(x_val), model.predict(x_val), atol=1e-6)))
