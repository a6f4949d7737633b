"""Sequential.predict_classes and predict_proba on a softmax classifier, used everywhere in
2017-2018 code to get label indices for a confusion matrix; the script also checks them
against argmax of predict().
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras.utils import np_utils

from _trace import trace, seed_weights

np.random.seed(6)
X = np.random.rand(60, 7).astype('float32')
labels = np.random.randint(0, 5, 60)
Y = np_utils.to_categorical(labels, 5)

model = Sequential()
model.add(Dense(16, input_dim=7, activation='relu'))
model.add(Dense(5, activation='softmax'))
model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
seed_weights(model)
model.fit(X, Y, epochs=1, batch_size=20, verbose=0, shuffle=False)

classes = model.predict_classes(X, batch_size=32, verbose=0)
proba = model.predict_proba(X[:10], verbose=0)
confusion = np.zeros((5, 5), dtype=int)
for t, p in zip(labels, classes):
    confusion[t, p] += 1
print(confusion)

trace(classes_shape=classes.shape,
      classes_kind=classes.dtype.kind,
      classes_match_argmax=bool((classes == model.predict(X).argmax(axis=-1)).all()),
      confusion_total=int(confusion.sum()),
      proba_shape=proba.shape,
      proba_dtype=str(proba.dtype),
      proba_rows_sum_to_one=bool(np.allclose(proba.sum(axis=1), 1.0, atol=1e-5)))
