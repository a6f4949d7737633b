"""Looking inside a model by layer name: ``Embedding`` + ``Flatten`` + ``Dense`` with explicit
names, then ``model.get_layer('embedding')``, its ``input_shape``/``output_shape``,
``get_input_at(0)``/``get_output_at(0)``, an intermediate model
``Model(inputs=model.input, outputs=model.get_layer('flatten').output)`` and a ``K.function``
feature extractor, as in the Keras FAQ "How can I obtain the output of an intermediate layer?".
"""
import numpy as np
from keras import backend as K
from keras.layers import Input, Embedding, Flatten, Dense
from keras.models import Model

from _trace import trace, approx, seed_weights

vocab, dim, length = 30, 4, 7
words = Input(shape=(length,), dtype='int32', name='words')
embedded = Embedding(vocab, dim, input_length=length, name='embedding')(words)
flat = Flatten(name='flatten')(embedded)
hidden = Dense(5, activation='relu', name='hidden')(flat)
output = Dense(2, activation='softmax', name='output')(hidden)
model = Model(inputs=words, outputs=output)
model.compile(optimizer='adam', loss='categorical_crossentropy')
seed_weights(model)

emb_layer = model.get_layer('embedding')
flatten_model = Model(inputs=model.input, outputs=model.get_layer('flatten').output)
get_hidden = K.function([model.layers[0].input], [model.get_layer('hidden').output])

ids = np.random.RandomState(0).randint(0, vocab, size=(3, length))
table = emb_layer.get_weights()[0]
flat_out = flatten_model.predict(ids)
hidden_out = get_hidden([ids])[0]

trace(layer_names=[layer.name for layer in model.layers],
      embedding_input_shape=emb_layer.input_shape,
      embedding_output_shape=emb_layer.output_shape,
      flatten_output_shape=model.get_layer('flatten').output_shape,
      output_at_0_is_tensor=emb_layer.get_output_at(0) is embedded,
      input_at_0_is_words=emb_layer.get_input_at(0) is words,
      table_shape=table.shape,
      flatten_is_lookup=bool(np.allclose(flat_out, table[ids].reshape(3, -1))),
      hidden_shape=hidden_out.shape,
      hidden=approx(hidden_out),
      params=model.count_params(),
      predictions=approx(model.predict(ids)))
