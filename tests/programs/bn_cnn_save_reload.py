"""A small CNN using BatchNormalization after each convolution (``momentum=0.9, epsilon=1e-5`` as
in ResNet ports, plus one ``center=False, scale=False`` layer), trained, evaluated in inference mode,
then persisted the usual 2018 ways: ``model.save_weights('bn_cnn_weights.h5')`` reloaded into a
freshly built model, and ``model.save('bn_cnn.h5')`` reloaded with ``load_model``. Predictions after
reloading must match, which requires the BN moving statistics to be saved.
"""
import os
import numpy as np
from keras.models import Sequential, load_model
from keras.layers import Conv2D, BatchNormalization, Activation, MaxPooling2D, Flatten, Dense
from keras.optimizers import Adam

from _trace import trace, approx, seed_weights


def build_model():
    model = Sequential()
    model.add(Conv2D(8, (3, 3), padding='same', use_bias=False, input_shape=(10, 10, 1)))
    model.add(BatchNormalization(momentum=0.9, epsilon=1e-5))
    model.add(Activation('relu'))
    model.add(MaxPooling2D((2, 2)))
    model.add(Conv2D(8, (3, 3), use_bias=False))
    model.add(BatchNormalization(center=False, scale=False))
    model.add(Activation('relu'))
    model.add(Flatten())
    model.add(Dense(4, activation='softmax'))
    model.compile(optimizer=Adam(lr=0.001), loss='sparse_categorical_crossentropy', metrics=['accuracy'])
    return model


np.random.seed(60)
x = np.random.rand(40, 10, 10, 1).astype('float32')
y = np.random.randint(0, 4, (40, 1))

model = build_model()
seed_weights(model, seed=61, scale=0.3)
for layer in model.layers:
    if isinstance(layer, BatchNormalization):
        w = layer.get_weights()
        w[-2:] = [np.zeros_like(w[-2]), np.ones_like(w[-1])]
        layer.set_weights(w)

hist = model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
loss, acc = model.evaluate(x, y, batch_size=8, verbose=0)
pred = model.predict(x[:3])

model.save_weights('bn_cnn_weights.h5')
fresh = build_model()
fresh.load_weights('bn_cnn_weights.h5')
model.save('bn_cnn.h5')
reloaded = load_model('bn_cnn.h5')

trace(bn_weight_counts=[len(l.get_weights()) for l in model.layers if isinstance(l, BatchNormalization)],
      loss=approx(hist.history['loss'], rel=5e-3),
      eval_loss=approx(loss, rel=5e-3),
      moving_var=approx(model.layers[1].get_weights()[3].tolist(), rel=5e-3, abs=1e-4),
      pred=approx(pred.tolist(), rel=3e-2, abs=3e-3),
      weights_reload_same=bool(np.allclose(fresh.predict(x[:3]), pred, atol=1e-6)),
      model_reload_same=bool(np.allclose(reloaded.predict(x[:3]), pred, atol=1e-6)),
      reloaded_optimizer=type(reloaded.optimizer).__name__,
      files=sorted(f for f in os.listdir('.') if f.endswith('.h5')),
      params=model.count_params())
