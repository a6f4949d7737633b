"""Sequential.predict_classes on a one-unit sigmoid binary classifier (threshold 0.5, returns
an (n, 1) int array) and predict_proba, as in sentiment-analysis tutorials that then did
`classes[:, 0]` or `.ravel()` to compare with the labels.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense

from _trace import trace, approx, seed_weights

np.random.seed(8)
X = np.random.rand(64, 5).astype('float32')
y = (X.mean(axis=1) > 0.5).astype('int32')

model = Sequential()
model.add(Dense(8, input_shape=(5,), activation='relu'))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer='rmsprop', metrics=['binary_accuracy'])
seed_weights(model)
history = model.fit(X, y, epochs=2, batch_size=16, shuffle=False, verbose=0)

classes = model.predict_classes(X)
proba = model.predict_proba(X)
accuracy = float((classes[:, 0] == y).mean())
print('accuracy from predict_classes: %.3f' % accuracy)

trace(history_keys=sorted(history.history.keys()),
      classes_shape=classes.shape,
      classes_kind=classes.dtype.kind,
      classes_values=sorted(set(classes.ravel().tolist())),
      classes_match_threshold=bool((classes == (proba > 0.5).astype('int32')).all()),
      proba_shape=proba.shape,
      accuracy=approx(accuracy, rel=1e-3),
      binary_accuracy=approx(history.history['binary_accuracy'], rel=1e-3))
