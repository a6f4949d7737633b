"""Transfer learning as in the Keras applications docs ("Fine-tune InceptionV3 on a new set of
classes"), with a tiny pre-trained conv base containing ``BatchNormalization``: a new
``GlobalAveragePooling2D`` + Dense head on ``base_model.output``, ``for layer in base_model.layers:
layer.trainable = False``, compile with ``rmsprop`` and train the head, then unfreeze the top block
(``model.layers[:N]`` frozen, ``model.layers[N:]`` trainable), recompile with
``SGD(lr=0.0001, momentum=0.9)`` and fine-tune. The trace records which base weights, including
the frozen BN moving statistics, each phase changed.
"""
import numpy as np
from keras.models import Model
from keras.layers import Input, Conv2D, BatchNormalization, Activation
from keras.layers import GlobalAveragePooling2D, Dense
from keras.optimizers import SGD
from keras.utils import to_categorical

from _trace import trace, approx, seed_weights, snapshot, changed

np.random.seed(101)
x_a = np.random.rand(32, 8, 8, 3).astype('float32')
y_a = to_categorical(np.random.randint(0, 5, 32), 5)
x_b = np.random.rand(32, 8, 8, 3).astype('float32') * 2.0
y_b = to_categorical(np.random.randint(0, 3, 32), 3)

# "pre-trained" base network
inputs = Input(shape=(8, 8, 3))
h = Conv2D(6, (3, 3), padding='same')(inputs)
h = BatchNormalization()(h)
h = Activation('relu')(h)
h = Conv2D(8, (3, 3), padding='same')(h)
h = BatchNormalization()(h)
h = Activation('relu')(h)
base_model = Model(inputs, h)
pretrain = Model(inputs, Dense(5, activation='softmax')(GlobalAveragePooling2D()(base_model.output)))
pretrain.compile(optimizer='sgd', loss='categorical_crossentropy')
seed_weights(pretrain, seed=50, scale=0.3)
for layer in base_model.layers:
    if isinstance(layer, BatchNormalization):
        g, b, m, v = layer.get_weights()
        layer.set_weights([g + 1.0, b, np.zeros_like(m), np.ones_like(v)])
pretrain.fit(x_a, y_a, batch_size=8, epochs=1, shuffle=False, verbose=0)

# add a global spatial average pooling layer and a new classifier
x = base_model.output
x = GlobalAveragePooling2D()(x)
x = Dense(16, activation='relu')(x)
predictions = Dense(3, activation='softmax')(x)
model = Model(inputs=base_model.input, outputs=predictions)
head = model.layers[len(base_model.layers):]
rng = np.random.RandomState(51)
for layer in head:
    layer.set_weights([rng.uniform(-0.3, 0.3, w.shape) for w in layer.get_weights()])

# first: train only the top layers (which were randomly initialized)
for layer in base_model.layers:
    layer.trainable = False
model.compile(optimizer='rmsprop', loss='categorical_crossentropy', metrics=['accuracy'])
before = snapshot(base_model)
phase1 = model.fit(x_b, y_b, batch_size=8, epochs=2, shuffle=False, verbose=0)
after1 = snapshot(base_model)
trainable_phase1 = len(model.trainable_weights)

# then fine-tune the second conv block together with the head
for layer in model.layers[:4]:
    layer.trainable = False
for layer in model.layers[4:]:
    layer.trainable = True
model.compile(optimizer=SGD(lr=0.0001, momentum=0.9), loss='categorical_crossentropy',
              metrics=['accuracy'])
phase2 = model.fit(x_b, y_b, batch_size=8, epochs=1, shuffle=False, verbose=0)
after2 = snapshot(base_model)

trace(base_weight_shapes=[list(w.shape) for w in before],
      phase1_changed_base=changed(before, after1),
      phase2_changed_base=changed(after1, after2),
      trainable_weights=[trainable_phase1, len(model.trainable_weights)],
      phase1_loss=approx(phase1.history['loss'], rel=1e-2),
      phase2_loss=approx(phase2.history['loss'], rel=1e-2),
      predict=approx(model.predict(x_b[:2]).tolist(), rel=2e-2, abs=1e-3),
      history_keys=sorted(phase2.history.keys()))
