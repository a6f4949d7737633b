"""Per-sample weights: fit(..., sample_weight=w) where recent samples count more, evaluate()
with sample_weight, and compile(weighted_metrics=['mae']) so the metric honours the weights
(added in Keras 2.0.7). The script compares the weighted and unweighted scores.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense

from _trace import trace, approx, seed_weights

np.random.seed(21)
X = np.random.rand(80, 3).astype('float32')
y = (2 * X[:, 0] - X[:, 1] + 0.5 * X[:, 2]).reshape(-1, 1).astype('float32')
weights = np.linspace(0.2, 2.0, 80).astype('float32')

model = Sequential()
model.add(Dense(10, activation='relu', input_shape=(3,)))
model.add(Dense(1))
model.compile(loss='mse', optimizer='adam', metrics=['mae'], weighted_metrics=['mae'])
seed_weights(model)
history = model.fit(X, y, sample_weight=weights, batch_size=16, epochs=3,
                    shuffle=False, verbose=0)

plain = model.evaluate(X, y, verbose=0)
weighted = model.evaluate(X, y, sample_weight=weights, verbose=0)
print('unweighted', plain, 'weighted', weighted)

trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      loss=approx(history.history['loss'], rel=1e-2),
      evaluate_plain=approx(plain, rel=1e-2),
      evaluate_weighted=approx(weighted, rel=1e-2))
