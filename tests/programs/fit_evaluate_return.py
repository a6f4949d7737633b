"""What evaluate() returns: a bare scalar when the model was compiled without metrics and a
list [loss, metric...] otherwise; utility code branched on isinstance(score, list) and did
score[1] for accuracy ("Test accuracy:", score[1]) as in the Keras examples.
"""
import numpy as np
import keras
from keras.models import Sequential
from keras.layers import Dense

from _trace import trace, approx, seed_weights

np.random.seed(2)
x_train = np.random.rand(64, 8).astype('float32')
y_train = keras.utils.to_categorical(np.random.randint(0, 4, 64), 4)
x_test = np.random.rand(32, 8).astype('float32')
y_test = keras.utils.to_categorical(np.random.randint(0, 4, 32), 4)


def make(metrics=None):
    model = Sequential()
    model.add(Dense(12, activation='relu', input_shape=(8,)))
    model.add(Dense(4, activation='softmax'))
    if metrics is None:
        model.compile(loss='categorical_crossentropy', optimizer='adam')
    else:
        model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=metrics)
    seed_weights(model)
    model.fit(x_train, y_train, batch_size=16, epochs=1, shuffle=False, verbose=0)
    return model


bare = make()
score_bare = bare.evaluate(x_test, y_test, verbose=0)
with_acc = make(['accuracy'])
score = with_acc.evaluate(x_test, y_test, verbose=0)
if isinstance(score, list):
    print('Test loss:', score[0])
    print('Test accuracy:', score[1])
else:
    print('Test loss:', score)

trace(bare_is_float=isinstance(score_bare, float),
      bare_is_list=isinstance(score_bare, list),
      bare_metrics_names=bare.metrics_names,
      bare_score=approx(float(score_bare), rel=2e-3),
      score_type=type(score).__name__,
      score_len=len(score),
      metrics_names=with_acc.metrics_names,
      score=approx(score, rel=2e-3))
