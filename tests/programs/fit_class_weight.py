"""Imbalanced binary classification with class_weight={0: 1., 1: 5.} computed from the label
counts (sklearn-free version of compute_class_weight), the standard fraud/medical tutorial
fix; the script compares against an unweighted twin model and reads
history.history['acc'].
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense

from _trace import trace, approx, seed_weights, snapshot, changed

np.random.seed(99)
X = np.random.randn(100, 6).astype('float32')
y = (X[:, 0] + 0.3 * X[:, 1] > 1.0).astype('int32')   # roughly 1 positive for 5 negatives
counts = np.bincount(y)
class_weight = {0: 1.0, 1: float(counts[0]) / counts[1]}
print('class counts', counts, 'weights', class_weight)


def build():
    m = Sequential()
    m.add(Dense(8, input_dim=6, activation='relu'))
    m.add(Dense(1, activation='sigmoid'))
    m.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])
    seed_weights(m)
    return m


weighted = build()
before = snapshot(weighted)
h_w = weighted.fit(X, y, class_weight=class_weight, epochs=3, batch_size=20,
                   shuffle=False, verbose=0)
after = snapshot(weighted)
plain = build()
h_p = plain.fit(X, y, epochs=3, batch_size=20, shuffle=False, verbose=0)

pos_rate_w = float(weighted.predict(X).round().mean())
pos_rate_p = float(plain.predict(X).round().mean())
print('predicted positive rate: weighted %.2f plain %.2f' % (pos_rate_w, pos_rate_p))

trace(class_weight=class_weight,
      history_keys=sorted(h_w.history.keys()),
      weighted_loss=approx(h_w.history['loss'], rel=2e-3),
      plain_loss=approx(h_p.history['loss'], rel=2e-3),
      weighted_acc=approx(h_w.history['acc'], rel=1e-3),
      losses_differ=bool(abs(h_w.history['loss'][-1] - h_p.history['loss'][-1]) > 1e-4),
      weights_changed=changed(before, after))
