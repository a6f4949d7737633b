"""Transfer learning by layer name: a "pretrained" model is saved with ``save_weights``, then
a new model that reuses some layer names (and replaces the classifier head) restores them with
``load_weights(path, by_name=True)``; a head with the same name but another shape is skipped
with ``skip_mismatch=True``. The usual way 2018 projects loaded backbone weights into a
modified architecture.
"""
import os

import numpy as np
from keras.layers import Input, Dense, Conv1D, GlobalMaxPooling1D
from keras.models import Model

from _trace import trace, seed_weights


def backbone(inputs):
    x = Conv1D(6, 3, activation='relu', name='conv_a')(inputs)
    x = Conv1D(6, 3, activation='relu', name='conv_b')(x)
    x = GlobalMaxPooling1D(name='pool')(x)
    return Dense(10, activation='relu', name='fc1')(x)


inp = Input(shape=(16, 2))
pretrained = Model(inp, Dense(4, activation='softmax', name='predictions')(backbone(inp)))
pretrained.compile('adam', 'categorical_crossentropy')
seed_weights(pretrained, seed=1)
pretrained.save_weights('pretrained_weights.h5')

inp2 = Input(shape=(16, 2))
features = backbone(inp2)
new_model = Model(inp2, [Dense(7, activation='softmax', name='predictions')(features),
                         Dense(1, activation='sigmoid', name='extra_head')(features)])
seed_weights(new_model, seed=2)
before = {l.name: [w.copy() for w in l.get_weights()] for l in new_model.layers}

mismatch_error = None
try:
    new_model.load_weights('pretrained_weights.h5', by_name=True)
except ValueError as e:
    mismatch_error = type(e).__name__
new_model.load_weights('pretrained_weights.h5', by_name=True, skip_mismatch=True)

source = {l.name: l.get_weights() for l in pretrained.layers}
loaded, kept = [], []
for layer in new_model.layers:
    weights = layer.get_weights()
    if not weights:
        continue
    if layer.name in source and all(np.array_equal(a, b) for a, b in zip(weights, source[layer.name])) \
            and [w.shape for w in weights] == [w.shape for w in source[layer.name]]:
        loaded.append(layer.name)
    elif all(np.array_equal(a, b) for a, b in zip(weights, before[layer.name])):
        kept.append(layer.name)

x = np.random.RandomState(0).rand(4, 16, 2).astype('float32')
same_features = np.allclose(Model(inp, pretrained.get_layer('fc1').output).predict(x),
                            Model(inp2, new_model.get_layer('fc1').output).predict(x), atol=1e-6)
trace(strict_by_name_error=mismatch_error,
      loaded_layers=sorted(loaded),
      untouched_layers=sorted(kept),
      same_features=bool(same_features),
      output_shapes=[o.shape for o in new_model.predict(x)],
      files=sorted(f for f in os.listdir('.') if f.endswith('.h5')))
