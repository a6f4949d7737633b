"""A functional model with Lambda layers (input rescaling and ``K.l2_normalize``), saved with
``keras.models.save_model(model, 'model.hdf5')`` and reloaded with ``keras.models.load_model``,
plus an inference copy saved with ``include_optimizer=False`` and reloaded with
``compile=False``: how 2018 projects shipped models whose preprocessing lived inside Lambda
layers (the lambdas are marshalled into the HDF5 file).
"""
import os

import numpy as np
import keras
from keras import backend as K
from keras.layers import Input, Dense, Lambda
from keras.models import Model

from _trace import trace, approx, seed_weights

np.random.seed(3)
x_train = np.random.randint(0, 256, size=(32, 12)).astype('float32')
y_train = (x_train.mean(axis=1) > 127).astype('float32')

inputs = Input(shape=(12,), name='pixels')
h = Lambda(lambda t: t / 127.5 - 1.0, name='rescale')(inputs)
h = Dense(8, activation='tanh', name='hidden')(h)
h = Lambda(lambda t: K.l2_normalize(t, axis=-1), name='unit_norm')(h)
outputs = Dense(1, activation='sigmoid', name='score')(h)
model = Model(inputs=inputs, outputs=outputs)
model.compile(optimizer='rmsprop', loss='binary_crossentropy', metrics=['accuracy'])
seed_weights(model)
model.fit(x_train, y_train, batch_size=8, epochs=1, verbose=0, shuffle=False)

reference = model.predict(x_train)
keras.models.save_model(model, 'model.hdf5')
keras.models.save_model(model, 'inference.hdf5', include_optimizer=False)

restored = keras.models.load_model('model.hdf5')
inference = keras.models.load_model('inference.hdf5', compile=False)

norms = K.function([inference.input], [inference.get_layer('unit_norm').output])([x_train[:4]])[0]
trace(layer_names=[layer.name for layer in restored.layers],
      reload_equal=bool(np.allclose(reference, restored.predict(x_train), atol=1e-6)),
      inference_equal=bool(np.allclose(reference, inference.predict(x_train), atol=1e-6)),
      restored_optimizer=type(restored.optimizer).__name__,
      rescale_output_shape=restored.get_layer('rescale').output_shape,
      unit_norms=approx(np.linalg.norm(norms, axis=1)),
      files=sorted(f for f in os.listdir('.') if f.endswith('.hdf5')),
      predictions=approx(reference[:5], rel=2e-3))
