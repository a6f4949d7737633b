"""Sequence labelling with padded sequences: compile(sample_weight_mode='temporal') and a
(samples, timesteps) mask passed as sample_weight so padding steps do not count, as
POS-tagging / NER LSTM tutorials did before masking was well understood.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Embedding, LSTM, TimeDistributed, Dense
from keras.utils import np_utils

from _trace import trace, approx, seed_weights

np.random.seed(4)
n, maxlen, vocab, n_tags = 40, 7, 30, 5
lengths = np.random.randint(3, maxlen + 1, size=n)
X = np.zeros((n, maxlen), dtype='int32')
Y = np.zeros((n, maxlen), dtype='int32')
for i, length in enumerate(lengths):
    X[i, :length] = np.random.randint(1, vocab, size=length)
    Y[i, :length] = X[i, :length] % n_tags
Y_cat = np_utils.to_categorical(Y, n_tags).reshape(n, maxlen, n_tags)
sw = (X > 0).astype('float32')   # (samples, timesteps): 0 on padding

model = Sequential()
model.add(Embedding(vocab, 8, input_length=maxlen))
model.add(LSTM(12, return_sequences=True))
model.add(TimeDistributed(Dense(n_tags, activation='softmax')))
model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'],
              sample_weight_mode='temporal')
seed_weights(model)
history = model.fit(X, Y_cat, sample_weight=sw, batch_size=10, epochs=2,
                    shuffle=False, verbose=0)
pred = model.predict(X[:3])

trace(sample_weight_shape=sw.shape,
      history_keys=sorted(history.history.keys()),
      epochs_run=len(history.epoch),
      predict_shape=pred.shape,
      predict_rows_sum_to_one=bool(np.allclose(pred.sum(axis=-1), 1.0, atol=1e-5)))
