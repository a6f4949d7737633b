'''The Keras 1 ``imdb_cnn.py`` / ``imdb_cnn_lstm.py`` examples on synthetic token ids:
``Embedding(max_features, embedding_dims, input_length=maxlen, dropout=0.2)`` (the Keras 1 embedding
dropout, dropped with a warning by Keras 2), ``Convolution1D(nb_filter=..., filter_length=...,
border_mode='valid', subsample_length=1)``, ``MaxPooling1D(pool_length=...)`` and
``fit(..., nb_epoch=..., validation_data=...)`` with the ``adam`` optimizer.
'''
from __future__ import print_function
import numpy as np
np.random.seed(1337)  # for reproducibility

from keras.preprocessing import sequence
from keras.models import Sequential
from keras.layers import Dense, Activation, Flatten
from keras.layers import Embedding
from keras.layers import Convolution1D, MaxPooling1D

from _trace import trace, approx, seed_weights

# set parameters:
max_features = 60
maxlen = 20
batch_size = 8
embedding_dims = 10
nb_filter = 6
filter_length = 3
pool_length = 2
hidden_dims = 12
nb_epoch = 2

print('Loading data...')
X_train = [np.random.randint(1, max_features, np.random.randint(5, 30)).tolist() for _ in range(32)]
X_test = [np.random.randint(1, max_features, np.random.randint(5, 30)).tolist() for _ in range(16)]
y_train = np.random.randint(0, 2, 32)
y_test = np.random.randint(0, 2, 16)

print('Pad sequences (samples x time)')
X_train = sequence.pad_sequences(X_train, maxlen=maxlen)
X_test = sequence.pad_sequences(X_test, maxlen=maxlen)

print('Build model...')
model = Sequential()
model.add(Embedding(max_features, embedding_dims, input_length=maxlen, dropout=0.2))
model.add(Convolution1D(nb_filter=nb_filter,
                        filter_length=filter_length,
                        border_mode='valid',
                        activation='relu',
                        subsample_length=1))
model.add(MaxPooling1D(pool_length=pool_length))
model.add(Flatten())
model.add(Dense(hidden_dims))
model.add(Activation('relu'))
model.add(Dense(1))
model.add(Activation('sigmoid'))

model.compile(loss='binary_crossentropy',
              optimizer='adam',
              metrics=['accuracy'])
seed_weights(model, seed=6)
hist = model.fit(X_train, y_train,
                 batch_size=batch_size,
                 nb_epoch=nb_epoch, shuffle=False, verbose=0,
                 validation_data=(X_test, y_test))

trace(history_keys=sorted(hist.history.keys()),
      loss=approx(hist.history['loss'], rel=2e-3),
      val_loss=approx(hist.history['val_loss'], rel=2e-3),
      output_shapes=[list(l.output_shape) for l in model.layers],
      conv_config=[model.layers[1].filters, list(model.layers[1].kernel_size),
                   list(model.layers[1].strides), model.layers[1].padding],
      pool_size=list(model.layers[2].pool_size),
      params=model.count_params())
