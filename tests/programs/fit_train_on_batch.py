"""A hand-written training loop (GAN/RL style) with train_on_batch, test_on_batch and
predict_on_batch: the loop prints the per-batch [loss, acc] that train_on_batch returns,
tests on a held-out batch and checks which weights a single step updated.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense
from keras.optimizers import SGD

from _trace import trace, approx, seed_weights, snapshot, changed

np.random.seed(12)
X = np.random.rand(64, 4).astype('float32')
y = (X[:, 0] > X[:, 1]).astype('float32')

model = Sequential()
model.add(Dense(8, activation='relu', input_dim=4))
model.add(Dense(1, activation='sigmoid'))
model.compile(loss='binary_crossentropy', optimizer=SGD(lr=0.1), metrics=['accuracy'])
seed_weights(model)

losses = []
before = snapshot(model)
for epoch in range(2):
    for i in range(0, 48, 16):
        loss, acc = model.train_on_batch(X[i:i + 16], y[i:i + 16])
        losses.append(loss)
        print('epoch %d batch %d: loss=%.4f acc=%.3f' % (epoch, i // 16, loss, acc))
after = snapshot(model)

test_out = model.test_on_batch(X[48:], y[48:])
pred = model.predict_on_batch(X[48:])
pred_plain = model.predict(X[48:])

trace(train_on_batch_type=type(model.train_on_batch(X[:16], y[:16])).__name__,
      losses=approx(losses, rel=2e-3),
      test_on_batch_len=len(test_out),
      test_on_batch=approx(test_out, rel=2e-3),
      predict_on_batch_shape=pred.shape,
      predict_on_batch_type=type(pred).__name__,
      predict_on_batch_matches_predict=bool(np.allclose(pred, pred_plain, atol=1e-6)),
      weights_changed=changed(before, after))
