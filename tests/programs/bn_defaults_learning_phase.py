"""An MLP with ``BatchNormalization()`` at its defaults (momentum=0.99, epsilon=1e-3) between Dense
layers, trained a few epochs, then used in inference: ``model.predict`` (moving statistics), and the
2017 idiom ``K.function([model.input, K.learning_phase()], [model.output])`` called with phase 1 and
0 to compare training-mode (batch statistics) and test-mode outputs. The moving mean/variance are
started at 0/1 after seeding the other weights.
"""
import numpy as np
from keras.models import Sequential
from keras.layers import Dense, BatchNormalization, Activation
from keras.optimizers import SGD
from keras import backend as K

from _trace import trace, approx, seed_weights

np.random.seed(12)
X = (np.random.randn(48, 10) * 3 + 1).astype('float32')
y = (X[:, :3].sum(axis=1) > 3).astype('float32')

model = Sequential()
model.add(Dense(16, input_shape=(10,)))
model.add(BatchNormalization())
model.add(Activation('relu'))
model.add(Dense(8))
model.add(BatchNormalization())
model.add(Activation('relu'))
model.add(Dense(1, activation='sigmoid'))
model.compile(optimizer=SGD(lr=0.05), loss='binary_crossentropy', metrics=['accuracy'])

seed_weights(model, seed=5, scale=0.3)
for layer in model.layers:
    if isinstance(layer, BatchNormalization):
        gamma, beta, mean, var = layer.get_weights()
        layer.set_weights([gamma + 1.0, beta, np.zeros_like(mean), np.ones_like(var)])

hist = model.fit(X, y, batch_size=16, epochs=3, shuffle=False, verbose=0)
bn = model.layers[1]
moving_mean, moving_var = bn.get_weights()[2:]

get_output = K.function([model.layers[0].input, K.learning_phase()], [model.layers[-1].output])
train_mode = get_output([X[:4], 1])[0]
test_mode = get_output([X[:4], 0])[0]
predicted = model.predict(X[:4])

trace(bn_config={k: bn.get_config()[k] for k in ('momentum', 'epsilon', 'axis', 'center', 'scale')},
      loss=approx(hist.history['loss'], rel=2e-3),
      moving_mean=approx(moving_mean.tolist(), rel=5e-3, abs=1e-3),
      moving_var=approx(moving_var.tolist(), rel=5e-3, abs=1e-3),
      predict=approx(predicted.ravel().tolist(), rel=5e-3, abs=1e-4),
      test_phase_equals_predict=bool(np.allclose(test_mode, predicted, atol=1e-6)),
      train_phase_differs=bool(not np.allclose(train_mode, test_mode, atol=1e-4)),
      train_phase=approx(train_mode.ravel().tolist(), rel=5e-3, abs=1e-4),
      n_non_trainable=len(model.non_trainable_weights),
      params=model.count_params())
