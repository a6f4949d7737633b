"""Architecture and weights kept apart: ``model.to_json()`` written to ``model.json``, weights
to ``model_weights.h5``; later ``model_from_json(json_file.read())`` + ``load_weights``, and an
in-memory clone via ``model_from_json(model.to_json())`` + ``set_weights(model.get_weights())``.
This is the "serialize model to JSON" recipe from the 2016-2018 tutorials.
"""
from __future__ import print_function
import json
import os

import numpy as np
from keras.models import Sequential, model_from_json
from keras.layers import Dense, BatchNormalization

from _trace import trace, approx, seed_weights

np.random.seed(5)
X = np.random.rand(40, 6).astype('float32')
Y = (X.sum(axis=1) > 3).astype('float32')

model = Sequential()
model.add(Dense(12, input_dim=6, activation='relu'))
model.add(BatchNormalization())
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer='sgd', metrics=['accuracy'])
seed_weights(model)
model.fit(X, Y, epochs=1, batch_size=10, verbose=0, shuffle=False)
expected = model.predict(X)

# serialize model to JSON
model_json = model.to_json()
with open("model.json", "w") as json_file:
    json_file.write(model_json)
# serialize weights to HDF5
model.save_weights("model_weights.h5")
print("Saved model to disk")

# later...
with open('model.json', 'r') as json_file:
    loaded_model_json = json_file.read()
loaded_model = model_from_json(loaded_model_json)
loaded_model.load_weights("model_weights.h5")
loaded_model.compile(loss='binary_crossentropy', optimizer='rmsprop', metrics=['accuracy'])
score = loaded_model.evaluate(X, Y, verbose=0)

clone = model_from_json(model.to_json())
clone.set_weights(model.get_weights())

config = json.loads(model_json)
trace(json_class_name=config['class_name'],
      json_layer_classes=[layer['class_name'] for layer in config['config']['layers']],
      loaded_equal=bool(np.allclose(expected, loaded_model.predict(X), atol=1e-6)),
      clone_equal=bool(np.allclose(expected, clone.predict(X), atol=1e-6)),
      clone_is_compiled=bool(getattr(clone, 'optimizer', None) is not None),
      evaluate_len=len(score),
      weight_count=len(loaded_model.get_weights()),
      files=sorted(f for f in os.listdir('.') if f.startswith('model')),
      predictions=approx(expected[:4], rel=2e-3))
