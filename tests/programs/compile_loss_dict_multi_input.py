"""Siamese-style two-input model (Model(inputs=[left, right], outputs=[sim, cls])) fed with
dicts keyed by Input names and compiled with losses given as a dict
({'similarity': 'mse', 'category': 'categorical_crossentropy'}) including a custom loss
function for one output, loss_weights as a dict and a per-output metrics dict holding lists.
"""
import numpy as np
from keras import layers
from keras import backend as K
from keras.models import Model
from keras.utils import to_categorical

from _trace import trace, approx, seed_weights


def huber_loss(y_true, y_pred, clip_delta=1.0):
    error = y_true - y_pred
    cond = K.abs(error) < clip_delta
    squared_loss = 0.5 * K.square(error)
    linear_loss = clip_delta * (K.abs(error) - 0.5 * clip_delta)
    return K.mean(K.switch(cond, squared_loss, linear_loss), axis=-1)


rs = np.random.RandomState(8)
left = rs.rand(64, 5).astype('float32')
right = rs.rand(64, 5).astype('float32')
sim = np.abs(left - right).sum(axis=1, keepdims=True).astype('float32')
cat = to_categorical(rs.randint(0, 3, 64), 3)

in_l = layers.Input(shape=(5,), name='left')
in_r = layers.Input(shape=(5,), name='right')
encoder = layers.Dense(8, activation='relu')
diff = layers.subtract([encoder(in_l), encoder(in_r)])
merged = layers.concatenate([diff, encoder(in_l)])
similarity = layers.Dense(1, name='similarity')(diff)
category = layers.Dense(3, activation='softmax', name='category')(merged)
model = Model(inputs=[in_l, in_r], outputs=[similarity, category])

model.compile(optimizer='adam',
              loss={'similarity': huber_loss, 'category': 'categorical_crossentropy'},
              loss_weights={'similarity': 2.0, 'category': 1.0},
              metrics={'similarity': ['mae', 'mse'], 'category': ['accuracy']})
seed_weights(model)
history = model.fit({'left': left, 'right': right}, {'similarity': sim, 'category': cat},
                    batch_size=16, epochs=2, shuffle=False, verbose=0)
print(history.history['similarity_loss'])
preds = model.predict({'left': left[:5], 'right': right[:5]})

trace(history_keys=sorted(history.history.keys()),
      metrics_names=model.metrics_names,
      input_names=model.input_names,
      similarity_loss=approx(history.history['similarity_loss'], rel=2e-3),
      category_acc=approx(history.history['category_acc'], rel=1e-3),
      loss=approx(history.history['loss'], rel=2e-3),
      predict=[p.shape for p in preds])
